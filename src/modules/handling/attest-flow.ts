// The attest of the attestreglemente: granskningsattest by the invoice's receiver, then beslutsattest
// for every ansvar on the coding by someone holding an attest right for that ansvar, covering the
// amount, valid on the day (or their substitute) — never the receiver (own purchase) nor the reviewer.
// Every decision locks the invoice row first, so two browsers deciding at once are serialised: the
// second gets a clear 409 and changes nothing. Return and dispute undo the round's attests.
import type { TenantTx } from '../../platform/db/tenant.ts';
import { recordEvent } from '../../platform/audit/index.ts';
import { AppError, conflict, forbidden, validationError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { displayKr } from '../../platform/money.ts';
import { todayInStockholm } from '../../platform/dates.ts';
import { approversFor } from '../attest/index.ts';
import { postInvoices } from '../ledger/index.ts';
import { loadFacts, setStatus, type InvoiceFacts } from './invoice-facts.ts';
import { loadCodingRows, statusMessage } from './coding.ts';
import { assignInvoice, findTarget, type Target } from './route-invoice.ts';
import { saveSupplierRule, supplierRuleFor } from './supplier-rules.ts';
import type { Person } from './person.ts';

const actorOf = (p: Person) => ({ id: p.id, username: p.username });
const abs = (v: bigint) => (v < 0n ? -v : v);

function checkVersion(facts: InvoiceFacts, version: number | undefined): void {
  if (version !== undefined && version !== facts.version) {
    throw conflict({ sv: 'Fakturan har ändrats sedan du öppnade den. Ladda om sidan.', en: 'The invoice changed since you opened it. Reload the page.' }, { currentVersion: facts.version });
  }
}

function requireStatus(facts: InvoiceFacts, allowed: readonly string[], verb: string): void {
  if (!allowed.includes(facts.status)) throw new AppError('conflict', statusMessage(facts.status, verb), { status: facts.status });
}

async function addAction(tx: TenantTx, a: { invoiceId: string; kind: string; userId: string | null; ansvar?: string | null; amountOre?: bigint | null; via?: string | null; onBehalfOf?: string | null; comment?: string | null }): Promise<void> {
  try {
    await tx.query(
      `INSERT INTO invoice_actions (id, tenant_id, invoice_id, kind, user_id, ansvar, amount_ore, via, on_behalf_of, comment) VALUES ($1, $2, $3, $4, $5, $6, $7::bigint, $8, $9, $10)`,
      [newId('act'), tx.tenantId, a.invoiceId, a.kind, a.userId, a.ansvar ?? null, a.amountOre?.toString() ?? null, a.via ?? null, a.onBehalfOf ?? null, a.comment ?? null]);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === '23514' || code === '23505') throw conflict({ sv: 'Attesten kan inte registreras: samma person får inte både granska och beslutsattestera, och varje attest görs en gång.', en: 'The attest cannot be recorded: the same person may not both review and approve, and each attest is given once.' });
    throw e;
  }
}

/** Amount (incl. VAT, absolute) per ansvar on the coding: what each ansvar's attest must cover. */
export async function amountsPerAnsvar(tx: TenantTx, invoiceId: string): Promise<Map<string, bigint>> {
  const rows = await loadCodingRows(tx, invoiceId);
  const out = new Map<string, bigint>();
  for (const r of rows) out.set(r.ansvar, (out.get(r.ansvar) ?? 0n) + r.amountOre + r.vatOre);
  for (const [k, v] of out) out.set(k, abs(v));
  return out;
}

export type ApprovalNeed = { ansvar: string; amountOre: bigint; approvedBy: string | null };

export async function approvalNeeds(tx: TenantTx, invoiceId: string): Promise<ApprovalNeed[]> {
  const amounts = await amountsPerAnsvar(tx, invoiceId);
  const done = await tx.query<{ ansvar: string; user_id: string }>(`SELECT ansvar, user_id FROM invoice_actions WHERE invoice_id = $1 AND active AND kind = 'approve'`, [invoiceId]);
  const by = new Map(done.rows.map((d) => [d.ansvar, d.user_id]));
  return [...amounts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([ansvar, amountOre]) => ({ ansvar, amountOre, approvedBy: by.get(ansvar) ?? null }));
}

async function activeReviewer(tx: TenantTx, invoiceId: string): Promise<string | null> {
  const r = await tx.query<{ user_id: string }>(`SELECT user_id FROM invoice_actions WHERE invoice_id = $1 AND active AND kind = 'review'`, [invoiceId]);
  return r.rows[0]?.user_id ?? null;
}

/** POST review (granskningsattest): the receiver confirms delivery, amounts and coding. */
export async function review(tx: TenantTx, person: Person, invoiceId: string, input: { comment?: string | null | undefined; version?: number | undefined }): Promise<void> {
  const facts = await loadFacts(tx, invoiceId, true);
  checkVersion(facts, input.version);
  requireStatus(facts, ['to_review'], 'granska');
  if (facts.assignedUserId !== person.id) throw forbidden({ sv: 'Bara fakturans mottagare kan granskningsattestera den. Be fakturahanteringen koppla om den om den hamnat fel.', en: 'Only the invoice\'s recipient can review it.' });
  const needs = await approvalNeeds(tx, invoiceId);
  if (!needs.length) throw validationError([{ path: 'coding', message: 'Fakturan saknar kontering.' }]);
  await addAction(tx, { invoiceId, kind: 'review', userId: person.id, comment: input.comment ?? null });
  await setStatus(tx, invoiceId, 'to_approve');
  await recordEvent(tx, { actor: actorOf(person), action: 'invoice.review', entityType: 'invoice', entityId: invoiceId, after: { comment: input.comment ?? null } });
}

/**
 * POST approve (beslutsattest): the person attests every remaining ansvar they hold a right for that
 * covers its amount today (directly or as substitute). The invoice is approved when all ansvar are.
 */
export async function approve(tx: TenantTx, person: Person, invoiceId: string, input: { comment?: string | null | undefined; version?: number | undefined }): Promise<{ approvedAnsvar: string[]; complete: boolean }> {
  const facts = await loadFacts(tx, invoiceId, true);
  checkVersion(facts, input.version);
  requireStatus(facts, ['to_approve'], 'beslutsattestera');
  if (facts.assignedUserId === person.id) throw forbidden({ sv: 'Du kan inte beslutsattestera en faktura för ditt eget inköp (du är dess mottagare).', en: 'You cannot approve an invoice for your own purchase (you are its recipient).' });
  if (await activeReviewer(tx, invoiceId) === person.id) throw forbidden({ sv: 'Du har granskat fakturan och kan därför inte också beslutsattestera den (två i förening).', en: 'You reviewed the invoice and therefore cannot also approve it (two people).' });
  const today = todayInStockholm();
  const open = (await approvalNeeds(tx, invoiceId)).filter((n) => !n.approvedBy);
  const approved: string[] = [];
  const refusals: string[] = [];
  for (const need of open) {
    const holders = await approversFor(tx, need.ansvar, need.amountOre, today);
    const mine = holders.find((h) => h.userId === person.id);
    if (mine) {
      await addAction(tx, { invoiceId, kind: 'approve', userId: person.id, ansvar: need.ansvar, amountOre: need.amountOre, via: mine.via, onBehalfOf: mine.via === 'substitute' ? mine.forUserId : null, comment: input.comment ?? null });
      approved.push(need.ansvar);
    } else {
      const any = await tx.query<{ max_amount_ore: string }>(`SELECT max_amount_ore FROM attest_rights WHERE user_id = $1 AND ansvar = $2 AND valid_from <= $3::date AND (valid_to IS NULL OR valid_to >= $3::date)`, [person.id, need.ansvar, today]);
      refusals.push(any.rows[0]
        ? `din attesträtt för ansvar ${need.ansvar} gäller upp till ${displayKr(any.rows[0].max_amount_ore)} men beloppet är ${displayKr(need.amountOre)}`
        : `du har ingen attesträtt för ansvar ${need.ansvar} i dag`);
    }
  }
  if (!approved.length) {
    throw forbidden({ sv: `Du kan inte beslutsattestera fakturan: ${refusals.join('; ')}.`, en: `You cannot approve the invoice: no valid attest right covering the amount for ${open.map((n) => n.ansvar).join(', ')}.` });
  }
  const complete = approved.length === open.length;
  if (complete) {
    await setStatus(tx, invoiceId, 'approved', { escalated_at: null });
    await postInvoices(tx, actorOf(person), [invoiceId]); // approving posts it: voucher and open item
  }
  else await tx.query('UPDATE invoices SET version = version + 1 WHERE id = $1', [invoiceId]);
  await recordEvent(tx, { actor: actorOf(person), action: complete ? 'invoice.approve' : 'invoice.approve_partly', entityType: 'invoice', entityId: invoiceId, after: { ansvar: approved, comment: input.comment ?? null } });
  return { approvedAnsvar: approved, complete };
}

/** Who may return an invoice: its receiver, accounts payable, or anyone who could approve it now. */
async function mayReturn(tx: TenantTx, person: Person, facts: InvoiceFacts): Promise<boolean> {
  if (facts.assignedUserId === person.id || person.roles.includes('fakturahanterare')) return true;
  if (facts.status !== 'to_approve') return false;
  const today = todayInStockholm();
  for (const need of await approvalNeeds(tx, facts.id)) {
    if ((await approversFor(tx, need.ansvar, need.amountOre, today)).some((h) => h.userId === person.id)) return true;
  }
  return false;
}

/**
 * POST reject: returns the invoice with a comment — to accounts payable (identification queue) or as a
 * dispute with the supplier (not to be paid). The round's attests stop counting.
 */
export async function reject(tx: TenantTx, person: Person, invoiceId: string, input: { comment: string; to?: 'handler' | 'supplier' | undefined; version?: number | undefined }): Promise<void> {
  const facts = await loadFacts(tx, invoiceId, true);
  checkVersion(facts, input.version);
  requireStatus(facts, ['to_code', 'to_review', 'to_approve'], 'returnera');
  if (!input.comment.trim()) throw validationError([{ path: 'comment', message: 'Skriv varför fakturan returneras.' }]);
  if (!await mayReturn(tx, person, facts)) throw forbidden({ sv: 'Du kan inte returnera den här fakturan.', en: 'You cannot return this invoice.' });
  await tx.query(`UPDATE invoice_actions SET active = false WHERE invoice_id = $1 AND active AND kind IN ('review', 'approve')`, [invoiceId]);
  const dispute = input.to === 'supplier';
  await addAction(tx, { invoiceId, kind: dispute ? 'dispute' : 'return', userId: person.id, comment: input.comment });
  await setStatus(tx, invoiceId, dispute ? 'disputed' : 'to_identify', { handling_note: input.comment, ...(dispute ? {} : { assigned_user_id: null, routing_method: null, routing_reference_code: null, routing_detail: null }) });
  const handlers = await tx.query<{ id: string }>(`SELECT id FROM users WHERE active AND 'fakturahanterare' = ANY(roles)`);
  for (const h of handlers.rows) {
    await tx.query(`INSERT INTO notifications (id, tenant_id, user_id, invoice_id, kind, message, dedupe_key) VALUES ($1, $2, $3, $4, 'returned', $5, $6) ON CONFLICT DO NOTHING`,
      [newId('ntf'), tx.tenantId, h.id, invoiceId, `${person.displayName ?? person.username} ${dispute ? 'bestrider' : 'returnerade'} faktura ${facts.invoiceNumber ?? ''} från ${facts.sellerName ?? 'okänd leverantör'}: ${input.comment}`.slice(0, 500), `returned:${invoiceId}:${newId('k')}`]);
  }
  await recordEvent(tx, { actor: actorOf(person), action: dispute ? 'invoice.dispute' : 'invoice.return', entityType: 'invoice', entityId: invoiceId, after: { comment: input.comment } });
}

export type AssignInput = { referenceCode?: string | undefined; username?: string | undefined; createSupplierRule?: boolean | undefined; comment?: string | null | undefined; version?: number | undefined };

/** POST assign: accounts payable (or the current receiver, forwarding) gives the invoice to a person. */
export async function assign(tx: TenantTx, person: Person, invoiceId: string, input: AssignInput): Promise<void> {
  const facts = await loadFacts(tx, invoiceId, true);
  checkVersion(facts, input.version);
  requireStatus(facts, ['to_identify', 'to_code', 'to_review', 'disputed'], 'koppla om');
  if (!person.roles.includes('fakturahanterare') && facts.assignedUserId !== person.id) throw forbidden({ sv: 'Bara fakturahanteringen eller fakturans mottagare kan koppla fakturan.', en: 'Only accounts payable or the invoice\'s recipient can assign it.' });
  if (!input.referenceCode === !input.username) throw validationError([{ path: 'referenceCode', message: 'Ange antingen referenskod eller användare.' }]);
  let target: Target;
  if (input.referenceCode) {
    const code = input.referenceCode.trim().toUpperCase().replace(/[\s._-]/g, '');
    const r = await tx.query<{ user_id: string; ansvar: string | null; active: boolean; user_active: boolean }>(
      'SELECT c.user_id, c.ansvar, c.active, u.active AS user_active FROM reference_codes c JOIN users u ON u.id = c.user_id WHERE c.code = $1', [code]);
    const c = r.rows[0];
    if (!c || !c.active || !c.user_active) throw validationError([{ path: 'referenceCode', message: `Referenskoden ${code} finns inte eller är inte aktiv.` }]);
    target = { userId: c.user_id, method: 'manual', referenceCode: code, ansvar: c.ansvar, detail: 'Kopplad för hand' };
  } else {
    const u = await tx.query<{ id: string; active: boolean }>('SELECT id, active FROM users WHERE username = $1', [input.username]);
    if (!u.rows[0]?.active) throw validationError([{ path: 'username', message: `Användaren ${input.username} finns inte eller är inaktiv.` }]);
    const code = await tx.query<{ code: string; ansvar: string | null }>('SELECT code, ansvar FROM reference_codes WHERE user_id = $1 AND active ORDER BY code LIMIT 1', [u.rows[0].id]);
    target = { userId: u.rows[0].id, method: 'manual', referenceCode: null, ansvar: code.rows[0]?.ansvar ?? null, detail: 'Kopplad för hand' };
  }
  await tx.query(`UPDATE invoice_actions SET active = false WHERE invoice_id = $1 AND active AND kind IN ('review', 'approve')`, [invoiceId]);
  if (input.createSupplierRule) {
    if (!facts.supplierId) throw validationError([{ path: 'createSupplierRule', message: 'Fakturan har ingen känd leverantör att skapa en regel för.' }]);
    // Routing is added to the supplier's rule; its coding defaults (konto, dimensions, VAT handling) are kept.
    const existing = await supplierRuleFor(tx, facts.supplierId);
    await saveSupplierRule(tx, actorOf(person), {
      supplierId: facts.supplierId, userId: target.userId, ansvar: target.ansvar, konto: existing?.konto ?? null, dimensions: existing?.dimensions ?? {},
      vatHandling: existing?.vatHandling ?? null, note: `Skapad vid koppling av faktura ${facts.invoiceNumber ?? invoiceId}`,
    });
  }
  await assignInvoice(tx, actorOf(person), facts, target, input.comment ?? null);
  if (target.userId !== person.id) {
    await tx.query(`INSERT INTO notifications (id, tenant_id, user_id, invoice_id, kind, message, dedupe_key) VALUES ($1, $2, $3, $4, 'assigned', $5, $6) ON CONFLICT DO NOTHING`,
      [newId('ntf'), tx.tenantId, target.userId, invoiceId, `Faktura ${facts.invoiceNumber ?? ''} från ${facts.sellerName ?? 'okänd leverantör'} har kopplats till dig.`, `assigned:${invoiceId}:${facts.version}`]);
  }
  await recordEvent(tx, { actor: actorOf(person), action: 'invoice.assign', entityType: 'invoice', entityId: invoiceId, after: { userId: target.userId, referenceCode: target.referenceCode, createSupplierRule: !!input.createSupplierRule } });
}

/** POST duplicate decision on a suspected duplicate: not a duplicate → routed as usual; a duplicate → dismissed. */
export async function decideDuplicate(tx: TenantTx, person: Person, invoiceId: string, input: { duplicate: boolean; comment?: string | null | undefined }): Promise<void> {
  const facts = await loadFacts(tx, invoiceId, true);
  requireStatus(facts, ['suspected_duplicate'], 'pröva dubbletten för');
  if (!person.roles.includes('fakturahanterare')) throw forbidden({ sv: 'Bara fakturahanteringen prövar misstänkta dubbletter.', en: 'Only accounts payable decides suspected duplicates.' });
  await addAction(tx, { invoiceId, kind: input.duplicate ? 'duplicate' : 'not_duplicate', userId: person.id, comment: input.comment ?? null });
  if (input.duplicate) {
    await setStatus(tx, invoiceId, 'dismissed_duplicate', { handling_note: input.comment ?? null });
  } else {
    await setStatus(tx, invoiceId, 'to_identify');
    const fresh = await loadFacts(tx, invoiceId);
    const target = await findTarget(tx, fresh);
    if (target) await assignInvoice(tx, actorOf(person), fresh, target);
  }
  await recordEvent(tx, { actor: actorOf(person), action: input.duplicate ? 'invoice.dismiss_duplicate' : 'invoice.not_duplicate', entityType: 'invoice', entityId: invoiceId, after: { comment: input.comment ?? null } });
}

const invoiceReaders = ['fakturahanterare', 'ekonom', 'revisor', 'systemforvaltare', 'inkopscontroller'];

/**
 * Who may read an invoice: the reader roles; its receiver; whoever acted on it; and whoever could
 * approve it now (a beslutsattestant needs to see what they attest). Others get 403.
 */
export async function assertMayReadInvoice(tx: TenantTx, person: Person, invoiceId: string): Promise<void> {
  if (person.roles.some((r) => invoiceReaders.includes(r))) return;
  const r = await tx.query<{ ok: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM invoices WHERE id = $1 AND assigned_user_id = $2)
         OR EXISTS (SELECT 1 FROM invoice_actions WHERE invoice_id = $1 AND user_id = $2) AS ok`, [invoiceId, person.id]);
  if (r.rows[0]?.ok) return;
  const facts = await loadFacts(tx, invoiceId);
  if (facts.status === 'to_approve' || facts.status === 'approved') {
    const today = todayInStockholm();
    for (const need of await approvalNeeds(tx, invoiceId)) {
      if ((await approversFor(tx, need.ansvar, need.amountOre, today)).some((h) => h.userId === person.id)) return;
    }
  }
  throw forbidden({ sv: 'Du har inte tillgång till den här fakturan: den är inte kopplad till dig och du attesterar den inte.', en: 'You have no access to this invoice: it is not assigned to you and you do not approve it.' });
}
