// Commands over the pure format libraries: validate, bench.
import type { Command } from 'commander';
import type { CliContext } from '../main.ts';
import { setExitCode } from '../main.ts';

export function registerFormatCommands(program: Command, { io, t, lang }: CliContext): void {
  program.command('ingest')
    .description(t('ta emot e-fakturor genom intagsflödet: avrop ingest [--json] [--tenant ORGNR] FIL_ELLER_KATALOG…',
      'receive e-invoices through the intake pipeline: avrop ingest [--json] [--tenant ORGNR] FILE_OR_DIR…'))
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .argument('[args...]')
    .action(async (args: string[], _opts: unknown, cmd: Command) => {
      const { ingestCommand } = await import('./ingest.ts');
      setExitCode(cmd, await ingestCommand(args, io, lang));
    });

  program.command('validate')
    .description(t('validera e-fakturor (Peppol BIS Billing 3.0, UBL och CII): avrop validate [--json] [--lang en] FIL_ELLER_KATALOG…',
      'validate e-invoices (Peppol BIS Billing 3.0, UBL and CII): avrop validate [--json] [--lang en] FILE_OR_DIR…'))
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .argument('[args...]')
    .action(async (args: string[], _opts: unknown, cmd: Command) => {
      const { validateCommand } = await import('./validate.ts');
      setExitCode(cmd, await validateCommand(args, io));
    });

  program.command('bench')
    .description(t('mät prestanda: avrop bench validate|ingest|post [--json] [--count N]', 'measure performance: avrop bench validate|ingest|post [--json] [--count N]'))
    .argument('<what>', 'validate | ingest | post')
    .option('--json', t('maskinläsbar utskrift', 'machine-readable output'))
    .option('--seconds <n>', t('mättid i sekunder (validate)', 'measuring time in seconds (validate)'), '5')
    .option('--count <n>', t('antal fakturor (ingest: standard 10000, post: 100000)', 'number of invoices (ingest: default 10000, post: 100000)'), '10000')
    .option('--concurrency <n>', t('samtidiga intag (ingest; standard 4 på server, 1 på PGlite)', 'concurrent ingests (ingest; default 4 on a server, 1 on PGlite)'))
    .action(async (what: string, opts: { json?: boolean; seconds: string; count: string; concurrency?: string }, cmd: Command) => {
      if (what === 'validate') {
        const { benchValidate } = await import('../../../bench/validate.ts');
        const result = await benchValidate({ seconds: Number(opts.seconds) });
        io.stdout(opts.json ? `${JSON.stringify(result)}\n` : t(
          `Validerade ${result.documents} dokument: median ${result.median_ms_per_document} ms per dokument, ${result.documents_per_second} dokument/s (Node ${result.node}).\n`,
          `Validated ${result.documents} documents: median ${result.median_ms_per_document} ms per document, ${result.documents_per_second} documents/s (Node ${result.node}).\n`));
        return;
      }
      if (what === 'ingest') {
        const { benchIngest } = await import('../../../bench/ingest.ts');
        const result = await benchIngest({
          count: Number(opts.count), databaseUrl: process.env.DATABASE_URL || undefined,
          ...(opts.concurrency ? { concurrency: Number(opts.concurrency) } : {}),
          onProgress: (n) => io.stderr(t(`… ${n} fakturor\n`, `… ${n} invoices\n`)),
        });
        io.stdout(opts.json ? `${JSON.stringify(result)}\n` : t(
          `Tog emot ${result.invoices} fakturor (${result.lines} rader) på ${result.seconds} s: ${result.invoices_per_second} fakturor/s (${result.database}).\n`,
          `Ingested ${result.invoices} invoices (${result.lines} lines) in ${result.seconds} s: ${result.invoices_per_second} invoices/s (${result.database}).\n`));
        return;
      }
      if (what === 'post') {
        const { benchPost } = await import('../../../bench/post.ts');
        const count = cmd.getOptionValueSource('count') === 'default' ? 100_000 : Number(opts.count);
        const result = await benchPost({ count, databaseUrl: process.env.DATABASE_URL || undefined, onProgress: (n) => io.stderr(t(`… ${n} bokförda\n`, `… ${n} posted\n`)) });
        io.stdout(opts.json ? `${JSON.stringify(result)}\n` : t(
          `Bokförde och exporterade ${result.vouchers} verifikationer på ${result.seconds} s: ${result.vouchers_per_second} per sekund (${result.database}).\n`,
          `Posted and exported ${result.vouchers} vouchers in ${result.seconds} s: ${result.vouchers_per_second} per second (${result.database}).\n`));
        return;
      }
      io.stderr(t(`Okänt mål: ${what}. Tillgängliga: validate, ingest, post\n`, `Unknown target: ${what}. Available: validate, ingest, post\n`));
      setExitCode(cmd, 2);
    });
}
