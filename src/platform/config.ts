// Settings from the environment. The CLI and the server read the same ones.
import { resolve } from 'node:path';

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Always send the session cookie with the Secure flag (AVROP_SECURE_COOKIES=1). Otherwise it is Secure whenever the request came over HTTPS (directly or X-Forwarded-Proto from the proxy). */
  secureCookies: boolean;
  logLevel: string;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: env.PORT ? Number(env.PORT) : 3000,
    host: env.HOST ?? '0.0.0.0',
    dataDir: resolve(env.AVROP_DATA_DIR ?? 'data'),
    databaseUrl: env.DATABASE_URL || undefined,
    secureCookies: env.AVROP_SECURE_COOKIES === '1',
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}
