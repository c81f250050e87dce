// Every module's job handlers and background workers, started by the server.
import type { Database } from '../platform/db/types.ts';
import type { JobHandler } from '../platform/jobs/jobs.ts';
import { invoiceJobHandlers, startInboxWorker } from './invoices/index.ts';

export function moduleJobHandlers(db: Database, dataDir: string): Record<string, JobHandler> {
  return { ...invoiceJobHandlers(db, dataDir) };
}

export function startModuleWorkers(db: Database, dataDir: string): { stop: () => Promise<void> } {
  const inbox = startInboxWorker(db, dataDir);
  return { stop: () => inbox.stop() };
}
