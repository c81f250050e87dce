// Coding dimensions (konto, ansvar, verksamhet, projekt, objekt, …) and their values with validity.
import type { TenantTx } from '../../platform/db/tenant.ts';
import { recordEvent, type Actor } from '../../platform/audit/index.ts';
import { conflict, notFound, validationError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { isIsoDate } from '../../platform/dates.ts';

export const standardDimensions = [
  { code: 'konto', name: 'Konto', required: true },
  { code: 'ansvar', name: 'Ansvar', required: true },
  { code: 'verksamhet', name: 'Verksamhet', required: false },
  { code: 'projekt', name: 'Projekt', required: false },
  { code: 'objekt', name: 'Objekt', required: false },
] as const;

export type Dimension = { code: string; name: string; required: boolean; valueCount: number };
export type DimensionValue = { id: string; dimension: string; code: string; name: string; validFrom: string; validTo: string | null; unitId: string | null; version: number };

type ValueRow = { id: string; dimension: string; code: string; name: string; valid_from: string; valid_to: string | null; unit_id: string | null; version: number };
const toValue = (r: ValueRow): DimensionValue => ({ id: r.id, dimension: r.dimension, code: r.code, name: r.name, validFrom: r.valid_from, validTo: r.valid_to, unitId: r.unit_id, version: r.version });
const valueColumns = 'id, dimension, code, name, valid_from, valid_to, unit_id, version';
const codePattern = /^[A-Za-z0-9._-]{1,30}$/;

export async function ensureStandardDimensions(tx: TenantTx): Promise<void> {
  let i = 0;
  for (const d of standardDimensions) {
    await tx.query(
      'INSERT INTO dimensions (tenant_id, code, name, required, sort_order) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
      [tx.tenantId, d.code, d.name, d.required, i++],
    );
  }
}

export async function listDimensions(tx: TenantTx): Promise<Dimension[]> {
  const r = await tx.query<{ code: string; name: string; required: boolean; n: string }>(
    `SELECT d.code, d.name, d.required, count(v.id)::text AS n
       FROM dimensions d LEFT JOIN dimension_values v ON v.dimension = d.code
      GROUP BY d.code, d.name, d.required, d.sort_order ORDER BY d.sort_order, d.code`);
  return r.rows.map((x) => ({ code: x.code, name: x.name, required: x.required, valueCount: Number(x.n) }));
}

export async function requireDimension(tx: TenantTx, dimension: string): Promise<void> {
  const r = await tx.query('SELECT 1 FROM dimensions WHERE code = $1', [dimension]);
  if (!r.rows.length) throw notFound({ sv: `Dimensionen ${dimension} finns inte.`, en: `No dimension ${dimension}.` });
}

export async function listValues(tx: TenantTx, dimension: string, opts: { q?: string | undefined; validOn?: string | undefined; limit?: number | undefined } = {}): Promise<DimensionValue[]> {
  await requireDimension(tx, dimension);
  const params: unknown[] = [dimension];
  let where = 'dimension = $1';
  if (opts.q) { params.push(`%${opts.q}%`); where += ` AND (code ILIKE $${params.length} OR name ILIKE $${params.length})`; }
  if (opts.validOn) { params.push(opts.validOn); where += ` AND valid_from <= $${params.length}::date AND (valid_to IS NULL OR valid_to >= $${params.length}::date)`; }
  const r = await tx.query<ValueRow>(`SELECT ${valueColumns} FROM dimension_values WHERE ${where} ORDER BY code LIMIT ${Math.min(opts.limit ?? 5000, 5000)}`, params);
  return r.rows.map(toValue);
}

export async function getValue(tx: TenantTx, dimension: string, id: string, forUpdate = false): Promise<DimensionValue> {
  const r = await tx.query<ValueRow>(`SELECT ${valueColumns} FROM dimension_values WHERE dimension = $1 AND id = $2${forUpdate ? ' FOR UPDATE' : ''}`, [dimension, id]);
  if (!r.rows[0]) throw notFound({ sv: 'Värdet finns inte.', en: 'No such value.' });
  return toValue(r.rows[0]);
}

/** The value with this code, if it is valid on the given day. Used to validate coding. */
export async function findValidValue(tx: TenantTx, dimension: string, code: string, on: string): Promise<DimensionValue | null> {
  const r = await tx.query<ValueRow>(
    `SELECT ${valueColumns} FROM dimension_values WHERE dimension = $1 AND code = $2 AND valid_from <= $3::date AND (valid_to IS NULL OR valid_to >= $3::date)`,
    [dimension, code, on]);
  return r.rows[0] ? toValue(r.rows[0]) : null;
}

export type ValueInput = { code: string; name: string; validFrom: string; validTo?: string | null; unitId?: string | null };

function checkValue(input: Partial<ValueInput>): void {
  const issues: { path: string; message: string }[] = [];
  if (input.code !== undefined && !codePattern.test(input.code)) issues.push({ path: 'code', message: 'Kod: 1–30 tecken, bokstäver, siffror, . _ -' });
  if (input.name !== undefined && (!input.name.trim() || input.name.length > 200)) issues.push({ path: 'name', message: 'Namn saknas.' });
  if (input.validFrom !== undefined && !isIsoDate(input.validFrom)) issues.push({ path: 'validFrom', message: 'Ogiltigt datum.' });
  if (input.validTo && !isIsoDate(input.validTo)) issues.push({ path: 'validTo', message: 'Ogiltigt datum.' });
  if (input.validFrom && input.validTo && input.validTo < input.validFrom) issues.push({ path: 'validTo', message: 'Giltig till är före giltig från.' });
  if (issues.length) throw validationError(issues);
}

export async function createValue(tx: TenantTx, actor: Actor, dimension: string, input: ValueInput): Promise<DimensionValue> {
  await requireDimension(tx, dimension);
  checkValue(input);
  const dup = await tx.query('SELECT 1 FROM dimension_values WHERE dimension = $1 AND code = $2', [dimension, input.code]);
  if (dup.rows.length) throw conflict({ sv: `Koden ${input.code} finns redan i ${dimension}.`, en: `The code ${input.code} already exists in ${dimension}.` });
  const id = newId('dimv');
  await tx.query(
    'INSERT INTO dimension_values (id, tenant_id, dimension, code, name, valid_from, valid_to, unit_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
    [id, tx.tenantId, dimension, input.code, input.name.trim(), input.validFrom, input.validTo ?? null, input.unitId ?? null],
  );
  const value = await getValue(tx, dimension, id);
  await recordEvent(tx, { actor, action: 'dimension_value.create', entityType: 'dimension_value', entityId: id, after: value });
  return value;
}

export async function updateValue(tx: TenantTx, actor: Actor, dimension: string, id: string, input: Partial<Omit<ValueInput, 'code'>> & { version?: number }): Promise<DimensionValue> {
  const before = await getValue(tx, dimension, id, true);
  if (input.version !== undefined && input.version !== before.version) throw conflict({ sv: 'Värdet har ändrats av någon annan. Ladda om.', en: 'The value was changed by someone else. Reload.' });
  const merged = { validFrom: input.validFrom ?? before.validFrom, validTo: input.validTo === undefined ? before.validTo : input.validTo };
  checkValue({ ...input, ...merged });
  await tx.query(
    `UPDATE dimension_values SET name = $2, valid_from = $3, valid_to = $4, unit_id = $5, version = version + 1 WHERE id = $1`,
    [id, input.name?.trim() ?? before.name, merged.validFrom, merged.validTo, input.unitId === undefined ? before.unitId : input.unitId],
  );
  const after = await getValue(tx, dimension, id);
  await recordEvent(tx, { actor, action: 'dimension_value.update', entityType: 'dimension_value', entityId: id, before, after });
  return after;
}
