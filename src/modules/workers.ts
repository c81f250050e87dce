// Every module's job handlers and background workers, started by the server.
import type { Database } from '../platform/db/types.ts';
import type { JobHandler } from '../platform/jobs/jobs.ts';
import { invoiceJobHandlers, startInboxWorker } from './invoices/index.ts';
import { handlingJobHandlers, startReminderTimer } from './handling/index.ts';

export function moduleJobHandlers(db: Database, dataDir: string): Record<string, JobHandler> {
  return { ...invoiceJobHandlers(db, dataDir), ...handlingJobHandlers(db) };
}

export function startModuleWorkers(db: Database, dataDir: string): { stop: () => Promise<void> } {
  const inbox = startInboxWorker(db, dataDir);
  const reminders = startReminderTimer(db);
  return { stop: async () => { await inbox.stop(); await reminders.stop(); } };
}
