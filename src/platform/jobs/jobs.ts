// Durable jobs in PostgreSQL: written in the same transaction as the change that causes them, claimed
// with FOR UPDATE SKIP LOCKED, retried with exponential backoff, deduplicated by idempotency key.
import type { Database, Tx } from '../db/types.ts';
import { newId } from '../ids.ts';

export type JobRow = { id: string; tenant_id: string | null; kind: string; payload: Record<string, unknown>; attempts: number; max_attempts: number; idempotency_key: string };

export type EnqueueInput = { tenantId: string | null; kind: string; payload?: Record<string, unknown>; idempotencyKey: string; runAt?: Date };

/** Adds a job unless one with the same idempotency key exists; returns the job id either way. */
export async function enqueueJob(tx: Tx, job: EnqueueInput): Promise<{ id: string; created: boolean }> {
  const id = newId('job');
  const r = await tx.query<{ id: string }>(
    `INSERT INTO jobs (id, tenant_id, kind, payload, idempotency_key, run_at)
     VALUES ($1, $2, $3, $4::jsonb, $5, coalesce($6::timestamptz, now()))
     ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
    [id, job.tenantId, job.kind, JSON.stringify(job.payload ?? {}), job.idempotencyKey, job.runAt?.toISOString() ?? null],
  );
  if (r.rows.length > 0) return { id, created: true };
  const existing = await tx.query<{ id: string }>('SELECT id FROM jobs WHERE idempotency_key = $1', [job.idempotencyKey]);
  return { id: existing.rows[0]!.id, created: false };
}

/** Claims up to `limit` due jobs of the given kinds for `leaseSeconds` (system work, owner role). */
export async function claimJobs(db: Database, kinds: readonly string[], limit = 10, leaseSeconds = 300): Promise<JobRow[]> {
  return db.transaction(async (tx) => {
    const r = await tx.query<JobRow>(
      `UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_until = now() + make_interval(secs => $3)
        WHERE id IN (
          SELECT id FROM jobs
           WHERE kind = ANY($1::text[]) AND run_at <= now()
             AND (status = 'pending' OR (status = 'running' AND locked_until < now()))
           ORDER BY run_at, id
           LIMIT $2
           FOR UPDATE SKIP LOCKED)
        RETURNING id, tenant_id, kind, payload, attempts, max_attempts, idempotency_key`,
      [kinds, limit, leaseSeconds],
    );
    return r.rows;
  });
}

export async function completeJob(db: Database, id: string): Promise<void> {
  await db.query(`UPDATE jobs SET status = 'done', finished_at = now(), locked_until = NULL, last_error = NULL WHERE id = $1`, [id]);
}

/** Backoff: 2^attempts seconds, capped at one hour. After max_attempts the job is failed for good. */
export function backoffSeconds(attempts: number): number {
  return Math.min(3600, 2 ** Math.max(0, attempts));
}

export async function failJob(db: Database, job: JobRow, error: string): Promise<void> {
  const final = job.attempts >= job.max_attempts;
  await db.query(
    `UPDATE jobs SET status = $2, last_error = $3, locked_until = NULL,
            run_at = now() + make_interval(secs => $4), finished_at = CASE WHEN $2 = 'failed' THEN now() END
      WHERE id = $1`,
    [job.id, final ? 'failed' : 'pending', error.slice(0, 4000), backoffSeconds(job.attempts)],
  );
}

export type JobHandler = (job: JobRow) => Promise<void>;

/** Runs every due job once; returns how many were handled. Used by the worker loop and by tests. */
export async function runDueJobs(db: Database, handlers: Record<string, JobHandler>, limit = 10): Promise<number> {
  const jobs = await claimJobs(db, Object.keys(handlers), limit);
  for (const job of jobs) {
    try {
      await handlers[job.kind]!(job);
      await completeJob(db, job.id);
    } catch (e) {
      await failJob(db, job, e instanceof Error ? e.message : String(e));
    }
  }
  return jobs.length;
}

/** A polling worker; `stop()` resolves when the current round has finished. */
export function startWorker(db: Database, handlers: Record<string, JobHandler>, intervalMs = 1000): { stop: () => Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    current = runDueJobs(db, handlers)
      .catch(() => 0)
      .then((n) => { if (!stopped) timer = setTimeout(tick, n > 0 ? 0 : intervalMs); });
  };
  if (Object.keys(handlers).length > 0) tick();
  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
