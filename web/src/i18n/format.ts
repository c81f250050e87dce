// Display formatting for amounts and dates. Amounts arrive as decimal strings ("1234.50") and are
// never turned into floating point numbers: the integer part is formatted as a BigInt and the
// fraction is rounded as a string, so any amount formats exactly.

export type Locale = 'sv' | 'en';

const intlLocale: Record<Locale, string> = { sv: 'sv-SE', en: 'en-GB' };

const AMOUNT = /^\s*([+-])?(\d+)(?:[.,](\d*))?\s*$/;

/** Rounds a non-negative decimal (integer digits, fraction digits) half-up to `digits` decimals. */
function roundHalfUp(intPart: string, fraction: string, digits: number): { int: bigint; fraction: string } {
  if (fraction.length <= digits) return { int: BigInt(intPart), fraction: fraction.padEnd(digits, '0') };
  const kept = fraction.slice(0, digits);
  const roundUp = (fraction.charCodeAt(digits) - 48) >= 5;
  let scaled = BigInt(intPart + kept);
  if (roundUp) scaled += 1n;
  const s = scaled.toString().padStart(digits + 1, '0');
  return { int: BigInt(s.slice(0, s.length - digits)), fraction: digits === 0 ? '' : s.slice(s.length - digits) };
}

/**
 * Formats a decimal string amount for display, e.g. formatAmount("1234.5", "SEK") → "1 234,50 kr"
 * (the spaces are U+00A0 no-break spaces, as Intl produces them for sv-SE).
 * Returns the input unchanged if it is not a decimal number.
 */
export function formatAmount(value: string, currency = 'SEK', locale: Locale = 'sv'): string {
  const m = AMOUNT.exec(value);
  if (!m) return value;
  const [, sign, intDigits = '0', fractionDigits = ''] = m;
  const nf = new Intl.NumberFormat(intlLocale[locale], { style: 'currency', currency, currencyDisplay: locale === 'sv' ? 'symbol' : 'code' });
  const digits = nf.resolvedOptions().maximumFractionDigits ?? 2;
  const { int, fraction } = roundHalfUp(intDigits, fractionDigits, digits);
  const negative = sign === '-' && (int !== 0n || /[1-9]/.test(fraction));
  // Format a template with the right sign and integer digits, then put our exact fraction in.
  const template = negative ? -(int === 0n ? 1n : int) : int;
  return nf
    .formatToParts(template)
    .map((p) => {
      if (p.type === 'fraction') return fraction;
      if (p.type === 'integer' && int === 0n) return '0';
      return p.value;
    })
    .join('');
}

/** Formats a plain decimal string (no currency) with locale grouping, e.g. "50000.00" → "50 000,00". */
export function formatDecimal(value: string, locale: Locale = 'sv', digits = 2): string {
  const m = AMOUNT.exec(value);
  if (!m) return value;
  const [, sign, intDigits = '0', fractionDigits = ''] = m;
  const { int, fraction } = roundHalfUp(intDigits, fractionDigits, digits);
  const nf = new Intl.NumberFormat(intlLocale[locale], { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const negative = sign === '-' && (int !== 0n || /[1-9]/.test(fraction));
  const template = negative ? -(int === 0n ? 1n : int) : int;
  return nf
    .formatToParts(template)
    .map((p) => (p.type === 'fraction' ? fraction : p.type === 'integer' && int === 0n ? '0' : p.value))
    .join('');
}

/**
 * Normalises an amount typed by a person ("12 500,50", "12500.5", "50000") to the API's decimal
 * string ("12500.50"), or returns null if it is not a valid non-negative amount with at most two
 * decimals. Pure string handling, no floats.
 */
export function parseAmountInput(input: string): string | null {
  const compact = input.replace(/[\s\u00a0\u202f]/g, '').replace(/kr$/i, '');
  const m = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(compact);
  if (!m) return null;
  const intPart = (m[1] ?? '0').replace(/^0+(?=\d)/, '');
  return `${intPart}.${(m[2] ?? '').padEnd(2, '0')}`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Calendar dates are shown as ISO 8601 (YYYY-MM-DD) in every locale; null shows as a dash. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '–';
  return value.slice(0, 10);
}

/** Today's calendar date in Europe/Stockholm as YYYY-MM-DD. */
export function todayIso(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** A UTC timestamp shown in Swedish time as "YYYY-MM-DD HH:MM:SS". */
export function formatTimestamp(value: string): string {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).format(d);
}

/** Adds decimal string amounts exactly (as öre in BigInt): ["1.50", "2.25"] → "3.75". */
export function sumAmounts(values: readonly string[]): string {
  let ore = 0n;
  for (const v of values) {
    const m = AMOUNT.exec(v);
    if (!m) continue;
    const [, sign, intDigits = '0', fractionDigits = ''] = m;
    const x = BigInt(intDigits) * 100n + BigInt((fractionDigits + '00').slice(0, 2));
    ore += sign === '-' ? -x : x;
  }
  const neg = ore < 0n;
  const abs = neg ? -ore : ore;
  return `${neg ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** The calendar date `days` after an ISO date (YYYY-MM-DD). */
export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
