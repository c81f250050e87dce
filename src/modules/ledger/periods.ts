// Closed accounting periods (YYYY-MM): nothing is posted into them.
import type { TenantTx } from '../../platform/db/tenant.ts';
import { recordEvent, type Actor } from '../../platform/audit/index.ts';
import { validationError } from '../../platform/errors.ts';

export async function closedPeriods(tx: TenantTx): Promise<Set<string>> {
  const r = await tx.query<{ period: string }>('SELECT period FROM ledger_periods');
  return new Set(r.rows.map((x) => x.period));
}

export async function listPeriods(tx: TenantTx): Promise<{ period: string; closedAt: string; closedBy: string | null }[]> {
  const r = await tx.query<{ period: string; closed_at: Date | string; username: string | null }>('SELECT p.period, p.closed_at, u.username FROM ledger_periods p LEFT JOIN users u ON u.id = p.closed_by ORDER BY p.period DESC');
  return r.rows.map((x) => ({ period: x.period, closedAt: x.closed_at instanceof Date ? x.closed_at.toISOString() : String(x.closed_at), closedBy: x.username }));
}

export async function setPeriodClosed(tx: TenantTx, actor: Actor, period: string, closed: boolean): Promise<void> {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) throw validationError([{ path: 'period', message: 'Period skrivs ÅÅÅÅ-MM.' }]);
  if (closed) await tx.query('INSERT INTO ledger_periods (tenant_id, period, closed_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [tx.tenantId, period, actor?.id ?? null]);
  else await tx.query('DELETE FROM ledger_periods WHERE period = $1', [period]);
  await recordEvent(tx, { actor, action: closed ? 'ledger_period.close' : 'ledger_period.reopen', entityType: 'ledger_period', entityId: period });
}
