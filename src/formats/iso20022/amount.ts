// Exact money for ISO 20022 files: integer öre (bigint) inside, decimal strings with two decimals in the XML.
// Never a float. (A local copy of the rule in src/platform/money.ts: src/formats may not import the platform.)

/** Largest amount the pain.001/camt schemas can carry with two decimals (totalDigits 18 → 16 integer digits). */
export const MAX_AMOUNT_ORE = 10n ** 18n - 1n;

/** Formats öre as a plain decimal string with exactly two decimals: 123450n → "1234.50", 1n → "0.01". */
export function formatOre(ore: bigint): string {
  const neg = ore < 0n;
  const abs = neg ? -ore : ore;
  return `${neg ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

export type AmountParse = { ok: true; ore: bigint } | { ok: false; reason: 'format' | 'decimals' | 'range' };

/**
 * Parses an xs:decimal amount as found in ISO 20022 XML ("1234.5", "0.01", "12.500") into öre. Signs are
 * refused (ISO amounts are never negative; direction is CdtDbtInd), as are more than two significant
 * decimals ("12.345" cannot be paid in öre) and more than 16 integer digits.
 */
export function parseAmountToOre(raw: string): AmountParse {
  const m = /^\s*(\d+)(?:\.(\d*))?\s*$/.exec(raw);
  if (!m || (m[1] === undefined)) return { ok: false, reason: 'format' };
  const intPart = m[1].replace(/^0+(?=\d)/, '');
  const frac = m[2] ?? '';
  if (frac.length > 2 && /[^0]/.test(frac.slice(2))) return { ok: false, reason: 'decimals' };
  if (intPart.length > 16) return { ok: false, reason: 'range' };
  return { ok: true, ore: BigInt(intPart) * 100n + BigInt(frac.slice(0, 2).padEnd(2, '0')) };
}
