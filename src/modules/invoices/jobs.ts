// The invoice module's durable jobs and the inbox worker.
import type { Database } from '../../platform/db/types.ts';
import { runDueJobs, type JobHandler } from '../../platform/jobs/jobs.ts';
import { writeResponseFile } from './write-response.ts';
import { scanInbox } from './scan-inbox.ts';

export function invoiceJobHandlers(db: Database, dataDir: string): Record<string, JobHandler> {
  return { 'invoice.write_response': (job) => writeResponseFile(db, dataDir, job) };
}

/** Runs the invoice jobs that are due now (after an intake outside the server, e.g. the CLI). */
export async function runInvoiceJobs(db: Database, dataDir: string): Promise<void> {
  while ((await runDueJobs(db, invoiceJobHandlers(db, dataDir), 50)) > 0) { /* until none is due */ }
}

/** Polls the Peppol inbox folder while the server runs. */
export function startInboxWorker(db: Database, dataDir: string, intervalMs = 2000): { stop: () => Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    current = scanInbox(db, dataDir)
      .then((r) => (r.length ? runInvoiceJobs(db, dataDir) : undefined))
      .catch(() => undefined)
      .then(() => { if (!stopped) timer = setTimeout(tick, intervalMs); });
  };
  tick();
  return { stop: async () => { stopped = true; if (timer) clearTimeout(timer); await current; } };
}
