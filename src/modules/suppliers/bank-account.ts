// Swedish bank account numbers (clearingnummer + kontonummer) after Bankgirot's "Bankernas
// kontonummeruppbyggnad": the clearing number decides the bank, the length of the account number and
// the check. Pure functions, no database.
//
//   type 1, comment 1: clearing (4) + account (7); mod 11 over the last 3 clearing digits + account
//   type 1, comment 2: clearing (4) + account (7); mod 11 over all 4 clearing digits + account
//   type 2, comment 1: account (10); mod 10 (Luhn) over the account number
//   type 2, comment 2: account (9, Handelsbanken); mod 11 over the account number
//   type 2, comment 3: account (up to 10, zero-filled); mod 10 (Luhn) over the account number.
//                      Swedbank 8xxx has a fifth clearing digit, a Luhn check digit over the first four.
// Update the table when Bankgirot publishes a new version of the document.
import { isDigits, luhnCheckDigit, luhnValid } from '../../formats/identifiers/index.ts';

export type BankAccountMethod = '1:1' | '1:2' | '2:1' | '2:2' | '2:3';
export type ClearingRange = { from: number; to: number; bank: string; method: BankAccountMethod };

/** Clearing number ranges (Bankgirot, Bankernas kontonummeruppbyggnad, 2024 edition). */
export const CLEARING_RANGES: readonly ClearingRange[] = [
  { from: 1100, to: 1199, bank: 'Nordea', method: '1:1' },
  { from: 1200, to: 1399, bank: 'Danske Bank', method: '1:1' },
  { from: 1400, to: 2099, bank: 'Nordea', method: '1:1' },
  { from: 2300, to: 2399, bank: 'Ålandsbanken', method: '1:2' },
  { from: 2400, to: 2499, bank: 'Danske Bank', method: '1:1' },
  { from: 3000, to: 3299, bank: 'Nordea', method: '1:1' },
  { from: 3300, to: 3300, bank: 'Nordea (personkonto)', method: '2:1' },
  { from: 3301, to: 3399, bank: 'Nordea', method: '1:1' },
  { from: 3400, to: 3409, bank: 'Länsförsäkringar Bank', method: '1:1' },
  { from: 3410, to: 3781, bank: 'Nordea', method: '1:1' },
  { from: 3782, to: 3782, bank: 'Nordea (personkonto)', method: '2:1' },
  { from: 3783, to: 3999, bank: 'Nordea', method: '1:1' },
  { from: 4000, to: 4999, bank: 'Nordea', method: '1:2' },
  { from: 5000, to: 5999, bank: 'SEB', method: '1:1' },
  { from: 6000, to: 6999, bank: 'Handelsbanken', method: '2:2' },
  { from: 7000, to: 7999, bank: 'Swedbank', method: '1:1' },
  { from: 8000, to: 8999, bank: 'Swedbank', method: '2:3' },
  { from: 9020, to: 9029, bank: 'Länsförsäkringar Bank', method: '1:2' },
  { from: 9040, to: 9049, bank: 'Citibank', method: '1:2' },
  { from: 9060, to: 9069, bank: 'Länsförsäkringar Bank', method: '1:1' },
  { from: 9070, to: 9079, bank: 'Multitude Bank', method: '1:1' },
  { from: 9100, to: 9109, bank: 'Nordnet Bank', method: '1:2' },
  { from: 9120, to: 9124, bank: 'SEB', method: '1:1' },
  { from: 9130, to: 9149, bank: 'SEB', method: '1:1' },
  { from: 9150, to: 9169, bank: 'Skandiabanken', method: '1:2' },
  { from: 9170, to: 9179, bank: 'Ikano Bank', method: '1:1' },
  { from: 9180, to: 9189, bank: 'Danske Bank', method: '2:1' },
  { from: 9190, to: 9199, bank: 'DNB Bank', method: '1:2' },
  { from: 9230, to: 9239, bank: 'Marginalen Bank', method: '1:1' },
  { from: 9250, to: 9259, bank: 'SBAB', method: '1:1' },
  { from: 9260, to: 9269, bank: 'DNB Bank', method: '1:2' },
  { from: 9270, to: 9279, bank: 'ICA Banken', method: '1:1' },
  { from: 9280, to: 9289, bank: 'Resurs Bank', method: '1:1' },
  { from: 9300, to: 9349, bank: 'Swedbank (f.d. Sparbanken Öresund)', method: '2:1' },
  { from: 9390, to: 9399, bank: 'Landshypotek', method: '1:2' },
  { from: 9400, to: 9449, bank: 'Forex Bank', method: '1:1' },
  { from: 9460, to: 9469, bank: 'Santander Consumer Bank', method: '1:1' },
  { from: 9470, to: 9479, bank: 'BNP Paribas', method: '1:2' },
  { from: 9500, to: 9549, bank: 'Nordea (Plusgirot)', method: '2:3' },
  { from: 9550, to: 9569, bank: 'Avanza Bank', method: '1:2' },
  { from: 9570, to: 9579, bank: 'Sparbanken Syd', method: '2:1' },
  { from: 9580, to: 9589, bank: 'Aion Bank', method: '1:1' },
  { from: 9590, to: 9599, bank: 'Erik Penser', method: '1:2' },
  { from: 9630, to: 9639, bank: 'Lån & Spar Bank Sverige', method: '1:1' },
  { from: 9640, to: 9649, bank: 'Nordax Bank', method: '1:2' },
  { from: 9660, to: 9669, bank: 'Svea Bank', method: '1:2' },
  { from: 9670, to: 9679, bank: 'JAK Medlemsbank', method: '1:2' },
  { from: 9680, to: 9689, bank: 'Bluestep Finans', method: '1:1' },
  { from: 9700, to: 9709, bank: 'Ekobanken', method: '1:2' },
  { from: 9710, to: 9719, bank: 'Lunar Bank', method: '1:2' },
  { from: 9750, to: 9759, bank: 'Northmill Bank', method: '1:2' },
  { from: 9780, to: 9789, bank: 'Klarna Bank', method: '1:2' },
  { from: 9880, to: 9889, bank: 'Riksgälden', method: '1:2' },
  { from: 9890, to: 9899, bank: 'Riksgälden', method: '2:1' },
  { from: 9960, to: 9969, bank: 'Nordea (Plusgirot)', method: '2:3' },
];

export function clearingRange(clearing4: number): ClearingRange | null {
  return CLEARING_RANGES.find((r) => clearing4 >= r.from && clearing4 <= r.to) ?? null;
}

export type BankAccountReason =
  | 'clearing-empty' | 'clearing-characters' | 'clearing-length' | 'clearing-unknown' | 'clearing-checksum'
  | 'account-empty' | 'account-characters' | 'account-length' | 'checksum';

export type BankAccount = { clearing: string; account: string; bank: string; method: BankAccountMethod };
export type BankAccountResult = ({ ok: true } & BankAccount) | { ok: false; reason: BankAccountReason; bank?: string };

function strip(s: string): string {
  return s.replace(/[\s\u00a0.-]+/g, '');
}

/** Mod 11 with weights 1, 2, …, 10, 1, 2, … from the right; valid when the weighted sum is divisible by 11. */
export function mod11Valid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const weight = (i % 10) + 1;
    sum += (digits.charCodeAt(digits.length - 1 - i) - 48) * weight;
  }
  return sum % 11 === 0;
}

/** The mod 11 check digit for a payload (weights 2, 3, … from its right), or -1 when none exists (remainder 10). */
export function mod11BankCheckDigit(payload: string): number {
  let sum = 0;
  for (let i = 0; i < payload.length; i++) sum += (payload.charCodeAt(payload.length - 1 - i) - 48) * (((i + 1) % 10) + 1);
  const c = (11 - (sum % 11)) % 11;
  return c === 10 ? -1 : c;
}

/**
 * Checks a Swedish bank account: the clearing number (4 digits; Swedbank 8xxx may carry a fifth check digit,
 * `8327-9`) and the account number (spaces, dots and hyphens ignored). Returns the canonical form: the
 * 4-digit clearing (5 digits for Swedbank 8xxx, check digit computed when missing) and the account number
 * zero-filled to the length the bank uses.
 */
export function checkSwedishBankAccount(clearingInput: string, accountInput: string): BankAccountResult {
  const c = strip(clearingInput);
  if (c === '') return { ok: false, reason: 'clearing-empty' };
  if (!isDigits(c)) return { ok: false, reason: 'clearing-characters' };
  if (c.length !== 4 && c.length !== 5) return { ok: false, reason: 'clearing-length' };
  const range = clearingRange(Number(c.slice(0, 4)));
  if (!range) return { ok: false, reason: 'clearing-unknown' };
  const bank = range.bank;
  let clearing = c.slice(0, 4);
  const swedbank5 = range.from === 8000;
  if (c.length === 5) {
    if (!swedbank5) return { ok: false, reason: 'clearing-length', bank };
    if (!luhnValid(c)) return { ok: false, reason: 'clearing-checksum', bank };
  }
  if (swedbank5) clearing = `${clearing}${luhnCheckDigit(clearing)}`;

  const a = strip(accountInput);
  if (a === '') return { ok: false, reason: 'account-empty', bank };
  if (!isDigits(a)) return { ok: false, reason: 'account-characters', bank };
  let account: string;
  let valid: boolean;
  switch (range.method) {
    case '1:1':
    case '1:2':
      if (a.length !== 7) return { ok: false, reason: 'account-length', bank };
      account = a;
      valid = mod11Valid((range.method === '1:1' ? clearing.slice(1, 4) : clearing.slice(0, 4)) + account);
      break;
    case '2:1':
      if (a.length !== 10) return { ok: false, reason: 'account-length', bank };
      account = a;
      valid = luhnValid(account);
      break;
    case '2:2':
      if (a.length < 8 || a.length > 9) return { ok: false, reason: 'account-length', bank };
      account = a.padStart(9, '0');
      valid = mod11Valid(account);
      break;
    case '2:3':
      if (a.length < 2 || a.length > 10) return { ok: false, reason: 'account-length', bank };
      account = a.padStart(10, '0');
      valid = luhnValid(account);
      break;
  }
  if (!valid) return { ok: false, reason: 'checksum', bank };
  return { ok: true, clearing, account, bank, method: range.method };
}

/** Display form: `8327-9, 000 123 456-7`-like groupings kept simple: `CCCC(-C) NNNNNNN`. */
export function formatBankAccount(clearing: string, account: string): string {
  const cl = clearing.length === 5 ? `${clearing.slice(0, 4)}-${clearing.slice(4)}` : clearing;
  return `${cl}, ${account}`;
}

export const bankAccountReasonText: Record<BankAccountReason, { sv: string; en: string }> = {
  'clearing-empty': { sv: 'clearingnummer saknas', en: 'the clearing number is missing' },
  'clearing-characters': { sv: 'clearingnumret får bara innehålla siffror', en: 'the clearing number may only contain digits' },
  'clearing-length': { sv: 'clearingnumret ska ha fyra siffror (Swedbank 8xxx: fyra eller fem)', en: 'the clearing number must have four digits (Swedbank 8xxx: four or five)' },
  'clearing-unknown': { sv: 'clearingnumret tillhör ingen känd bank', en: 'the clearing number belongs to no known bank' },
  'clearing-checksum': { sv: 'clearingnumrets kontrollsiffra stämmer inte', en: 'the check digit of the clearing number is wrong' },
  'account-empty': { sv: 'kontonummer saknas', en: 'the account number is missing' },
  'account-characters': { sv: 'kontonumret får bara innehålla siffror', en: 'the account number may only contain digits' },
  'account-length': { sv: 'kontonumret har fel antal siffror för banken', en: 'the account number has the wrong number of digits for the bank' },
  checksum: { sv: 'kontrollsiffran stämmer inte', en: 'the check digit is wrong' },
};
