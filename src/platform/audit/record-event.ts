// Every decision and every change of master data is one audit event, written in the same transaction
// as the change. The database assigns the sequence number and the hash (trigger `audit_chain`).
import type { TenantTx } from '../db/tenant.ts';

export type Actor = { id: string; username: string } | null;

export type AuditEvent = {
  actor: Actor;
  action: string;          // e.g. 'user.create', 'attest_right.update', 'auth.login'
  entityType: string;      // e.g. 'user', 'org_unit'
  entityId: string | null;
  before?: unknown;
  after?: unknown;
};

export async function recordEvent(tx: TenantTx, e: AuditEvent): Promise<void> {
  await tx.query(
    `INSERT INTO audit_events (tenant_id, actor_id, actor_name, action, entity_type, entity_id, before, after, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, '', '')`,
    [tx.tenantId, e.actor?.id ?? null, e.actor?.username ?? null, e.action, e.entityType, e.entityId,
      e.before === undefined ? null : JSON.stringify(e.before), e.after === undefined ? null : JSON.stringify(e.after)],
  );
}
