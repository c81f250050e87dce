import { test } from 'node:test';
import assert from 'node:assert/strict';
import { displayKr, formatOre, parseOre } from './money.ts';
import { AppError } from './errors.ts';

test('parses decimal strings into öre without floating point', () => {
  assert.equal(parseOre('1234.5'), 123450n);
  assert.equal(parseOre('1234,50'), 123450n);
  assert.equal(parseOre('-0.01'), -1n);
  assert.equal(parseOre('999999999999999.99'), 99999999999999999n); // beyond 2^53 öre stays exact
  assert.equal(parseOre('0.1') + parseOre('0.2'), parseOre('0.3'));
});

test('refuses amounts with more than two decimals or junk', () => {
  for (const bad of ['12.345', '1e3', '', 'abc', '1 000', '--1', '1.']) {
    assert.throws(() => parseOre(bad), (e: unknown) => e instanceof AppError && e.code === 'validation_failed', bad);
  }
});

test('formats öre as plain decimals and Swedish display', () => {
  assert.equal(formatOre(123450n), '1234.50');
  assert.equal(formatOre(-5n), '-0.05');
  assert.equal(formatOre('100'), '1.00');
  assert.equal(displayKr(123450n), '1\u00a0234,50\u00a0kr');
  assert.equal(displayKr(-123456789n), '−1\u00a0234\u00a0567,89\u00a0kr');
  assert.equal(displayKr(0n), '0,00\u00a0kr');
});
