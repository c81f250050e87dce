// Swedish identifiers: organisationsnummer, personnummer, VAT number (momsregistreringsnummer),
// bankgiro, plusgiro and OCR references. All checks are pure and return a reason code on failure.
import { luhnValid } from './checksums.ts';
import { fail, isDigits, ok, type CheckResult } from './result.ts';

/** What kind of party a Swedish organisationsnummer belongs to. */
export type SeOrgKind =
  | 'legal-entity'   // aktiebolag, förening, kommun … (third digit ≥ 2)
  | 'person'         // personnummer used as organisationsnummer (enskild näringsidkare)
  | 'coordination';  // samordningsnummer (day + 60)

export type SeOrgnrReason = 'empty' | 'characters' | 'length' | 'format' | 'checksum' | 'date';

/** Removes spaces (incl. non-breaking) around and inside a number. */
function compact(s: string): string {
  return s.replace(/[\s\u00a0]+/g, '');
}

/**
 * Splits `s` into digits, allowing one separator (`-`, or `+` for personnummer of people over 100) right
 * before the last four digits. Returns null when the layout is wrong.
 */
function splitSeparated(s: string, allowPlus: boolean): { digits: string; separator: '' | '-' | '+' } | 'characters' | 'format' {
  let digits = '';
  let separator: '' | '-' | '+' = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch >= '0' && ch <= '9') { digits += ch; continue; }
    if ((ch === '-' || (ch === '+' && allowPlus)) && separator === '' && s.length - i - 1 === 4) {
      separator = ch;
      continue;
    }
    return ch === '-' || ch === '+' ? 'format' : 'characters';
  }
  return { digits, separator };
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Checks the date part of a personnummer/samordningsnummer. `year` is null when the century is unknown. */
function personDateKind(year: number | null, month: number, day: number): 'person' | 'coordination' | null {
  let kind: 'person' | 'coordination' = 'person';
  let d = day;
  if (d > 60) { d -= 60; kind = 'coordination'; }
  if (month < 1 || month > 12 || d < 1) return null;
  let max = DAYS_IN_MONTH[month - 1]!;
  if (month === 2 && year !== null && !isLeap(year)) max = 28;
  return d <= max ? kind : null;
}

/**
 * Swedish organisationsnummer: 10 digits (`5561234567` or `556123-4567`), last digit Luhn. Also accepts
 * the 12-digit form with century (`165561234567`, or `19800101-1234` for a sole trader whose
 * organisationsnummer is the personnummer). The value returned is always the 10-digit form.
 */
export function checkOrganisationsnummer(input: string): CheckResult<SeOrgnrReason, { kind: SeOrgKind }> {
  const s = compact(input);
  if (s === '') return fail('empty');
  const split = splitSeparated(s, false);
  if (typeof split === 'string') return fail(split);
  const { digits } = split;
  let ten: string;
  let year: number | null = null;
  if (digits.length === 10) {
    ten = digits;
  } else if (digits.length === 12) {
    const century = digits.slice(0, 2);
    ten = digits.slice(2);
    if (century === '16') {
      if (Number(ten[2]) < 2) return fail('format'); // 16-prefix is only used for legal entities
    } else if (century === '18' || century === '19' || century === '20') {
      year = Number(digits.slice(0, 4));
      if (Number(ten[2]) >= 2) return fail('format'); // century only for personnummer
    } else {
      return fail('format');
    }
  } else {
    return fail('length');
  }
  let kind: SeOrgKind = 'legal-entity';
  if (Number(ten[2]) < 2) {
    const k = personDateKind(year, Number(ten.slice(2, 4)), Number(ten.slice(4, 6)));
    if (k === null) return fail('date');
    kind = k;
  }
  if (!luhnValid(ten)) return fail('checksum');
  return ok(ten, { kind });
}

/** Formats a 10-digit organisationsnummer as `NNNNNN-NNNN`. */
export function formatOrganisationsnummer(ten: string): string {
  return ten.length === 10 ? `${ten.slice(0, 6)}-${ten.slice(6)}` : ten;
}

/**
 * Swedish personnummer or samordningsnummer: `YYMMDD-NNNN`, `YYMMDDNNNN`, `YYYYMMDD-NNNN`, `YYYYMMDDNNNN`
 * (`+` instead of `-` for people aged 100 or more). The value returned is the 12-digit form when the
 * century is given, else the 10-digit form.
 */
export function checkPersonnummer(input: string): CheckResult<SeOrgnrReason, { kind: 'person' | 'coordination' }> {
  const s = compact(input);
  if (s === '') return fail('empty');
  const split = splitSeparated(s, true);
  if (typeof split === 'string') return fail(split);
  const { digits } = split;
  if (digits.length !== 10 && digits.length !== 12) return fail('length');
  const ten = digits.length === 12 ? digits.slice(2) : digits;
  const year = digits.length === 12 ? Number(digits.slice(0, 4)) : null;
  if (year !== null && (year < 1800 || year > 2099)) return fail('date');
  const kind = personDateKind(year, Number(ten.slice(2, 4)), Number(ten.slice(4, 6)));
  if (kind === null) return fail('date');
  if (!luhnValid(ten)) return fail('checksum');
  return ok(digits, { kind });
}

export type SeVatReason = 'empty' | 'characters' | 'country' | 'length' | 'format' | 'checksum';

/**
 * Swedish VAT number (momsregistreringsnummer): `SE` + 10-digit organisationsnummer (or personnummer) + `01`,
 * 14 characters. Spaces and a hyphen in the number part are tolerated; the value returned is compact and
 * upper-case, e.g. `SE556123456701`.
 */
export function checkSwedishVatNumber(input: string): CheckResult<SeVatReason, { organisationsnummer: string }> {
  const raw = compact(input).replace(/-/g, '');
  if (raw === '') return fail('empty');
  const s = /^[A-Za-z]{2}/.test(raw) ? raw.slice(0, 2).toUpperCase() + raw.slice(2) : raw;
  if (!s.startsWith('SE')) return fail('country');
  const rest = s.slice(2);
  if (!isDigits(rest)) return fail('characters');
  if (rest.length !== 12) return fail('length');
  if (!rest.endsWith('01')) return fail('format');
  const orgnr = rest.slice(0, 10);
  if (!luhnValid(orgnr)) return fail('checksum');
  return ok(s, { organisationsnummer: orgnr });
}

export type GiroReason = 'empty' | 'characters' | 'length' | 'format' | 'checksum';

/** Bankgiro number: 7 or 8 digits, last digit Luhn; written `NNN-NNNN` or `NNNN-NNNN`. Returns digits only. */
export function checkBankgiro(input: string): CheckResult<GiroReason> {
  const s = compact(input);
  if (s === '') return fail('empty');
  const split = splitSeparated(s, false);
  if (typeof split === 'string') return fail(split);
  const { digits } = split;
  if (digits.length < 7 || digits.length > 8) return fail('length');
  if (!luhnValid(digits)) return fail('checksum');
  return ok(digits);
}

/** Formats bankgiro digits as `NNN-NNNN` / `NNNN-NNNN`. */
export function formatBankgiro(digits: string): string {
  return digits.length >= 7 ? `${digits.slice(0, -4)}-${digits.slice(-4)}` : digits;
}

/** Plusgiro (PlusGirot) number: 2 to 8 digits, last digit Luhn; written with a hyphen before the check digit (`4711-2`, `12 34 56-7`). Returns digits only. */
export function checkPlusgiro(input: string): CheckResult<GiroReason> {
  const s = compact(input);
  if (s === '') return fail('empty');
  let digits = s;
  const hyphen = s.indexOf('-');
  if (hyphen !== -1) {
    if (hyphen !== s.length - 2 || s.indexOf('-', hyphen + 1) !== -1) return fail('format');
    digits = s.slice(0, hyphen) + s.slice(hyphen + 1);
  }
  if (!isDigits(digits)) return fail('characters');
  if (digits.length < 2 || digits.length > 8) return fail('length');
  if (!luhnValid(digits)) return fail('checksum');
  return ok(digits);
}

/** Formats plusgiro digits with a hyphen before the check digit. */
export function formatPlusgiro(digits: string): string {
  return digits.length >= 2 ? `${digits.slice(0, -1)}-${digits.slice(-1)}` : digits;
}

export type OcrReason = 'empty' | 'characters' | 'length' | 'checksum' | 'length-digit';

export type OcrOptions = {
  /** The payee's agreement uses a length digit (second-to-last digit = total length mod 10). */
  lengthDigit?: boolean;
  /** Allowed total lengths (e.g. a fixed length agreed with Bankgirot). Default 2–25. */
  lengths?: readonly number[];
};

/** OCR reference (Bankgirot/Plusgirot): digits, last digit Luhn, optionally a length digit before it. */
export function checkOcr(input: string, options: OcrOptions = {}): CheckResult<OcrReason> {
  const s = compact(input);
  if (s === '') return fail('empty');
  if (!isDigits(s)) return fail('characters');
  if (options.lengths ? !options.lengths.includes(s.length) : s.length < 2 || s.length > 25) return fail('length');
  if (!luhnValid(s)) return fail('checksum');
  if (options.lengthDigit) {
    if (s.length < 3) return fail('length');
    if (s.charCodeAt(s.length - 2) - 48 !== s.length % 10) return fail('length-digit');
  }
  return ok(s);
}
