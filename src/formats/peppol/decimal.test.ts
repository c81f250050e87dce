import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDecimal, plainScaled, lastPlainScale, add, sub, mul, div, compare, eq, round, round2, toString, normalize, sum, fractionDigits, divPow10, abs, neg, isZero } from './decimal.ts';

const D = (s: string) => {
  const d = parseDecimal(s);
  assert.ok(d, `not a decimal: ${s}`);
  return d;
};

test('parses xs:decimal lexical forms and rejects the rest', () => {
  assert.deepEqual(parseDecimal('12'), { value: 12n, scale: 0 });
  assert.deepEqual(parseDecimal('-0.50'), { value: -50n, scale: 2 });
  assert.deepEqual(parseDecimal('+3.'), { value: 3n, scale: 0 });
  assert.deepEqual(parseDecimal('.5'), { value: 5n, scale: 1 });
  assert.deepEqual(parseDecimal(' 1.25\n'), { value: 125n, scale: 2 });
  assert.deepEqual(parseDecimal('007.10'), { value: 710n, scale: 2 });
  for (const bad of ['', '.', '-', '1e3', '1,5', 'abc', '1.2.3', '- 1', 'NaN', 'Infinity']) assert.equal(parseDecimal(bad), undefined, bad);
  assert.equal(parseDecimal(undefined), undefined);
  // beyond 15 digits (no float shortcut), signs, and the cache returning the same value twice
  assert.deepEqual(parseDecimal('-12345678901234567890.123'), { value: -12345678901234567890123n, scale: 3 });
  assert.deepEqual(parseDecimal('9007199254740993'), { value: 9007199254740993n, scale: 0 });
  assert.deepEqual(parseDecimal('\t-0\r'), { value: 0n, scale: 0 });
  assert.deepEqual(parseDecimal('9007199254740993'), { value: 9007199254740993n, scale: 0 });
  for (const bad of ['+', ' ', '5 5', '+.', '١']) assert.equal(parseDecimal(bad), undefined, bad);
  assert.equal(fractionDigits('1.234'), 3);
  assert.equal(fractionDigits('10'), 0);
});

test('exact arithmetic without floats', () => {
  assert.equal(toString(add(D('0.1'), D('0.2'))), '0.3');
  assert.equal(toString(sub(D('1'), D('0.01'))), '0.99');
  assert.equal(toString(mul(D('1.5'), D('-2.25'))), '-3.375');
  assert.equal(toString(sum([D('1.10'), D('2.2'), D('-0.3')])), '3.00');
  assert.equal(compare(D('1.0'), D('1')), 0);
  assert.equal(compare(D('-1'), D('0.5')), -1);
  assert.ok(eq(D('2.50'), D('2.5')));
  assert.equal(toString(divPow10(D('25'), 2)), '0.25');
  assert.equal(toString(abs(D('-3.1'))), '3.1');
  assert.equal(toString(neg(D('3.1'))), '-3.1');
  assert.ok(isZero(D('-0.00')));
  assert.equal(toString(normalize(D('1.500'))), '1.5');
  assert.equal(toString(D('0.05')), '0.05');
  assert.equal(toString(D('-0.005')), '-0.005');
  const big = D('123456789012345678901234567890.123456789');
  assert.equal(toString(add(big, D('0.000000001'))), '123456789012345678901234567890.123456790');
});

test('rounding half-up (commercial) and half-ceiling (XPath round)', () => {
  assert.equal(toString(round2(D('1.005'))), '1.01');
  assert.equal(toString(round2(D('-1.005'))), '-1.01');
  assert.equal(toString(round2(D('1.004999'))), '1.00');
  assert.equal(toString(round2(D('2'))), '2.00');
  assert.equal(toString(round(D('-12.5'), 0, 'half-ceiling')), '-12');
  assert.equal(toString(round(D('12.5'), 0, 'half-ceiling')), '13');
  assert.equal(toString(round(D('-12.51'), 0, 'half-ceiling')), '-13');
  assert.equal(toString(round(D('-12.5'), 0, 'half-up')), '-13');
  assert.equal(toString(round(D('0.125'), 2)), '0.13');
  assert.equal(toString(round(D('-0.004'), 2)), '0.00');
});

test('division rounds correctly', () => {
  assert.equal(toString(div(D('1'), D('3'), 4)!), '0.3333');
  assert.equal(toString(div(D('2'), D('3'), 2)!), '0.67');
  assert.equal(toString(div(D('-2'), D('3'), 2)!), '-0.67');
  assert.equal(toString(div(D('1'), D('8'), 2)!), '0.13');
  assert.equal(toString(div(D('-1'), D('8'), 2, 'half-ceiling')!), '-0.12');
  assert.equal(toString(div(D('10.00'), D('-4'), 2)!), '-2.50');
  assert.equal(div(D('1'), D('0')), undefined);
});

test('plainScaled reads plain decimals exactly as parseDecimal does, NaN for any other form', () => {
  for (const s of ['12', '-0.50', '007.10', '0', '-0', '3.', '.5', '123456789012345', '-99999999999999.9', '0.00000000000001']) {
    const d = parseDecimal(s)!;
    const v = plainScaled(s);
    assert.equal(v, Number(d.value), s);
    assert.equal(lastPlainScale(), d.scale, s);
    assert.ok(!Object.is(v, -0), s); // '-0' reads as +0 (a BigInt has no -0 either)
  }
  // blanks, '+', more than 15 digits and non-decimals are left to parseDecimal
  for (const s of ['', '.', '-', ' 1', '1 ', '+3', '1234567890123456', '0.000000000000001', '1.2.3', '1e3', 'abc', '--1']) assert.ok(Number.isNaN(plainScaled(s)), s);
});
