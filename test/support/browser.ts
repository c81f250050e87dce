// Browser-test support: starts Avrop in-process on a free port with a fresh PGlite data directory and
// the demo municipalities, and drives Debian's Chromium through playwright-core. Each browser gets a
// fresh temporary profile. Also: axe-core accessibility checks and screenshots for docs/.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startApp } from '../../src/platform/server.ts';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const CHROMIUM = process.env.AVROP_CHROMIUM ?? '/usr/bin/chromium';
export const DEMO_PASSWORD = 'avrop-demo';
export const DEMO_TENANT = 'Exempel kommun';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export type TestServer = { url: string; close: () => Promise<void> };

/** Builds web/dist if it is missing, so a lone browser test run still serves the app. */
async function ensureWebBuilt(): Promise<void> {
  if (existsSync(join(repoRoot, 'web/dist/index.html'))) return;
  const { build } = await import('vite');
  await build({ configFile: join(repoRoot, 'web/vite.config.ts'), logLevel: 'warn' });
}

export async function startTestServer(): Promise<TestServer> {
  await ensureWebBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'avrop-browser-db-'));
  let app: Awaited<ReturnType<typeof startApp>>;
  try {
    app = await startApp({ dataDir, port: 0, host: '127.0.0.1', demo: true });
  } catch (e) {
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  return {
    url: app.url,
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type TestBrowser = {
  context: BrowserContext;
  /** Uncaught exceptions in any page of this browser; a test run should end with none. */
  pageErrors: string[];
  newPage: () => Promise<Page>;
  close: () => Promise<void>;
};

export async function openBrowser(options: { locale?: string; width?: number; height?: number } = {}): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'avrop-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      locale: options.locale ?? 'sv-SE',
      timezoneId: 'Europe/Stockholm',
      viewport: { width: options.width ?? 1280, height: options.height ?? 860 },
    });
  } catch (e) {
    rmSync(profile, { recursive: true, force: true });
    throw e;
  }
  context.setDefaultTimeout(15_000);
  const pageErrors: string[] = [];
  const watch = (p: Page) => p.on('pageerror', (e) => pageErrors.push(`${p.url()}: ${e.message}`));
  context.pages().forEach(watch);
  context.on('page', watch);
  return {
    context,
    pageErrors,
    newPage: async () => {
      const existing = context.pages().find((p) => p.url() === 'about:blank');
      return existing ?? context.newPage();
    },
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Signs in through the form; picks the municipality when the user name exists in several. */
export async function signIn(page: Page, baseUrl: string, username: string, password = DEMO_PASSWORD, tenant = DEMO_TENANT): Promise<void> {
  await page.goto(`${baseUrl}/logga-in`);
  await page.getByLabel('Användarnamn').fill(username);
  await page.getByLabel('Lösenord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  const chooser = page.getByRole('group', { name: 'Välj kommun' });
  const outcome = await Promise.race([
    page.waitForURL((u) => !u.pathname.startsWith('/logga-in')).then(() => 'in' as const),
    chooser.waitFor().then(() => 'choose' as const),
  ]);
  if (outcome === 'choose') {
    await chooser.getByRole('radio', { name: new RegExp(tenant) }).check();
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/logga-in'));
  }
  await page.getByRole('heading', { level: 1 }).waitFor();
}

export type AxeViolation = { id: string; impact: string | null; help: string; nodes: string[] };

const axePath = join(repoRoot, 'node_modules/axe-core/axe.min.js');

/** Runs axe-core (WCAG 2.0/2.1 A and AA rules plus best practices) on the page as it is now. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate('typeof window.axe !== "undefined"');
  if (!loaded) await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ') + ' :: ' + n.failureSummary),
  })))`);
  return result as AxeViolation[];
}

export function formatViolations(violations: AxeViolation[]): string {
  return violations.map((v) => `${v.id} (${v.impact ?? '?'}): ${v.help}\n  ${v.nodes.join('\n  ')}`).join('\n');
}

export const screenshotDir = join(repoRoot, 'docs/screenshots');

export async function screenshot(page: Page, name: string, fullPage = true): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const file = join(screenshotDir, `${name}.png`);
  mkdirSync(dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage });
  return file;
}
