// camt.054 (BankToCustomerDebitCreditNotification) reader: the bank's notice of booked (or pending) debits
// and credits, e.g. the outcome of a pain.001 file, per entry and per transaction. Written for
// camt.054.001.02; tolerates the later versions' shapes (Sts/Cd, TxDtls/Amt, RltdPties/Cdtr/Pty/Nm).
// Never throws: every problem is returned in `errors` (Swedish `message`, English `messageEn`).
// Matching transactions to payments is the caller's job; unknown end-to-end ids are simply read.
import type { XmlElement } from '../xml/types.ts';
import {
  additionalInfo, at, kid, kids, openIsoDocument, readAmountEl, readCode, readDateChoice, reasonCode, requiredText, textAt,
  type ReadError, type ReadOptions,
} from './read-util.ts';

export type CamtAccount = {
  iban?: string;
  /** `Acct/Id/Othr/Id`, e.g. a bankgiro or BBAN number. */
  other?: string;
  /** `Othr/SchmeNm/Cd` or `Prtry`, e.g. 'BBAN' or 'BGNR'. */
  scheme?: string;
  currency?: string;
};

export type CamtTransaction = {
  endToEndId?: string;
  instructionId?: string;
  paymentInfoId?: string;
  /** `Refs/MsgId`: the pain.001 message id, when the bank gives it. */
  messageId?: string;
  accountServicerReference?: string;
  amountOre: bigint;
  currency: string;
  creditorName?: string;
  debtorName?: string;
  /** The OCR/creditor reference (`RmtInf/Strd/CdtrRefInf/Ref`), else the free text (`RmtInf/Ustrd`, lines joined). */
  reference?: string;
  /** True when the transaction carries return information (`RtrInf`): the payment came back. */
  returned: boolean;
  /** `RtrInf/Rsn/Cd` (or `Prtry`), e.g. 'AC01' (incorrect account number). */
  returnReason?: string;
  /** `RtrInf/AddtlInf`, joined. */
  returnReasonText?: string;
};

export type EntryStatus = 'BOOK' | 'PDNG' | 'INFO' | 'FUTR';
const ENTRY_STATUSES: readonly EntryStatus[] = ['BOOK', 'PDNG', 'INFO', 'FUTR'];

export type CamtEntry = {
  amountOre: bigint;
  currency: string;
  creditDebit: 'DBIT' | 'CRDT';
  /** `RvslInd`: this entry reverses an earlier one. */
  reversal: boolean;
  status: EntryStatus;
  /** 'YYYY-MM-DD', or null when the bank gives none (e.g. a pending entry). */
  bookingDate: string | null;
  valueDate: string | null;
  entryReference?: string;
  accountServicerReference?: string;
  /** The account of the notification (`Ntfctn/Acct`) this entry belongs to. */
  account: CamtAccount;
  transactions: CamtTransaction[];
};

export type CamtNotification = {
  messageId: string;
  createdAt: string;
  /** The message type from the namespace, e.g. 'camt.054.001.02'. */
  messageType: string;
  /** The account of the first notification (a file normally has one; each entry also carries its own). */
  account: CamtAccount;
  /** Entries of all notifications in document order. */
  entries: CamtEntry[];
};

export type CamtReadResult = { ok: boolean; errors: ReadError[]; notification: CamtNotification | null };

function readAccount(acct: XmlElement | undefined): CamtAccount {
  const out: CamtAccount = {};
  const iban = textAt(acct, 'Id/IBAN');
  if (iban !== undefined) out.iban = iban;
  const other = textAt(acct, 'Id/Othr/Id');
  if (other !== undefined) out.other = other;
  const scheme = textAt(acct, 'Id/Othr/SchmeNm/Cd') ?? textAt(acct, 'Id/Othr/SchmeNm/Prtry');
  if (scheme !== undefined) out.scheme = scheme;
  const ccy = textAt(acct, 'Ccy');
  if (ccy !== undefined) out.currency = ccy;
  return out;
}

/** 'NOTPROVIDED' is the SEPA placeholder for "no reference"; it is not an id to match on. */
function ref(v: string | undefined): string | undefined {
  return v === undefined || v === 'NOTPROVIDED' ? undefined : v;
}

/** The party name in either shape: `Cdtr/Nm` (.02–.07) or `Cdtr/Pty/Nm` (.08+). */
function partyName(parties: XmlElement | undefined, role: 'Cdtr' | 'Dbtr'): string | undefined {
  return textAt(parties, `${role}/Nm`) ?? textAt(parties, `${role}/Pty/Nm`);
}

function readTransaction(errors: ReadError[], tx: XmlElement, entry: { ore: bigint; currency: string } | undefined, onlyOne: boolean): CamtTransaction | undefined {
  // The transaction amount: TxDtls/Amt (.03+), else AmtDtls/TxAmt/Amt, else AmtDtls/InstdAmt/Amt,
  // else — when it is the entry's only transaction — the entry amount.
  const amtEl = kid(tx, 'Amt') ?? at(tx, 'AmtDtls/TxAmt/Amt') ?? at(tx, 'AmtDtls/InstdAmt/Amt');
  let amount: { ore: bigint; currency: string } | undefined;
  if (amtEl !== undefined) {
    amount = readAmountEl(errors, amtEl);
    if (amount === undefined) return undefined;
  } else if (onlyOne && entry !== undefined) {
    amount = entry;
  } else {
    if (!onlyOne) { // (a lone transaction without amount in an entry without amount: the entry error says it)
      errors.push({
        code: 'AVROP-ISO-003',
        message: 'Transaktionen saknar belopp (AmtDtls/TxAmt/Amt) och posten har flera transaktioner.',
        messageEn: 'The transaction has no amount (AmtDtls/TxAmt/Amt) and the entry has several transactions.',
        location: tx.location,
      });
    }
    return undefined;
  }
  const refs = kid(tx, 'Refs');
  const out: CamtTransaction = { amountOre: amount.ore, currency: amount.currency, returned: false };
  const e2e = ref(textAt(refs, 'EndToEndId'));
  if (e2e !== undefined) out.endToEndId = e2e;
  const instr = ref(textAt(refs, 'InstrId'));
  if (instr !== undefined) out.instructionId = instr;
  const pmtInf = ref(textAt(refs, 'PmtInfId'));
  if (pmtInf !== undefined) out.paymentInfoId = pmtInf;
  const msgId = ref(textAt(refs, 'MsgId'));
  if (msgId !== undefined) out.messageId = msgId;
  const svcr = textAt(refs, 'AcctSvcrRef');
  if (svcr !== undefined) out.accountServicerReference = svcr;
  const parties = kid(tx, 'RltdPties');
  const cdtr = partyName(parties, 'Cdtr');
  if (cdtr !== undefined) out.creditorName = cdtr;
  const dbtr = partyName(parties, 'Dbtr');
  if (dbtr !== undefined) out.debtorName = dbtr;
  const rmt = kid(tx, 'RmtInf');
  const scor = kids(rmt, 'Strd').map((s) => textAt(s, 'CdtrRefInf/Ref')).find((r) => r !== undefined);
  if (scor !== undefined) {
    out.reference = scor;
  } else {
    const lines = kids(rmt, 'Ustrd').map((u) => u.text.trim()).filter((t) => t !== '');
    if (lines.length > 0) out.reference = lines.join(' ');
  }
  const rtr = kid(tx, 'RtrInf');
  if (rtr !== undefined) {
    out.returned = true;
    const code = reasonCode(rtr);
    if (code !== undefined) out.returnReason = code;
    const info = additionalInfo(rtr);
    if (info !== undefined) out.returnReasonText = info;
  }
  return out;
}

function readEntry(errors: ReadError[], ntry: XmlElement, account: CamtAccount): CamtEntry | undefined {
  const before = errors.length;
  const amtEl = kid(ntry, 'Amt');
  let amount: { ore: bigint; currency: string } | undefined;
  if (amtEl === undefined) {
    errors.push({ code: 'AVROP-ISO-003', message: 'Posten saknar belopp (Ntry/Amt).', messageEn: 'The entry has no amount (Ntry/Amt).', location: ntry.location });
  } else {
    amount = readAmountEl(errors, amtEl);
  }
  const cdi = requiredText(errors, ntry, 'CdtDbtInd', { sv: 'Debet/kredit-markering', en: 'The credit/debit indicator' });
  const creditDebit = readCode(errors, ntry, cdi, ['DBIT', 'CRDT'] as const, { sv: 'Debet/kredit-markeringen', en: 'The credit/debit indicator' });
  const stsRaw = textAt(ntry, 'Sts') ?? textAt(ntry, 'Sts/Cd');
  if (stsRaw === undefined) errors.push({ code: 'AVROP-ISO-002', message: 'Postens status (Sts) saknas.', messageEn: 'The entry status (Sts) is missing.', location: ntry.location });
  const status = readCode(errors, ntry, stsRaw, ENTRY_STATUSES, { sv: 'Postens status', en: 'The entry status' });
  const rvsl = textAt(ntry, 'RvslInd');
  const bookingDate = readDateChoice(errors, kid(ntry, 'BookgDt'), { sv: 'Bokföringsdagen', en: 'The booking date' });
  const valueDate = readDateChoice(errors, kid(ntry, 'ValDt'), { sv: 'Valutadagen', en: 'The value date' });
  const txEls = kids(ntry, 'NtryDtls').flatMap((d) => kids(d, 'TxDtls'));
  const transactions: CamtTransaction[] = [];
  for (const tx of txEls) {
    const t = readTransaction(errors, tx, amount, txEls.length === 1);
    if (t) transactions.push(t);
  }
  if (errors.length !== before || amount === undefined || creditDebit === undefined || status === undefined) return undefined;
  const out: CamtEntry = {
    amountOre: amount.ore,
    currency: amount.currency,
    creditDebit,
    reversal: rvsl === 'true' || rvsl === '1',
    status,
    bookingDate,
    valueDate,
    account,
    transactions,
  };
  const ntryRef = textAt(ntry, 'NtryRef');
  if (ntryRef !== undefined) out.entryReference = ntryRef;
  const svcr = textAt(ntry, 'AcctSvcrRef');
  if (svcr !== undefined) out.accountServicerReference = svcr;
  return out;
}

/** Reads a camt.054 notification. `ok` is false (and `notification` null) when anything is wrong. Never throws. */
export function readCamt054(xml: string | Uint8Array, options: ReadOptions = {}): CamtReadResult {
  const opened = openIsoDocument(xml, 'camt.054', 'BkToCstmrDbtCdtNtfctn', options);
  if (!opened.ok) return { ok: false, errors: opened.errors, notification: null };
  const body = opened.body;
  const errors: ReadError[] = [];
  const grpHdr = kid(body, 'GrpHdr');
  if (grpHdr === undefined) {
    errors.push({ code: 'AVROP-ISO-002', message: 'Gruppuppgifterna (GrpHdr) saknas.', messageEn: 'The group header (GrpHdr) is missing.', location: body.location });
    return { ok: false, errors, notification: null };
  }
  const messageId = requiredText(errors, grpHdr, 'MsgId', { sv: 'Meddelande-id', en: 'The message id' });
  const createdAt = requiredText(errors, grpHdr, 'CreDtTm', { sv: 'Skapandetidpunkten', en: 'The creation time' });
  const notifications = kids(body, 'Ntfctn');
  if (notifications.length === 0) {
    errors.push({ code: 'AVROP-ISO-002', message: 'Aviseringen (Ntfctn) saknas.', messageEn: 'The notification (Ntfctn) is missing.', location: body.location });
  }
  const entries: CamtEntry[] = [];
  let firstAccount: CamtAccount | undefined;
  for (const n of notifications) {
    const acctEl = kid(n, 'Acct');
    if (acctEl === undefined) {
      errors.push({ code: 'AVROP-ISO-002', message: 'Kontot (Ntfctn/Acct) saknas.', messageEn: 'The account (Ntfctn/Acct) is missing.', location: n.location });
      continue;
    }
    const account = readAccount(acctEl);
    firstAccount ??= account;
    for (const ntry of kids(n, 'Ntry')) {
      const e = readEntry(errors, ntry, account);
      if (e) entries.push(e);
    }
  }
  if (errors.length > 0 || messageId === undefined || createdAt === undefined || firstAccount === undefined) {
    return { ok: false, errors, notification: null };
  }
  return { ok: true, errors: [], notification: { messageId, createdAt, messageType: opened.messageType, account: firstAccount, entries } };
}
