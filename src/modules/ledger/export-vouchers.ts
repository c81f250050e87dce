// Export to the ERP: every voucher not yet exported goes into one numbered batch — SIE 4I (the import
// variant a feeder system writes, CP437, #KSUMMA) or the municipality's CSV layout. A voucher is
// exported once ever (the database refuses to change its batch); a batch downloads again byte-identical
// (kept in the database) and is written to `<data dir>/export/`.
import { createHash } from 'node:crypto';
import { writeFileAtomic } from '../../platform/files.ts';
import { join } from 'node:path';
import type { TenantTx } from '../../platform/db/tenant.ts';
import { recordEvent, type Actor } from '../../platform/audit/index.ts';
import { AppError, conflict, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { todayInStockholm } from '../../platform/dates.ts';
import { writeSie4i, type SieExport } from '../../formats/sie/index.ts';
import { getLedgerSettings, type CsvLayout } from './settings.ts';

/** Coding dimension → SIE dimension number (SIE 4B: 1 kostnadsställe/resultatenhet, 6 projekt; 20+ free). */
export const sieDimensionOf: Record<string, { number: number; name: string }> = {
  ansvar: { number: 1, name: 'Ansvar' }, projekt: { number: 6, name: 'Projekt' }, verksamhet: { number: 20, name: 'Verksamhet' }, objekt: { number: 21, name: 'Objekt' },
};

type VRow = { id: string; series: string; year: number; number: number; accounting_date: string; text: string; created_at: Date | string; source_type: string; source_id: string };
type RRow = { voucher_id: string; position: number; konto: string; ansvar: string | null; dimensions: Record<string, string>; amount_ore: string; text: string | null };

export type ExportBatch = { id: string; number: number; format: 'sie4i' | 'csv'; filename: string; vouchers: number; sha256: string; createdAt: string; createdBy: string | null };

export const exportDir = (dataDir: string) => join(dataDir, 'export');

function csvValue(v: string, sep: string): string {
  return /["\r\n]/.test(v) || v.includes(sep) ? `"${v.replace(/"/g, '""')}"` : v;
}

function csvFile(layout: CsvLayout, vouchers: VRow[], rows: Map<string, RRow[]>): Buffer {
  const amount = (ore: bigint) => { const s = (ore < 0n ? -ore : ore).toString().padStart(3, '0'); const v = `${ore < 0n ? '-' : ''}${s.slice(0, -2)}.${s.slice(-2)}`; return layout.decimal === ',' ? v.replace('.', ',') : v; };
  const lines = [layout.columns.join(layout.separator)];
  for (const v of vouchers) {
    for (const r of rows.get(v.id) ?? []) {
      const ore = BigInt(r.amount_ore);
      const cell: Record<string, string> = {
        series: v.series, number: String(v.number), date: v.accounting_date, konto: r.konto, ansvar: r.ansvar ?? '', verksamhet: r.dimensions['verksamhet'] ?? '',
        projekt: r.dimensions['projekt'] ?? '', objekt: r.dimensions['objekt'] ?? '', debit: ore > 0n ? amount(ore) : '', credit: ore < 0n ? amount(-ore) : '', amount: amount(ore),
        text: r.text ?? '', voucherText: v.text, source: `${v.source_type}:${v.source_id}`,
      };
      lines.push(layout.columns.map((c) => csvValue(cell[c] ?? '', layout.separator)).join(layout.separator));
    }
  }
  return Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
}

export async function exportVouchers(tx: TenantTx, actor: Actor, format: 'sie4i' | 'csv', now = new Date()): Promise<ExportBatch & { bytes: Buffer }> {
  const vouchers = (await tx.query<VRow>(
    `SELECT id, series, year, number, accounting_date, text, created_at, source_type, source_id FROM vouchers WHERE export_batch_id IS NULL ORDER BY series, year, number FOR UPDATE`)).rows;
  if (!vouchers.length) throw conflict({ sv: 'Det finns inga nya verifikationer att exportera: varje verifikation exporteras en gång. Hämta en tidigare batch igen under Export.', en: 'No new vouchers to export: each voucher is exported once. Download an earlier batch again under Export.' });
  const ids = vouchers.map((v) => v.id);
  const rowsRes = (await tx.query<RRow>('SELECT voucher_id, position, konto, ansvar, dimensions, amount_ore, text FROM voucher_rows WHERE voucher_id = ANY($1::text[]) ORDER BY voucher_id, position', [ids])).rows;
  const rows = new Map<string, RRow[]>();
  for (const r of rowsRes) rows.set(r.voucher_id, [...(rows.get(r.voucher_id) ?? []), r]);
  const tenant = (await tx.query<{ name: string; org_number: string }>('SELECT name, org_number FROM tenants WHERE id = $1', [tx.tenantId])).rows[0]!;
  const number = Number((await tx.query<{ n: string }>('SELECT coalesce(max(number), 0) + 1 AS n FROM export_batches')).rows[0]!.n);
  const stamp = todayInStockholm(now);
  const filename = `avrop-${tenant.org_number.replace('-', '')}-${String(number).padStart(5, '0')}.${format === 'sie4i' ? 'si' : 'csv'}`;
  let bytes: Buffer;
  if (format === 'csv') {
    bytes = csvFile((await getLedgerSettings(tx)).csvLayout, vouchers, rows);
  } else {
    const used = new Map<string, Set<string>>();
    const use = (dim: string, code: string) => { if (!used.has(dim)) used.set(dim, new Set()); used.get(dim)!.add(code); };
    for (const r of rowsRes) {
      use('konto', r.konto);
      if (r.ansvar) use('ansvar', r.ansvar);
      for (const [d, c] of Object.entries(r.dimensions)) if (sieDimensionOf[d]) use(d, c);
    }
    const names = await tx.query<{ dimension: string; code: string; name: string }>(
      'SELECT dimension, code, name FROM dimension_values WHERE (dimension, code) IN (SELECT * FROM unnest($1::text[], $2::text[]))',
      [[...used.entries()].flatMap(([d, cs]) => [...cs].map(() => d)), [...used.entries()].flatMap(([, cs]) => [...cs])]);
    const nameOf = new Map(names.rows.map((n) => [`${n.dimension}\u0000${n.code}`, n.name]));
    const dims = [...used.keys()].filter((d) => d !== 'konto').map((d) => sieDimensionOf[d]!);
    const input: SieExport = {
      program: { name: 'Avrop', version: '1' }, generatedOn: stamp, generatedBy: actor?.username ?? 'avrop', orgNumber: tenant.org_number, companyName: tenant.name,
      accounts: [...(used.get('konto') ?? [])].sort().map((k) => ({ number: k, name: nameOf.get(`konto\u0000${k}`) ?? k })),
      dimensions: dims.sort((a, b) => a.number - b.number),
      objects: [...used.entries()].filter(([d]) => d !== 'konto').flatMap(([d, cs]) => [...cs].sort().map((c) => ({ dimension: sieDimensionOf[d]!.number, code: c, name: nameOf.get(`${d}\u0000${c}`) ?? c }))),
      vouchers: vouchers.map((v) => ({
        series: v.series, number: String(v.number), date: v.accounting_date, text: v.text,
        regDate: (v.created_at instanceof Date ? v.created_at.toISOString() : String(v.created_at)).slice(0, 10),
        transactions: (rows.get(v.id) ?? []).map((r) => ({
          account: r.konto, amountOre: BigInt(r.amount_ore), ...(r.text ? { text: r.text } : {}),
          objects: [...(r.ansvar ? [{ dimension: 1, code: r.ansvar }] : []), ...Object.entries(r.dimensions).filter(([d]) => sieDimensionOf[d]).map(([d, c]) => ({ dimension: sieDimensionOf[d]!.number, code: c }))],
        })),
      })),
      checksum: true,
    };
    try {
      bytes = Buffer.from(writeSie4i(input));
    } catch (e) {
      throw new AppError('conflict', { sv: `SIE-filen kan inte skrivas: ${(e as Error).message}`, en: `The SIE file cannot be written: ${(e as Error).message}` });
    }
  }
  const id = newId('exp');
  const sha = createHash('sha256').update(bytes).digest('hex');
  await tx.query(`INSERT INTO export_batches (id, tenant_id, number, format, filename, bytes, sha256, voucher_count, created_by) VALUES ($1, $2, $3, $4, $5, decode($6, 'base64'), $7, $8, $9)`,
    [id, tx.tenantId, number, format, filename, bytes.toString('base64'), sha, vouchers.length, actor?.id ?? null]);
  await tx.query('UPDATE vouchers SET export_batch_id = $1 WHERE id = ANY($2::text[])', [id, ids]);
  await recordEvent(tx, { actor, action: 'ledger.export', entityType: 'export_batch', entityId: id, after: { number, format, filename, vouchers: vouchers.length, sha256: sha } });
  return { id, number, format, filename, vouchers: vouchers.length, sha256: sha, createdAt: now.toISOString(), createdBy: actor?.username ?? null, bytes };
}

export async function storeExportFile(dataDir: string, filename: string, bytes: Uint8Array): Promise<string> {
  return writeFileAtomic(exportDir(dataDir), filename, bytes);
}

export async function listExportBatches(tx: TenantTx): Promise<ExportBatch[]> {
  const r = await tx.query<{ id: string; number: number; format: 'sie4i' | 'csv'; filename: string; voucher_count: number; sha256: string; created_at: Date; username: string | null }>(
    'SELECT b.id, b.number, b.format, b.filename, b.voucher_count, b.sha256, b.created_at, u.username FROM export_batches b LEFT JOIN users u ON u.id = b.created_by ORDER BY b.number DESC LIMIT 500');
  return r.rows.map((b) => ({ id: b.id, number: b.number, format: b.format, filename: b.filename, vouchers: b.voucher_count, sha256: b.sha256, createdAt: b.created_at.toISOString(), createdBy: b.username }));
}

export async function getExportFile(tx: TenantTx, idOrNumber: string): Promise<{ filename: string; format: string; bytes: Buffer }> {
  const r = await tx.query<{ filename: string; format: string; b64: string }>(`SELECT filename, format, encode(bytes, 'base64') AS b64 FROM export_batches WHERE id = $1 OR number::text = $1`, [idOrNumber]);
  if (!r.rows[0]) throw notFound({ sv: 'Exportbatchen finns inte.', en: 'No such export batch.' });
  return { filename: r.rows[0].filename, format: r.rows[0].format, bytes: Buffer.from(r.rows[0].b64, 'base64') };
}
