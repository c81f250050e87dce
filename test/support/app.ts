// Builds the HTTP application on a fresh test database with the demo data, without listening,
// and offers a small client for `inject` that keeps the session cookie and CSRF token.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../../src/platform/db/types.ts';
import { buildApp } from '../../src/platform/http/app.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { loadDemo } from '../../src/demo/load-demo.ts';
import type { App } from '../../src/platform/http/types.ts';
import { createTestDatabase } from './db.ts';

export type TestApp = { app: App; db: Database; dataDir: string; close: () => Promise<void> };

export async function createTestApp(options: { invoices?: number } = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  await loadDemo(db, { invoices: options.invoices ?? 0 });
  const dataDir = mkdtempSync(join(tmpdir(), 'avrop-app-'));
  const app = await buildApp({ db, config: { ...loadConfig({}), dataDir } });
  await app.ready();
  return { app, db, dataDir, close: async () => { await app.close(); await db.close(); rmSync(dataDir, { recursive: true, force: true }); } };
}

export type Response = { status: number; body: Record<string, unknown> & { error?: { code: string; message: string; details?: Record<string, unknown> } }; headers: Record<string, unknown>; raw: string };

export class Client {
  cookie = '';
  csrf = '';
  constructor(private readonly app: App, private readonly lang: 'sv' | 'en' = 'sv') {}

  async request(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown, extra: { headers?: Record<string, string>; rawBody?: string | Buffer; noCsrf?: boolean } = {}): Promise<Response> {
    const headers: Record<string, string> = { 'accept-language': this.lang, ...extra.headers };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && !extra.noCsrf && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    let payload: string | Buffer | undefined;
    if (extra.rawBody !== undefined) payload = extra.rawBody;
    else if (body !== undefined) { payload = JSON.stringify(body); headers['content-type'] ??= 'application/json'; }
    const res = await this.app.inject({ method, url, headers, ...(payload !== undefined ? { payload } : {}) });
    const setCookie = res.headers['set-cookie'];
    for (const c of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
      const [pair] = c.split(';');
      if (pair?.startsWith('avrop_session=')) this.cookie = pair.endsWith('=') ? '' : pair;
    }
    let parsed: Response['body'] = {};
    try { parsed = JSON.parse(res.body) as Response['body']; } catch { /* not JSON */ }
    return { status: res.statusCode, body: parsed, headers: res.headers, raw: res.body };
  }

  async login(username: string, password = 'avrop-demo', tenant: string | null = '212000-2411'): Promise<Response> {
    const r = await this.request('POST', '/api/auth/login', { username, password, ...(tenant ? { tenant } : {}) });
    if (r.status === 200) this.csrf = String(r.body.csrfToken);
    return r;
  }
}
