// Field value helpers shared by the reader and the writer: amounts (spec 5.9), dates (5.10).

const AMOUNT = /^(-?)(\d+)(?:\.(\d{1,2}))?$/;

/** '-1234.5' → -123450n (öre). Null when not a SIE amount (dot separator, at most two decimals, no '+'). */
export function parseAmountOre(text: string): bigint | null {
  const m = AMOUNT.exec(text);
  if (!m) return null;
  const ore = BigInt(m[2] as string) * 100n + BigInt((m[3] ?? '').padEnd(2, '0') || '0');
  return m[1] ? -ore : ore;
}

/** -123450n → '-1234.50' */
export function formatAmountOre(ore: bigint): string {
  const neg = ore < 0n;
  const abs = neg ? -ore : ore;
  const kr = abs / 100n;
  const rest = (abs % 100n).toString().padStart(2, '0');
  return `${neg ? '-' : ''}${kr}.${rest}`;
}

export type DateCheck = { ok: true; iso: string } | { ok: false; reason: 'iso-form' | 'invalid' };

/** 'YYYYMMDD' → 'YYYY-MM-DD' when it is a real calendar date. */
export function parseSieDate(text: string): DateCheck {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return { ok: false, reason: 'iso-form' };
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!m) return { ok: false, reason: 'invalid' };
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (!isRealDate(y, mo, d)) return { ok: false, reason: 'invalid' };
  return { ok: true, iso: `${m[1]}-${m[2]}-${m[3]}` };
}

export function isRealDate(y: number, m: number, d: number): boolean {
  if (y < 1 || m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] as number;
  return d <= days;
}

/** 'YYYY-MM-DD' → 'YYYYMMDD'; throws when not a real date. */
export function isoToSieDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m || !isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
    throw new Error(`Ogiltigt datum "${iso}", väntade ÅÅÅÅ-MM-DD / invalid date "${iso}", expected YYYY-MM-DD`);
  }
  return `${m[1]}${m[2]}${m[3]}`;
}
