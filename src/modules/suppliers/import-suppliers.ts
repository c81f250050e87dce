// Imports suppliers from an ERP export (CSV or XLSX): all rows or none. Rows whose organisationsnummer,
// VAT number, Peppol id or payment account already exist in the register are errors (the import never
// overwrites). Imported payment accounts are unverified: a second person verifies them.
import type { TenantTx } from '../../platform/db/tenant.ts';
import { recordEvent, type Actor } from '../../platform/audit/index.ts';
import { AppError } from '../../platform/errors.ts';
import { checkAccounts, checkFields, createSupplier } from './suppliers.ts';
import { displayAccount, displayOrgNumber } from './identifiers.ts';
import { columnHeaders, parseSupplierFile, type RowError } from './parse-supplier-file.ts';

export type ImportReport = {
  dryRun: boolean; ok: boolean; format: 'csv' | 'xlsx'; encoding: string | null; rows: number; created: number;
  suppliers: { row: number; name: string; orgNumber: string | null; id: string | null }[];
  errors: { row: number; column: string; message: string }[];
};

export async function importSuppliers(tx: TenantTx, actor: Actor, bytes: Uint8Array, opts: { dryRun?: boolean; lang?: 'sv' | 'en' } = {}): Promise<ImportReport> {
  const lang = opts.lang ?? 'sv';
  const parsed = await parseSupplierFile(bytes);
  const errors: RowError[] = [...parsed.errors];
  const err = (row: number, column: string, sv: string, en: string) => errors.push({ row, column, message: sv, messageEn: en });

  // Against the register: one query per kind of identifier.
  const valid = parsed.rows.filter((r) => !errors.some((e) => e.row === r.row));
  const orgs = valid.map((r) => r.orgNumber).filter((x): x is string => x !== null);
  const vats = valid.map((r) => r.vatNumber).filter((x): x is string => x !== null);
  const known = await tx.query<{ name: string; org_number: string | null; vat_number: string | null }>(
    'SELECT name, org_number, vat_number FROM suppliers WHERE org_number = ANY($1::text[]) OR vat_number = ANY($2::text[])', [orgs, vats]);
  const endpointKeys: string[] = [];
  const accountKeys: string[] = [];
  const perRow = new Map<number, { endpoints: string[]; accounts: { key: string; shown: string; column: string }[] }>();
  for (const r of valid) {
    const f = checkFields(r.input);
    const eps = f.endpoints.map((e) => `${e.scheme}:${e.identifier.toLowerCase()}`);
    const accs = checkAccounts(r.input.accounts ?? []).map((a) => ({
      key: `${a.type}|${a.clearing}|${a.number}`, shown: `${a.type} ${displayAccount(a.type, a.number, a.clearing)}`,
      column: columnHeaders[a.type === 'bank' ? 'bankAccount' : a.type],
    }));
    endpointKeys.push(...eps);
    accountKeys.push(...accs.map((a) => a.key));
    perRow.set(r.row, { endpoints: eps, accounts: accs });
  }
  const knownEps = await tx.query<{ k: string; name: string }>(
    `SELECT e.scheme || ':' || lower(e.identifier) AS k, s.name FROM supplier_endpoints e JOIN suppliers s ON s.id = e.supplier_id
      WHERE e.scheme || ':' || lower(e.identifier) = ANY($1::text[])`, [endpointKeys]);
  const knownAccs = await tx.query<{ k: string; name: string }>(
    `SELECT a.type || '|' || a.clearing || '|' || a.number AS k, s.name FROM supplier_accounts a JOIN suppliers s ON s.id = a.supplier_id
      WHERE a.ended_at IS NULL AND a.type || '|' || a.clearing || '|' || a.number = ANY($1::text[])`, [accountKeys]);
  const seenEp = new Map<string, number>();
  const seenAcc = new Map<string, number>();
  for (const r of valid) {
    const hitOrg = r.orgNumber ? known.rows.find((k) => k.org_number === r.orgNumber) : undefined;
    if (hitOrg) err(r.row, columnHeaders.orgNumber, `Organisationsnumret ${displayOrgNumber(r.orgNumber!)} finns redan i leverantörsregistret (${hitOrg.name}).`, `The organisation number ${displayOrgNumber(r.orgNumber!)} is already in the supplier register (${hitOrg.name}).`);
    const hitVat = r.vatNumber ? known.rows.find((k) => k.vat_number === r.vatNumber) : undefined;
    if (hitVat && hitVat !== hitOrg) err(r.row, columnHeaders.vatNumber, `Momsregistreringsnumret ${r.vatNumber} finns redan i leverantörsregistret (${hitVat.name}).`, `The VAT number ${r.vatNumber} is already in the supplier register (${hitVat.name}).`);
    const p = perRow.get(r.row)!;
    for (const k of p.endpoints) {
      const hit = knownEps.rows.find((x) => x.k === k);
      if (hit) err(r.row, columnHeaders.peppol, `Peppol-id:t ${k} används redan av ${hit.name}.`, `The Peppol id ${k} is already used by ${hit.name}.`);
      const prev = seenEp.get(k);
      if (prev !== undefined) err(r.row, columnHeaders.peppol, `Peppol-id:t ${k} finns redan på rad ${prev}.`, `The Peppol id ${k} already appears on row ${prev}.`);
      else seenEp.set(k, r.row);
    }
    for (const a of p.accounts) {
      const hit = knownAccs.rows.find((x) => x.k === a.key);
      if (hit) err(r.row, a.column, `Kontot (${a.shown}) är redan registrerat på ${hit.name}.`, `The account (${a.shown}) is already registered to ${hit.name}.`);
      const prev = seenAcc.get(a.key);
      if (prev !== undefined) err(r.row, a.column, `Kontot (${a.shown}) finns redan på rad ${prev}.`, `The account (${a.shown}) already appears on row ${prev}.`);
      else seenAcc.set(a.key, r.row);
    }
  }
  errors.sort((a, b) => a.row - b.row);
  const report: ImportReport = {
    dryRun: opts.dryRun === true, ok: errors.length === 0, format: parsed.format, encoding: parsed.encoding, rows: parsed.rows.length, created: 0,
    suppliers: parsed.rows.map((r) => ({ row: r.row, name: r.input.name, orgNumber: r.orgNumber ? displayOrgNumber(r.orgNumber) : null, id: null })),
    errors: errors.map((e) => ({ row: e.row, column: e.column, message: lang === 'en' ? e.messageEn : e.message })),
  };
  if (opts.dryRun) return report;
  if (errors.length) {
    throw new AppError('validation_failed', {
      sv: `Filen innehåller ${errors.length} fel. Inget har importerats.`,
      en: `The file has ${errors.length} errors. Nothing was imported.`,
    }, { rows: report.errors });
  }
  for (const [i, r] of parsed.rows.entries()) {
    const s = await createSupplier(tx, actor, r.input);
    report.suppliers[i]!.id = s.id;
    report.created++;
  }
  await recordEvent(tx, {
    actor, action: 'supplier.import', entityType: 'supplier', entityId: null,
    after: { created: report.created, format: report.format, encoding: report.encoding, suppliers: report.suppliers.map((s) => ({ id: s.id, name: s.name, orgNumber: s.orgNumber })) },
  });
  return report;
}
