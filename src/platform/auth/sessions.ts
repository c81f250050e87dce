// Sessions: a random token in an HttpOnly cookie; the database keeps only its sha256. Each session has
// its own CSRF token. Idle sessions end after 60 minutes, every session after 12 hours.
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../db/types.ts';

export const SESSION_COOKIE = 'avrop_session';
export const IDLE_MINUTES = 60;
export const MAX_HOURS = 12;

export type Session = { id: string; tenantId: string; userId: string; csrfToken: string };

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(db: Queryable, tenantId: string, userId: string, meta: { ip?: string; userAgent?: string }): Promise<{ token: string; session: Session }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const id = hashToken(token);
  await db.query(
    `INSERT INTO sessions (id, tenant_id, user_id, csrf_token, expires_at, ip, user_agent)
     VALUES ($1, $2, $3, $4, now() + make_interval(hours => $5), $6, $7)`,
    [id, tenantId, userId, csrfToken, MAX_HOURS, meta.ip ?? null, meta.userAgent?.slice(0, 300) ?? null],
  );
  return { token, session: { id, tenantId, userId, csrfToken } };
}

/** The live session for a cookie token (touching its idle timer), or null. */
export async function findSession(db: Queryable, token: string): Promise<Session | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const r = await db.query<{ id: string; tenant_id: string; user_id: string; csrf_token: string }>(
    `UPDATE sessions SET last_seen_at = now()
      WHERE id = $1 AND expires_at > now() AND last_seen_at > now() - make_interval(mins => $2)
      RETURNING id, tenant_id, user_id, csrf_token`,
    [hashToken(token), IDLE_MINUTES],
  );
  const row = r.rows[0];
  return row ? { id: row.id, tenantId: row.tenant_id, userId: row.user_id, csrfToken: row.csrf_token } : null;
}

export async function endSession(db: Queryable, sessionId: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE id = $1', [sessionId]);
}

export async function endUserSessions(db: Queryable, userId: string, exceptSessionId?: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE user_id = $1 AND id <> $2', [userId, exceptSessionId ?? '']);
}

export async function purgeExpiredSessions(db: Queryable): Promise<void> {
  await db.query(`DELETE FROM sessions WHERE expires_at < now() OR last_seen_at < now() - make_interval(mins => $1)`, [IDLE_MINUTES]);
}
