// Starts the whole product: database (PGlite or server), migrations, demo data on first start,
// the HTTP server (web app at /, API at /api) and the job worker.
import type { Database } from './db/types.ts';
import { openDatabase } from './db/open.ts';
import { buildApp } from './http/app.ts';
import { loadConfig, type Config } from './config.ts';
import { startWorker } from './jobs/jobs.ts';
import { purgeExpiredSessions } from './auth/sessions.ts';
import { loadDemo } from '../demo/load-demo.ts';
import { moduleJobHandlers, startModuleWorkers } from '../modules/workers.ts';
import type { App } from './http/types.ts';

export type StartOptions = {
  dataDir?: string | null;
  databaseUrl?: string | undefined;
  port?: number;
  host?: string;
  /** Load the demo municipalities when the database has no tenant yet. Default true. */
  demo?: boolean;
  /** How many demo invoices to bring in (default AVROP_DEMO_INVOICES or 300). */
  demoInvoices?: number;
  logger?: boolean;
};

export type RunningApp = { url: string; app: App; db: Database; config: Config; close: () => Promise<void> };

export async function startApp(options: StartOptions = {}): Promise<RunningApp> {
  const base = loadConfig();
  const config: Config = {
    ...base,
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.host !== undefined ? { host: options.host } : {}),
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    databaseUrl: options.databaseUrl !== undefined ? options.databaseUrl : base.databaseUrl,
  };
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: options.dataDir === null ? null : config.dataDir });
  try {
    if (options.demo !== false) {
      const tenants = await db.query<{ n: string }>('SELECT count(*)::text AS n FROM tenants');
      const invoices = options.demoInvoices ?? (process.env.AVROP_DEMO_INVOICES ? Number(process.env.AVROP_DEMO_INVOICES) : undefined);
      if (Number(tenants.rows[0]!.n) === 0) await loadDemo(db, invoices !== undefined ? { invoices } : {});
    }
    const app = await buildApp({ db, config }, { logger: options.logger ?? false });
    await app.listen({ port: config.port, host: config.host });
    const addr = app.server.address();
    const port = typeof addr === 'object' && addr ? addr.port : config.port;
    const worker = startWorker(db, moduleJobHandlers(db, config.dataDir));
    const moduleWorkers = startModuleWorkers(db, config.dataDir);
    const purge = setInterval(() => { void purgeExpiredSessions(db).catch(() => undefined); }, 10 * 60 * 1000);
    purge.unref();
    let closed = false;
    return {
      url: `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`,
      app, db, config,
      close: async () => {
        if (closed) return;
        closed = true;
        clearInterval(purge);
        await moduleWorkers.stop();
        await worker.stop();
        await app.close();
        await db.close();
      },
    };
  } catch (e) {
    await db.close();
    throw e;
  }
}
