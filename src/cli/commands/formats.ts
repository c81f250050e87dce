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
    .description(t('mät prestanda: avrop bench validate [--json]', 'measure performance: avrop bench validate [--json]'))
    .argument('<what>', 'validate')
    .option('--json', t('maskinläsbar utskrift', 'machine-readable output'))
    .option('--seconds <n>', t('mättid i sekunder', 'measuring time in seconds'), '5')
    .action(async (what: string, opts: { json?: boolean; seconds: string }, cmd: Command) => {
      if (what !== 'validate' && what !== 'all') {
        io.stderr(t(`Okänt mål: ${what}. Tillgängligt: validate\n`, `Unknown target: ${what}. Available: validate\n`));
        setExitCode(cmd, 2);
        return;
      }
      const { benchValidate } = await import('../../../bench/validate.ts');
      const result = await benchValidate({ seconds: Number(opts.seconds) });
      io.stdout(opts.json ? `${JSON.stringify(result)}\n` : t(
        `Validerade ${result.documents} dokument: median ${result.median_ms_per_document} ms per dokument, ${result.documents_per_second} dokument/s (Node ${result.node}).\n`,
        `Validated ${result.documents} documents: median ${result.median_ms_per_document} ms per document, ${result.documents_per_second} documents/s (Node ${result.node}).\n`));
    });
}
