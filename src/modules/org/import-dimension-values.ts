// Imports dimension values from a CSV file: all rows or none. New codes are created, known codes
// updated (name, validity, unit). Row-level errors come back in Swedish and English.
import type { TenantTx } from '../../platform/db/tenant.ts';
import { recordEvent, type Actor } from '../../platform/audit/index.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { parseDimensionCsv, type RowError } from './parse-dimension-csv.ts';
import { requireDimension } from './dimensions.ts';

export type ImportResult = { imported: number; updated: number; encoding: string };

export async function importDimensionValues(tx: TenantTx, actor: Actor, dimension: string, bytes: Uint8Array, lang: 'sv' | 'en' = 'sv'): Promise<ImportResult> {
  await requireDimension(tx, dimension);
  const parsed = parseDimensionCsv(bytes);
  const errors: RowError[] = [...parsed.errors];
  const unitIds = new Map<string, string>();
  const unitCodes = [...new Set(parsed.rows.map((r) => r.unitCode).filter((c): c is string => c !== null))];
  if (unitCodes.length) {
    const r = await tx.query<{ id: string; code: string }>('SELECT id, code FROM org_units WHERE code = ANY($1::text[])', [unitCodes]);
    for (const u of r.rows) unitIds.set(u.code, u.id);
    for (const row of parsed.rows) {
      if (row.unitCode && !unitIds.has(row.unitCode)) errors.push({ row: row.line, column: 'enhet', message: `Okänd enhet ${row.unitCode}.`, messageEn: `Unknown unit ${row.unitCode}.` });
    }
  }
  if (errors.length) {
    errors.sort((a, b) => a.row - b.row);
    throw new AppError('validation_failed', {
      sv: `Filen innehåller ${errors.length} fel. Inget har importerats.`,
      en: `The file has ${errors.length} errors. Nothing was imported.`,
    }, { rows: errors.map((e) => ({ row: e.row, column: e.column, message: lang === 'en' ? e.messageEn : e.message })) });
  }
  const existing = await tx.query<{ code: string }>('SELECT code FROM dimension_values WHERE dimension = $1 AND code = ANY($2::text[]) FOR UPDATE', [dimension, parsed.rows.map((r) => r.code)]);
  const known = new Set(existing.rows.map((r) => r.code));
  let imported = 0;
  let updated = 0;
  for (const row of parsed.rows) {
    const unitId = row.unitCode ? unitIds.get(row.unitCode)! : null;
    if (known.has(row.code)) {
      await tx.query(
        'UPDATE dimension_values SET name = $3, valid_from = $4, valid_to = $5, unit_id = coalesce($6, unit_id), version = version + 1 WHERE dimension = $1 AND code = $2',
        [dimension, row.code, row.name, row.validFrom, row.validTo, unitId]);
      updated++;
    } else {
      await tx.query(
        'INSERT INTO dimension_values (id, tenant_id, dimension, code, name, valid_from, valid_to, unit_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        [newId('dimv'), tx.tenantId, dimension, row.code, row.name, row.validFrom, row.validTo, unitId]);
      imported++;
    }
  }
  await recordEvent(tx, {
    actor, action: 'dimension_value.import', entityType: 'dimension', entityId: dimension,
    after: { imported, updated, encoding: parsed.encoding, codes: parsed.rows.map((r) => r.code) },
  });
  return { imported, updated, encoding: parsed.encoding };
}
