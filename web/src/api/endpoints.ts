import { api } from './client.ts';
import type {
  AttestRight, AuditPage, AuditVerify, Dimension, DimensionValue, ImportResult, OrgUnit, Session, Substitute, TotpSetup, UnitKind, User,
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
  events: (filter: AuditFilter, cursor?: string | null, limit = 25) =>
    api<AuditPage>('/audit', { query: { ...filter, cursor: cursor ?? undefined, limit } }),
  verify: () => api<AuditVerify>('/audit/verify'),
};
