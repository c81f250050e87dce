// Coding proposals, best source first: a recurring-invoice template whose amount is within tolerance;
// per line for collective invoices whose lines name their ansvar (BT-133); the supplier rule; the
// supplier's usual coding learned from its last coded invoice; the item classification's account.
// The reference person's default ansvar fills the ansvar wherever the source has none.
import type { TenantTx } from '../../platform/db/tenant.ts';
import type { VatHandling } from '../ledger/index.ts';
import { loadLines, type InvoiceFacts, type InvoiceLineFacts } from './invoice-facts.ts';
import { supplierRuleFor } from './supplier-rules.ts';
import { matchingTemplate } from './templates.ts';
import { normalizeReferenceCode } from './match-reference.ts';

export type ProposedRow = { konto: string | null; ansvar: string | null; dimensions: Record<string, string>; amountOre: bigint; vatHandling: VatHandling; linePosition: number | null; text: string | null };
export type ProposalSource = 'template' | 'per-line' | 'supplier-rule' | 'history' | 'classification' | 'reference';
export type Proposal = { rows: ProposedRow[]; source: ProposalSource | null; complete: boolean; note: string | null; templateId: string | null; approverUserId: string | null };

/** Splits `total` over non-negative `weights` exactly (largest remainder, ties by order); all-zero weights put it on the first. */
export function allocate(total: bigint, weights: bigint[]): bigint[] {
  if (total < 0n) return allocate(-total, weights).map((p) => -p);
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (sum === 0n) return weights.map((_, i) => (i === 0 ? total : 0n));
  const parts = weights.map((w) => (total * w) / sum);
  let rest = total - parts.reduce((a, b) => a + b, 0n);
  const order = weights.map((w, i) => ({ i, rem: (total * w) % sum })).sort((a, b) => (a.rem === b.rem ? a.i - b.i : a.rem > b.rem ? -1 : 1));
  for (let k = 0; rest > 0n; k++, rest--) parts[order[k]!.i]! += 1n;
  return parts;
}

type Context = { facts: InvoiceFacts; defaultAnsvar: string | null; vatHandling: VatHandling };

async function classificationAccounts(tx: TenantTx): Promise<{ prefix: string; konto: string }[]> {
  const r = await tx.query<{ prefix: string; konto: string }>('SELECT prefix, konto FROM classification_accounts ORDER BY length(prefix) DESC');
  return r.rows;
}

function kontoForLine(line: InvoiceLineFacts, table: { prefix: string; konto: string }[]): string | null {
  for (const c of line.classifications) {
    const hit = table.find((t) => c.code.startsWith(t.prefix));
    if (hit) return hit.konto;
  }
  return null;
}

/** The ansvar a collective-invoice line names: its accounting cost (BT-133) as an ansvar code or a reference code. */
async function lineAnsvar(tx: TenantTx, lines: InvoiceLineFacts[]): Promise<Map<number, string>> {
  const wanted = [...new Set(lines.map((l) => l.accountingReference?.trim()).filter((x): x is string => !!x))];
  if (!wanted.length) return new Map();
  const values = await tx.query<{ code: string }>(`SELECT code FROM dimension_values WHERE dimension = 'ansvar' AND code = ANY($1::text[])`, [wanted]);
  const refs = await tx.query<{ code: string; ansvar: string }>('SELECT code, ansvar FROM reference_codes WHERE active AND ansvar IS NOT NULL AND code = ANY($1::text[])', [wanted.map(normalizeReferenceCode)]);
  const byCode = new Map<string, string>([...values.rows.map((v) => [v.code, v.code] as const), ...refs.rows.map((r) => [r.code, r.ansvar] as const)]);
  const out = new Map<number, string>();
  for (const l of lines) {
    const a = l.accountingReference ? byCode.get(l.accountingReference.trim()) ?? byCode.get(normalizeReferenceCode(l.accountingReference)) : undefined;
    if (a) out.set(l.position, a);
  }
  return out;
}

async function historyRows(tx: TenantTx, supplierId: string, exceptId: string): Promise<{ konto: string; ansvar: string; dimensions: Record<string, string>; vat_handling: VatHandling; amount: string }[]> {
  const r = await tx.query<{ konto: string; ansvar: string; dimensions: Record<string, string>; vat_handling: VatHandling; amount: string }>(
    `WITH last AS (
       SELECT i.id FROM invoices i WHERE i.supplier_id = $1 AND i.id <> $2 AND i.status IN ('to_review', 'to_approve', 'approved')
          AND EXISTS (SELECT 1 FROM coding_rows c WHERE c.invoice_id = i.id) ORDER BY i.status_changed_at DESC LIMIT 1)
     SELECT c.konto, c.ansvar, c.dimensions, c.vat_handling, sum(abs(c.amount_ore))::text AS amount FROM coding_rows c JOIN last ON last.id = c.invoice_id
      GROUP BY c.konto, c.ansvar, c.dimensions, c.vat_handling ORDER BY sum(abs(c.amount_ore)) DESC LIMIT 50`, [supplierId, exceptId]);
  return r.rows;
}

export async function proposeCoding(tx: TenantTx, ctx: Context): Promise<Proposal> {
  const { facts } = ctx;
  const net = facts.netOre;
  const done = (rows: ProposedRow[], source: ProposalSource, note: string | null = null, extra: Partial<Proposal> = {}): Proposal =>
    ({ rows, source, complete: rows.length > 0 && rows.every((r) => r.konto && r.ansvar), note, templateId: null, approverUserId: null, ...extra });
  const single = (konto: string | null, ansvar: string | null, dimensions: Record<string, string> = {}, vat: VatHandling = ctx.vatHandling): ProposedRow[] =>
    [{ konto, ansvar, dimensions, amountOre: net, vatHandling: vat, linePosition: null, text: null }];

  if (facts.supplierId) {
    const t = await matchingTemplate(tx, facts.supplierId, net);
    if (t.template) {
      const parts = allocate(net, t.template.rows.map((r) => BigInt(Math.round(Number(r.percent) * 10000))));
      return done(t.template.rows.map((r, i) => ({ konto: r.konto, ansvar: r.ansvar, dimensions: r.dimensions, amountOre: parts[i]!, vatHandling: r.vatHandling, linePosition: null, text: null })),
        'template', `Återkommande faktura: ${t.template.name}`, { templateId: t.template.id, approverUserId: t.template.approverUserId });
    }
  }

  const lines = facts.lineCount > 1 ? await loadLines(tx, facts.id) : [];
  const rule = facts.supplierId ? await supplierRuleFor(tx, facts.supplierId) : null;
  const history = facts.supplierId ? await historyRows(tx, facts.supplierId, facts.id) : [];
  const table = await classificationAccounts(tx);
  const usualKonto = rule?.konto ?? history[0]?.konto ?? null;

  // Collective invoice: at least half of the lines name their ansvar.
  if (lines.length > 1) {
    const perLine = await lineAnsvar(tx, lines);
    if (perLine.size * 2 >= lines.length) {
      const lineTotal = lines.reduce((a, l) => a + l.netOre, 0n);
      const rows: ProposedRow[] = lines.map((l) => ({
        konto: kontoForLine(l, table) ?? usualKonto, ansvar: perLine.get(l.position) ?? rule?.ansvar ?? ctx.defaultAnsvar, dimensions: rule?.dimensions ?? {},
        amountOre: l.netOre, vatHandling: rule?.vatHandling ?? ctx.vatHandling, linePosition: l.position, text: l.description?.slice(0, 200) ?? null,
      }));
      // Document-level allowances and charges: the difference to the invoice net goes on the first row.
      if (lineTotal !== net && rows[0]) rows.push({ ...rows[0], amountOre: net - lineTotal, linePosition: null, text: 'Avgifter och rabatter på fakturanivå' });
      return done(rows, 'per-line', `Samlingsfaktura: ${perLine.size} av ${lines.length} rader anger ansvar.`);
    }
  }

  if (rule && (rule.konto || rule.ansvar)) {
    return done(single(rule.konto ?? usualKonto, rule.ansvar ?? ctx.defaultAnsvar ?? history[0]?.ansvar ?? null, rule.dimensions, rule.vatHandling ?? ctx.vatHandling), 'supplier-rule');
  }

  if (history.length) {
    if (ctx.defaultAnsvar) return done(single(history[0]!.konto, ctx.defaultAnsvar, history[0]!.dimensions, history[0]!.vat_handling), 'history');
    const parts = allocate(net, history.map((h) => BigInt(h.amount)));
    return done(history.map((h, i) => ({ konto: h.konto, ansvar: h.ansvar, dimensions: h.dimensions, amountOre: parts[i]!, vatHandling: h.vat_handling, linePosition: null, text: null })), 'history');
  }

  const classified = (lines.length ? lines : await loadLines(tx, facts.id)).map((l) => ({ l, konto: kontoForLine(l, table) }));
  if (classified.length && classified.every((c) => c.konto)) {
    const byKonto = new Map<string, bigint>();
    for (const c of classified) byKonto.set(c.konto!, (byKonto.get(c.konto!) ?? 0n) + c.l.netOre);
    const kontos = [...byKonto.keys()];
    const parts = allocate(net, kontos.map((k) => byKonto.get(k)!));
    return done(kontos.map((k, i) => ({ konto: k, ansvar: ctx.defaultAnsvar, dimensions: {}, amountOre: parts[i]!, vatHandling: ctx.vatHandling, linePosition: null, text: null })), 'classification');
  }
  if (ctx.defaultAnsvar) return done(single(null, ctx.defaultAnsvar), 'reference');
  return { rows: [], source: null, complete: false, note: null, templateId: null, approverUserId: null };
}
