// Reminders and escalation, run daily by a durable job: a task waiting longer than the configured
// number of working days (Swedish public holidays do not count) reminds its owner; waiting longer
// still, or an invoice close to or past its due date without attest, is escalated to accounts payable.
import type { TenantTx } from '../../platform/db/tenant.ts';
import { newId } from '../../platform/ids.ts';
import { addWorkingDays, workingDaysBetween } from '../../platform/calendar.ts';
import { getSettings } from './settings.ts';

type Waiting = { id: string; status: string; invoice_number: string | null; seller_name: string | null; due_date: string | null; since: string; assigned_user_id: string | null; escalated_at: Date | string | null };

async function notify(tx: TenantTx, userId: string, invoiceId: string, kind: 'reminder' | 'escalation', message: string, key: string): Promise<number> {
  const r = await tx.query(`INSERT INTO notifications (id, tenant_id, user_id, invoice_id, kind, message, dedupe_key) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (tenant_id, dedupe_key) DO NOTHING RETURNING id`,
    [newId('ntf'), tx.tenantId, userId, invoiceId, kind, message.slice(0, 500), key]);
  return r.rows.length;
}

/** Who has the task of a waiting invoice: its receiver, or (to_approve) everyone who could approve now. */
async function owners(tx: TenantTx, w: Waiting, today: string): Promise<string[]> {
  if (w.status !== 'to_approve') return w.assigned_user_id ? [w.assigned_user_id] : [];
  const r = await tx.query<{ user_id: string }>(
    `WITH need AS (SELECT ansvar, abs(sum(amount_ore + vat_ore)) AS amount FROM coding_rows WHERE invoice_id = $1 GROUP BY ansvar),
          open AS (SELECT * FROM need n WHERE NOT EXISTS (SELECT 1 FROM invoice_actions a WHERE a.invoice_id = $1 AND a.active AND a.kind = 'approve' AND a.ansvar = n.ansvar))
     SELECT DISTINCT coalesce(s.substitute_user_id, a.user_id) AS user_id FROM open o
       JOIN attest_rights a ON a.ansvar = o.ansvar AND a.max_amount_ore >= o.amount AND a.valid_from <= $2::date AND (a.valid_to IS NULL OR a.valid_to >= $2::date)
       LEFT JOIN substitutes s ON s.user_id = a.user_id AND s.valid_from <= $2::date AND s.valid_to >= $2::date`, [w.id, today]);
  return r.rows.map((x) => x.user_id).filter((u) => u !== w.assigned_user_id);
}

export async function sendReminders(tx: TenantTx, today: string): Promise<{ reminders: number; escalations: number }> {
  const s = await getSettings(tx);
  const dueLimit = addWorkingDays(today, s.dueSoonWorkingDays);
  const waiting = await tx.query<Waiting>(
    `SELECT id, status, invoice_number, seller_name, due_date, to_char(status_changed_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM-DD') AS since, assigned_user_id, escalated_at
       FROM invoices WHERE status IN ('to_identify', 'to_code', 'to_review', 'to_approve')`);
  const handlers = (await tx.query<{ id: string }>(`SELECT id FROM users WHERE active AND 'fakturahanterare' = ANY(roles)`)).rows.map((u) => u.id);
  let reminders = 0; let escalations = 0;
  for (const w of waiting.rows) {
    const days = workingDaysBetween(w.since, today);
    const what = `Faktura ${w.invoice_number ?? ''} från ${w.seller_name ?? 'okänd leverantör'}`;
    if (days >= s.reminderWorkingDays && w.status !== 'to_identify') {
      for (const u of await owners(tx, w, today)) reminders += await notify(tx, u, w.id, 'reminder', `${what} har väntat på dig i ${days} arbetsdagar${w.due_date ? ` (förfaller ${w.due_date})` : ''}.`, `reminder:${w.id}:${w.status}:${w.since}:${u}`);
    }
    const dueSoon = w.due_date !== null && w.due_date <= dueLimit;
    if (days >= s.escalationWorkingDays || dueSoon) {
      const why = dueSoon ? (w.due_date! < today ? `förföll ${w.due_date} utan attest` : `förfaller ${w.due_date} utan attest`) : `har väntat i ${days} arbetsdagar`;
      let sent = 0;
      for (const u of handlers) sent += await notify(tx, u, w.id, 'escalation', `${what} ${why}.`, `escalation:${w.id}:${w.status}:${w.since}:${u}`);
      if (sent && !w.escalated_at) await tx.query('UPDATE invoices SET escalated_at = now() WHERE id = $1', [w.id]);
      escalations += sent ? 1 : 0;
    }
  }
  return { reminders, escalations };
}

export type NotificationView = { id: string; invoiceId: string | null; kind: string; message: string; createdAt: string; read: boolean };

export async function listNotifications(tx: TenantTx, userId: string, limit = 100): Promise<NotificationView[]> {
  const r = await tx.query<{ id: string; invoice_id: string | null; kind: string; message: string; created_at: Date | string; read_at: Date | string | null }>(
    'SELECT id, invoice_id, kind, message, created_at, read_at FROM notifications WHERE user_id = $1 ORDER BY created_at DESC LIMIT $2', [userId, limit]);
  return r.rows.map((n) => ({ id: n.id, invoiceId: n.invoice_id, kind: n.kind, message: n.message, createdAt: n.created_at instanceof Date ? n.created_at.toISOString() : String(n.created_at), read: n.read_at !== null }));
}

export async function markNotificationsRead(tx: TenantTx, userId: string): Promise<void> {
  await tx.query('UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL', [userId]);
}
