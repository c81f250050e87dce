// Ledger and payment commands for scripts: export sie, import sie|camt054|pain002, pay propose|approve|file.
// A command that acts for a person takes --user NAME and obeys the same rights as the web UI; without
// --user a command runs as the system (a scheduled job), which may export, propose and write files but
// never approve a proposal (four eyes need a person).
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { CliContext } from '../main.ts';
import { setExitCode } from '../main.ts';
import { withDb } from './database.ts';
import { AppError } from '../../platform/errors.ts';
import type { Database } from '../../platform/db/types.ts';

type Acting = { tenantId: string; orgNumber: string; person: { id: string; username: string; roles: readonly string[] } };
type Opts = { user?: string; tenant?: string; json?: boolean };

const sameOrg = (a: string, b: string) => a.replace('-', '') === b.replace('-', '');

/** Finds the municipality and the person a command acts for; refuses a person without one of `roles`. */
async function acting(db: Database, opts: Opts, roles: readonly string[], lang: 'sv' | 'en'): Promise<Acting> {
  const { listTenants } = await import('../../platform/tenants.ts');
  const { withTenant } = await import('../../platform/db/tenant.ts');
  const { findUserByUsername } = await import('../../platform/auth/users.ts');
  let tenants = await listTenants(db);
  if (opts.tenant) {
    tenants = tenants.filter((t) => sameOrg(t.orgNumber, opts.tenant!));
    if (!tenants.length) throw new AppError('validation_failed', { sv: `Kommunen ${opts.tenant} finns inte.`, en: `No municipality ${opts.tenant}.` });
  }
  const candidates: Acting[] = [];
  for (const t of tenants) {
    if (opts.user) {
      const u = await withTenant(db, t.id, (tx) => findUserByUsername(tx, opts.user!));
      if (u?.active) candidates.push({ tenantId: t.id, orgNumber: t.orgNumber, person: { id: u.id, username: u.username, roles: u.roles } });
    } else {
      const busy = await withTenant(db, t.id, (tx) => tx.query('SELECT 1 FROM invoices LIMIT 1'));
      if (busy.rows.length || tenants.length === 1) candidates.push({ tenantId: t.id, orgNumber: t.orgNumber, person: { id: '', username: 'system', roles: ['ekonom'] } });
    }
  }
  if (candidates.length !== 1) {
    throw new AppError('validation_failed', candidates.length
      ? { sv: 'Flera kommuner passar: ange --tenant ORGNR.', en: 'Several municipalities match: give --tenant ORGNR.' }
      : { sv: opts.user ? `Användaren ${opts.user} finns inte${opts.tenant ? ` i ${opts.tenant}` : ''}.` : 'Ingen kommun att arbeta i: ange --tenant ORGNR.', en: opts.user ? `No user ${opts.user}.` : 'No municipality to work in: give --tenant ORGNR.' });
  }
  const a = candidates[0]!;
  if (a.person.id && !roles.some((r) => a.person.roles.includes(r))) {
    throw new AppError('forbidden', { sv: `${a.person.username} saknar behörighet (kräver rollen ${roles.join(' eller ')}).`, en: `${a.person.username} is not allowed (needs the role ${roles.join(' or ')}).` });
  }
  void lang;
  return a;
}

const userOpt = (c: Command, t: CliContext['t']) => c
  .option('--user <NAME>', t('användaren som utför åtgärden (samma behörighet som i webben)', 'the user acting (same rights as in the web app)'))
  .option('--tenant <ORGNR>', t('kommunens organisationsnummer', "the municipality's organisation number"))
  .option('--json', t('maskinläsbar utskrift', 'machine-readable output'));

export function registerFinanceCommands(program: Command, { io, t, lang }: CliContext): void {
  const out = (json: boolean | undefined, obj: unknown, human: string) => io.stdout(json ? `${JSON.stringify(obj)}\n` : human);

  const exp = program.command('export').description(t('exportera till ekonomisystemet: avrop export sie', 'export to the ERP: avrop export sie'));
  userOpt(exp.command('sie').description(t('exportera alla ej exporterade verifikationer som en ny numrerad batch (SIE 4I, eller --format csv)', 'export every voucher not yet exported as a new numbered batch (SIE 4I, or --format csv)'))
    .option('--format <sie4i|csv>', t('filformat', 'file format'), 'sie4i'), t)
    .action(async (opts: Opts & { format: string }, cmd: Command) => {
      if (opts.format !== 'sie4i' && opts.format !== 'csv') { io.stderr(t('--format ska vara sie4i eller csv.\n', '--format must be sie4i or csv.\n')); setExitCode(cmd, 2); return; }
      const { loadConfig } = await import('../../platform/config.ts');
      const { withTenant } = await import('../../platform/db/tenant.ts');
      const { exportVouchers, storeExportFile } = await import('../../modules/ledger/index.ts');
      const r = await withDb(async (db) => {
        const a = await acting(db, opts, ['ekonom'], lang);
        return withTenant(db, a.tenantId, (tx) => exportVouchers(tx, a.person.id ? { id: a.person.id, username: a.person.username } : null, opts.format as 'sie4i' | 'csv'));
      });
      const file = await storeExportFile(loadConfig().dataDir, r.filename, r.bytes);
      out(opts.json, { batch: r.id, number: r.number, vouchers: r.vouchers, file }, t(`Batch ${r.number}: ${r.vouchers} verifikationer i ${file}\n`, `Batch ${r.number}: ${r.vouchers} vouchers in ${file}\n`));
    });

  const imp = program.command('import').description(t('läs in filer: avrop import sie|camt054|pain002 FIL', 'import files: avrop import sie|camt054|pain002 FILE'));
  userOpt(imp.command('sie').argument('<FILE>').description(t('läs in kontoplan och dimensionsvärden från ekonomisystemets SIE-fil', "import the chart of accounts and dimension values from the ERP's SIE file")), t)
    .action(async (file: string, opts: Opts) => {
      const bytes = await readFile(file);
      const { withTenant } = await import('../../platform/db/tenant.ts');
      const { todayInStockholm } = await import('../../platform/dates.ts');
      const { importSie } = await import('../../modules/ledger/index.ts');
      const r = await withDb(async (db) => {
        const a = await acting(db, opts, ['ekonom', 'systemforvaltare'], lang);
        return withTenant(db, a.tenantId, (tx) => importSie(tx, a.person.id ? { id: a.person.id, username: a.person.username } : null, bytes, todayInStockholm()));
      });
      out(opts.json, r, t(`${r.company}: konton ${r.accounts.created} nya, ${r.accounts.updated} ändrade; objekt ${r.objects.created} nya, ${r.objects.updated} ändrade.\n`, `${r.company}: accounts ${r.accounts.created} new, ${r.accounts.updated} changed; objects ${r.objects.created} new, ${r.objects.updated} changed.\n`));
    });
  for (const kind of ['camt054', 'pain002'] as const) {
    userOpt(imp.command(kind).argument('<FILE>').description(kind === 'camt054'
      ? t('läs in bankens debiteringsavisering: fakturor blir betalda, returer går tillbaka, okända listas', "import the bank's debit notification: invoices become paid, returns go back, unknown items are listed")
      : t('läs in bankens statusrapport: avvisade betalningar går tillbaka till kön', "import the bank's status report: rejected payments go back to the queue")), t)
      .action(async (file: string, opts: Opts) => {
        const bytes = await readFile(file);
        const { withTenant } = await import('../../platform/db/tenant.ts');
        const payments = await import('../../modules/payments/index.ts');
        const r = await withDb(async (db) => {
          const a = await acting(db, opts, ['ekonom'], lang);
          return withTenant(db, a.tenantId, (tx) => (kind === 'camt054' ? payments.importCamt054 : payments.importPain002)(tx, a.person, bytes, file));
        });
        out(opts.json, r, t(`Betalda ${r.paid}, returnerade ${r.returned}, avvisade ${r.rejected}, okända ${r.unknown}.\n`, `Paid ${r.paid}, returned ${r.returned}, rejected ${r.rejected}, unknown ${r.unknown}.\n`));
      });
  }

  const pay = program.command('pay').description(t('betalningar: avrop pay propose|approve|file', 'payments: avrop pay propose|approve|file'));
  userOpt(pay.command('propose').description(t('gör ett betalningsförslag av attesterade fakturor som förfaller senast ett datum', 'make a payment proposal of approved invoices due by a date'))
    .requiredOption('--until <YYYY-MM-DD>', t('sista förfallodag att ta med', 'last due date to include')), t)
    .action(async (opts: Opts & { until: string }, cmd: Command) => {
      const { isIsoDate } = await import('../../platform/dates.ts');
      if (!isIsoDate(opts.until)) { io.stderr(t(`Ogiltigt datum: ${opts.until} (ÅÅÅÅ-MM-DD).\n`, `Invalid date: ${opts.until} (YYYY-MM-DD).\n`)); setExitCode(cmd, 2); return; }
      const { proposeInOwnTransaction } = await import('../../modules/payments/index.ts');
      const r = await withDb(async (db) => {
        const a = await acting(db, opts, ['ekonom'], lang);
        return proposeInOwnTransaction(db, a.tenantId, a.person, { until: opts.until });
      });
      out(opts.json, r, t(`Betalningsförslag ${r.number}: ${r.invoices} fakturor, ${r.total} kr${r.held ? ` (${r.held} spärrade)` : ''}.\n`, `Payment proposal ${r.number}: ${r.invoices} invoices, ${r.total} kr${r.held ? ` (${r.held} held)` : ''}.\n`));
    });
  userOpt(pay.command('approve').argument('<PROPOSAL>').description(t('godkänn ett betalningsförslag (en annan person än den som gjorde det)', 'approve a payment proposal (another person than the one who made it)')), t)
    .action(async (proposal: string, opts: Opts) => {
      const { withTenant } = await import('../../platform/db/tenant.ts');
      const { approveProposal, getProposal } = await import('../../modules/payments/index.ts');
      const r = await withDb(async (db) => {
        const a = await acting(db, opts, ['ekonom'], lang);
        return withTenant(db, a.tenantId, async (tx) => { await approveProposal(tx, a.person, proposal); return getProposal(tx, proposal); });
      });
      out(opts.json, { proposal: r.id, number: r.number, status: r.status, approvedBy: r.approvedBy, invoices: r.invoiceCount, total: r.total }, t(`Betalningsförslag ${r.number} godkänt av ${r.approvedBy}.\n`, `Payment proposal ${r.number} approved by ${r.approvedBy}.\n`));
    });
  userOpt(program.command('simulate-bank').argument('<PROPOSAL>').description(t('demo och test: skriv den camt.054 som banken skulle skicka när betalfilen utförts (till --out eller standard ut)', "demo and tests: write the camt.054 the bank would send once the payment file was executed (to --out or stdout)"))
    .option('--date <YYYY-MM-DD>', t('bokföringsdag (standard: idag)', 'booking date (default: today)'))
    .option('--out <FILE>', t('skriv filen hit', 'write the file here')), t)
    .action(async (proposal: string, opts: Opts & { date?: string; out?: string }) => {
      const { withTenant } = await import('../../platform/db/tenant.ts');
      const { todayInStockholm } = await import('../../platform/dates.ts');
      const { camt054 } = await import('../../demo/demo-bank.ts');
      const day = opts.date ?? todayInStockholm();
      const xml = await withDb(async (db) => {
        const a = await acting(db, opts, ['ekonom'], lang);
        return withTenant(db, a.tenantId, async (tx) => {
          const items = (await tx.query<{ end_to_end_id: string; amount: string; name: string }>(
            `SELECT i.end_to_end_id, sum(i.amount_ore)::text AS amount, min(s.name) AS name FROM payment_items i JOIN payment_proposals p ON p.id = i.proposal_id JOIN suppliers s ON s.id = i.supplier_id
              WHERE (p.id = $1 OR p.number::text = $1) AND i.status = 'in_file' GROUP BY i.end_to_end_id ORDER BY i.end_to_end_id`, [proposal])).rows;
          if (!items.length) throw new AppError('conflict', { sv: `Förslag ${proposal} har inga betalningar i en betalfil.`, en: `Proposal ${proposal} has no payments in a payment file.` });
          const bg = (await tx.query<{ bg: string | null }>('SELECT debtor_bankgiro AS bg FROM payment_settings')).rows[0]?.bg ?? '0000000';
          return camt054(items.map((i) => ({ endToEndId: i.end_to_end_id, amountOre: BigInt(i.amount), bookingDate: day, creditorName: i.name })), { messageId: `SIM-${proposal}-${day}`, createdAt: `${day}T06:00:00`, debtorBankgiro: bg });
        });
      });
      if (opts.out) { const { writeFile } = await import('node:fs/promises'); await writeFile(opts.out, xml); io.stdout(opts.json ? `${JSON.stringify({ file: opts.out })}\n` : t(`Skrev ${opts.out}\n`, `Wrote ${opts.out}\n`)); } else io.stdout(xml);
    });
  userOpt(pay.command('file').argument('<PROPOSAL>').description(t('skapa betalfilen (ISO 20022 pain.001) för ett godkänt förslag', 'make the payment file (ISO 20022 pain.001) of an approved proposal')), t)
    .action(async (proposal: string, opts: Opts) => {
      const { loadConfig } = await import('../../platform/config.ts');
      const { withTenant } = await import('../../platform/db/tenant.ts');
      const { createPaymentFile, storePaymentFile } = await import('../../modules/payments/index.ts');
      const r = await withDb(async (db) => {
        const a = await acting(db, opts, ['ekonom'], lang);
        return withTenant(db, a.tenantId, (tx) => createPaymentFile(tx, a.person, proposal));
      });
      const file = await storePaymentFile(loadConfig().dataDir, r.filename, r.bytes);
      out(opts.json, { file, payments: r.payments, total: r.total }, t(`Betalfil ${file}: ${r.payments} betalningar, ${r.total} kr.\n`, `Payment file ${file}: ${r.payments} payments, ${r.total} kr.\n`));
    });
}
