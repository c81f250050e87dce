// Invoice-handling commands for scripts: `avrop remind` (the daily reminders and escalation, e.g. from
// cron when the server is not running) and `avrop tasks --user NAME` (a person's tasks).
import type { Command } from 'commander';
import type { CliContext } from '../main.ts';
import { setExitCode } from '../main.ts';
import { withDb } from './database.ts';

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

export function registerHandlingCommands(program: Command, { io, t }: CliContext): void {
  program.command('remind')
    .description(t('skicka dagens påminnelser och eskaleringar för väntande fakturor (alla kommuner)', "send today's reminders and escalations for waiting invoices (all municipalities)"))
    .option('--day <YYYY-MM-DD>', t('räkna som om det vore denna dag', 'compute as if it were this day'))
    .option('--json', t('maskinläsbar utskrift', 'machine-readable output'))
    .action(async (opts: { day?: string; json?: boolean }, cmd: Command) => {
      const { isIsoDate, todayInStockholm } = await import('../../platform/dates.ts');
      if (opts.day !== undefined && (!isoDay.test(opts.day) || !isIsoDate(opts.day))) {
        io.stderr(t(`Ogiltigt datum: ${opts.day} (ÅÅÅÅ-MM-DD).\n`, `Invalid date: ${opts.day} (YYYY-MM-DD).\n`));
        setExitCode(cmd, 2);
        return;
      }
      const day = opts.day ?? todayInStockholm();
      const { withTenant } = await import('../../platform/db/tenant.ts');
      const { listTenants } = await import('../../platform/tenants.ts');
      const { sendReminders } = await import('../../modules/handling/index.ts');
      const tenants = await withDb(async (db) => {
        const out = [];
        for (const tenant of await listTenants(db)) out.push({ tenant: tenant.orgNumber, ...await withTenant(db, tenant.id, (tx) => sendReminders(tx, day)) });
        return out;
      });
      if (opts.json) io.stdout(`${JSON.stringify({ day, tenants })}\n`);
      else for (const r of tenants) io.stdout(t(`${r.tenant}: ${r.reminders} påminnelser, ${r.escalations} eskalerade fakturor.\n`, `${r.tenant}: ${r.reminders} reminders, ${r.escalations} escalated invoices.\n`));
    });

  program.command('tasks')
    .description(t('en persons uppgifter (identifiera, kontera, granska, attestera), sorterade på förfallodag', "a person's tasks (identify, code, review, approve), by due date"))
    .requiredOption('--user <NAME>', t('användarnamnet', 'the user name'))
    .option('--tenant <ORGNR>', t('kommunens organisationsnummer (behövs när flera kommuner har användaren)', "the municipality's organisation number (needed when several have the user)"))
    .option('--json', t('maskinläsbar utskrift: en JSON-array', 'machine-readable output: one JSON array'))
    .action(async (opts: { user: string; tenant?: string; json?: boolean }, cmd: Command) => {
      const { withTenant } = await import('../../platform/db/tenant.ts');
      const { listTenants } = await import('../../platform/tenants.ts');
      const { findUserByUsername } = await import('../../platform/auth/users.ts');
      const { tasksFor } = await import('../../modules/handling/index.ts');
      const { todayInStockholm } = await import('../../platform/dates.ts');
      const result = await withDb(async (db) => {
        const found = [];
        for (const tenant of await listTenants(db)) {
          if (opts.tenant && tenant.orgNumber !== opts.tenant && tenant.orgNumber.replace('-', '') !== opts.tenant.replace('-', '')) continue;
          const tasks = await withTenant(db, tenant.id, async (tx) => {
            const u = await findUserByUsername(tx, opts.user);
            return u?.active ? tasksFor(tx, { id: u.id, username: u.username, roles: u.roles }, todayInStockholm()) : null;
          });
          if (tasks) found.push({ tenant: tenant.orgNumber, tasks });
        }
        return found;
      });
      if (result.length !== 1) {
        io.stderr(result.length === 0
          ? t(`Användaren ${opts.user} finns inte${opts.tenant ? ` i ${opts.tenant}` : ''}.\n`, `No user ${opts.user}${opts.tenant ? ` in ${opts.tenant}` : ''}.\n`)
          : t(`Användaren ${opts.user} finns i flera kommuner: ange --tenant.\n`, `The user ${opts.user} exists in several municipalities: give --tenant.\n`));
        setExitCode(cmd, 2);
        return;
      }
      const { tasks } = result[0]!;
      if (opts.json) { io.stdout(`${JSON.stringify(tasks)}\n`); return; }
      const words: Record<string, string> = { identify: t('identifiera', 'identify'), code: t('kontera', 'code'), review: t('granska', 'review'), approve: t('attestera', 'approve') };
      if (!tasks.length) io.stdout(t('Inga uppgifter.\n', 'No tasks.\n'));
      for (const x of tasks) io.stdout(`${x.dueDate ?? '          '}  ${(words[x.type] ?? x.type).padEnd(11)} ${x.supplierName ?? ''} ${x.invoiceNumber ?? ''}  ${x.amount ?? ''} ${x.currency ?? ''}${x.overdue ? t('  FÖRFALLEN', '  OVERDUE') : ''}\n`);
    });
}
