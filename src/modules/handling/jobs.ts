// The handling module's durable job (daily reminders and escalation per municipality) and the timer
// that enqueues it once a day per municipality while the server runs.
import type { Database } from '../../platform/db/types.ts';
import { withTenant } from '../../platform/db/tenant.ts';
import { enqueueJob, type JobHandler } from '../../platform/jobs/jobs.ts';
import { listTenants } from '../../platform/tenants.ts';
import { todayInStockholm } from '../../platform/dates.ts';
import { sendReminders } from './reminders.ts';

export function handlingJobHandlers(db: Database): Record<string, JobHandler> {
  return {
    'handling.reminders': async (job) => {
      if (!job.tenant_id) return;
      await withTenant(db, job.tenant_id, (tx) => sendReminders(tx, String(job.payload['day'] ?? todayInStockholm())));
    },
  };
}

export async function enqueueDailyReminders(db: Database, day = todayInStockholm()): Promise<void> {
  for (const t of await listTenants(db)) {
    await db.transaction((tx) => enqueueJob(tx, { tenantId: t.id, kind: 'handling.reminders', payload: { day }, idempotencyKey: `reminders:${t.id}:${day}` }));
  }
}

/** Enqueues the day's reminder job for every municipality now and then every hour (idempotent per day). */
export function startReminderTimer(db: Database, intervalMs = 3_600_000): { stop: () => Promise<void> } {
  let current: Promise<unknown> = enqueueDailyReminders(db).catch(() => undefined);
  const timer = setInterval(() => { current = enqueueDailyReminders(db).catch(() => undefined); }, intervalMs);
  return { stop: async () => { clearInterval(timer); await current; } };
}
