// Shapes of the Avrop API (see /api/openapi.json on a running server).

export const ROLES = [
  'bestallare',
  'inkopssamordnare',
  'beslutsattestant',
  'godsmottagare',
  'fakturahanterare',
  'inkopscontroller',
  'ekonom',
  'systemforvaltare',
  'revisor',
] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export type Tenant = { id: string; name: string; orgNumber: string };

export type User = {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  roles: string[];
  trainedBuyerAt: string | null;
  totpEnabled: boolean;
  tenant: Tenant;
  active?: boolean;
  version?: number;
};

export type Session = { csrfToken: string; user: User };

export type UnitKind = 'namnd' | 'forvaltning' | 'enhet';

export type OrgUnit = {
  id: string;
  parentId: string | null;
  code: string;
  name: string;
  kind: UnitKind;
  validFrom: string;
  validTo: string | null;
  version?: number;
};

export type Dimension = { code: string; name: string; valueCount: number };

export type DimensionValue = {
  id: string;
  code: string;
  name: string;
  validFrom: string;
  validTo: string | null;
  unitId: string | null;
  version?: number;
};

export type ImportResult = { imported: number; updated: number };
export type ImportRowError = { row: number; column: string | null; message: string };

export type AttestRight = {
  id: string;
  userId: string;
  username: string;
  displayName: string;
  ansvar: string;
  ansvarName: string;
  maxAmount: string;
  validFrom: string;
  validTo: string | null;
  version?: number;
};

export type Substitute = {
  id: string;
  userId: string;
  username: string;
  substituteUserId: string;
  substituteUsername: string;
  validFrom: string;
  validTo: string;
};

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export type AuditEvent = {
  seq: number | string;
  occurredAt: string;
  actor: { id: string; username: string } | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: JsonValue;
  after: JsonValue;
};

export type AuditPage = { events: AuditEvent[]; nextCursor: string | null };

export type AuditVerify = { ok: boolean; checked: number; firstBroken: { seq: number | string; reason: string } | null };

export type TotpSetup = { secret: string; otpauthUrl: string };

// ---------- Invoices ----------

export const INVOICE_STATUSES = ['to_identify', 'to_code', 'to_review', 'to_approve', 'approved', 'disputed', 'rejected', 'suspected_duplicate', 'dismissed_duplicate'] as const;

export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

export type Finding = { rule: string; severity: 'fatal' | 'warning'; message: string; location: string };

export type InvoiceSummary = {
  id: string;
  status: InvoiceStatus;
  source: string;
  format: string;
  isCreditNote: boolean;
  invoiceNumber: string | null;
  issueDate: string | null;
  dueDate: string | null;
  daysToDue: number | null;
  overdue: boolean;
  currency: string | null;
  supplierId: string | null;
  sellerName: string | null;
  sellerOrgNumber: string | null;
  buyerReference: string | null;
  orderReference: string | null;
  netAmount: string | null;
  vatAmount: string | null;
  grossAmount: string | null;
  payableAmount: string | null;
  fatalCount: number;
  warningCount: number;
  receivedAt: string;
};

export type InvoiceLine = {
  position: number;
  lineId: string | null;
  description: string | null;
  note: string | null;
  quantity: string | null;
  unitCode: string | null;
  netPrice: string | null;
  netAmount: string | null;
  vatCategory: string | null;
  vatRate: string | null;
  sellersItemId: string | null;
  standardItemId: string | null;
  classifications: { code: string; listId: string | null }[];
  accountingReference: string | null;
  orderLineReference: string | null;
  periodStart: string | null;
  periodEnd: string | null;
};

export type InvoiceVat = {
  position: number;
  category: string | null;
  rate: string | null;
  taxableAmount: string | null;
  taxAmount: string | null;
  exemptionReason: string | null;
};

export type InvoiceAttachment = {
  position: number;
  referenceId: string | null;
  description: string | null;
  filename: string | null;
  mimeCode: string | null;
  externalUri: string | null;
  size: number | null;
};

export type InvoiceDetail = InvoiceSummary & {
  typeCode: string | null;
  contractReference: string | null;
  accountingReference: string | null;
  sellerVatNumber: string | null;
  sellerEndpoint: string | null;
  buyerEndpoint: string | null;
  paymentReference: string | null;
  paymentAccounts: { type: string; id: string; scheme: string; bic: string | null; name: string | null }[];
  duplicateOf: string | null;
  duplicateReason: string | null;
  responseStatus: 'pending' | 'written' | 'not_sent' | null;
  findings: Finding[];
  version: number;
  document: { id: string; filename: string | null; contentType: string; sha256: string; size: number; source: string };
  lines: InvoiceLine[];
  vat: InvoiceVat[];
  attachments: InvoiceAttachment[];
} & HandlingView;

// ---------- Invoice handling ----------

export type VatHandling = 'deductible' | 'compensation' | 'none';
export type RoutingMethod = 'order-reference' | 'buyer-reference' | 'supplier-rule' | 'manual';

export type CodingRowView = {
  position: number;
  konto: string;
  ansvar: string;
  dimensions: Record<string, string>;
  amount: string;
  vatAmount: string;
  vatHandling: VatHandling;
  linePosition: number | null;
  text: string | null;
};

export type HandlingView = {
  routing: { method: RoutingMethod | null; username: string | null; displayName: string | null; referenceCode: string | null; detail: string | null; routedAt: string | null };
  assignedTo: { username: string; displayName: string } | null;
  coding: CodingRowView[];
  codingSource: string | null;
  voucher: { rows: { konto: string; ansvar: string | null; dimensions: Record<string, string>; debit: string; credit: string; text: string; kind: string }[]; debit: string; credit: string } | null;
  approvals: { kind: 'review' | 'approve'; username: string; displayName: string; ansvar: string | null; amount: string | null; via: string | null; onBehalfOf: string | null; comment: string | null; at: string }[];
  approvalNeeds: { ansvar: string; amount: string; approvedBy: string | null; candidates: { username: string; displayName: string; via: string }[] }[];
  designatedApprover: string | null;
  history: { kind: string; username: string | null; displayName: string | null; ansvar: string | null; comment: string | null; active: boolean; at: string }[];
  handlingNote: string | null;
  latePayment: { ratePercent: string; fee: string; daysLate: number; costIfPaidToday: string; interestPer30Days: string } | null;
};

export type TaskType = 'identify' | 'code' | 'review' | 'approve';

export type Task = {
  type: TaskType;
  invoiceId: string;
  invoiceNumber: string | null;
  supplierName: string | null;
  dueDate: string | null;
  issueDate: string | null;
  amount: string | null;
  currency: string | null;
  status: string;
  since: string;
  overdue: boolean;
  escalated: boolean;
  ansvar: string[];
  note: string | null;
};

export type AppNotification = { id: string; invoiceId: string | null; kind: string; message: string; createdAt: string; read: boolean };

export type QueueId = 'to_identify' | 'to_code' | 'to_review' | 'to_approve' | 'disputed' | 'rejected' | 'suspected_duplicate' | 'approved';

export type Workbench = {
  queues: Record<QueueId, number>;
  atRisk: { dueSoon: number; overdue: number; overdueAmount: string; overdueCostIfPaidToday: string; feesIfAllLate: string; dueSoonLimit: string };
};

export type CodingProposal = {
  source: string | null;
  complete: boolean;
  note: string | null;
  rows: { konto: string | null; ansvar: string | null; dimensions: Record<string, string>; amount: string; vatHandling: VatHandling; linePosition: number | null; text: string | null }[];
};

export type CodingRowInput = {
  konto: string;
  ansvar: string;
  amount: string;
  vatHandling?: VatHandling;
  linePosition?: number | null;
  text?: string | null;
  dimensions?: Record<string, string>;
};

export type ReferenceCode = { id: string; code: string; userId: string; username: string; displayName: string; ansvar: string | null; description: string | null; active: boolean; version: number };

export type InvoiceList = { invoices: InvoiceSummary[]; total: number };

export type InboundOutcome = 'registered' | 'duplicate' | 'suspected-duplicate' | 'rejected' | 'unknown-recipient';

export type InboundResult = { outcome: InboundOutcome; invoiceId: string | null; tenant: string | null; findings: Finding[] };

export type PdfProposal = {
  supplierId: string | null;
  supplierName: string | null;
  orgNumber: string | null;
  vatNumber: string | null;
  bankgiro: string | null;
  plusgiro: string | null;
  invoiceNumber: string | null;
  issueDate: string | null;
  dueDate: string | null;
  currency: string;
  netAmount: string | null;
  vatAmount: string | null;
  grossAmount: string | null;
  ocr: string | null;
  buyerReference: string | null;
};

export type PdfDraft = { draftId: string; proposal: PdfProposal; text: string };

export type PdfConfirmInput = {
  supplierId: string;
  invoiceNumber: string;
  issueDate: string;
  dueDate: string;
  currency: string;
  netAmount: string;
  vatAmount: string;
  grossAmount: string;
  ocr?: string;
  buyerReference?: string;
};

// ---------- Suppliers ----------

export type UserRef = { id: string; username: string } | null;

export type Address = { street: string | null; street2: string | null; postalCode: string | null; city: string | null; country: string | null };

export type Contact = { name: string; role: string | null; email: string | null; phone: string | null };

export type AccountType = 'bankgiro' | 'plusgiro' | 'bank' | 'iban';

export type SupplierAccount = {
  id: string;
  type: AccountType;
  number: string;
  clearing: string | null;
  bic: string | null;
  display: string;
  status: 'unverified' | 'verified';
  addedBy: UserRef;
  addedAt: string;
  verifiedBy: UserRef;
  verifiedAt: string | null;
  endedBy: UserRef;
  endedAt: string | null;
};

export type Supplier = {
  id: string;
  name: string;
  orgNumber: string | null;
  vatNumber: string | null;
  country: string;
  fSkatt: boolean | null;
  fSkattCheckedOn: string | null;
  postalAddress: Address;
  visitingAddress: Address;
  contacts: Contact[];
  email: string | null;
  phone: string | null;
  note: string | null;
  blocked: boolean;
  blockedReason: string | null;
  blockedAt: string | null;
  endpoints: { id: string; scheme: string; identifier: string; participantId: string }[];
  accounts: SupplierAccount[];
  createdAt: string;
  updatedAt: string;
  version: number;
};

export type SupplierList = { suppliers: Supplier[]; total: number };

export type SupplierImportReport = {
  dryRun: boolean;
  ok: boolean;
  format: 'csv' | 'xlsx';
  encoding: string | null;
  rows: number;
  created: number;
  suppliers: { row: number; name: string; orgNumber: string | null; id: string | null }[];
  errors: { row: number; column: string; message: string }[];
};

export type OnboardingTask = {
  id: string;
  status: 'open' | 'done' | 'dismissed';
  name: string;
  orgNumber: string | null;
  vatNumber: string | null;
  endpointId: string | null;
  invoiceIds: string[];
  warnings: string[];
  createdBy: UserRef;
  createdAt: string;
  resolvedBy: UserRef;
  resolvedAt: string | null;
  resolution: string | null;
  supplierId: string | null;
};

// Ledger: reskontra, ageing, vouchers, export batches.
export type OpenItem = { invoiceId: string; invoiceNumber: string | null; supplierId: string | null; supplierName: string | null; amount: string; accountingDate: string; dueDate: string | null; daysOverdue: number; voucher: string; inPayment: boolean };
export type AgeingRow = { supplierId: string | null; supplierName: string | null; open: string; notDue: string; overdue1to30: string; overdue31to60: string; overdue61to90: string; overdueOver90: string; items: number };
export type VoucherRow = { konto: string; ansvar: string | null; dimensions: Record<string, string>; debit: string; credit: string; text: string | null };
export type Voucher = { id: string; series: string; year: number; number: number; date: string; text: string; sourceType: string; sourceId: string; exportBatch: number | null; rows: VoucherRow[] };
export type ExportFormat = 'sie4i' | 'csv';
export type ExportBatch = { id: string; number: number; format: ExportFormat; filename: string; vouchers: number; sha256: string; createdAt: string; createdBy: string | null };

// Payments: proposals (four eyes), payment files, holds, bank imports, the late-payment report.
export type ProposalStatus = 'proposed' | 'approved' | 'file_created' | 'cancelled';
export type ProposalHead = { id: string; number: number; untilDate: string; status: ProposalStatus; createdBy: string; createdAt: string; approvedBy: string | null; approvedAt: string | null; total: string; invoiceCount: number };
export type PaymentItemStatus = 'proposed' | 'in_file' | 'paid' | 'returned' | 'removed';
export type PaymentItem = { invoiceId: string; invoiceNumber: string | null; supplierName: string; amount: string; dueDate: string | null; endToEndId: string; account: string; reference: string; status: PaymentItemStatus; paidOn: string | null };
export type ProposalDetail = ProposalHead & { items: PaymentItem[]; file: { id: string; filename: string; payments: number; total: string; createdAt: string } | null };
export type ProposalCreated = { proposal: string; number: number; invoices: number; total: string; held: number };
export type PaymentFileCreated = { file: string; filename: string; payments: number; total: string };
export type HoldReason = 'unverified_account' | 'account_mismatch' | 'account_changed' | 'giro_mixup' | 'new_supplier_large' | 'duplicate' | 'no_fskatt' | 'over_limit' | 'blocked_supplier';
export type PaymentHold = { id: string; invoiceId: string; invoiceNumber: string | null; supplierName: string | null; amount: string | null; reason: HoldReason; detail: string; raisedBy: string | null; raisedAt: string; releasedBy: string | null; releasedAt: string | null; releaseComment: string | null };
export type BankImportKind = 'camt054' | 'pain002';
export type BankImportOutcome = 'paid' | 'returned' | 'rejected' | 'unknown' | 'already_done' | 'accepted';
export type BankImportResult = {
  import: string; kind: BankImportKind; messageId: string | null; paid: number; returned: number; rejected: number; unknown: number;
  items: { endToEndId: string | null; amount: string | null; bookingDate: string | null; reference: string | null; outcome: BankImportOutcome; detail: string | null; invoiceIds: string[] }[];
};
export type LateCostRow = { forvaltning: string; forvaltningName: string; month: string; paid: number; onTime: number; late: number; interest: string; fees: string; total: string };
export type LateCostReport = { from: string; to: string; rows: LateCostRow[]; totals: { paid: number; onTime: number; late: number; shareOnTime: number | null; interest: string; fees: string; total: string } };
