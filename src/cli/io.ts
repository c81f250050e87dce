// Output helpers shared by the CLI commands: Swedish for people, JSON for scripts.
export type Io = { stdout: (s: string) => void; stderr: (s: string) => void };
export type Lang = 'sv' | 'en';

export const processIo: Io = {
  stdout: (s) => { process.stdout.write(s); },
  stderr: (s) => { process.stderr.write(s); },
};

export function pickLang(argv: string[], env: NodeJS.ProcessEnv = process.env): Lang {
  const i = argv.indexOf('--lang');
  const v = i >= 0 ? argv[i + 1] : env.AVROP_LANG ?? '';
  return v?.toLowerCase().startsWith('en') ? 'en' : 'sv';
}
