import { api } from './client.ts';
import type {
  AccountType, Address, AppNotification, CodingProposal, CodingRowInput, ReferenceCode, Task, Workbench, AttestRight, AuditPage, AuditVerify, Contact, Dimension, DimensionValue, ImportResult, InboundResult, InvoiceDetail, InvoiceList,
  InvoiceStatus, OnboardingTask, OrgUnit, PdfConfirmInput, PdfDraft, Session, Substitute, Supplier, SupplierImportReport, SupplierList, TotpSetup,
  UnitKind, User, AgeingRow, BankImportKind, BankImportResult, ExportBatch, ExportFormat, LateCostReport, OpenItem, PaymentFileCreated, PaymentHold,
  ProposalCreated, ProposalDetail, ProposalHead, Voucher,
} from './types.ts';

export type LoginInput = { username: string; password: string; tenant?: string; totp?: string };

export const auth = {
  login: (input: LoginInput) => api<Session>('/auth/login', { json: input, quiet401: true }),
  logout: () => api<unknown>('/auth/logout', { method: 'POST' }),
  me: () => api<Session>('/me', { quiet401: true }),
  changePassword: (currentPassword: string, newPassword: string) => api<unknown>('/me/password', { json: { currentPassword, newPassword } }),
  totpSetup: () => api<TotpSetup>('/me/totp/setup', { method: 'POST', json: {} }),
  totpEnable: (code: string) => api<unknown>('/me/totp/enable', { json: { code } }),
  totpDisable: (code: string) => api<unknown>('/me/totp/disable', { json: { code } }),
};

export const org = {
  units: () => api<{ units: OrgUnit[] }>('/org/units'),
  createUnit: (input: { parentId: string | null; code: string; name: string; kind: UnitKind }) => api<OrgUnit>('/org/units', { json: input }),
  updateUnit: (id: string, input: { name?: string; code?: string; validTo?: string | null; version?: number }) =>
    api<OrgUnit>(`/org/units/${encodeURIComponent(id)}`, { method: 'PATCH', json: input }),
};

export type ValueInput = { code?: string; name?: string; validFrom?: string; validTo?: string | null; unitId?: string | null; version?: number };

export const dimensions = {
  list: () => api<{ dimensions: Dimension[] }>('/dimensions'),
  values: (dim: string, q?: string, validOn?: string) =>
    api<{ values: DimensionValue[] }>(`/dimensions/${encodeURIComponent(dim)}/values`, { query: { q, validOn } }),
  createValue: (dim: string, input: ValueInput) => api<DimensionValue>(`/dimensions/${encodeURIComponent(dim)}/values`, { json: input }),
  updateValue: (dim: string, id: string, input: ValueInput) =>
    api<DimensionValue>(`/dimensions/${encodeURIComponent(dim)}/values/${encodeURIComponent(id)}`, { method: 'PATCH', json: input }),
  importCsv: (dim: string, file: Blob) =>
    api<ImportResult>(`/dimensions/${encodeURIComponent(dim)}/import`, { method: 'POST', raw: { body: file, contentType: 'text/csv' } }),
};

export type UserInput = {
  username?: string;
  displayName?: string;
  email?: string | null;
  roles?: string[];
  password?: string;
  trainedBuyerAt?: string | null;
  active?: boolean;
  version?: number;
};

export const users = {
  list: (q?: string) => api<{ users: User[] }>('/users', { query: { q } }),
  create: (input: UserInput) => api<User>('/users', { json: input }),
  update: (id: string, input: UserInput) => api<User>(`/users/${encodeURIComponent(id)}`, { method: 'PATCH', json: input }),
  setPassword: (id: string, password: string) => api<unknown>(`/users/${encodeURIComponent(id)}/password`, { json: { password } }),
};

export const attest = {
  rights: (userId?: string) => api<{ rights: AttestRight[] }>('/attest-rights', { query: { userId } }),
  createRight: (input: { userId: string; ansvar: string; maxAmount: string; validFrom: string; validTo?: string | null }) =>
    api<AttestRight>('/attest-rights', { json: input }),
  updateRight: (id: string, input: { maxAmount?: string; validTo?: string | null; version?: number }) =>
    api<AttestRight>(`/attest-rights/${encodeURIComponent(id)}`, { method: 'PATCH', json: input }),
  substitutes: () => api<{ substitutes: Substitute[] }>('/substitutes'),
  createSubstitute: (input: { userId: string; substituteUserId: string; validFrom: string; validTo: string }) =>
    api<Substitute>('/substitutes', { json: input }),
  removeSubstitute: (id: string) => api<unknown>(`/substitutes/${encodeURIComponent(id)}`, { method: 'DELETE' }),
};

export type AuditFilter = { action?: string; entityType?: string; actor?: string; from?: string; to?: string };

export const audit = {
  events: (filter: AuditFilter & { entityId?: string }, cursor?: string | null, limit = 25) =>
    api<AuditPage>('/audit', { query: { ...filter, cursor: cursor ?? undefined, limit } }),
  verify: () => api<AuditVerify>('/audit/verify'),
};

const enc = encodeURIComponent;

export type InvoiceFilter = {
  status?: InvoiceStatus;
  ansvar?: string;
  assignedTo?: string;
  supplierId?: string;
  q?: string;
  issuedFrom?: string;
  issuedTo?: string;
  dueFrom?: string;
  dueTo?: string;
  minAmount?: string;
  maxAmount?: string;
  sort?: 'due' | 'received' | 'amount';
  limit?: number;
  offset?: number;
};

/** Same-origin URLs the browser opens directly (iframes, downloads); cookies authenticate them. */
export const invoiceUrls = {
  view: (id: string) => `/api/invoices/${enc(id)}/view`,
  original: (id: string) => `/api/invoices/${enc(id)}/original`,
  attachment: (id: string, position: number, inline: boolean) => `/api/invoices/${enc(id)}/attachments/${position}${inline ? '?inline=1' : ''}`,
  pdfDraftFile: (draftId: string) => `/api/invoices/pdf/${enc(draftId)}/file`,
};

export const invoices = {
  list: (filter: InvoiceFilter) => api<InvoiceList>('/invoices', { query: filter }),
  get: (id: string) => api<InvoiceDetail>(`/invoices/${enc(id)}`),
  receive: (file: Blob, filename: string) =>
    api<InboundResult>('/invoices/inbound', { method: 'POST', query: { filename }, raw: { body: file, contentType: 'application/xml' } }),
  uploadPdf: (file: Blob, filename: string) =>
    api<PdfDraft>('/invoices/pdf', { method: 'POST', query: { filename }, raw: { body: file, contentType: 'application/pdf' } }),
  confirmPdf: (draftId: string, input: PdfConfirmInput) => api<{ invoiceId: string; outcome?: 'registered' | 'suspected-duplicate' }>(`/invoices/pdf/${enc(draftId)}/confirm`, { json: input }),
};

export type SupplierInput = {
  name?: string;
  orgNumber?: string | null;
  vatNumber?: string | null;
  country?: string;
  fSkatt?: boolean | null;
  fSkattCheckedOn?: string | null;
  postalAddress?: Partial<Address>;
  visitingAddress?: Partial<Address>;
  contacts?: Partial<Contact>[];
  email?: string | null;
  phone?: string | null;
  note?: string | null;
  endpoints?: string[];
  accounts?: AccountInput[];
  version?: number;
};

export type AccountInput = { type: AccountType; number: string; clearing?: string | null; bic?: string | null };

export type OnboardingResolution =
  | { action: 'create'; supplier?: SupplierInput }
  | { action: 'link'; supplierId: string }
  | { action: 'dismiss'; reason: string };

export const suppliers = {
  list: (q?: string, blocked?: 'true' | 'false', limit = 50, offset = 0) => api<SupplierList>('/suppliers', { query: { q, blocked, limit, offset } }),
  get: (id: string) => api<Supplier>(`/suppliers/${enc(id)}`),
  create: (input: SupplierInput) => api<Supplier>('/suppliers', { json: input }),
  update: (id: string, input: SupplierInput) => api<Supplier>(`/suppliers/${enc(id)}`, { method: 'PATCH', json: input }),
  block: (id: string, reason: string) => api<Supplier>(`/suppliers/${enc(id)}/block`, { json: { reason } }),
  unblock: (id: string, reason: string) => api<Supplier>(`/suppliers/${enc(id)}/unblock`, { json: { reason } }),
  addAccount: (id: string, input: AccountInput) => api<Supplier>(`/suppliers/${enc(id)}/accounts`, { json: input }),
  verifyAccount: (id: string, accountId: string) => api<Supplier>(`/suppliers/${enc(id)}/accounts/${enc(accountId)}/verify`, { method: 'POST', json: {} }),
  endAccount: (id: string, accountId: string) => api<Supplier>(`/suppliers/${enc(id)}/accounts/${enc(accountId)}`, { method: 'DELETE' }),
  importFile: (file: File, dryRun: boolean) => {
    const xlsx = /\.xlsx$/i.test(file.name);
    const contentType = xlsx ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv';
    return api<SupplierImportReport>('/suppliers/import', { method: 'POST', query: { dryRun: String(dryRun) }, raw: { body: file, contentType } });
  },
  onboarding: (status: 'open' | 'done' | 'dismissed' = 'open') => api<{ tasks: OnboardingTask[] }>('/supplier-onboarding', { query: { status } }),
  resolveOnboarding: (id: string, resolution: OnboardingResolution) =>
    api<{ task: OnboardingTask; supplier: Supplier | null }>(`/supplier-onboarding/${enc(id)}/resolve`, { json: resolution }),
};

export type AssignInput = { referenceCode?: string; username?: string; createSupplierRule?: boolean; comment?: string | null; version?: number };

export const handling = {
  tasks: () => api<Task[]>('/tasks'),
  notifications: () => api<AppNotification[]>('/notifications'),
  markNotificationsRead: () => api<unknown>('/notifications/read', { method: 'POST', json: {} }),
  workbench: () => api<Workbench>('/workbench'),
  assign: (id: string, input: AssignInput) => api<unknown>(`/invoices/${enc(id)}/assign`, { json: input }),
  proposal: (id: string) => api<CodingProposal>(`/invoices/${enc(id)}/coding/proposal`),
  saveCoding: (id: string, rows: CodingRowInput[], version?: number) => api<unknown>(`/invoices/${enc(id)}/coding`, { method: 'PUT', json: { rows, version } }),
  review: (id: string, comment: string | null, version?: number) => api<unknown>(`/invoices/${enc(id)}/review`, { json: { comment, version } }),
  approve: (id: string, comment: string | null, version?: number) => api<unknown>(`/invoices/${enc(id)}/approve`, { json: { comment, version } }),
  reject: (id: string, comment: string, to: 'handler' | 'supplier', version?: number) => api<unknown>(`/invoices/${enc(id)}/reject`, { json: { comment, to, version } }),
  duplicate: (id: string, duplicate: boolean, comment?: string | null) => api<unknown>(`/invoices/${enc(id)}/duplicate`, { json: { duplicate, comment: comment ?? null } }),
  referenceCodes: () => api<ReferenceCode[]>('/reference-codes'),
  createReferenceCode: (input: { code: string; userId: string; ansvar?: string | null; description?: string | null }) => api<ReferenceCode>('/reference-codes', { json: input }),
};

export const ledger = {
  openItems: () => api<OpenItem[]>('/ledger/open-items'),
  ageing: () => api<AgeingRow[]>('/ledger/ageing'),
  vouchers: (limit = 50) => api<Voucher[]>('/ledger/vouchers', { query: { limit } }),
  exports: () => api<ExportBatch[]>('/ledger/exports'),
  exportVouchers: (format: ExportFormat) => api<ExportBatch & { file: string }>('/ledger/exports', { json: { format } }),
  exportFileUrl: (id: string) => `/api/ledger/exports/${enc(id)}/file`,
};

export const payments = {
  proposals: () => api<ProposalHead[]>('/payments/proposals'),
  createProposal: (until: string) => api<ProposalCreated>('/payments/proposals', { json: { until } }),
  proposal: (id: string) => api<ProposalDetail>(`/payments/proposals/${enc(id)}`),
  approve: (id: string) => api<unknown>(`/payments/proposals/${enc(id)}/approve`, { method: 'POST', json: {} }),
  cancel: (id: string) => api<unknown>(`/payments/proposals/${enc(id)}/cancel`, { method: 'POST', json: {} }),
  createFile: (id: string) => api<PaymentFileCreated>(`/payments/proposals/${enc(id)}/file`, { method: 'POST', json: {} }),
  fileUrl: (id: string) => `/api/payments/proposals/${enc(id)}/file`,
  holds: () => api<PaymentHold[]>('/payments/holds', { query: { open: '1' } }),
  releaseHold: (id: string, comment: string) => api<unknown>(`/payments/holds/${enc(id)}/release`, { json: { comment } }),
  importBankFile: (kind: BankImportKind, file: Blob, filename: string) =>
    api<BankImportResult>(`/payments/imports/${kind}`, { method: 'POST', query: { filename }, raw: { body: file, contentType: 'application/xml' } }),
  lateCost: (from: string, to: string) => api<LateCostReport>('/payments/late-cost', { query: { from, to } }),
};
