// Users of a tenant: accounts, roles, the trained-buyer mark. Every change is an audit event.
import type { TenantTx } from '../db/tenant.ts';
import { recordEvent, type Actor } from '../audit/index.ts';
import { AppError, conflict, notFound, validationError } from '../errors.ts';
import { newId } from '../ids.ts';
import { isIsoDate } from '../dates.ts';
import { checkPasswordPolicy, hashPassword } from './passwords.ts';
import { isRole, type Role } from './roles.ts';

export type User = {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  roles: Role[];
  trainedBuyerAt: string | null;
  active: boolean;
  totpEnabled: boolean;
  version: number;
};

type UserRow = { id: string; username: string; display_name: string; email: string | null; roles: string[]; trained_buyer_at: string | null; active: boolean; totp_enabled: boolean; version: number };

const columns = 'id, username, display_name, email, roles, trained_buyer_at, active, totp_enabled, version';

function toUser(r: UserRow): User {
  return {
    id: r.id, username: r.username, displayName: r.display_name, email: r.email,
    roles: r.roles.filter(isRole), trainedBuyerAt: r.trained_buyer_at, active: r.active, totpEnabled: r.totp_enabled, version: r.version,
  };
}

const usernamePattern = /^[a-z0-9][a-z0-9._-]{1,39}$/;
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function checkFields(input: { username?: string; displayName?: string; email?: string | null; roles?: string[]; trainedBuyerAt?: string | null }): void {
  const issues: { path: string; message: string }[] = [];
  if (input.username !== undefined && !usernamePattern.test(input.username)) issues.push({ path: 'username', message: 'Användarnamn: 2–40 tecken, små bokstäver a–z, siffror, punkt, bindestreck.' });
  if (input.displayName !== undefined && (input.displayName.trim().length === 0 || input.displayName.length > 200)) issues.push({ path: 'displayName', message: 'Namn saknas.' });
  if (input.email && !emailPattern.test(input.email)) issues.push({ path: 'email', message: 'Ogiltig e-postadress.' });
  for (const r of input.roles ?? []) if (!isRole(r)) issues.push({ path: 'roles', message: `Okänd roll: ${r}` });
  if (input.trainedBuyerAt && !isIsoDate(input.trainedBuyerAt)) issues.push({ path: 'trainedBuyerAt', message: 'Ogiltigt datum.' });
  if (issues.length) throw validationError(issues);
}

export async function listUsers(tx: TenantTx, q?: string): Promise<User[]> {
  const r = q
    ? await tx.query<UserRow>(`SELECT ${columns} FROM users WHERE username ILIKE $1 OR display_name ILIKE $1 ORDER BY display_name`, [`%${q}%`])
    : await tx.query<UserRow>(`SELECT ${columns} FROM users ORDER BY display_name`);
  return r.rows.map(toUser);
}

export async function getUser(tx: TenantTx, id: string, forUpdate = false): Promise<User> {
  const r = await tx.query<UserRow>(`SELECT ${columns} FROM users WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  if (!r.rows[0]) throw notFound({ sv: 'Användaren finns inte.', en: 'No such user.' });
  return toUser(r.rows[0]);
}

export async function findUserByUsername(tx: TenantTx, username: string): Promise<User | null> {
  const r = await tx.query<UserRow>(`SELECT ${columns} FROM users WHERE username = $1`, [username.toLowerCase()]);
  return r.rows[0] ? toUser(r.rows[0]) : null;
}

export type CreateUserInput = { username: string; displayName: string; email?: string | null; roles: string[]; password: string; trainedBuyerAt?: string | null };

export async function createUser(tx: TenantTx, actor: Actor, input: CreateUserInput): Promise<User> {
  const username = input.username.trim().toLowerCase();
  checkFields({ ...input, username });
  checkPasswordPolicy(input.password);
  const existing = await tx.query('SELECT 1 FROM users WHERE username = $1', [username]);
  if (existing.rows.length) throw conflict({ sv: `Användarnamnet ${username} finns redan.`, en: `The user name ${username} already exists.` });
  const id = newId('usr');
  const hash = await hashPassword(input.password);
  const roleList = [...new Set(input.roles)];
  try {
    await tx.query(
      `INSERT INTO users (id, tenant_id, username, display_name, email, roles, trained_buyer_at, password_hash)
       VALUES ($1, $2, $3, $4, $5, $6::text[], $7, $8)`,
      [id, tx.tenantId, username, input.displayName.trim(), input.email || null, roleList, input.trainedBuyerAt || null, hash],
    );
  } catch (e) {
    if ((e as { code?: string }).code === '23505') throw conflict({ sv: `Användarnamnet ${username} finns redan.`, en: `The user name ${username} already exists.` });
    throw e;
  }
  const user = await getUser(tx, id);
  await recordEvent(tx, { actor, action: 'user.create', entityType: 'user', entityId: id, after: auditView(user) });
  return user;
}

function auditView(u: User): Record<string, unknown> {
  return { username: u.username, displayName: u.displayName, email: u.email, roles: u.roles, trainedBuyerAt: u.trainedBuyerAt, active: u.active, totpEnabled: u.totpEnabled };
}

export type UpdateUserInput = { displayName?: string; email?: string | null; roles?: string[]; trainedBuyerAt?: string | null; active?: boolean; version?: number };

export async function updateUser(tx: TenantTx, actor: Actor, id: string, input: UpdateUserInput): Promise<User> {
  checkFields(input);
  const before = await getUser(tx, id, true);
  if (input.version !== undefined && input.version !== before.version) {
    throw conflict({ sv: 'Användaren har ändrats av någon annan. Ladda om och försök igen.', en: 'The user was changed by someone else. Reload and try again.' }, { currentVersion: before.version });
  }
  if (actor && actor.id === id && input.roles && before.roles.includes('systemforvaltare') && !input.roles.includes('systemforvaltare')) {
    throw new AppError('validation_failed', { sv: 'Du kan inte ta bort din egen roll som systemförvaltare.', en: 'You cannot remove your own administrator role.' });
  }
  if (actor && actor.id === id && input.active === false) {
    throw new AppError('validation_failed', { sv: 'Du kan inte inaktivera ditt eget konto.', en: 'You cannot deactivate your own account.' });
  }
  await tx.query(
    `UPDATE users SET display_name = coalesce($2, display_name),
            email = CASE WHEN $3::boolean THEN $4 ELSE email END,
            roles = coalesce($5::text[], roles),
            trained_buyer_at = CASE WHEN $6::boolean THEN $7::date ELSE trained_buyer_at END,
            active = coalesce($8, active),
            version = version + 1, updated_at = now()
      WHERE id = $1`,
    [id, input.displayName?.trim() ?? null, input.email !== undefined, input.email || null,
      input.roles ? [...new Set(input.roles)] : null, input.trainedBuyerAt !== undefined, input.trainedBuyerAt || null, input.active ?? null],
  );
  const after = await getUser(tx, id);
  await recordEvent(tx, { actor, action: 'user.update', entityType: 'user', entityId: id, before: auditView(before), after: auditView(after) });
  return after;
}

export async function setPassword(tx: TenantTx, actor: Actor, id: string, password: string): Promise<void> {
  checkPasswordPolicy(password);
  await getUser(tx, id, true);
  await tx.query('UPDATE users SET password_hash = $2, version = version + 1, updated_at = now() WHERE id = $1', [id, await hashPassword(password)]);
  await recordEvent(tx, { actor, action: actor?.id === id ? 'user.password_change' : 'user.password_reset', entityType: 'user', entityId: id });
}

export async function getCredentials(tx: TenantTx, id: string): Promise<{ passwordHash: string; totpSecret: string | null; totpEnabled: boolean }> {
  const r = await tx.query<{ password_hash: string; totp_secret: string | null; totp_enabled: boolean }>(
    'SELECT password_hash, totp_secret, totp_enabled FROM users WHERE id = $1 FOR UPDATE', [id]);
  if (!r.rows[0]) throw notFound();
  return { passwordHash: r.rows[0].password_hash, totpSecret: r.rows[0].totp_secret, totpEnabled: r.rows[0].totp_enabled };
}

export async function setTotp(tx: TenantTx, actor: Actor, id: string, secret: string | null, enabled: boolean, action: string): Promise<void> {
  await tx.query('UPDATE users SET totp_secret = $2, totp_enabled = $3, version = version + 1, updated_at = now() WHERE id = $1', [id, secret, enabled]);
  if (action) await recordEvent(tx, { actor, action, entityType: 'user', entityId: id });
}
