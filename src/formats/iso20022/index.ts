// ISO 20022 payment messages for Swedish supplier payments: write pain.001.001.03, read camt.054 and pain.002.
// Pure: no database, no HTTP, no platform. See README.md for the market-practice choices.
export { MAX_AMOUNT_ORE, formatOre, parseAmountToOre } from './amount.ts';
export type { AmountParse } from './amount.ts';
export { PAIN001_NS, Pain001Error, SEPA_COUNTRIES, escapeXml, paymentClass, writePain001 } from './write-pain001.ts';
export type {
  CreditorAccount, DebtorAccount, Pain001Problem, Payment, PaymentBatch, PaymentClass, PaymentFile, PostalAddress, Remittance,
} from './write-pain001.ts';
export { readCamt054 } from './read-camt054.ts';
export type { CamtAccount, CamtEntry, CamtNotification, CamtReadResult, CamtTransaction, EntryStatus } from './read-camt054.ts';
export { PAYMENT_STATUSES, readPain002 } from './read-pain002.ts';
export type { Pain002PaymentInfo, Pain002ReadResult, Pain002Report, Pain002Transaction, PaymentStatus } from './read-pain002.ts';
export type { ReadError, ReadErrorCode, ReadOptions } from './read-util.ts';
