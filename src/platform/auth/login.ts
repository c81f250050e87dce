// Sign-in: finds the account across tenants (system lookup), checks throttling, the password and the
// optional TOTP code, then opens a session. Every outcome is an audit event in the user's tenant.
import type { Database } from '../db/types.ts';
import { withTenant } from '../db/tenant.ts';
import { recordEvent } from '../audit/index.ts';
import { AppError } from '../errors.ts';
import { dummyHash, verifyPassword } from './passwords.ts';
import { totpStep } from './totp.ts';
import { clearFailures, LIMITS, lockedFor, recordFailure } from './throttle.ts';
import { createSession, type Session } from './sessions.ts';
import { getUser, type User } from './users.ts';

export type LoginInput = { username: string; password: string; tenant?: string | undefined; totp?: string | undefined; ip?: string; userAgent?: string };
export type Tenant = { id: string; name: string; orgNumber: string };

type Candidate = { user_id: string; tenant_id: string; tenant_name: string; org_number: string; password_hash: string; totp_secret: string | null; totp_enabled: boolean; active: boolean };

export async function login(db: Database, input: LoginInput): Promise<{ token: string; session: Session; user: User; tenant: Tenant }> {
  const username = input.username.trim().toLowerCase();
  const ipKey = `ip:${input.ip ?? 'unknown'}`;
  let candidates = (await db.query<Candidate>(
    `SELECT u.id AS user_id, u.tenant_id, t.name AS tenant_name, t.org_number, u.password_hash, u.totp_secret, u.totp_enabled, u.active
       FROM users u JOIN tenants t ON t.id = u.tenant_id WHERE u.username = $1 ORDER BY t.name`,
    [username],
  )).rows;
  if (input.tenant) candidates = candidates.filter((c) => c.tenant_id === input.tenant || c.org_number === input.tenant);
  const userKey = `user:${candidates.length === 1 ? candidates[0]!.tenant_id : '*'}:${username}`;

  const wait = await lockedFor(db, [userKey, ipKey]);
  if (wait > 0) {
    throw new AppError('too_many_attempts', undefined, { retryAfterSeconds: wait });
  }

  if (candidates.length > 1) {
    // Only reveal the tenants once the password matches one of them.
    const matching: Candidate[] = [];
    for (const c of candidates) if (await verifyPassword(c.password_hash, input.password)) matching.push(c);
    if (matching.length === 0) {
      await recordFailure(db, userKey, LIMITS.userFailures);
      await recordFailure(db, ipKey, LIMITS.ipFailures);
      throw new AppError('invalid_credentials');
    }
    if (matching.length > 1) {
      throw new AppError('ambiguous_tenant', undefined, { tenants: matching.map((c) => ({ id: c.tenant_id, name: c.tenant_name, orgNumber: c.org_number })) });
    }
    candidates = matching;
  }

  const c = candidates[0];
  const passwordOk = c ? await verifyPassword(c.password_hash, input.password) : (await verifyPassword(await dummyHash(), input.password), false);
  if (!c || !passwordOk || !c.active) {
    await recordFailure(db, userKey, LIMITS.userFailures);
    await recordFailure(db, ipKey, LIMITS.ipFailures);
    if (c) {
      await withTenant(db, c.tenant_id, (tx) => recordEvent(tx, {
        actor: { id: c.user_id, username }, action: 'auth.login_failed', entityType: 'user', entityId: c.user_id,
        after: { reason: !c.active ? 'inactive' : 'password', ip: input.ip ?? null },
      }));
    }
    throw new AppError('invalid_credentials');
  }

  if (c.totp_enabled && c.totp_secret) {
    if (!input.totp) throw new AppError('totp_required');
    const step = totpStep(c.totp_secret, input.totp);
    if (step === null) {
      await recordFailure(db, userKey, LIMITS.userFailures);
      throw new AppError('invalid_credentials', { sv: 'Fel engångskod.', en: 'Wrong one-time code.' });
    }
    // Each code works once: remember its time step, atomically against a concurrent replay.
    const fresh = await db.query('UPDATE users SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2) RETURNING id', [c.user_id, step]);
    if (fresh.rows.length === 0) {
      await recordFailure(db, userKey, LIMITS.userFailures);
      throw new AppError('invalid_credentials', { sv: 'Engångskoden har redan använts. Vänta på nästa kod.', en: 'The one-time code has already been used. Wait for the next code.' });
    }
  }

  await clearFailures(db, userKey);
  const { token, session } = await createSession(db, c.tenant_id, c.user_id, { ...(input.ip ? { ip: input.ip } : {}), ...(input.userAgent ? { userAgent: input.userAgent } : {}) });
  const user = await withTenant(db, c.tenant_id, async (tx) => {
    await recordEvent(tx, { actor: { id: c.user_id, username }, action: 'auth.login', entityType: 'user', entityId: c.user_id, after: { ip: input.ip ?? null } });
    return getUser(tx, c.user_id);
  });
  return { token, session, user, tenant: { id: c.tenant_id, name: c.tenant_name, orgNumber: c.org_number } };
}
