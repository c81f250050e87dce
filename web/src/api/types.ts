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
