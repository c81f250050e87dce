// `avrop` — everything a person or a script does without the web UI. Human output is Swedish
// (English with --lang en or AVROP_LANG=en); --json gives machine-readable output.
import { Command, CommanderError, Help, Option } from 'commander';
import { AppError } from '../platform/errors.ts';
import { pickLang, processIo, type Io, type Lang } from './io.ts';
import { registerDatabaseCommands } from './commands/database.ts';
import { registerFormatCommands } from './commands/formats.ts';
import { registerHandlingCommands } from './commands/handling.ts';
import { registerFinanceCommands } from './commands/finance.ts';

export type CliContext = { io: Io; lang: Lang; t: (sv: string, en: string) => string };

export function buildProgram(ctx: CliContext): Command {
  const { t } = ctx;
  const program = new Command('avrop')
    .description(t('Avrop – e-handel och fakturahantering för kommuner.', 'Avrop – e-procurement and invoice handling for municipalities.'))
    .addOption(new Option('--lang <sv|en>', t('språk för utskrifter och hjälp', 'language of output and help')).choices(['sv', 'en']))
    .helpOption('-h, --help', t('visa hjälp', 'show help'))
    .helpCommand('help [kommando]', t('visa hjälp för ett kommando', 'show help for a command'))
    .configureHelp({ formatHelp: (cmd, helper) => translateHelp(Help.prototype.formatHelp.call(helper, cmd, helper), ctx.lang) })
    .configureOutput({ writeOut: (s) => ctx.io.stdout(s), writeErr: (s) => ctx.io.stderr(s) })
    .addHelpText('after', t(
      '\nDatabas: DATABASE_URL=postgres://… för en PostgreSQL-server, annars inbäddad PGlite i AVROP_DATA_DIR (standard ./data).',
      '\nDatabase: DATABASE_URL=postgres://… for a PostgreSQL server, else embedded PGlite in AVROP_DATA_DIR (default ./data).'))
    .exitOverride();
  registerDatabaseCommands(program, ctx);
  registerFormatCommands(program, ctx);
  registerHandlingCommands(program, ctx);
  registerFinanceCommands(program, ctx);
  return program;
}

const helpWords: [RegExp, string][] = [[/^Usage:/gm, 'Användning:'], [/^Options:/gm, 'Flaggor:'], [/^Commands:/gm, 'Kommandon:'], [/^Arguments:/gm, 'Argument:'], [/\(default: /g, '(standard: '], [/\(choices: /g, '(val: ']];

function translateHelp(text: string, lang: Lang): string {
  return lang === 'en' ? text : helpWords.reduce((s, [re, sv]) => s.replace(re, sv), text);
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const lang = pickLang(argv);
  const ctx: CliContext = { io, lang, t: (sv, en) => (lang === 'en' ? en : sv) };
  const program = buildProgram(ctx);
  let code = 0;
  program.hook('postAction', (_cmd, action) => {
    const c = (action as Command & { exitCode?: number }).exitCode;
    if (typeof c === 'number') code = c;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 2;
    }
    if (e instanceof AppError) {
      const json = argv.includes('--json');
      io.stderr(json ? `${JSON.stringify(e.toBody(lang))}\n` : `${e.messages[lang]}\n`);
      return e.code === 'validation_failed' ? 2 : 1;
    }
    io.stderr(`${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}

/** Sets the exit code of the running command (read back by main). */
export function setExitCode(cmd: Command, code: number): void {
  (cmd as Command & { exitCode?: number }).exitCode = code;
}
