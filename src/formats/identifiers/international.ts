// International identifiers: IBAN, BIC, GS1 (GLN, GTIN).
import { countryCodes } from '../peppol/codelists/iso3166.ts';
import { gs1Valid, mod97 } from './checksums.ts';
import { fail, isDigits, ok, type CheckResult } from './result.ts';

/** IBAN length per country (SWIFT IBAN registry). */
export const IBAN_LENGTHS: ReadonlyMap<string, number> = new Map([
  ['AD', 24], ['AE', 23], ['AL', 28], ['AT', 20], ['AZ', 28], ['BA', 20], ['BE', 16], ['BG', 22], ['BH', 22],
  ['BI', 27], ['BR', 29], ['BY', 28], ['CH', 21], ['CR', 22], ['CY', 28], ['CZ', 24], ['DE', 22], ['DJ', 27],
  ['DK', 18], ['DO', 28], ['EE', 20], ['EG', 29], ['ES', 24], ['FI', 18], ['FK', 18], ['FO', 18], ['FR', 27],
  ['GB', 22], ['GE', 22], ['GI', 23], ['GL', 18], ['GR', 27], ['GT', 28], ['HN', 28], ['HR', 21], ['HU', 28],
  ['IE', 22], ['IL', 23], ['IQ', 23], ['IS', 26], ['IT', 27], ['JO', 30], ['KW', 30], ['KZ', 20], ['LB', 28],
  ['LC', 32], ['LI', 21], ['LT', 20], ['LU', 20], ['LV', 21], ['LY', 25], ['MC', 27], ['MD', 24], ['ME', 22],
  ['MK', 19], ['MN', 20], ['MR', 27], ['MT', 31], ['MU', 30], ['NI', 28], ['NL', 18], ['NO', 15], ['OM', 23],
  ['PK', 24], ['PL', 28], ['PS', 29], ['PT', 25], ['QA', 29], ['RO', 24], ['RS', 22], ['RU', 33], ['SA', 24],
  ['SC', 31], ['SD', 18], ['SE', 24], ['SI', 19], ['SK', 24], ['SM', 27], ['SO', 23], ['ST', 25], ['SV', 28],
  ['TL', 23], ['TN', 24], ['TR', 26], ['UA', 29], ['VA', 22], ['VG', 24], ['XK', 20], ['YE', 30],
]);

export type IbanReason = 'empty' | 'characters' | 'format' | 'country' | 'length' | 'checksum';

/**
 * IBAN: country code, two check digits, BBAN; length per country; ISO 7064 mod 97 = 1. Spaces are
 * ignored and letters upper-cased; the value returned is the compact electronic form.
 */
export function checkIban(input: string): CheckResult<IbanReason, { country: string }> {
  const raw = input.replace(/[\s\u00a0]+/g, '');
  if (raw === '') return fail('empty');
  if (!/^[A-Za-z0-9]+$/.test(raw)) return fail('characters');
  const s = raw.toUpperCase();
  if (!/^[A-Z]{2}[0-9]{2}/.test(s)) return fail('format');
  const country = s.slice(0, 2);
  const len = IBAN_LENGTHS.get(country);
  if (len === undefined) return fail('country');
  if (s.length !== len) return fail('length');
  if (mod97(s.slice(4) + s.slice(0, 4)) !== 1) return fail('checksum');
  return ok(s, { country });
}

/** Formats a compact IBAN in groups of four (print form). */
export function formatIban(iban: string): string {
  return iban.replace(/(.{4})(?=.)/g, '$1 ');
}

export type BicReason = 'empty' | 'characters' | 'length' | 'format' | 'country';

/** BIC (ISO 9362): 4 letters institution, 2 letters country, 2 alphanumerics location, optional 3 alphanumerics branch. */
export function checkBic(input: string): CheckResult<BicReason, { country: string }> {
  const raw = input.replace(/[\s\u00a0]+/g, '');
  if (raw === '') return fail('empty');
  if (!/^[A-Za-z0-9]+$/.test(raw)) return fail('characters');
  const s = raw.toUpperCase();
  if (s.length !== 8 && s.length !== 11) return fail('length');
  if (!/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(s)) return fail('format');
  const country = s.slice(4, 6);
  if (!countryCodes.has(country) && country !== 'XK') return fail('country');
  return ok(s, { country });
}

export type Gs1Reason = 'empty' | 'characters' | 'length' | 'checksum';

/** GLN (Global Location Number): 13 digits, GS1 mod 10 check digit. */
export function checkGln(input: string): CheckResult<Gs1Reason> {
  return checkGs1(input, [13]);
}

/** GTIN-8/12/13/14: GS1 mod 10 check digit. */
export function checkGtin(input: string): CheckResult<Gs1Reason> {
  return checkGs1(input, [8, 12, 13, 14]);
}

function checkGs1(input: string, lengths: readonly number[]): CheckResult<Gs1Reason> {
  const s = input.trim();
  if (s === '') return fail('empty');
  if (!isDigits(s)) return fail('characters');
  if (!lengths.includes(s.length)) return fail('length');
  if (!gs1Valid(s)) return fail('checksum');
  return ok(s);
}
