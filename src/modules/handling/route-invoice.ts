// Routing (koppling): who receives a newly registered invoice. In order: (1) the order reference to an
// Avrop order — once ordering exists; (2) a reference code found in the buyer reference, the accounting
// cost, the order reference, the invoice note or the line notes; (3) the supplier's recurring template
// or rule; (4) otherwise the identification queue. The receiving person then gets the best coding
// proposal: a complete, valid one is saved and the invoice waits for review; else it waits for coding.
import type { TenantTx } from '../../platform/db/tenant.ts';
import type { Actor } from '../../platform/audit/index.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { loadFacts, loadLines, setStatus, type InvoiceFacts } from './invoice-facts.ts';
import { matchReference, type ReferenceField } from './match-reference.ts';
import { supplierRuleFor } from './supplier-rules.ts';
import { matchingTemplate, recordTemplateUse } from './templates.ts';
import { proposeCoding } from './propose-coding.ts';
import { validateRows, writeCodingRows } from './coding.ts';
import { getSettings } from './settings.ts';

export type RoutingMethod = 'order-reference' | 'buyer-reference' | 'supplier-rule' | 'manual';
export type Target = { userId: string; method: RoutingMethod; referenceCode: string | null; ansvar: string | null; detail: string | null };

type CodeRow = { code: string; user_id: string; ansvar: string | null };

/** Finds the receiver of an invoice, or null for the identification queue. */
export async function findTarget(tx: TenantTx, facts: InvoiceFacts): Promise<Target | null> {
  const codes = (await tx.query<CodeRow>('SELECT c.code, c.user_id, c.ansvar FROM reference_codes c JOIN users u ON u.id = c.user_id WHERE c.active AND u.active')).rows;
  const byCode = new Map(codes.map((c) => [c.code, c]));
  if (codes.length) {
    const head: { field: ReferenceField; text: string | null }[] = [
      { field: 'buyer-reference', text: facts.buyerReference }, { field: 'accounting-cost', text: facts.accountingReference },
      { field: 'order-reference', text: facts.orderReference }, { field: 'note', text: facts.note },
    ];
    let m = matchReference(head, [...byCode.keys()]);
    if (!m && facts.lineCount > 0) {
      const lines = await loadLines(tx, facts.id);
      m = matchReference([
        { field: 'line-note', text: lines.map((l) => l.note ?? '').join('\n') },
        { field: 'line-accounting-cost', text: lines.map((l) => l.accountingReference ?? '').join('\n') },
      ], [...byCode.keys()]);
    }
    if (m) {
      const c = byCode.get(m.code)!;
      return { userId: c.user_id, method: 'buyer-reference', referenceCode: c.code, ansvar: c.ansvar, detail: fieldWords[m.field] };
    }
  }
  if (facts.supplierId) {
    const t = await matchingTemplate(tx, facts.supplierId, facts.netOre);
    if (t.template) return { userId: t.template.userId, method: 'supplier-rule', referenceCode: null, ansvar: t.template.rows[0]?.ansvar ?? null, detail: `Återkommande faktura: ${t.template.name}` };
    const rule = await supplierRuleFor(tx, facts.supplierId);
    if (rule?.userId) return { userId: rule.userId, method: 'supplier-rule', referenceCode: null, ansvar: rule.ansvar, detail: 'Leverantörsregel' };
    if (rule?.ansvar) {
      const owner = codes.find((c) => c.ansvar === rule.ansvar);
      if (owner) return { userId: owner.user_id, method: 'supplier-rule', referenceCode: owner.code, ansvar: rule.ansvar, detail: 'Leverantörsregel (ansvar)' };
    }
  }
  return null;
}

const fieldWords: Record<ReferenceField, string> = {
  'buyer-reference': 'Köparens referens', 'accounting-cost': 'Köparens bokföringsreferens', 'order-reference': 'Orderreferens',
  note: 'Fakturans notering', 'line-note': 'Radnotering', 'line-accounting-cost': 'Radens bokföringsreferens',
};

/**
 * Gives the invoice to a person: records how it was routed, then codes it from the best proposal when
 * that proposal is complete and valid (→ to_review), else leaves it to be coded (→ to_code).
 */
export async function assignInvoice(tx: TenantTx, actor: Actor, facts: InvoiceFacts, target: Target, comment: string | null = null): Promise<void> {
  const settings = await getSettings(tx);
  const proposal = await proposeCoding(tx, { facts, defaultAnsvar: target.ansvar, vatHandling: settings.defaultVatHandling });
  let status: 'to_code' | 'to_review' = 'to_code';
  if (proposal.complete) {
    try {
      const rows = await validateRows(tx, facts, proposal.rows.map((r) => ({ ...r, konto: r.konto!, ansvar: r.ansvar! })), settings.defaultVatHandling);
      await writeCodingRows(tx, facts.id, rows);
      status = 'to_review';
      if (proposal.templateId) await recordTemplateUse(tx, proposal.templateId, facts.id, facts.netOre);
    } catch (e) {
      if (!(e instanceof AppError)) throw e; // an invalid proposal (e.g. an expired value) is left for a person
    }
  }
  if (status === 'to_code') await tx.query('DELETE FROM coding_rows WHERE invoice_id = $1', [facts.id]);
  await setStatus(tx, facts.id, status, {
    assigned_user_id: target.userId, routing_method: target.method, routing_reference_code: target.referenceCode, routing_detail: target.detail,
    routed_at: new Date().toISOString(), coding_source: status === 'to_review' ? proposal.source : null, template_id: status === 'to_review' ? proposal.templateId : null,
    designated_approver_id: status === 'to_review' ? proposal.approverUserId : null, handling_note: comment,
  });
  await tx.query(`INSERT INTO invoice_actions (id, tenant_id, invoice_id, kind, user_id, comment) VALUES ($1, $2, $3, $4, $5, $6)`,
    [newId('act'), tx.tenantId, facts.id, target.method === 'manual' ? 'assign' : 'route', actor?.id ?? null,
      [target.detail, target.referenceCode, proposal.note, comment].filter(Boolean).join(' · ') || null]);
}

/** Routes an invoice just registered by intake (same transaction). */
export async function routeNewInvoice(tx: TenantTx, actor: Actor, invoiceId: string): Promise<void> {
  const facts = await loadFacts(tx, invoiceId);
  if (facts.status !== 'to_identify') return;
  const target = await findTarget(tx, facts);
  if (target) await assignInvoice(tx, actor, facts, target);
}
