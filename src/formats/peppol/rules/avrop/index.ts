// Avrop's own advisory checks (warnings, rule ids AVROP-…): things the official rules do not catch but that
// cost a Swedish accounts-payable clerk time. They never make a document invalid.
import type { Rule } from '../types.ts';
import type { CreditTransfer, Field } from '../../model.ts';
import { isoDate } from '../../model.ts';

/** Luhn (mod 10) check over the digits of a string, as used for bankgiro and plusgiro numbers and OCR references. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  let dbl = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (dbl) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
    dbl = !dbl;
  }
  return sum % 10 === 0;
}

type Giro = 'bankgiro' | 'plusgiro';

/** Which giro the account is declared as: UBL FinancialInstitutionBranch/ID or account schemeID SE:BANKGIRO / SE:PLUSGIRO. */
export function declaredGiro(ct: CreditTransfer): Giro | undefined {
  const marks = [ct.serviceProviderId[0]?.value, ct.accountScheme, ct.accountId[0]?.attrs['schemeID']].map((s) => (s ?? '').trim().toUpperCase());
  if (marks.includes('SE:BANKGIRO')) return 'bankgiro';
  if (marks.includes('SE:PLUSGIRO')) return 'plusgiro';
  return undefined;
}

/** The format a giro number is written in: bankgiro NNN-NNNN / NNNN-NNNN, plusgiro N…N-N (2–8 digits). */
export function giroShape(raw: string): Giro | undefined {
  const s = raw.trim();
  if (/^\d{3,4}-\d{4}$/.test(s)) return 'bankgiro';
  if (/^\d{1,7}-\d$/.test(s)) return 'plusgiro';
  return undefined;
}

function eachGiro(doc: Parameters<Rule['check']>[0], fn: (giro: Giro, account: Field, ct: CreditTransfer) => void): void {
  for (const pm of doc.invoice.paymentMeans) {
    for (const ct of pm.creditTransfers) {
      const giro = declaredGiro(ct);
      const account = ct.accountId[0];
      if (giro && account) fn(giro, account, ct);
    }
  }
}

export const rules: Rule[] = [
  {
    id: 'AVROP-BG-001',
    severity: 'warning',
    sv: 'Bankgironumret har fel kontrollsiffra. Kontrollera numret innan betalning.',
    en: 'The bankgiro number has a wrong check digit. Verify the number before paying.',
    check(doc, fail) {
      eachGiro(doc, (giro, account) => {
        if (giro !== 'bankgiro') return;
        const digits = account.value.replace(/[\s-]/g, '');
        if (/^\d{7,8}$/.test(digits) && !luhnValid(digits)) fail(account.location);
      });
    },
  },
  {
    id: 'AVROP-PG-001',
    severity: 'warning',
    sv: 'Plusgironumret har fel kontrollsiffra. Kontrollera numret innan betalning.',
    en: 'The plusgiro number has a wrong check digit. Verify the number before paying.',
    check(doc, fail) {
      eachGiro(doc, (giro, account) => {
        if (giro !== 'plusgiro') return;
        const digits = account.value.replace(/[\s-]/g, '');
        if (/^\d{2,8}$/.test(digits) && !luhnValid(digits)) fail(account.location);
      });
    },
  },
  {
    id: 'AVROP-GIRO-001',
    severity: 'warning',
    sv: 'Numret är angivet som bankgiro men ser ut som ett plusgironummer (eller tvärtom). Kontrollera vilket giro som avses.',
    en: 'The number is declared as bankgiro but looks like a plusgiro number (or the other way round). Check which giro is meant.',
    check(doc, fail) {
      eachGiro(doc, (giro, account) => {
        const shape = giroShape(account.value);
        if (shape !== undefined && shape !== giro) fail(account.location);
      });
    },
  },
  {
    id: 'AVROP-DATE-001',
    severity: 'warning',
    sv: 'Förfallodagen ligger före fakturadatumet.',
    en: 'The payment due date is before the invoice issue date.',
    check(doc, fail) {
      const issue = isoDate(doc.invoice.issueDate[0]);
      if (issue === undefined) return;
      for (const f of doc.invoice.dueDate) {
        const due = isoDate(f);
        if (due !== undefined && due < issue) fail(f.location);
      }
    },
  },
];
