// Normalises and checks the identifiers of the supplier register with the shared check-digit library,
// and words each failure for a person: "Bankgironumret 5050-1056 har fel kontrollsiffra."
import {
  checkBankgiro, checkBic, checkIban, checkOrganisationsnummer, checkParticipantId, checkPlusgiro, checkSwedishVatNumber,
  formatBankgiro, formatIban, formatOrganisationsnummer, formatPlusgiro,
} from '../../formats/identifiers/index.ts';
import { AppError } from '../../platform/errors.ts';
import { bankAccountReasonText, checkSwedishBankAccount, formatBankAccount } from './bank-account.ts';

export type AccountType = 'bankgiro' | 'plusgiro' | 'bank' | 'iban';
export const accountTypes = ['bankgiro', 'plusgiro', 'bank', 'iban'] as const;

/** One problem with one field, in Swedish and English. */
export type Issue = { path: string; message: string; messageEn: string };
export type Checked<T> = { ok: true; value: T } | { ok: false; issue: Issue };

const phrase: Record<string, { sv: string; en: string }> = {
  empty: { sv: 'saknas', en: 'is missing' },
  characters: { sv: 'innehåller otillåtna tecken', en: 'contains characters that are not allowed' },
  length: { sv: 'har fel antal siffror', en: 'has the wrong number of digits' },
  format: { sv: 'har fel format', en: 'has the wrong format' },
  checksum: { sv: 'har fel kontrollsiffra', en: 'has a wrong check digit' },
  country: { sv: 'har en okänd landskod', en: 'has an unknown country code' },
  scheme: { sv: 'har ett okänt identifierarschema (ska vara t.ex. 0007 eller 0088)', en: 'has an unknown identifier scheme (e.g. 0007 or 0088)' },
  date: { sv: 'innehåller ett datum som inte finns', en: 'contains a date that does not exist' },
};

function issue(path: string, label: { sv: string; en: string }, input: string, reason: string): Issue {
  const p = phrase[reason] ?? { sv: 'är ogiltigt', en: 'is not valid' };
  const shown = input.trim() ? ` ${input.trim().slice(0, 60)}` : '';
  return { path, message: `${label.sv}${shown} ${p.sv}.`, messageEn: `${label.en}${shown} ${p.en}.` };
}

export const labels = {
  orgNumber: { sv: 'Organisationsnumret', en: 'The organisation number' },
  vatNumber: { sv: 'Momsregistreringsnumret', en: 'The VAT number' },
  bankgiro: { sv: 'Bankgironumret', en: 'The bankgiro number' },
  plusgiro: { sv: 'Plusgironumret', en: 'The plusgiro number' },
  bank: { sv: 'Bankkontot', en: 'The bank account' },
  iban: { sv: 'IBAN-numret', en: 'The IBAN' },
  bic: { sv: 'BIC-koden', en: 'The BIC' },
  endpoint: { sv: 'Peppol-id:t', en: 'The Peppol id' },
} as const;

/** Organisationsnummer, 10 digits, with or without hyphen (also the 12-digit 16… form). */
export function normaliseOrgNumber(input: string, path = 'orgNumber'): Checked<string> {
  const r = checkOrganisationsnummer(input);
  return r.ok ? { ok: true, value: r.value } : { ok: false, issue: issue(path, labels.orgNumber, input, r.reason) };
}

/**
 * VAT number, compact upper-case. A Swedish one (`SE…01`) is checked fully; a foreign one only for its
 * layout (two-letter country code and 2–13 letters or digits), as VIES is not consulted here.
 */
export function normaliseVatNumber(input: string, path = 'vatNumber'): Checked<string> {
  const compact = input.replace(/[\s\u00a0.-]+/g, '').toUpperCase();
  if (compact.startsWith('SE')) {
    const r = checkSwedishVatNumber(compact);
    return r.ok ? { ok: true, value: r.value } : { ok: false, issue: issue(path, labels.vatNumber, input, r.reason) };
  }
  if (compact === '') return { ok: false, issue: issue(path, labels.vatNumber, input, 'empty') };
  if (!/^[A-Z]{2}[A-Z0-9+*]{2,13}$/.test(compact)) return { ok: false, issue: issue(path, labels.vatNumber, input, 'format') };
  return { ok: true, value: compact };
}

/** Peppol participant id `scheme:value`; returns scheme and value separately. */
export function normaliseEndpoint(input: string, path = 'endpoints'): Checked<{ scheme: string; identifier: string }> {
  const r = checkParticipantId(input);
  return r.ok ? { ok: true, value: { scheme: r.scheme, identifier: r.id } } : { ok: false, issue: issue(path, labels.endpoint, input, r.reason) };
}

export type AccountInput = { type: AccountType; number: string; clearing?: string | null | undefined; bic?: string | null | undefined };
export type CanonicalAccount = { type: AccountType; number: string; clearing: string; bic: string | null; bank: string | null };

/** Checks a payment account of the given type; the type is never guessed from the number. */
export function normaliseAccount(input: AccountInput, path = 'number'): Checked<CanonicalAccount> {
  switch (input.type) {
    case 'bankgiro': {
      const r = checkBankgiro(input.number);
      return r.ok ? { ok: true, value: { type: 'bankgiro', number: r.value, clearing: '', bic: null, bank: null } } : { ok: false, issue: issue(path, labels.bankgiro, input.number, r.reason) };
    }
    case 'plusgiro': {
      const r = checkPlusgiro(input.number);
      return r.ok ? { ok: true, value: { type: 'plusgiro', number: r.value, clearing: '', bic: null, bank: null } } : { ok: false, issue: issue(path, labels.plusgiro, input.number, r.reason) };
    }
    case 'bank': {
      let clearing = input.clearing ?? '';
      let number = input.number;
      // "8327-9, 123 456 789-5" or "5000 1234567" in one field: the clearing number comes first.
      if (!clearing.trim()) {
        const m = /^\s*(\d{4}(?:-\d)?)\s*[,\s]\s*(.+)$/.exec(number);
        if (m) { clearing = m[1]!; number = m[2]!; }
      }
      const r = checkSwedishBankAccount(clearing, number);
      if (r.ok) return { ok: true, value: { type: 'bank', number: r.account, clearing: r.clearing, bic: null, bank: r.bank } };
      const t = bankAccountReasonText[r.reason];
      const shown = `${clearing.trim()} ${number.trim()}`.trim();
      return { ok: false, issue: { path: r.reason.startsWith('clearing') ? 'clearing' : path, message: `${labels.bank.sv} ${shown}${r.bank ? ` (${r.bank})` : ''}: ${t.sv}.`, messageEn: `${labels.bank.en} ${shown}${r.bank ? ` (${r.bank})` : ''}: ${t.en}.` } };
    }
    case 'iban': {
      const r = checkIban(input.number);
      if (!r.ok) return { ok: false, issue: issue(path, labels.iban, input.number, r.reason) };
      let bic: string | null = null;
      if (input.bic && input.bic.trim()) {
        const b = checkBic(input.bic);
        if (!b.ok) return { ok: false, issue: issue('bic', labels.bic, input.bic, b.reason) };
        bic = b.value;
      } else if (r.country !== 'SE') {
        return { ok: false, issue: { path: 'bic', message: 'BIC-kod krävs för ett utländskt IBAN-nummer.', messageEn: 'A BIC is required for a foreign IBAN.' } };
      }
      return { ok: true, value: { type: 'iban', number: r.value, clearing: '', bic, bank: null } };
    }
  }
}

/** How an account is shown to people. */
export function displayAccount(type: AccountType, number: string, clearing: string): string {
  switch (type) {
    case 'bankgiro': return formatBankgiro(number);
    case 'plusgiro': return formatPlusgiro(number);
    case 'bank': return formatBankAccount(clearing, number);
    case 'iban': return formatIban(number);
  }
}

export const displayOrgNumber = formatOrganisationsnummer;

export const accountTypeLabel: Record<AccountType, { sv: string; en: string }> = {
  bankgiro: { sv: 'bankgiro', en: 'bankgiro' },
  plusgiro: { sv: 'plusgiro', en: 'plusgiro' },
  bank: { sv: 'bankkonto', en: 'bank account' },
  iban: { sv: 'IBAN', en: 'IBAN' },
};

/** Throws validation_failed naming every issue; the message is the first issue (and how many more). */
export function throwIssues(issues: Issue[]): never {
  const first = issues[0]!;
  const more = issues.length > 1 ? { sv: ` (och ${issues.length - 1} fel till)`, en: ` (and ${issues.length - 1} more)` } : { sv: '', en: '' };
  throw new AppError('validation_failed', { sv: `${first.message}${more.sv}`, en: `${first.messageEn}${more.en}` }, { issues });
}
