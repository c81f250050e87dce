// The organisation tree: nämnd → förvaltning → enhet.
import type { TenantTx } from '../../platform/db/tenant.ts';
import { recordEvent, type Actor } from '../../platform/audit/index.ts';
import { conflict, notFound, validationError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { isIsoDate } from '../../platform/dates.ts';

export type UnitKind = 'namnd' | 'forvaltning' | 'enhet';
export type OrgUnit = { id: string; parentId: string | null; code: string; name: string; kind: UnitKind; validFrom: string; validTo: string | null; version: number };

type UnitRow = { id: string; parent_id: string | null; code: string; name: string; kind: UnitKind; valid_from: string; valid_to: string | null; version: number };
const toUnit = (r: UnitRow): OrgUnit => ({ id: r.id, parentId: r.parent_id, code: r.code, name: r.name, kind: r.kind, validFrom: r.valid_from, validTo: r.valid_to, version: r.version });

const parentKinds: Record<UnitKind, readonly UnitKind[]> = { namnd: [], forvaltning: ['namnd'], enhet: ['forvaltning', 'namnd'] };
const codePattern = /^[A-Za-z0-9._-]{1,20}$/;

export async function listUnits(tx: TenantTx): Promise<OrgUnit[]> {
  const r = await tx.query<UnitRow>('SELECT id, parent_id, code, name, kind, valid_from, valid_to, version FROM org_units ORDER BY code');
  return r.rows.map(toUnit);
}

export async function getUnit(tx: TenantTx, id: string, forUpdate = false): Promise<OrgUnit> {
  const r = await tx.query<UnitRow>(`SELECT id, parent_id, code, name, kind, valid_from, valid_to, version FROM org_units WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  if (!r.rows[0]) throw notFound({ sv: 'Organisationsenheten finns inte.', en: 'No such organisational unit.' });
  return toUnit(r.rows[0]);
}

export async function findUnitByCode(tx: TenantTx, code: string): Promise<OrgUnit | null> {
  const r = await tx.query<UnitRow>('SELECT id, parent_id, code, name, kind, valid_from, valid_to, version FROM org_units WHERE code = $1', [code]);
  return r.rows[0] ? toUnit(r.rows[0]) : null;
}

export type CreateUnitInput = { parentId: string | null; code: string; name: string; kind: UnitKind; validFrom?: string };

export async function createUnit(tx: TenantTx, actor: Actor, input: CreateUnitInput): Promise<OrgUnit> {
  const issues: { path: string; message: string }[] = [];
  if (!codePattern.test(input.code)) issues.push({ path: 'code', message: 'Kod: 1–20 tecken, bokstäver, siffror, . _ -' });
  if (!input.name.trim()) issues.push({ path: 'name', message: 'Namn saknas.' });
  if (input.validFrom && !isIsoDate(input.validFrom)) issues.push({ path: 'validFrom', message: 'Ogiltigt datum.' });
  if (issues.length) throw validationError(issues);
  const allowedParents = parentKinds[input.kind];
  if (allowedParents.length === 0 && input.parentId) throw validationError([{ path: 'parentId', message: 'En nämnd har ingen överordnad enhet.' }]);
  if (allowedParents.length > 0) {
    if (!input.parentId) throw validationError([{ path: 'parentId', message: 'Överordnad enhet saknas.' }]);
    const parent = await getUnit(tx, input.parentId).catch(() => null);
    if (!parent) throw validationError([{ path: 'parentId', message: 'Den överordnade enheten finns inte.' }]);
    if (!allowedParents.includes(parent.kind)) {
      throw validationError([{ path: 'parentId', message: input.kind === 'enhet' ? 'En enhet ska ligga under en förvaltning eller nämnd.' : 'En förvaltning ska ligga under en nämnd.' }]);
    }
  }
  const dup = await tx.query('SELECT 1 FROM org_units WHERE code = $1', [input.code]);
  if (dup.rows.length) throw conflict({ sv: `Koden ${input.code} används redan.`, en: `The code ${input.code} is already in use.` });
  const id = newId('unit');
  await tx.query(
    'INSERT INTO org_units (id, tenant_id, parent_id, code, name, kind, valid_from) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [id, tx.tenantId, input.parentId, input.code, input.name.trim(), input.kind, input.validFrom ?? '2000-01-01'],
  );
  const unit = await getUnit(tx, id);
  await recordEvent(tx, { actor, action: 'org_unit.create', entityType: 'org_unit', entityId: id, after: unit });
  return unit;
}

export type UpdateUnitInput = { name?: string; code?: string; validTo?: string | null; version?: number };

export async function updateUnit(tx: TenantTx, actor: Actor, id: string, input: UpdateUnitInput): Promise<OrgUnit> {
  const before = await getUnit(tx, id, true);
  if (input.version !== undefined && input.version !== before.version) throw conflict({ sv: 'Enheten har ändrats av någon annan. Ladda om.', en: 'The unit was changed by someone else. Reload.' });
  const issues: { path: string; message: string }[] = [];
  if (input.code !== undefined && !codePattern.test(input.code)) issues.push({ path: 'code', message: 'Ogiltig kod.' });
  if (input.name !== undefined && !input.name.trim()) issues.push({ path: 'name', message: 'Namn saknas.' });
  if (input.validTo && (!isIsoDate(input.validTo) || input.validTo < before.validFrom)) issues.push({ path: 'validTo', message: 'Ogiltigt slutdatum.' });
  if (issues.length) throw validationError(issues);
  if (input.code && input.code !== before.code) {
    const dup = await tx.query('SELECT 1 FROM org_units WHERE code = $1 AND id <> $2', [input.code, id]);
    if (dup.rows.length) throw conflict({ sv: `Koden ${input.code} används redan.`, en: `The code ${input.code} is already in use.` });
  }
  await tx.query(
    `UPDATE org_units SET name = coalesce($2, name), code = coalesce($3, code),
            valid_to = CASE WHEN $4::boolean THEN $5::date ELSE valid_to END, version = version + 1 WHERE id = $1`,
    [id, input.name?.trim() ?? null, input.code ?? null, input.validTo !== undefined, input.validTo ?? null],
  );
  const after = await getUnit(tx, id);
  await recordEvent(tx, { actor, action: 'org_unit.update', entityType: 'org_unit', entityId: id, before, after });
  return after;
}
