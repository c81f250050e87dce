import { test } from 'node:test';
import assert from 'node:assert/strict';
import { interestRatePercentOn, LATE_PAYMENT_FEE_ORE, latePaymentCost, referenceRateOn } from './late-payment.ts';
import { referenceRates } from './reference-rates.ts';
import { AppError } from '../../platform/errors.ts';

const kr = (n: number): bigint => BigInt(n) * 100n;
const zero = { days: 0, interestOre: 0n, feeOre: 0n, totalOre: 0n, periods: [] };
const isValidation = (e: unknown): boolean => e instanceof AppError && e.code === 'validation_failed';

test('the rate table: one row per half-year from 2020-01-01, sorted, no gaps, two decimals', () => {
  assert.equal(referenceRates[0]!.from, '2020-01-01');
  for (let i = 0; i < referenceRates.length; i += 1) {
    const r = referenceRates[i]!;
    assert.match(r.from, /^\d{4}-(01|07)-01$/);
    assert.match(r.rate, /^-?\d+\.\d{2}$/);
    // A reference rate is always a whole or half percentage point.
    assert.ok(r.rate.endsWith('.00') || r.rate.endsWith('.50'), r.rate);
    if (i > 0) {
      const prev = referenceRates[i - 1]!.from;
      const expected = prev.slice(5) === '01-01' ? `${prev.slice(0, 4)}-07-01` : `${Number(prev.slice(0, 4)) + 1}-01-01`;
      assert.equal(r.from, expected);
    }
  }
});

test('referenceRateOn picks the half-year containing the date', () => {
  assert.equal(referenceRateOn('2020-03-15'), '0.00');
  assert.equal(referenceRateOn('2022-12-31'), '0.50');
  assert.equal(referenceRateOn('2023-01-01'), '2.50');
  assert.equal(referenceRateOn('2023-06-30'), '2.50');
  assert.equal(referenceRateOn('2023-07-01'), '3.50');
  assert.equal(referenceRateOn('2024-09-01'), '4.00');
  assert.equal(referenceRateOn('2025-06-30'), '3.00');
  assert.equal(referenceRateOn('2025-07-01'), '2.00');
  assert.equal(referenceRateOn('2026-03-01'), '2.00');
});

test('after the last row the last rate applies; before the first row is refused', () => {
  const last = referenceRates[referenceRates.length - 1]!;
  assert.equal(referenceRateOn('2099-12-31'), last.rate);
  assert.throws(() => referenceRateOn('2019-12-31'), isValidation);
  assert.throws(() => referenceRateOn('2026-02-30'), isValidation);
});

test('interestRatePercentOn is reference rate + 8', () => {
  assert.equal(interestRatePercentOn('2021-05-05'), '8.00');
  assert.equal(interestRatePercentOn('2024-01-01'), '12.00');
  assert.equal(interestRatePercentOn('2025-06-30'), '11.00');
  assert.equal(interestRatePercentOn('2026-01-01'), '10.00');
  assert.equal(interestRatePercentOn('2026-01-01', [{ from: '2026-01-01', rate: '1.75' }]), '9.75');
  assert.equal(interestRatePercentOn('2019-01-01', [{ from: '2019-01-01', rate: '-0.50' }]), '7.50');
});

test('10 000 kr paid 30 days late within 2026H1: 10.00 % → 82.19 kr + 450 kr', () => {
  // 1 000 000 öre × 10.00 % × 30 / 365 = 8219.18 öre.
  const cost = latePaymentCost({ amountOre: kr(10_000), dueDate: '2026-03-02', paidOn: '2026-04-01' });
  assert.deepEqual(cost, {
    days: 30,
    interestOre: 8219n,
    feeOre: 45000n,
    totalOre: 53219n,
    periods: [{ from: '2026-03-03', to: '2026-04-01', days: 30, ratePercent: '10.00', interestOre: 8219n }],
  });
});

test('the same with a 1.75 % reference rate: 9.75 % → 80.14 kr (8014 öre)', () => {
  // 1 000 000 × 9.75 % × 30 / 365 = 8013.70 öre.
  const cost = latePaymentCost({ amountOre: kr(10_000), dueDate: '2026-03-02', paidOn: '2026-04-01' }, [{ from: '2026-01-01', rate: '1.75' }]);
  assert.equal(cost.interestOre, 8014n);
  assert.equal(cost.totalOre, 8014n + LATE_PAYMENT_FEE_ORE);
  assert.equal(cost.periods[0]!.ratePercent, '9.75');
});

test('split across the half-year boundary 2025-06-30 / 2025-07-01', () => {
  const cost = latePaymentCost({ amountOre: kr(10_000), dueDate: '2025-06-20', paidOn: '2025-07-10' });
  // 10 days at 3.00 + 8 = 11 %: 1 000 000 × 1100 × 10 / 3 650 000 = 3013.70 → 3014
  // 10 days at 2.00 + 8 = 10 %: 1 000 000 × 1000 × 10 / 3 650 000 = 2739.73 → 2740
  assert.deepEqual(cost.periods, [
    { from: '2025-06-21', to: '2025-06-30', days: 10, ratePercent: '11.00', interestOre: 3014n },
    { from: '2025-07-01', to: '2025-07-10', days: 10, ratePercent: '10.00', interestOre: 2740n },
  ]);
  assert.equal(cost.days, 20);
  assert.equal(cost.interestOre, 5754n);
  assert.equal(cost.totalOre, 5754n + 45000n);
});

test('a long delay spans several half-years; the parts add up', () => {
  const cost = latePaymentCost({ amountOre: 123_456_789n, dueDate: '2024-12-31', paidOn: '2026-01-31' });
  assert.deepEqual(cost.periods.map((p) => [p.from, p.to, p.days, p.ratePercent]), [
    ['2025-01-01', '2025-06-30', 181, '11.00'],
    ['2025-07-01', '2025-12-31', 184, '10.00'],
    ['2026-01-01', '2026-01-31', 31, '10.00'],
  ]);
  assert.equal(cost.days, 396);
  assert.equal(cost.periods.reduce((s, p) => s + p.days, 0), cost.days);
  assert.equal(cost.periods.reduce((s, p) => s + p.interestOre, 0n), cost.interestOre);
  assert.equal(cost.totalOre, cost.interestOre + cost.feeOre);
});

test('paid on the due date, or early: nothing', () => {
  assert.deepEqual(latePaymentCost({ amountOre: kr(10_000), dueDate: '2026-03-02', paidOn: '2026-03-02' }), zero);
  assert.deepEqual(latePaymentCost({ amountOre: kr(10_000), dueDate: '2026-03-02', paidOn: '2026-02-20' }), zero);
});

test('one day late: one day of interest and the whole fee', () => {
  const cost = latePaymentCost({ amountOre: kr(10_000), dueDate: '2026-03-02', paidOn: '2026-03-03' });
  // 1 000 000 × 1000 × 1 / 3 650 000 = 273.97 → 274
  assert.deepEqual(cost, { days: 1, interestOre: 274n, feeOre: 45000n, totalOre: 45274n, periods: [{ from: '2026-03-03', to: '2026-03-03', days: 1, ratePercent: '10.00', interestOre: 274n }] });
});

test('credit notes and zero amounts: nothing', () => {
  assert.deepEqual(latePaymentCost({ amountOre: -kr(10_000), dueDate: '2026-03-02', paidOn: '2026-04-01' }), zero);
  assert.deepEqual(latePaymentCost({ amountOre: 0n, dueDate: '2026-03-02', paidOn: '2026-04-01' }), zero);
});

test('rounding: exactly half an öre rounds up, just under half rounds down', () => {
  // At 10.00 % for one day, 1825 öre earns 1825 × 1000 / 3 650 000 = 0.5 öre exactly.
  const at = (amountOre: bigint): bigint => latePaymentCost({ amountOre, dueDate: '2026-03-02', paidOn: '2026-03-03' }).interestOre;
  assert.equal(at(1825n), 1n);
  assert.equal(at(1824n), 0n);
  assert.equal(at(5475n), 2n); // 1.5 → 2
  assert.equal(at(5474n), 1n); // 1.4997 → 1
});

test('each period is rounded once, not each day', () => {
  // 1000 öre at 10 % is 0.274 öre a day: rounding per day would give 0, per period 30 days give 8.
  assert.equal(latePaymentCost({ amountOre: 1000n, dueDate: '2026-03-02', paidOn: '2026-04-01' }).interestOre, 8n);
});

test('actual/365 also in a leap year', () => {
  // 2024-02-28 → 2024-03-01 is two days (29 Feb counts); 12 % on 365 000 öre: 365 000 × 1200 × 2 / 3 650 000 = 240.
  const cost = latePaymentCost({ amountOre: 365_000n, dueDate: '2024-02-28', paidOn: '2024-03-01' });
  assert.equal(cost.days, 2);
  assert.equal(cost.interestOre, 240n);
});

test('big amounts stay exact', () => {
  // 10 000 000 000 kr (10^12 öre) for 365 days at 10.00 % in 2026H1 + H2 (H2 uses the last known rate).
  const cost = latePaymentCost({ amountOre: 1_000_000_000_000n, dueDate: '2025-12-31', paidOn: '2026-12-31' });
  assert.equal(cost.interestOre, 100_000_000_000n);
});

test('bad dates are refused', () => {
  assert.throws(() => latePaymentCost({ amountOre: 1n, dueDate: '2026-13-01', paidOn: '2026-04-01' }), isValidation);
  assert.throws(() => latePaymentCost({ amountOre: 1n, dueDate: '2026-03-02', paidOn: '1 april' }), isValidation);
  assert.throws(() => latePaymentCost({ amountOre: 1n, dueDate: '2019-11-30', paidOn: '2020-01-10' }), isValidation); // no rate for Dec 2019
});
