// Verifies a tenant's hash chain: every event's hash is recomputed from its fields, every prev_hash must
// equal the hash before it, and sequence numbers must have no gaps. Names the first broken link.
import type { TenantTx } from '../db/tenant.ts';

export type ChainVerdict = { ok: boolean; checked: number; firstBroken: { seq: number; reason: 'hash' | 'link' | 'gap' | 'head' } | null };

type Row = { seq: string; hash_ok: boolean; link_ok: boolean; gap_ok: boolean };

export async function verifyChain(tx: TenantTx): Promise<ChainVerdict> {
  const r = await tx.query<Row>(`
    SELECT seq,
           hash = avrop_audit_hash(prev_hash, tenant_id, seq, occurred_at, actor_id, actor_name, action, entity_type, entity_id, before, after) AS hash_ok,
           prev_hash = coalesce(lag(hash) OVER w, repeat('0', 64)) AS link_ok,
           seq = coalesce(lag(seq) OVER w, 0) + 1 AS gap_ok
      FROM audit_events WHERE tenant_id = $1
    WINDOW w AS (ORDER BY seq)
    ORDER BY seq`, [tx.tenantId]);
  for (const row of r.rows) {
    const reason = !row.gap_ok ? 'gap' : !row.link_ok ? 'link' : !row.hash_ok ? 'hash' : null;
    if (reason) return { ok: false, checked: r.rows.length, firstBroken: { seq: Number(row.seq), reason } };
  }
  const head = await tx.query<{ last_seq: string; last_hash: string }>('SELECT last_seq, last_hash FROM audit_heads WHERE tenant_id = $1', [tx.tenantId]);
  const last = r.rows[r.rows.length - 1];
  const headRow = head.rows[0];
  if (headRow && Number(headRow.last_seq) !== (last ? Number(last.seq) : 0)) {
    // Events were removed from the end of the chain.
    return { ok: false, checked: r.rows.length, firstBroken: { seq: (last ? Number(last.seq) : 0) + 1, reason: 'head' } };
  }
  return { ok: true, checked: r.rows.length, firstBroken: null };
}
