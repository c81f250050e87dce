// Import from the ERP's own SIE export: the chart of accounts (#KONTO) becomes konto values and the
// objects (#OBJEKT) of the mapped dimensions become ansvar/projekt/verksamhet/objekt values. A file
// the SIE reader refuses (checksum, encoding, imbalanced vouchers, bad dates…) changes nothing.
import type { TenantTx } from '../../platform/db/tenant.ts';
import { recordEvent, type Actor } from '../../platform/audit/index.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { readSie } from '../../formats/sie/index.ts';
import { sieDimensionOf } from './export-vouchers.ts';

export type SieImportResult = { company: string; orgNumber: string | null; accounts: { created: number; updated: number; unchanged: number }; objects: { created: number; updated: number; unchanged: number }; skippedDimensions: number[]; warnings: string[] };

const codePattern = /^[A-Za-z0-9._-]{1,30}$/;

export async function importSie(tx: TenantTx, actor: Actor, bytes: Uint8Array, today: string): Promise<SieImportResult> {
  const read = readSie(bytes);
  if (!read.ok || !read.file) {
    const first = read.errors.slice(0, 5).map((e) => `rad ${e.line}: ${e.message}`).join('; ');
    throw new AppError('validation_failed', { sv: `SIE-filen kan inte läsas in: ${first}`, en: `The SIE file cannot be imported: ${read.errors.slice(0, 5).map((e) => `line ${e.line}: ${e.messageEn}`).join('; ')}` }, { errors: read.errors.slice(0, 100) });
  }
  const f = read.file;
  const byNumber = new Map(Object.entries(sieDimensionOf).map(([dim, d]) => [d.number, dim]));
  const wanted: { dimension: string; code: string; name: string }[] = [
    ...f.accounts.map((a) => ({ dimension: 'konto', code: String(a.number), name: a.name || String(a.number) })),
    ...f.objects.filter((o) => byNumber.has(o.dimension)).map((o) => ({ dimension: byNumber.get(o.dimension)!, code: o.code, name: o.name || o.code })),
  ];
  const bad = wanted.filter((w) => !codePattern.test(w.code));
  if (bad.length) throw new AppError('validation_failed', { sv: `Koder som Avrop inte kan lagra (1–30 tecken A–Z, 0–9, . _ -): ${bad.slice(0, 5).map((b) => `${b.dimension} "${b.code}"`).join(', ')}.`, en: 'Codes Avrop cannot store.' });
  const existing = await tx.query<{ dimension: string; code: string; name: string }>(
    `SELECT dimension, code, name FROM dimension_values WHERE dimension = ANY($1::text[]) FOR UPDATE`, [['konto', ...Object.keys(sieDimensionOf)]]);
  const have = new Map(existing.rows.map((e) => [`${e.dimension}\u0000${e.code}`, e.name]));
  const counts = { accounts: { created: 0, updated: 0, unchanged: 0 }, objects: { created: 0, updated: 0, unchanged: 0 } };
  const creates = wanted.filter((w) => !have.has(`${w.dimension}\u0000${w.code}`));
  const updates = wanted.filter((w) => have.has(`${w.dimension}\u0000${w.code}`) && have.get(`${w.dimension}\u0000${w.code}`) !== w.name.slice(0, 200));
  for (const w of wanted) {
    const c = w.dimension === 'konto' ? counts.accounts : counts.objects;
    if (creates.includes(w)) c.created++; else if (updates.includes(w)) c.updated++; else c.unchanged++;
  }
  if (creates.length) {
    await tx.query(`INSERT INTO dimension_values (id, tenant_id, dimension, code, name, valid_from) SELECT id, $1, d, c, n, $2::date FROM unnest($3::text[], $4::text[], $5::text[], $6::text[]) AS t(id, d, c, n)`,
      [tx.tenantId, '2000-01-01', creates.map(() => newId('dv')), creates.map((w) => w.dimension), creates.map((w) => w.code), creates.map((w) => w.name.slice(0, 200))]);
  }
  for (const u of updates) await tx.query('UPDATE dimension_values SET name = $3, version = version + 1 WHERE dimension = $1 AND code = $2', [u.dimension, u.code, u.name.slice(0, 200)]);
  const skippedDimensions = [...new Set(f.objects.filter((o) => !byNumber.has(o.dimension)).map((o) => o.dimension))];
  const tenant = (await tx.query<{ name: string; org_number: string }>('SELECT name, org_number FROM tenants WHERE id = $1', [tx.tenantId])).rows[0];
  const warnings = read.warnings.slice(0, 20).map((w) => `rad ${w.line}: ${w.message}`);
  if (tenant && f.orgNumber && f.orgNumber.replace(/\D/g, '') !== tenant.org_number.replace(/\D/g, '')) {
    warnings.unshift(`Filen gäller ${f.companyName} (${f.orgNumber}), inte ${tenant.name} (${tenant.org_number}).`);
  }
  if (skippedDimensions.length) warnings.push(`Objekt i dimension ${skippedDimensions.join(', ')} lästes inte in (Avrop använder 1 ansvar, 6 projekt, 20 verksamhet, 21 objekt).`);
  const result: SieImportResult = { company: f.companyName, orgNumber: f.orgNumber, ...counts, skippedDimensions, warnings };
  await recordEvent(tx, { actor, action: 'ledger.import_sie', entityType: 'dimension_values', entityId: null, after: { ...result, day: today } });
  return result;
}
