// pain.002 (CustomerPaymentStatusReport) reader: the bank's answer to a pain.001 file — accepted, rejected
// as a whole (GrpSts RJCT), or partly (PART, with the rejected transactions listed). Written for
// pain.002.001.03; the later versions keep these elements. Never throws.
import type { XmlElement } from '../xml/types.ts';
import {
  additionalInfo, kid, kids, openIsoDocument, readCode, reasonCode, requiredText, textAt,
  type ReadError, type ReadOptions,
} from './read-util.ts';

/** Status codes (ExternalPaymentGroupStatus1Code / ExternalPaymentTransactionStatus1Code and the .03 enumerations). */
export type PaymentStatus =
  | 'ACCP' // accepted customer profile
  | 'ACSC' // accepted settlement completed (debited)
  | 'ACSP' // accepted settlement in process
  | 'ACTC' // accepted technical validation
  | 'ACWC' // accepted with change
  | 'ACCC' // accepted credit settlement completed
  | 'ACFC' // accepted funds checked
  | 'ACIS' // accepted and settlement initiated
  | 'ACPD' // accepted clearing processed
  | 'ACWP' // accepted without posting
  | 'BLCK' // blocked
  | 'CANC' // cancelled
  | 'PART' // partially accepted (group / payment information level)
  | 'PATC' // partially accepted technical correct
  | 'PDNG' // pending
  | 'PRES' // presented
  | 'RCVD' // received
  | 'RJCT'; // rejected

export const PAYMENT_STATUSES: readonly PaymentStatus[] = [
  'ACCP', 'ACSC', 'ACSP', 'ACTC', 'ACWC', 'ACCC', 'ACFC', 'ACIS', 'ACPD', 'ACWP', 'BLCK', 'CANC', 'PART', 'PATC', 'PDNG', 'PRES', 'RCVD', 'RJCT',
];

export type Pain002Transaction = {
  originalEndToEndId: string;
  originalInstructionId?: string;
  /** The batch (`OrgnlPmtInfId`) the transaction was reported under. */
  originalPaymentInfoId: string;
  /** `TxSts`; when the bank leaves it out, the payment information or group status it inherits. */
  status: PaymentStatus;
  /** `StsRsnInf/Rsn/Cd` (or `Prtry`), e.g. 'AC01', 'AM04'. */
  reasonCode?: string;
  /** `StsRsnInf/AddtlInf`, joined. */
  reasonText?: string;
};

export type Pain002PaymentInfo = {
  originalPaymentInfoId: string;
  status: PaymentStatus | null;
  reasonCode?: string;
  reasonText?: string;
};

export type Pain002Report = {
  messageId: string;
  createdAt: string | null;
  messageType: string;
  originalMessageId: string;
  /** `OrgnlMsgNmId`, e.g. 'pain.001.001.03'. */
  originalMessageType: string | null;
  /** `GrpSts`; null when the bank reports only per batch/transaction. */
  groupStatus: PaymentStatus | null;
  groupReasonCode?: string;
  groupReasonText?: string;
  paymentInfos: Pain002PaymentInfo[];
  transactions: Pain002Transaction[];
};

export type Pain002ReadResult = { ok: boolean; errors: ReadError[]; report: Pain002Report | null };

function reasons(el: XmlElement): { reasonCode?: string; reasonText?: string } {
  const infos = kids(el, 'StsRsnInf');
  const out: { reasonCode?: string; reasonText?: string } = {};
  const code = infos.map((i) => reasonCode(i)).find((c) => c !== undefined);
  if (code !== undefined) out.reasonCode = code;
  const texts = infos.map((i) => additionalInfo(i)).filter((t): t is string => t !== undefined);
  if (texts.length > 0) out.reasonText = texts.join(' ');
  return out;
}

const STATUS_LABEL = { sv: 'Statuskoden', en: 'The status code' };

/** Reads a pain.002 status report. `ok` is false (and `report` null) when anything is wrong. Never throws. */
export function readPain002(xml: string | Uint8Array, options: ReadOptions = {}): Pain002ReadResult {
  const opened = openIsoDocument(xml, 'pain.002', 'CstmrPmtStsRpt', options);
  if (!opened.ok) return { ok: false, errors: opened.errors, report: null };
  const body = opened.body;
  const errors: ReadError[] = [];
  const grpHdr = kid(body, 'GrpHdr');
  const grp = kid(body, 'OrgnlGrpInfAndSts');
  if (grpHdr === undefined || grp === undefined) {
    errors.push({
      code: 'AVROP-ISO-002',
      message: `${grpHdr === undefined ? 'Gruppuppgifterna (GrpHdr)' : 'Den ursprungliga filens uppgifter (OrgnlGrpInfAndSts)'} saknas.`,
      messageEn: `${grpHdr === undefined ? 'The group header (GrpHdr)' : 'The original group information (OrgnlGrpInfAndSts)'} is missing.`,
      location: body.location,
    });
    return { ok: false, errors, report: null };
  }
  const messageId = requiredText(errors, grpHdr, 'MsgId', { sv: 'Meddelande-id', en: 'The message id' });
  const originalMessageId = requiredText(errors, grp, 'OrgnlMsgId', { sv: 'Den ursprungliga filens meddelande-id', en: 'The original message id' });
  const originalMessageType = textAt(grp, 'OrgnlMsgNmId') ?? null;
  const groupStatus = readCode(errors, grp, textAt(grp, 'GrpSts'), PAYMENT_STATUSES, STATUS_LABEL) ?? null;
  const groupReasons = reasons(grp);

  const paymentInfos: Pain002PaymentInfo[] = [];
  const transactions: Pain002Transaction[] = [];
  for (const pmt of kids(body, 'OrgnlPmtInfAndSts')) {
    const pmtInfId = requiredText(errors, pmt, 'OrgnlPmtInfId', { sv: 'Betalningsuppdragets id', en: 'The original payment information id' });
    const pmtStatus = readCode(errors, pmt, textAt(pmt, 'PmtInfSts'), PAYMENT_STATUSES, STATUS_LABEL) ?? null;
    if (pmtInfId !== undefined) paymentInfos.push({ originalPaymentInfoId: pmtInfId, status: pmtStatus, ...reasons(pmt) });
    for (const tx of kids(pmt, 'TxInfAndSts')) {
      const e2e = requiredText(errors, tx, 'OrgnlEndToEndId', { sv: 'Betalningens end-to-end-id', en: 'The original end-to-end id' });
      const txStsRaw = textAt(tx, 'TxSts');
      const txSts = readCode(errors, tx, txStsRaw, PAYMENT_STATUSES, STATUS_LABEL);
      const status = txSts ?? (txStsRaw === undefined ? (pmtStatus ?? groupStatus) : null);
      if (status === null && txStsRaw === undefined) {
        errors.push({ code: 'AVROP-ISO-002', message: 'Transaktionens status (TxSts) saknas och ärvs inte från uppdraget eller filen.', messageEn: 'The transaction status (TxSts) is missing and not inherited from the batch or file.', location: tx.location });
      }
      if (e2e === undefined || pmtInfId === undefined || status === null || status === undefined) continue;
      const t: Pain002Transaction = { originalEndToEndId: e2e, originalPaymentInfoId: pmtInfId, status, ...reasons(tx) };
      const instr = textAt(tx, 'OrgnlInstrId');
      if (instr !== undefined) t.originalInstructionId = instr;
      transactions.push(t);
    }
  }
  if (errors.length > 0 || messageId === undefined || originalMessageId === undefined) return { ok: false, errors, report: null };
  const report: Pain002Report = {
    messageId,
    createdAt: textAt(grpHdr, 'CreDtTm') ?? null,
    messageType: opened.messageType,
    originalMessageId,
    originalMessageType,
    groupStatus,
    paymentInfos,
    transactions,
  };
  if (groupReasons.reasonCode !== undefined) report.groupReasonCode = groupReasons.reasonCode;
  if (groupReasons.reasonText !== undefined) report.groupReasonText = groupReasons.reasonText;
  return { ok: true, errors: [], report };
}
