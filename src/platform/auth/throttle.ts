// Throttling of failed sign-ins: after 5 failures within 15 minutes for a user name (or 20 for an IP
// address) further attempts are refused for 15 minutes. System table, owner role.
import type { Queryable } from '../db/types.ts';

export const LIMITS = { userFailures: 5, ipFailures: 20, windowSeconds: 15 * 60, lockSeconds: 15 * 60 } as const;

/** Seconds until the key may try again, or 0. */
export async function lockedFor(db: Queryable, keys: string[]): Promise<number> {
  const r = await db.query<{ s: string | null }>(
    `SELECT ceil(extract(epoch FROM max(locked_until) - now()))::text AS s FROM login_attempts WHERE key = ANY($1::text[]) AND locked_until > now()`,
    [keys],
  );
  const s = r.rows[0]?.s;
  return s ? Math.max(1, Number(s)) : 0;
}

export async function recordFailure(db: Queryable, key: string, limit: number): Promise<void> {
  await db.query(
    `INSERT INTO login_attempts (key, failures, first_failure_at) VALUES ($1, 1, now())
     ON CONFLICT (key) DO UPDATE SET
       failures = CASE WHEN login_attempts.first_failure_at < now() - make_interval(secs => $2) THEN 1 ELSE login_attempts.failures + 1 END,
       first_failure_at = CASE WHEN login_attempts.first_failure_at < now() - make_interval(secs => $2) THEN now() ELSE login_attempts.first_failure_at END,
       locked_until = CASE WHEN login_attempts.first_failure_at >= now() - make_interval(secs => $2) AND login_attempts.failures + 1 >= $3
                           THEN now() + make_interval(secs => $4) ELSE login_attempts.locked_until END`,
    [key, LIMITS.windowSeconds, limit, LIMITS.lockSeconds],
  );
}

export async function clearFailures(db: Queryable, key: string): Promise<void> {
  await db.query('DELETE FROM login_attempts WHERE key = $1', [key]);
}
