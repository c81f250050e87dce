// What paying a supplier's invoice late costs under Swedish law, when nothing else is agreed:
// - dröjsmålsränta: Riksbankens referensränta + 8 percentage points (räntelagen 1975:635, 6 §). The
//   reference rate is set per calendar half-year (9 §) and the interest follows it while it runs;
// - förseningsersättning: 450 kr per invoice when the debtor is a business or a public body
//   (lag 1981:739 om ersättning för inkassokostnader m.m., 4 a §).
// Pure and exact: öre as bigint, rates as integer hundredths of a percent, no floating point.
import { isIsoDate } from '../../platform/dates.ts';
import { AppError } from '../../platform/errors.ts';
import { referenceRates, type ReferenceRate } from './reference-rates.ts';

export const LATE_PAYMENT_FEE_ORE = 45000n;

/** The eight percentage points of räntelagen 6 §, in hundredths of a percent. */
const MARGIN_HUNDREDTHS = 800n;
const DAYS_PER_YEAR = 365n;
const DAY_MS = 86_400_000;

export type LatePaymentPeriod = { from: string; to: string; days: number; ratePercent: string; interestOre: bigint };

export type LatePaymentCost = { days: number; interestOre: bigint; feeOre: bigint; totalOre: bigint; periods: LatePaymentPeriod[] };

function checkDate(value: string, field: string): void {
  if (!isIsoDate(value)) {
    throw new AppError('validation_failed', {
      sv: `Ogiltigt datum: "${value}" (väntade ÅÅÅÅ-MM-DD).`,
      en: `Invalid date: "${value}" (expected YYYY-MM-DD).`,
    }, { issues: [{ path: field, message: 'invalid date' }] });
  }
}

const toDay = (date: string): number => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
const fromDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

const ratePattern = /^(-)?(\d{1,3})\.(\d{2})$/;

/** '2.00' → 200n, '-0.50' → -50n. */
function toHundredths(rate: string): bigint {
  const m = ratePattern.exec(rate);
  if (!m) throw new Error(`Malformed reference rate "${rate}" in the rate table`);
  const v = BigInt(m[2]!) * 100n + BigInt(m[3]!);
  return m[1] ? -v : v;
}

/** 1000n → '10.00', -50n → '-0.50'. */
function fromHundredths(v: bigint): string {
  const abs = v < 0n ? -v : v;
  return `${v < 0n ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** Rounds numerator/denominator (both ≥ 0, denominator > 0) to the nearest integer, halves up. */
const divideHalfUp = (numerator: bigint, denominator: bigint): bigint => (2n * numerator + denominator) / (2n * denominator);

/**
 * The reference rate of the half-year containing `date`, e.g. '2.00'. Dates after the table's last
 * row get that row's rate; dates before its first row are refused.
 */
export function referenceRateOn(date: string, rates: readonly ReferenceRate[] = referenceRates): string {
  checkDate(date, 'date');
  let found: ReferenceRate | undefined;
  for (const r of rates) {
    if (r.from <= date) found = r;
    else break;
  }
  if (!found) {
    throw new AppError('validation_failed', {
      sv: `Referensränta saknas för ${date} (tabellen börjar ${rates[0]?.from ?? '–'}).`,
      en: `No reference rate for ${date} (the table starts ${rates[0]?.from ?? '–'}).`,
    }, { issues: [{ path: 'date', message: 'before the first reference rate' }] });
  }
  return found.rate;
}

/** The statutory late-payment interest rate on `date`: reference rate + 8, e.g. '10.00'. */
export function interestRatePercentOn(date: string, rates: readonly ReferenceRate[] = referenceRates): string {
  return fromHundredths(toHundredths(referenceRateOn(date, rates)) + MARGIN_HUNDREDTHS);
}

/** The last day of the calendar half-year that `date` lies in. */
const halfYearEnd = (date: string): string => `${date.slice(0, 4)}-${date.slice(5, 7) <= '06' ? '06-30' : '12-31'}`;

const nothing = (): LatePaymentCost => ({ days: 0, interestOre: 0n, feeOre: 0n, totalOre: 0n, periods: [] });

/**
 * The cost of paying `amountOre` on `paidOn` when it fell due on `dueDate`.
 * - Interest runs from the day after the due date up to and including the payment day, day by day
 *   on actual/365 (also in leap years), split at each half-year boundary and charged at that
 *   half-year's rate (reference rate + 8). Each period is rounded to whole öre, halves up, once.
 * - The 450 kr fee is due once when the payment is at least one day late.
 * - Paid on or before the due date, or an amount ≤ 0 (credit notes, zero invoices): everything is 0
 *   and there are no periods.
 * The due date is taken as given: if it fell on a weekend or holiday and payment on the next working
 * day counts as in time, pass the moved date (e.g. `addWorkingDays(dueDate, 0)`).
 */
export function latePaymentCost(
  input: { amountOre: bigint; dueDate: string; paidOn: string },
  rates: readonly ReferenceRate[] = referenceRates,
): LatePaymentCost {
  checkDate(input.dueDate, 'dueDate');
  checkDate(input.paidOn, 'paidOn');
  const days = toDay(input.paidOn) - toDay(input.dueDate);
  if (days <= 0 || input.amountOre <= 0n) return nothing();

  const periods: LatePaymentPeriod[] = [];
  let from = fromDay(toDay(input.dueDate) + 1);
  while (from <= input.paidOn) {
    const end = halfYearEnd(from);
    const to = end < input.paidOn ? end : input.paidOn;
    const periodDays = toDay(to) - toDay(from) + 1;
    const rate = toHundredths(interestRatePercentOn(from, rates));
    const positiveRate = rate > 0n ? rate : 0n; // only a reference rate below −8 % could make it negative
    const interestOre = divideHalfUp(input.amountOre * positiveRate * BigInt(periodDays), 100n * 100n * DAYS_PER_YEAR);
    periods.push({ from, to, days: periodDays, ratePercent: fromHundredths(rate), interestOre });
    from = fromDay(toDay(to) + 1);
  }
  const interestOre = periods.reduce((sum, p) => sum + p.interestOre, 0n);
  return { days, interestOre, feeOre: LATE_PAYMENT_FEE_ORE, totalOre: interestOre + LATE_PAYMENT_FEE_ORE, periods };
}
