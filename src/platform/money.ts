// Money is exact: integer öre (bigint) inside, decimal strings ("1234.50") at the edges. Never a float.
import { AppError } from './errors.ts';

const decimalPattern = /^(-)?(\d{1,15})(?:[.,](\d{1,2}))?$/;

/** Parses "1234.5", "1234,50" or "-12" into öre. Throws validation_failed for anything else. */
export function parseOre(value: string, field = 'amount'): bigint {
  const m = decimalPattern.exec(value.trim());
  if (!m) {
    throw new AppError('validation_failed', {
      sv: `Ogiltigt belopp: "${value}" (högst två decimaler).`,
      en: `Invalid amount: "${value}" (at most two decimals).`,
    }, { issues: [{ path: field, message: 'invalid amount' }] });
  }
  const ore = BigInt(m[2]!) * 100n + BigInt((m[3] ?? '0').padEnd(2, '0'));
  return m[1] ? -ore : ore;
}

/** Formats öre as a plain decimal string with two decimals: 123450n → "1234.50". */
export function formatOre(ore: bigint | string | number): string {
  const v = typeof ore === 'bigint' ? ore : BigInt(ore);
  const neg = v < 0n;
  const abs = neg ? -v : v;
  const kr = abs / 100n;
  const rest = (abs % 100n).toString().padStart(2, '0');
  return `${neg ? '-' : ''}${kr}.${rest}`;
}

/** Swedish display: 123450n → "1 234,50 kr" (non-breaking spaces as thousands separator). */
export function displayKr(ore: bigint | string): string {
  const [int, frac] = formatOre(typeof ore === 'bigint' ? ore : BigInt(ore)).split('.') as [string, string];
  const neg = int.startsWith('-');
  const digits = neg ? int.slice(1) : int;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return `${neg ? '−' : ''}${grouped},${frac}\u00a0kr`;
}
