// Attest rights: a person may beslutsattestera for an ansvar up to a maximum amount within a period.
// Periods for the same person and ansvar must not overlap (checked under a lock on the user row).
import type { TenantTx } from '../../platform/db/tenant.ts';
import { recordEvent, type Actor } from '../../platform/audit/index.ts';
import { conflict, notFound, validationError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { isIsoDate, periodsOverlap } from '../../platform/dates.ts';
import { formatOre, parseOre } from '../../platform/money.ts';
import { findValidValue } from '../org/index.ts';

export type AttestRight = { id: string; userId: string; username: string; displayName: string; ansvar: string; ansvarName: string | null; maxAmount: string; validFrom: string; validTo: string | null; version: number };

type Row = { id: string; user_id: string; username: string; display_name: string; ansvar: string; ansvar_name: string | null; max_amount_ore: string; valid_from: string; valid_to: string | null; version: number };
const toRight = (r: Row): AttestRight => ({
  id: r.id, userId: r.user_id, username: r.username, displayName: r.display_name, ansvar: r.ansvar, ansvarName: r.ansvar_name,
  maxAmount: formatOre(r.max_amount_ore), validFrom: r.valid_from, validTo: r.valid_to, version: r.version,
});
const select = `SELECT a.id, a.user_id, u.username, u.display_name, a.ansvar, v.name AS ansvar_name, a.max_amount_ore, a.valid_from, a.valid_to, a.version
  FROM attest_rights a JOIN users u ON u.id = a.user_id
  LEFT JOIN dimension_values v ON v.dimension = 'ansvar' AND v.code = a.ansvar`;

export async function listRights(tx: TenantTx, filter: { userId?: string | undefined; ansvar?: string | undefined } = {}): Promise<AttestRight[]> {
  const params: unknown[] = [];
  const where: string[] = [];
  if (filter.userId) { params.push(filter.userId); where.push(`a.user_id = $${params.length}`); }
  if (filter.ansvar) { params.push(filter.ansvar); where.push(`a.ansvar = $${params.length}`); }
  const r = await tx.query<Row>(`${select}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY a.ansvar, u.display_name, a.valid_from`, params);
  return r.rows.map(toRight);
}

async function getRight(tx: TenantTx, id: string): Promise<AttestRight> {
  const r = await tx.query<Row>(`${select} WHERE a.id = $1`, [id]);
  if (!r.rows[0]) throw notFound({ sv: 'Attesträtten finns inte.', en: 'No such attest right.' });
  return toRight(r.rows[0]);
}

function checkPeriod(validFrom: string, validTo: string | null | undefined): void {
  const issues: { path: string; message: string }[] = [];
  if (!isIsoDate(validFrom)) issues.push({ path: 'validFrom', message: 'Ogiltigt datum.' });
  if (validTo && !isIsoDate(validTo)) issues.push({ path: 'validTo', message: 'Ogiltigt datum.' });
  if (issues.length) throw validationError(issues);
  if (validTo && validTo < validFrom) {
    throw validationError([{ path: 'validTo', message: 'Giltig till är före giltig från.' }], { sv: 'Perioden är omvänd: giltig till är före giltig från.', en: 'The period is inverted: valid to is before valid from.' });
  }
}

async function assertNoOverlap(tx: TenantTx, userId: string, ansvar: string, validFrom: string, validTo: string | null, exceptId: string | null): Promise<void> {
  const others = await tx.query<{ id: string; valid_from: string; valid_to: string | null }>(
    'SELECT id, valid_from, valid_to FROM attest_rights WHERE user_id = $1 AND ansvar = $2 AND id <> $3', [userId, ansvar, exceptId ?? '']);
  const clash = others.rows.find((o) => periodsOverlap(validFrom, validTo, o.valid_from, o.valid_to));
  if (clash) {
    throw conflict({
      sv: `Personen har redan en attesträtt för ansvar ${ansvar} som gäller ${clash.valid_from}–${clash.valid_to ?? 'tills vidare'}. Perioderna får inte överlappa.`,
      en: `The person already has an attest right for ansvar ${ansvar} valid ${clash.valid_from}–${clash.valid_to ?? 'until further notice'}. Periods must not overlap.`,
    }, { overlapsWith: clash.id });
  }
}

export type CreateRightInput = { userId: string; ansvar: string; maxAmount: string; validFrom: string; validTo?: string | null };

export async function createRight(tx: TenantTx, actor: Actor, input: CreateRightInput): Promise<AttestRight> {
  checkPeriod(input.validFrom, input.validTo);
  const ore = parseOre(input.maxAmount, 'maxAmount');
  if (ore <= 0n) throw validationError([{ path: 'maxAmount', message: 'Beloppsgränsen måste vara större än noll.' }]);
  const user = await tx.query<{ roles: string[] }>('SELECT roles FROM users WHERE id = $1 FOR UPDATE', [input.userId]);
  if (!user.rows[0]) throw validationError([{ path: 'userId', message: 'Användaren finns inte.' }]);
  if (!await findValidValue(tx, 'ansvar', input.ansvar, input.validFrom)) {
    throw validationError([{ path: 'ansvar', message: `Ansvar ${input.ansvar} finns inte eller gäller inte ${input.validFrom}.` }]);
  }
  await assertNoOverlap(tx, input.userId, input.ansvar, input.validFrom, input.validTo ?? null, null);
  const id = newId('att');
  await tx.query(
    'INSERT INTO attest_rights (id, tenant_id, user_id, ansvar, max_amount_ore, valid_from, valid_to) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [id, tx.tenantId, input.userId, input.ansvar, ore.toString(), input.validFrom, input.validTo ?? null]);
  const right = await getRight(tx, id);
  await recordEvent(tx, { actor, action: 'attest_right.create', entityType: 'attest_right', entityId: id, after: right });
  return right;
}

export async function updateRight(tx: TenantTx, actor: Actor, id: string, input: { maxAmount?: string; validFrom?: string; validTo?: string | null; version?: number }): Promise<AttestRight> {
  const lock = await tx.query<{ user_id: string }>('SELECT user_id FROM attest_rights WHERE id = $1', [id]);
  if (!lock.rows[0]) throw notFound({ sv: 'Attesträtten finns inte.', en: 'No such attest right.' });
  await tx.query('SELECT 1 FROM users WHERE id = $1 FOR UPDATE', [lock.rows[0].user_id]);
  const before = await getRight(tx, id);
  if (input.version !== undefined && input.version !== before.version) throw conflict({ sv: 'Attesträtten har ändrats av någon annan. Ladda om.', en: 'The attest right was changed by someone else. Reload.' });
  const validFrom = input.validFrom ?? before.validFrom;
  const validTo = input.validTo === undefined ? before.validTo : input.validTo;
  checkPeriod(validFrom, validTo);
  const ore = input.maxAmount !== undefined ? parseOre(input.maxAmount, 'maxAmount') : parseOre(before.maxAmount);
  if (ore <= 0n) throw validationError([{ path: 'maxAmount', message: 'Beloppsgränsen måste vara större än noll.' }]);
  await assertNoOverlap(tx, before.userId, before.ansvar, validFrom, validTo, id);
  await tx.query('UPDATE attest_rights SET max_amount_ore = $2, valid_from = $3, valid_to = $4, version = version + 1 WHERE id = $1', [id, ore.toString(), validFrom, validTo]);
  const after = await getRight(tx, id);
  await recordEvent(tx, { actor, action: 'attest_right.update', entityType: 'attest_right', entityId: id, before, after });
  return after;
}

/**
 * Who may beslutsattestera for `ansvar` an amount on a day: holders of a valid right covering the
 * amount, and their substitutes during the substitution period. Used by invoice and order approval.
 */
export async function approversFor(tx: TenantTx, ansvar: string, amountOre: bigint, on: string): Promise<{ userId: string; via: 'right' | 'substitute'; forUserId: string }[]> {
  const r = await tx.query<{ user_id: string; via: 'right' | 'substitute'; for_user_id: string }>(
    `SELECT a.user_id, 'right' AS via, a.user_id AS for_user_id FROM attest_rights a JOIN users u ON u.id = a.user_id AND u.active
      WHERE a.ansvar = $1 AND a.max_amount_ore >= $2 AND a.valid_from <= $3::date AND (a.valid_to IS NULL OR a.valid_to >= $3::date)
     UNION ALL
     SELECT s.substitute_user_id, 'substitute', a.user_id FROM attest_rights a
       JOIN substitutes s ON s.user_id = a.user_id AND s.valid_from <= $3::date AND s.valid_to >= $3::date
       JOIN users u ON u.id = s.substitute_user_id AND u.active
      WHERE a.ansvar = $1 AND a.max_amount_ore >= $2 AND a.valid_from <= $3::date AND (a.valid_to IS NULL OR a.valid_to >= $3::date)`,
    [ansvar, amountOre.toString(), on]);
  return r.rows.map((x) => ({ userId: x.user_id, via: x.via, forUserId: x.for_user_id }));
}
