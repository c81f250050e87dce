// Reading the audit trail, for the revisor: filter by action, entity, actor and dates; newest first.
import type { TenantTx } from '../db/tenant.ts';

export type AuditFilter = {
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  actor?: string | undefined;   // username
  from?: string | undefined;    // YYYY-MM-DD, Stockholm calendar date
  to?: string | undefined;
  cursor?: number | undefined;  // seq to continue below
  limit?: number | undefined;
};

export type AuditEventView = {
  seq: number;
  occurredAt: string;
  actor: { id: string; username: string } | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  hash: string;
};

type Row = { seq: string; occurred_at: Date; actor_id: string | null; actor_name: string | null; action: string; entity_type: string; entity_id: string | null; before: unknown; after: unknown; hash: string };

export async function listEvents(tx: TenantTx, f: AuditFilter): Promise<{ events: AuditEventView[]; nextCursor: number | null }> {
  const where: string[] = ['tenant_id = $1'];
  const params: unknown[] = [tx.tenantId];
  const add = (sql: string, v: unknown) => { params.push(v); where.push(sql.replace('?', `$${params.length}`)); };
  if (f.action) add('action LIKE ?', `${f.action}%`);
  if (f.entityType) add('entity_type = ?', f.entityType);
  if (f.entityId) add('entity_id = ?', f.entityId);
  if (f.actor) add('actor_name = ?', f.actor);
  if (f.from) add(`occurred_at >= (?::date)::timestamp AT TIME ZONE 'Europe/Stockholm'`, f.from);
  if (f.to) add(`occurred_at < ((?::date) + 1)::timestamp AT TIME ZONE 'Europe/Stockholm'`, f.to);
  if (f.cursor) add('seq < ?', f.cursor);
  const limit = Math.min(Math.max(f.limit ?? 50, 1), 500);
  const r = await tx.query<Row>(
    `SELECT seq, occurred_at, actor_id, actor_name, action, entity_type, entity_id, before, after, hash
       FROM audit_events WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT ${limit + 1}`,
    params,
  );
  const rows = r.rows.slice(0, limit);
  return {
    events: rows.map((row) => ({
      seq: Number(row.seq),
      occurredAt: new Date(row.occurred_at).toISOString(),
      actor: row.actor_id ? { id: row.actor_id, username: row.actor_name ?? '' } : null,
      action: row.action,
      entityType: row.entity_type,
      entityId: row.entity_id,
      before: row.before,
      after: row.after,
      hash: row.hash,
    })),
    nextCursor: r.rows.length > limit ? Number(rows[rows.length - 1]!.seq) : null,
  };
}
