// Substitutes (ersättare): during a period another person acts with the absent person's attest rights.
import type { TenantTx } from '../../platform/db/tenant.ts';
import { recordEvent, type Actor } from '../../platform/audit/index.ts';
import { notFound, validationError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { isIsoDate } from '../../platform/dates.ts';

export type Substitute = { id: string; userId: string; username: string; substituteUserId: string; substituteUsername: string; validFrom: string; validTo: string };
type Row = { id: string; user_id: string; username: string; substitute_user_id: string; substitute_username: string; valid_from: string; valid_to: string };
const toSub = (r: Row): Substitute => ({ id: r.id, userId: r.user_id, username: r.username, substituteUserId: r.substitute_user_id, substituteUsername: r.substitute_username, validFrom: r.valid_from, validTo: r.valid_to });
const select = `SELECT s.id, s.user_id, u.username, s.substitute_user_id, su.username AS substitute_username, s.valid_from, s.valid_to
  FROM substitutes s JOIN users u ON u.id = s.user_id JOIN users su ON su.id = s.substitute_user_id`;

export async function listSubstitutes(tx: TenantTx): Promise<Substitute[]> {
  return (await tx.query<Row>(`${select} ORDER BY s.valid_from DESC`)).rows.map(toSub);
}

export async function createSubstitute(tx: TenantTx, actor: Actor, input: { userId: string; substituteUserId: string; validFrom: string; validTo: string }): Promise<Substitute> {
  const issues: { path: string; message: string }[] = [];
  if (!isIsoDate(input.validFrom)) issues.push({ path: 'validFrom', message: 'Ogiltigt datum.' });
  if (!isIsoDate(input.validTo)) issues.push({ path: 'validTo', message: 'Ogiltigt datum.' });
  if (issues.length === 0 && input.validTo < input.validFrom) issues.push({ path: 'validTo', message: 'Giltig till är före giltig från.' });
  if (input.userId === input.substituteUserId) issues.push({ path: 'substituteUserId', message: 'En person kan inte vara sin egen ersättare.' });
  if (issues.length) throw validationError(issues);
  const users = await tx.query<{ id: string }>('SELECT id FROM users WHERE id = ANY($1::text[]) AND active', [[input.userId, input.substituteUserId]]);
  if (users.rows.length !== 2) throw validationError([{ path: 'userId', message: 'Användaren finns inte eller är inaktiv.' }]);
  const id = newId('sub');
  await tx.query('INSERT INTO substitutes (id, tenant_id, user_id, substitute_user_id, valid_from, valid_to) VALUES ($1, $2, $3, $4, $5, $6)',
    [id, tx.tenantId, input.userId, input.substituteUserId, input.validFrom, input.validTo]);
  const sub = toSub((await tx.query<Row>(`${select} WHERE s.id = $1`, [id])).rows[0]!);
  await recordEvent(tx, { actor, action: 'substitute.create', entityType: 'substitute', entityId: id, after: sub });
  return sub;
}

export async function deleteSubstitute(tx: TenantTx, actor: Actor, id: string): Promise<void> {
  const r = await tx.query<Row>(`${select} WHERE s.id = $1`, [id]);
  if (!r.rows[0]) throw notFound({ sv: 'Ersättaren finns inte.', en: 'No such substitute.' });
  await tx.query('DELETE FROM substitutes WHERE id = $1', [id]);
  await recordEvent(tx, { actor, action: 'substitute.delete', entityType: 'substitute', entityId: id, before: toSub(r.rows[0]) });
}
