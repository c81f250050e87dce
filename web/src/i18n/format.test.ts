import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, formatAmount, formatDecimal, formatDate, formatTimestamp, isIsoDate, parseAmountInput, sumAmounts, todayIso } from './format.ts';

const NBSP = '\u00a0';

test('formatAmount formats Swedish kronor with no-break spaces', () => {
  assert.equal(formatAmount('1234.5', 'SEK'), `1${NBSP}234,50${NBSP}kr`);
  assert.equal(formatAmount('1234.5', 'SEK'), new Intl.NumberFormat('sv-SE', { style: 'currency', currency: 'SEK' }).format(1234.5));
  assert.equal(formatAmount('0', 'SEK'), `0,00${NBSP}kr`);
  assert.equal(formatAmount('50000.00'), `50${NBSP}000,00${NBSP}kr`);
});

test('formatAmount is exact for amounts beyond float precision', () => {
  assert.equal(formatAmount('12345678901234567.89'), `12${NBSP}345${NBSP}678${NBSP}901${NBSP}234${NBSP}567,89${NBSP}kr`);
  assert.equal(formatAmount('0.1'), `0,10${NBSP}kr`);
});

test('formatAmount rounds half up on the string and handles signs', () => {
  assert.equal(formatAmount('1.005'), `1,01${NBSP}kr`);
  assert.equal(formatAmount('9.995'), `10,00${NBSP}kr`);
  assert.equal(formatAmount('-1234.5'), `\u2212${'1'}${NBSP}234,50${NBSP}kr`);
  assert.equal(formatAmount('-0.50'), `\u22120,50${NBSP}kr`);
  assert.equal(formatAmount('-0.00'), `0,00${NBSP}kr`);
});

test('formatAmount in English uses the currency code', () => {
  assert.equal(formatAmount('1234.5', 'SEK', 'en'), `SEK${NBSP}1,234.50`);
});

test('formatAmount returns non-numbers unchanged', () => {
  assert.equal(formatAmount('abc'), 'abc');
});

test('formatDecimal groups without a currency', () => {
  assert.equal(formatDecimal('50000'), `50${NBSP}000,00`);
});

test('parseAmountInput accepts Swedish and plain input without floats', () => {
  assert.equal(parseAmountInput('12 500,5'), '12500.50');
  assert.equal(parseAmountInput('50000'), '50000.00');
  assert.equal(parseAmountInput('007.1'), '7.10');
  assert.equal(parseAmountInput('1 234,50 kr'), '1234.50');
  assert.equal(parseAmountInput('1,234.50'), null);
  assert.equal(parseAmountInput('-5'), null);
  assert.equal(parseAmountInput('1.234'), null);
  assert.equal(parseAmountInput(''), null);
});

test('dates are ISO', () => {
  assert.equal(formatDate('2026-03-01'), '2026-03-01');
  assert.equal(formatDate(null), '–');
  assert.equal(isIsoDate('2026-02-29'), false);
  assert.equal(isIsoDate('2024-02-29'), true);
  assert.equal(isIsoDate('2024-2-9'), false);
  assert.equal(todayIso(new Date('2026-12-31T23:30:00Z')), '2027-01-01');
  assert.equal(formatTimestamp('2026-06-01T10:00:00Z'), '2026-06-01 12:00:00');
});

test('sumAmounts adds decimal strings exactly and addDays moves a calendar date', () => {
  assert.equal(sumAmounts(['0.10', '0.20', '1234.5']), '1234.80');
  assert.equal(sumAmounts(['-5.00', '2.25']), '-2.75');
  assert.equal(sumAmounts([]), '0.00');
  assert.equal(addDays('2025-12-28', 7), '2026-01-04');
});
