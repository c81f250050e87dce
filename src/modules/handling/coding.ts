// The coding (kontering) of an invoice: rows of konto, ansvar and the other dimensions with the amount
// excluding VAT and the VAT handling. Saving validates every value against its validity on the
// invoice date, requires the rows to add up to the invoice's net amount to the öre, distributes the
// VAT exactly, and replaces the rows as a whole under the invoice's version (optimistic concurrency).
import type { TenantTx } from '../../platform/db/tenant.ts';
import { recordEvent } from '../../platform/audit/index.ts';
import { AppError, conflict, forbidden, validationError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { formatOre, displayKr } from '../../platform/money.ts';
import { todayInStockholm } from '../../platform/dates.ts';
import { insertParts } from '../../platform/db/insert-parts.ts';
import { allocateVat, buildVoucher, type CodingRow, type VatHandling, type Voucher } from '../ledger/index.ts';
import { loadFacts, loadLines, setStatus, type InvoiceFacts } from './invoice-facts.ts';
import { getSettings } from './settings.ts';
import type { Person } from './person.ts';

export type CodingRowView = { position: number; konto: string; ansvar: string; dimensions: Record<string, string>; amount: string; vatAmount: string; vatHandling: VatHandling; linePosition: number | null; text: string | null };
export type CodingRowIn = { konto: string; ansvar: string; dimensions?: Record<string, string>; amountOre: bigint; vatHandling?: VatHandling | undefined; linePosition?: number | null | undefined; text?: string | null | undefined };

type Row = { position: number; konto: string; ansvar: string; dimensions: Record<string, string>; amount_ore: string; vat_ore: string; vat_handling: VatHandling; line_position: number | null; text: string | null };

export async function loadCodingRows(tx: TenantTx, invoiceId: string): Promise<CodingRow[]> {
  const r = await tx.query<Row>('SELECT position, konto, ansvar, dimensions, amount_ore, vat_ore, vat_handling, line_position, text FROM coding_rows WHERE invoice_id = $1 ORDER BY position', [invoiceId]);
  return r.rows.map((x) => ({ konto: x.konto, ansvar: x.ansvar, dimensions: x.dimensions, amountOre: BigInt(x.amount_ore), vatOre: BigInt(x.vat_ore), vatHandling: x.vat_handling, linePosition: x.line_position, text: x.text }));
}

export const codingView = (rows: CodingRow[]): CodingRowView[] => rows.map((r, i) => ({
  position: i + 1, konto: r.konto, ansvar: r.ansvar, dimensions: r.dimensions, amount: formatOre(r.amountOre), vatAmount: formatOre(r.vatOre),
  vatHandling: r.vatHandling, linePosition: r.linePosition ?? null, text: r.text ?? null,
}));

/** The voucher the coding gives (shown before approval; posted by the ledger). Null when there is no coding. */
export async function voucherFor(tx: TenantTx, facts: InvoiceFacts, rows: CodingRow[]): Promise<Voucher | null> {
  if (!rows.length) return null;
  const s = await getSettings(tx);
  return buildVoucher({
    rows, isCreditNote: facts.isCreditNote, text: `${facts.sellerName ?? 'Leverantör'} ${facts.invoiceNumber ?? ''}`.trim(),
    accounts: { deductible: s.vatDeductibleAccount, compensation: s.vatCompensationAccount, supplierDebt: s.supplierDebtAccount },
  });
}

const MAX_ROWS = 5000;

/** Validates rows against the tenant's dimensions and the invoice; returns them with their VAT. Throws 400 listing every problem. */
export async function validateRows(tx: TenantTx, facts: InvoiceFacts, input: CodingRowIn[], defaultVat: VatHandling): Promise<CodingRow[]> {
  const issues: { path: string; message: string }[] = [];
  if (!input.length) issues.push({ path: 'rows', message: 'Konteringen behöver minst en rad.' });
  if (input.length > MAX_ROWS) issues.push({ path: 'rows', message: `Högst ${MAX_ROWS} konteringsrader.` });
  const day = facts.issueDate ?? todayInStockholm();
  const dims = await tx.query<{ code: string; name: string; required: boolean }>('SELECT code, name, required FROM dimensions');
  const known = new Map(dims.rows.map((d) => [d.code, d]));
  // Every distinct (dimension, code) once: valid on the invoice date?
  const wanted = new Map<string, Set<string>>();
  const want = (dim: string, code: string) => { if (!wanted.has(dim)) wanted.set(dim, new Set()); wanted.get(dim)!.add(code); };
  input.forEach((r, i) => {
    want('konto', r.konto); want('ansvar', r.ansvar);
    for (const [dim, code] of Object.entries(r.dimensions ?? {})) {
      if (!known.has(dim) || dim === 'konto' || dim === 'ansvar') issues.push({ path: `rows.${i}.${dim}`, message: `Okänd dimension: ${dim}.` });
      else if (code) want(dim, code);
    }
    for (const d of dims.rows) if (d.required && d.code !== 'konto' && d.code !== 'ansvar' && !r.dimensions?.[d.code]) issues.push({ path: `rows.${i}.${d.code}`, message: `${d.name} måste anges.` });
    if (r.linePosition != null && (r.linePosition < 1 || r.linePosition > facts.lineCount)) issues.push({ path: `rows.${i}.linePosition`, message: `Fakturan har ingen rad ${r.linePosition}.` });
  });
  const valid = new Map<string, Set<string>>();
  const lookups = [...wanted.entries()].map(([dim, codes]) => ({ dim, codes: [...codes] }));
  if (lookups.length) {
    const r = await tx.query<{ dimension: string; code: string; valid_from: string; valid_to: string | null }>(
      `SELECT dimension, code, valid_from, valid_to FROM dimension_values WHERE (dimension, code) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
      [lookups.flatMap((l) => l.codes.map(() => l.dim)), lookups.flatMap((l) => l.codes)]);
    const found = new Map(r.rows.map((x) => [`${x.dimension}\u0000${x.code}`, x]));
    for (const { dim, codes } of lookups) {
      for (const code of codes) {
        const v = found.get(`${dim}\u0000${code}`);
        const name = known.get(dim)?.name ?? dim;
        if (!v) { issues.push({ path: dim, message: `${name} ${code} finns inte.` }); continue; }
        if (v.valid_from > day || (v.valid_to !== null && v.valid_to < day)) { issues.push({ path: dim, message: `${name} ${code} gäller inte ${day} (giltig ${v.valid_from}–${v.valid_to ?? ''}).` }); continue; }
        if (!valid.has(dim)) valid.set(dim, new Set());
        valid.get(dim)!.add(code);
      }
    }
  }
  const sum = input.reduce((a, r) => a + r.amountOre, 0n);
  if (input.length && sum !== facts.netOre) {
    issues.push({ path: 'rows', message: `Raderna summerar till ${displayKr(sum)} men fakturans belopp exklusive moms är ${displayKr(facts.netOre)} (skillnad ${displayKr(facts.netOre - sum)}).` });
  }
  if (issues.length) {
    const unique = issues.filter((x, i) => issues.findIndex((y) => y.path === x.path && y.message === x.message) === i);
    throw validationError(unique, { sv: `Konteringen kan inte sparas: ${unique[0]!.message}`, en: 'The coding cannot be saved; see the issues.' });
  }
  const lines = input.some((r) => r.linePosition != null) ? await loadLines(tx, facts.id) : [];
  const rate = new Map(lines.map((l) => [l.position, l.vatRate]));
  return allocateVat(input.map((r) => ({
    konto: r.konto, ansvar: r.ansvar, dimensions: Object.fromEntries(Object.entries(r.dimensions ?? {}).filter(([, v]) => v)), amountOre: r.amountOre,
    vatHandling: r.vatHandling ?? defaultVat, vatRatePercent: r.linePosition != null ? rate.get(r.linePosition) ?? null : null, linePosition: r.linePosition ?? null, text: r.text ?? null,
  })), facts.vatOre, facts.netOre);
}

/** Replaces the coding rows (no status change, no permission check: callers decide). */
export async function writeCodingRows(tx: TenantTx, invoiceId: string, rows: CodingRow[]): Promise<void> {
  await tx.query('DELETE FROM coding_rows WHERE invoice_id = $1', [invoiceId]);
  await insertParts(tx, [{
    table: 'coding_rows',
    columns: ['tenant_id', 'invoice_id', 'position', 'konto', 'ansvar', 'dimensions', 'amount_ore', 'vat_ore', 'vat_handling', 'line_position', 'text'],
    rows: rows.map((r, i) => [tx.tenantId, invoiceId, i + 1, r.konto, r.ansvar, JSON.stringify(r.dimensions), r.amountOre.toString(), r.vatOre.toString(), r.vatHandling, r.linePosition ?? null, r.text ?? null]),
    wrap: { position: (p) => `${p}::int`, dimensions: (p) => `${p}::jsonb`, amount_ore: (p) => `${p}::bigint`, vat_ore: (p) => `${p}::bigint`, line_position: (p) => `${p}::int` },
  }]);
}

const codingRoles = ['fakturahanterare', 'ekonom'] as const;

export function mayCode(person: Person, facts: InvoiceFacts): boolean {
  return facts.assignedUserId === person.id || person.roles.some((r) => (codingRoles as readonly string[]).includes(r));
}

/** PUT coding: by the assigned person or accounts payable, while the invoice is to be coded or reviewed. */
export async function saveCoding(tx: TenantTx, person: Person, invoiceId: string, input: { rows: CodingRowIn[]; version?: number | undefined }): Promise<void> {
  const facts = await loadFacts(tx, invoiceId, true);
  if (input.version !== undefined && input.version !== facts.version) {
    throw conflict({ sv: 'Fakturan har ändrats sedan du öppnade den. Ladda om sidan och gör om ändringen.', en: 'The invoice changed since you opened it. Reload and redo the change.' }, { currentVersion: facts.version });
  }
  if (facts.status !== 'to_code' && facts.status !== 'to_review') {
    throw new AppError('conflict', statusMessage(facts.status, 'kontera'), { status: facts.status });
  }
  if (!mayCode(person, facts)) throw forbidden({ sv: 'Bara mottagaren av fakturan eller fakturahanteringen kan kontera den.', en: 'Only the invoice\'s recipient or accounts payable can code it.' });
  const settings = await getSettings(tx);
  const rows = await validateRows(tx, facts, input.rows, settings.defaultVatHandling);
  const before = codingView(await loadCodingRows(tx, invoiceId));
  await writeCodingRows(tx, invoiceId, rows);
  await setStatus(tx, invoiceId, 'to_review', { coding_source: 'manual' });
  await tx.query(`INSERT INTO invoice_actions (id, tenant_id, invoice_id, kind, user_id, comment) VALUES ($1, $2, $3, 'code', $4, $5)`,
    [newId('act'), tx.tenantId, invoiceId, person.id, `${rows.length} rader`]);
  await recordEvent(tx, { actor: { id: person.id, username: person.username }, action: 'invoice.code', entityType: 'invoice', entityId: invoiceId, before: { coding: before }, after: { coding: codingView(rows) } });
}

const statusWords: Record<string, { sv: string; en: string }> = {
  to_identify: { sv: 'väntar på att kopplas till en mottagare', en: 'is waiting to be assigned' },
  to_code: { sv: 'väntar på kontering', en: 'is waiting to be coded' },
  to_review: { sv: 'väntar på granskning', en: 'is waiting for review' },
  to_approve: { sv: 'väntar på beslutsattest', en: 'is waiting for approval' },
  approved: { sv: 'är redan attesterad', en: 'is already approved' },
  disputed: { sv: 'är bestridd hos leverantören', en: 'is disputed with the supplier' },
  rejected: { sv: 'är avvisad vid mottagningen', en: 'was rejected on receipt' },
  suspected_duplicate: { sv: 'är en misstänkt dubblett', en: 'is a suspected duplicate' },
  dismissed_duplicate: { sv: 'är avförd som dubblett', en: 'was dismissed as a duplicate' },
};

export function statusMessage(status: string, verb: string): { sv: string; en: string } {
  const w = statusWords[status] ?? { sv: `har status ${status}`, en: `has status ${status}` };
  return { sv: `Det går inte att ${verb} fakturan: den ${w.sv}.`, en: `The invoice cannot be changed that way: it ${w.en}.` };
}
