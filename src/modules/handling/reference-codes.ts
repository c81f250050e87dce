// The reference-code register: each code (e.g. KS4411) leads to a person, with the ansvar their
// invoices are usually coded to. Suppliers put the code in the invoice's buyer reference (BT-10).
import type { TenantTx } from '../../platform/db/tenant.ts';
import { recordEvent, type Actor } from '../../platform/audit/index.ts';
import { conflict, notFound, validationError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { todayInStockholm } from '../../platform/dates.ts';
import { findValidValue } from '../org/index.ts';
import { normalizeReferenceCode } from './match-reference.ts';

export type ReferenceCode = { id: string; code: string; userId: string; username: string; displayName: string; ansvar: string | null; description: string | null; active: boolean; version: number };

type Row = { id: string; code: string; user_id: string; username: string; display_name: string; ansvar: string | null; description: string | null; active: boolean; version: number };
const toCode = (r: Row): ReferenceCode => ({ id: r.id, code: r.code, userId: r.user_id, username: r.username, displayName: r.display_name, ansvar: r.ansvar, description: r.description, active: r.active, version: r.version });
const select = `SELECT c.id, c.code, c.user_id, u.username, u.display_name, c.ansvar, c.description, c.active, c.version FROM reference_codes c JOIN users u ON u.id = c.user_id`;

export async function listReferenceCodes(tx: TenantTx, opts: { activeOnly?: boolean } = {}): Promise<ReferenceCode[]> {
  const r = await tx.query<Row>(`${select}${opts.activeOnly ? ' WHERE c.active AND u.active' : ''} ORDER BY c.code`);
  return r.rows.map(toCode);
}

export async function findReferenceCode(tx: TenantTx, code: string): Promise<ReferenceCode | null> {
  const r = await tx.query<Row>(`${select} WHERE c.code = $1`, [normalizeReferenceCode(code)]);
  return r.rows[0] ? toCode(r.rows[0]) : null;
}

async function getReferenceCode(tx: TenantTx, id: string): Promise<ReferenceCode> {
  const r = await tx.query<Row>(`${select} WHERE c.id = $1`, [id]);
  if (!r.rows[0]) throw notFound({ sv: 'Referenskoden finns inte.', en: 'No such reference code.' });
  return toCode(r.rows[0]);
}

export type ReferenceCodeInput = { code: string; userId: string; ansvar?: string | null; description?: string | null; active?: boolean };

async function check(tx: TenantTx, input: { code?: string; userId?: string; ansvar?: string | null }): Promise<void> {
  const issues: { path: string; message: string }[] = [];
  if (input.code !== undefined && !/^[A-Z0-9]{2,12}$/.test(normalizeReferenceCode(input.code))) issues.push({ path: 'code', message: 'Referenskod: 2–12 bokstäver A–Z och siffror, t.ex. KS4411.' });
  if (input.userId !== undefined) {
    const u = await tx.query<{ active: boolean }>('SELECT active FROM users WHERE id = $1', [input.userId]);
    if (!u.rows[0]?.active) issues.push({ path: 'userId', message: 'Personen finns inte eller är inaktiv.' });
  }
  if (input.ansvar && !await findValidValue(tx, 'ansvar', input.ansvar, todayInStockholm())) issues.push({ path: 'ansvar', message: `Ansvar ${input.ansvar} finns inte eller gäller inte i dag.` });
  if (issues.length) throw validationError(issues);
}

export async function createReferenceCode(tx: TenantTx, actor: Actor, input: ReferenceCodeInput): Promise<ReferenceCode> {
  await check(tx, input);
  const code = normalizeReferenceCode(input.code);
  const id = newId('ref');
  const r = await tx.query('INSERT INTO reference_codes (id, tenant_id, code, user_id, ansvar, description, active) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (tenant_id, code) DO NOTHING RETURNING id',
    [id, tx.tenantId, code, input.userId, input.ansvar ?? null, input.description ?? null, input.active ?? true]);
  if (!r.rows.length) throw conflict({ sv: `Referenskoden ${code} finns redan.`, en: `The reference code ${code} exists already.` });
  const created = await getReferenceCode(tx, id);
  await recordEvent(tx, { actor, action: 'reference_code.create', entityType: 'reference_code', entityId: id, after: created });
  return created;
}

export async function updateReferenceCode(tx: TenantTx, actor: Actor, id: string, input: Partial<Omit<ReferenceCodeInput, 'code'>> & { version?: number | undefined }): Promise<ReferenceCode> {
  await tx.query('SELECT 1 FROM reference_codes WHERE id = $1 FOR UPDATE', [id]);
  const before = await getReferenceCode(tx, id);
  if (input.version !== undefined && input.version !== before.version) throw conflict({ sv: 'Referenskoden har ändrats av någon annan. Ladda om.', en: 'The reference code was changed by someone else. Reload.' });
  await check(tx, { ...(input.userId !== undefined ? { userId: input.userId } : {}), ansvar: input.ansvar ?? null });
  await tx.query('UPDATE reference_codes SET user_id = $2, ansvar = $3, description = $4, active = $5, version = version + 1 WHERE id = $1', [
    id, input.userId ?? before.userId, input.ansvar === undefined ? before.ansvar : input.ansvar,
    input.description === undefined ? before.description : input.description, input.active ?? before.active]);
  const after = await getReferenceCode(tx, id);
  await recordEvent(tx, { actor, action: 'reference_code.update', entityType: 'reference_code', entityId: id, before, after });
  return after;
}
