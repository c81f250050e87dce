// Holds raised by the payment controls, and their documented release by a second person.
import type { TenantTx } from '../../platform/db/tenant.ts';
import { formatOre } from '../../platform/money.ts';
import { recordEvent } from '../../platform/audit/index.ts';
import { conflict, forbidden, notFound, validationError } from '../../platform/errors.ts';
import { actorOfPerson, type Person } from './person.ts';

export type HoldView = {
  id: string; invoiceId: string; invoiceNumber: string | null; supplierName: string | null; amount: string | null; reason: string; detail: string;
  raisedBy: string | null; raisedAt: string; releasedBy: string | null; releasedAt: string | null; releaseComment: string | null;
};

const iso = (d: Date | string | null) => (d === null ? null : d instanceof Date ? d.toISOString() : String(d));

export async function listHolds(tx: TenantTx, opts: { open?: boolean; invoiceId?: string } = {}): Promise<HoldView[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (opts.open) where.push('h.released_at IS NULL');
  if (opts.invoiceId) { params.push(opts.invoiceId); where.push(`h.invoice_id = $${params.length}`); }
  const r = await tx.query<{ id: string; invoice_id: string; invoice_number: string | null; seller_name: string | null; gross_amount_ore: string | null; reason: string; detail: string; raiser: string | null; raised_at: Date; releaser: string | null; released_at: Date | null; release_comment: string | null }>(
    `SELECT h.id, h.invoice_id, i.invoice_number, i.seller_name, i.gross_amount_ore, h.reason, h.detail, r.username AS raiser, h.raised_at, l.username AS releaser, h.released_at, h.release_comment
       FROM payment_holds h JOIN invoices i ON i.id = h.invoice_id LEFT JOIN users r ON r.id = h.raised_by LEFT JOIN users l ON l.id = h.released_by
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY h.released_at NULLS FIRST, h.raised_at DESC LIMIT 500`, params);
  return r.rows.map((h) => ({
    id: h.id, invoiceId: h.invoice_id, invoiceNumber: h.invoice_number, supplierName: h.seller_name, amount: h.gross_amount_ore === null ? null : formatOre(h.gross_amount_ore),
    reason: h.reason, detail: h.detail, raisedBy: h.raiser, raisedAt: iso(h.raised_at)!, releasedBy: h.releaser, releasedAt: iso(h.released_at), releaseComment: h.release_comment,
  }));
}

/** Releases a hold with a documented reason; the person who raised it (ran the proposal) cannot. */
export async function releaseHold(tx: TenantTx, person: Person, holdId: string, comment: string): Promise<void> {
  if (!comment.trim()) throw validationError([{ path: 'comment', message: 'Skriv varför spärren släpps (t.ex. vem som kontaktades och vad som kontrollerades).' }]);
  const r = await tx.query<{ id: string; invoice_id: string; reason: string; raised_by: string | null; released_at: Date | null }>('SELECT id, invoice_id, reason, raised_by, released_at FROM payment_holds WHERE id = $1 FOR UPDATE', [holdId]);
  const h = r.rows[0];
  if (!h) throw notFound({ sv: 'Spärren finns inte.', en: 'No such hold.' });
  if (h.released_at) throw conflict({ sv: 'Spärren är redan släppt.', en: 'The hold is already released.' });
  if (!person.id) throw forbidden({ sv: 'En spärr släpps av en person.', en: 'A hold is released by a person.' });
  if (h.raised_by === person.id) throw forbidden({ sv: 'En annan person än den som fick spärren ska släppa den (fyra ögon).', en: 'Another person than the one who raised the hold must release it (four eyes).' });
  await tx.query('UPDATE payment_holds SET released_by = $2, released_at = now(), release_comment = $3 WHERE id = $1', [holdId, person.id, comment.trim()]);
  await recordEvent(tx, { actor: actorOfPerson(person), action: 'payment_hold.release', entityType: 'invoice', entityId: h.invoice_id, after: { reason: h.reason, comment: comment.trim() } });
}
