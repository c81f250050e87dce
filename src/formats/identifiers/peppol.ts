// Identifier checks for Peppol identifier schemes (ISO 6523 ICD / EAS codes), with the exact semantics the
// Peppol BIS Billing 3 rules PEPPOL-COMMON-R040…R050 give them, and Peppol participant identifiers.
import { easCodes } from '../peppol/codelists/eas.ts';
import { icdCodes } from '../peppol/codelists/icd.ts';
import { gs1Valid, luhnValid, mod11CheckDigit } from './checksums.ts';
import { fail, isDigits, ok, type CheckResult } from './result.ts';

export type SchemeReason = 'empty' | 'characters' | 'length' | 'format' | 'checksum';
export type SchemeCheck = (value: string) => CheckResult<SchemeReason>;

/** XPath normalize-space(). */
function ns(s: string): string {
  return s.replace(/[ \t\r\n]+/g, ' ').trim();
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function allLetters(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isAsciiLetter(s.charCodeAt(i))) return false;
  return true;
}

function allAlnum(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!isAsciiLetter(c) && !(c >= 48 && c <= 57)) return false;
  }
  return true;
}

/** XPath `castable as xs:integer` on a string without surrounding blanks: optional sign, then digits. */
function castableInteger(s: string): boolean {
  const t = s.startsWith('+') || s.startsWith('-') ? s.slice(1) : s;
  return isDigits(t);
}

/** 0088 GLN (PEPPOL-COMMON-R040): digits only, GS1 mod 10 check digit (any length). */
export const checkPeppolGln: SchemeCheck = (value) => {
  const v = ns(value);
  if (v === '') return fail('empty');
  if (!isDigits(v)) return fail('characters');
  return gs1Valid(v) ? ok(v) : fail('checksum');
};

/** 0192 Norwegian organisation number (PEPPOL-COMMON-R041): 9 digits, mod 11. */
export const checkNorwegianOrgnr: SchemeCheck = (value) => {
  const v = ns(value);
  if (v === '') return fail('empty');
  if (!isDigits(v)) return fail('characters');
  if (v.length !== 9) return fail('length');
  if (Number(v) <= 0) return fail('checksum');
  return mod11CheckDigit(v.slice(0, 8)) === v.charCodeAt(8) - 48 ? ok(v) : fail('checksum');
};

/**
 * 0184 Danish CVR (PEPPOL-COMMON-R042, UBL and CII alike in 3.0.19): `DK` + 8 digits, or 8 digits. The rule
 * reads the value as written (no trimming), so surrounding blanks make it fail.
 */
export const checkDanishCvr: SchemeCheck = (value) => {
  if (value === '') return fail('empty');
  if (value.length === 10 && value.startsWith('DK')) return isDigits(value.slice(2)) ? ok(value) : fail('characters');
  if (value.length === 8) return isDigits(value) ? ok(value) : fail('characters');
  return fail(value.length === 10 || value.length === 8 ? 'format' : 'length');
};

/** 0208 Belgian enterprise number (PEPPOL-COMMON-R043): 10 digits, last two = 97 − (first eight mod 97). */
export const checkBelgianEnterprise: SchemeCheck = (value) => {
  const v = ns(value);
  if (v === '') return fail('empty');
  if (!isDigits(v)) return fail('characters');
  if (v.length !== 10) return fail('length');
  return 97 - (Number(v.slice(0, 8)) % 97) === Number(v.slice(8)) ? ok(v) : fail('checksum');
};

/** 0201 Italian IPA code (PEPPOL-COMMON-R044): exactly 6 letters/digits. */
export const checkItalianIpa: SchemeCheck = (value) => {
  const v = ns(value);
  if (v === '') return fail('empty');
  if (!allAlnum(v)) return fail('characters');
  return v.length === 6 ? ok(v) : fail('length');
};

/** 0210 / 9907 Italian Codice Fiscale (PEPPOL-COMMON-R045/R046): 16-character personal code or 11 digits. */
export const checkItalianCf: SchemeCheck = (value) => {
  const v = ns(value);
  if (v === '') return fail('empty');
  if (v.length === 11) return castableInteger(v) ? ok(v) : fail('characters');
  if (v.length !== 16) return fail('length');
  const okCf =
    allLetters(v.slice(0, 6)) &&
    castableInteger(v.slice(6, 8)) &&
    allLetters(v.slice(8, 9)) &&
    castableInteger(v.slice(9, 11)) &&
    castableInteger(v.slice(14, 15)) &&
    allLetters(v.slice(15, 16));
  return okCf ? ok(v) : fail('format');
};

/** Italian partita IVA check sum over 11 digits (Luhn-like, doubling every second digit from the left). */
function pivaSum(digits: string): number {
  const doubled = '0246813579';
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const d = digits.charCodeAt(i) - 48;
    sum += i % 2 === 1 ? doubled.charCodeAt(d) - 48 : d;
  }
  return sum;
}

/**
 * 0211 / 9906 Italian VAT number (PEPPOL-COMMON-R047/R048): when it starts with `IT`/`it`, the 11 digits
 * after it must have a valid check sum; any other value passes (the rule only constrains Italian numbers).
 */
export const checkItalianPiva: SchemeCheck = (value) => {
  const v = ns(value);
  const country = v.slice(0, 2);
  if (country !== 'IT' && country !== 'it') return ok(v);
  const code = v.slice(2);
  if (code.length !== 11) return fail('length');
  if (!isDigits(code)) return fail('characters');
  return pivaSum(code) % 10 === 0 ? ok(v) : fail('checksum');
};

/** 0007 Swedish organisation number (PEPPOL-COMMON-R049): exactly 10 digits, Luhn. */
export const checkPeppolSwedishOrgnr: SchemeCheck = (value) => {
  const v = ns(value);
  if (v === '') return fail('empty');
  if (!isDigits(v)) return fail('characters');
  if (v.length !== 10) return fail('length');
  return luhnValid(v) ? ok(v) : fail('checksum');
};

/** 0151 Australian Business Number (PEPPOL-COMMON-R050): 11 digits, weighted mod 89. */
export const checkAbn: SchemeCheck = (value) => {
  const v = ns(value);
  if (v === '') return fail('empty');
  if (!isDigits(v)) return fail('characters');
  if (v.length !== 11) return fail('length');
  const weights = [10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19];
  let sum = 0;
  for (let i = 0; i < 11; i++) sum += (v.charCodeAt(i) - 48 - (i === 0 ? 1 : 0)) * weights[i]!;
  return sum % 89 === 0 ? ok(v) : fail('checksum');
};

/** Scheme-specific value checks by ICD/EAS code, as far as Peppol defines them. */
export const schemeChecks: ReadonlyMap<string, SchemeCheck> = new Map([
  ['0007', checkPeppolSwedishOrgnr],
  ['0088', checkPeppolGln],
  ['0151', checkAbn],
  ['0184', checkDanishCvr],
  ['0192', checkNorwegianOrgnr],
  ['0201', checkItalianIpa],
  ['0208', checkBelgianEnterprise],
  ['0210', checkItalianCf],
  ['0211', checkItalianPiva],
  ['9906', checkItalianPiva],
  ['9907', checkItalianCf],
]);

export type ParticipantReason = SchemeReason | 'scheme';

/**
 * Peppol participant identifier `scheme:value` (e.g. `0007:5561234567`), optionally prefixed with the
 * identifier scheme `iso6523-actorid-upis::`. The scheme must be a Peppol EAS code; the value is checked
 * with the scheme's rule where Peppol defines one. Returns the canonical `scheme:value` (value trimmed).
 */
export function checkParticipantId(input: string): CheckResult<ParticipantReason, { scheme: string; id: string }> {
  let s = input.trim();
  if (s === '') return fail('empty');
  const prefix = 'iso6523-actorid-upis::';
  if (s.toLowerCase().startsWith(prefix)) s = s.slice(prefix.length);
  const colon = s.indexOf(':');
  if (colon <= 0 || colon === s.length - 1) return fail('format');
  const scheme = s.slice(0, colon);
  const id = s.slice(colon + 1).trim();
  if (!easCodes.has(scheme)) return fail('scheme');
  const check = schemeChecks.get(scheme);
  if (check) {
    const r = check(id);
    if (!r.ok) return r;
  }
  return ok(`${scheme}:${id}`, { scheme, id });
}

/** True when `scheme` is an ISO 6523 ICD code (party and legal identifier schemes). */
export function isIcdScheme(scheme: string): boolean {
  return icdCodes.has(scheme);
}

/** True when `scheme` is a Peppol electronic address scheme (EAS) code. */
export function isEasScheme(scheme: string): boolean {
  return easCodes.has(scheme);
}
