// Commands that start the product or work on its database: start, migrate, demo, audit-verify.
import type { Command } from 'commander';
import type { CliContext } from '../main.ts';
import { setExitCode } from '../main.ts';
import type { Database } from '../../platform/db/types.ts';

// Heavy modules (database drivers, the HTTP server) are loaded only by the command that needs them,
// so `avrop --help` and `avrop validate` start fast.
export async function withDb<T>(fn: (db: Database) => Promise<T>, opts: { migrate?: boolean } = {}): Promise<T> {
  const { loadConfig } = await import('../../platform/config.ts');
  const { openDatabase } = await import('../../platform/db/open.ts');
  const config = loadConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }, opts);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

export function registerDatabaseCommands(program: Command, { io, t }: CliContext): void {
  program.command('start')
    .description(t('starta servern (webb på /, API på /api); PORT, AVROP_DATA_DIR, DATABASE_URL', 'start the server (web at /, API at /api); PORT, AVROP_DATA_DIR, DATABASE_URL'))
    .option('--no-demo', t('ladda inte demodata vid första start', 'do not load demo data on first start'))
    .action(async (opts: { demo: boolean }) => {
      io.stdout(t('Startar Avrop … (vid första start läses demodata in genom fakturaflödet; det tar en stund)\n', 'Starting Avrop … (the first start brings the demo data in through the invoice pipeline; it takes a while)\n'));
      const { startApp } = await import('../../platform/server.ts');
      const running = await startApp({ demo: opts.demo, logger: process.env.LOG_LEVEL !== undefined });
      io.stdout(t(
        `Avrop kör på ${running.url} (databas: ${running.db.kind}). Logga in som admin / avrop-demo. Avsluta med Ctrl+C.\n`,
        `Avrop is running at ${running.url} (database: ${running.db.kind}). Sign in as admin / avrop-demo. Stop with Ctrl+C.\n`));
      await new Promise<void>((resolve) => {
        const stop = () => { void running.close().then(resolve); };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });

  program.command('migrate')
    .description(t('skapa databasen vid behov och kör väntande migreringar', 'create the database if needed and apply pending migrations'))
    .option('--json', t('maskinläsbar utskrift', 'machine-readable output'))
    .action(async (opts: { json?: boolean }) => {
      const { migrate } = await import('../../platform/db/migrate.ts');
      const applied = await withDb((db) => migrate(db), { migrate: false });
      io.stdout(opts.json ? `${JSON.stringify({ applied })}\n` : applied.length
        ? t(`Körde migreringar: ${applied.join(', ')}\n`, `Applied migrations: ${applied.join(', ')}\n`)
        : t('Databasen är redan aktuell.\n', 'The database is up to date.\n'));
    });

  program.command('demo')
    .description(t('ladda demokommunerna (Exempel kommun, Grannby kommun); befintliga lämnas orörda', 'load the demo municipalities; existing ones are left as they are'))
    .option('--json', t('maskinläsbar utskrift', 'machine-readable output'))
    .action(async (opts: { json?: boolean }) => {
      const { loadDemo } = await import('../../demo/load-demo.ts');
      const invoices = process.env.AVROP_DEMO_INVOICES !== undefined ? Number(process.env.AVROP_DEMO_INVOICES) : undefined;
      const result = await withDb((db) => loadDemo(db, invoices !== undefined ? { invoices } : {}));
      if (opts.json) io.stdout(`${JSON.stringify({ tenants: result })}\n`);
      else for (const r of result) {
        io.stdout(r.created ? t(`Skapade ${r.tenant} (${r.orgNumber}).\n`, `Created ${r.tenant} (${r.orgNumber}).\n`)
          : t(`${r.tenant} (${r.orgNumber}) finns redan.\n`, `${r.tenant} (${r.orgNumber}) exists already.\n`));
      }
    });

  program.command('audit-verify')
    .description(t('kontrollera granskningsloggens hashkedja för alla kommuner', 'verify the audit trail hash chain of every municipality'))
    .option('--json', t('maskinläsbar utskrift', 'machine-readable output'))
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const { withTenant } = await import('../../platform/db/tenant.ts');
      const { listTenants } = await import('../../platform/tenants.ts');
      const { verifyChain } = await import('../../platform/audit/index.ts');
      const tenants = await withDb(async (db) => {
        const out = [];
        for (const tenant of await listTenants(db)) {
          const v = await withTenant(db, tenant.id, (tx) => verifyChain(tx));
          out.push({ tenant: tenant.name, orgNumber: tenant.orgNumber, ...v });
        }
        return out;
      });
      const ok = tenants.every((x) => x.ok);
      if (opts.json) io.stdout(`${JSON.stringify({ ok, tenants })}\n`);
      else for (const x of tenants) {
        io.stdout(x.ok
          ? t(`${x.tenant}: kedjan är hel (${x.checked} händelser).\n`, `${x.tenant}: the chain is intact (${x.checked} events).\n`)
          : t(`${x.tenant}: kedjan är BRUTEN vid händelse ${x.firstBroken!.seq} (${x.firstBroken!.reason}).\n`, `${x.tenant}: the chain is BROKEN at event ${x.firstBroken!.seq} (${x.firstBroken!.reason}).\n`));
      }
      setExitCode(cmd, ok ? 0 : 1);
    });
}
