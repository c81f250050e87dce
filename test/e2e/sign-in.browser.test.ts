// Sign-in, the shell and role-aware navigation, in real Chromium against the in-process server.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { Secret, TOTP } from 'otpauth';
import { axeViolations, DEMO_PASSWORD, formatViolations, openBrowser, screenshot, signIn, startTestServer, type TestBrowser, type TestServer } from '../support/browser.ts';

describe('sign-in and shell', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let page: Page;

  before(async () => {
    server = await startTestServer();
    browser = await openBrowser();
  });

  after(async () => {
    const errors = browser?.pageErrors ?? [];
    await browser?.close();
    await server?.close();
    assert.deepEqual(errors, [], 'no uncaught errors in the pages');
  });

  async function freshPage(): Promise<Page> {
    await browser.context.clearCookies();
    page = await browser.newPage();
    await page.goto(`${server.url}/logga-in`);
    await page.evaluate('localStorage.clear()');
    return page;
  }

  test('the sign-in page is Swedish, accessible and redirects there when signed out', async () => {
    await freshPage();
    await page.goto(`${server.url}/organisation`);
    await page.waitForURL(/\/logga-in$/);
    assert.equal(await page.getAttribute('html', 'lang'), 'sv');
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    assert.equal(await page.title(), 'Logga in – Avrop');
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], formatViolations(violations));
    await screenshot(page, 'inloggning', false);
  });

  test('a wrong password shows a Swedish error', async () => {
    await freshPage();
    await page.getByLabel('Användarnamn').fill('revisor');
    await page.getByLabel('Lösenord', { exact: true }).fill('fel-lösenord');
    await page.getByRole('button', { name: 'Logga in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /Fel användarnamn eller lösenord/);
    assert.match(page.url(), /\/logga-in$/);
  });

  test('too many attempts tells when to try again', async () => {
    await freshPage();
    await page.getByLabel('Användarnamn').fill('inkopscontroller');
    let text = '';
    for (let i = 0; i < 7; i++) {
      await page.getByLabel('Lösenord', { exact: true }).fill(`fel-${i}`);
      await page.getByRole('button', { name: 'Logga in' }).click();
      await page.getByRole('alert').waitFor();
      await page.waitForFunction('!document.querySelector("button[type=submit]").disabled');
      text = await page.getByRole('alert').innerText();
      if (/För många/.test(text)) break;
    }
    assert.match(text, /För många misslyckade inloggningsförsök\. Försök igen om \d+ (minuter|minut|sekunder)\./);
  });

  test('admin exists in two municipalities: the page asks which, then shows the overview', async () => {
    await freshPage();
    await page.getByLabel('Användarnamn').fill('admin');
    await page.getByLabel('Lösenord', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    const group = page.getByRole('group', { name: 'Välj kommun' });
    await group.waitFor();
    assert.equal(await group.getByRole('radio').count(), 2);
    await group.getByText('Grannby kommun').waitFor();
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], formatViolations(violations));
    await screenshot(page, 'inloggning-valj-kommun', false);
    await group.getByRole('radio', { name: /Exempel kommun/ }).check();
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Översikt' }).waitFor();
    const banner = page.getByRole('banner');
    assert.match(await banner.innerText(), /Exempel kommun/);
    assert.match(await banner.innerText(), /Maria Lindqvist/);
    const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
    for (const name of ['Översikt', 'Organisation', 'Kontering', 'Användare', 'Attesträtter', 'Granskningslogg', 'Mitt konto']) {
      await nav.getByRole('link', { name, exact: true }).waitFor();
    }
    await page.getByText('Systemförvaltare').first().waitFor();
    const violations2 = await axeViolations(page);
    assert.deepEqual(violations2, [], formatViolations(violations2));
    await screenshot(page, 'oversikt');
  });

  test('the skip link leads to the main content', async () => {
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { level: 1, name: 'Översikt' }).waitFor();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate('document.activeElement && document.activeElement.textContent'), 'Hoppa till huvudinnehållet');
    await page.getByRole('link', { name: 'Hoppa till huvudinnehållet' }).waitFor();
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate('document.activeElement && document.activeElement.id'), 'main');
  });

  test('English can be chosen and is remembered', async () => {
    await page.goto(`${server.url}/`);
    await page.getByLabel('Språk').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Audit trail' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit trail' }).waitFor();
    await page.getByRole('columnheader', { name: 'Action' }).waitFor();
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], formatViolations(violations));
    await screenshot(page, 'audit-trail-en', false);
    await page.getByLabel('Language').selectOption('sv');
    await page.getByRole('heading', { level: 1, name: 'Granskningslogg' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'sv');
  });

  test('signing out returns to the sign-in page', async () => {
    await page.goto(`${server.url}/`);
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.waitForURL(/\/logga-in$/);
    await page.goto(`${server.url}/anvandare`);
    await page.waitForURL(/\/logga-in$/);
  });

  test('after signing in, a signed-out visitor comes back to the page asked for', async () => {
    await freshPage();
    await page.goto(`${server.url}/kontering?dimension=ansvar`);
    await page.waitForURL(/\/logga-in$/);
    await page.getByLabel('Användarnamn').fill('fakturahanterare');
    await page.getByLabel('Lösenord', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kontering' }).waitFor();
    await page.getByRole('heading', { name: 'Värden för Ansvar' }).waitFor();
    await page.getByText('Du har läsbehörighet. Endast systemförvaltare kan ändra.').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Nytt värde' }).count(), 0);
    assert.equal(await page.getByRole('heading', { name: 'Importera värden från fil' }).count(), 0);
  });

  test('the revisor sees the audit trail but no administration links', async () => {
    await freshPage();
    await signIn(page, server.url, 'revisor');
    await page.getByRole('heading', { level: 1, name: 'Översikt' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
    await nav.getByRole('link', { name: 'Granskningslogg' }).waitFor();
    assert.equal(await nav.getByRole('link', { name: 'Användare' }).count(), 0);
    assert.equal(await nav.getByRole('link', { name: 'Attesträtter' }).count(), 0);
    await page.getByText('Revisor', { exact: true }).first().waitFor();

    await nav.getByRole('link', { name: 'Granskningslogg' }).click();
    await page.getByRole('heading', { level: 1, name: 'Granskningslogg' }).waitFor();
    const table = page.getByRole('table').first();
    await table.waitFor();
    assert.ok((await table.getByRole('row').count()) > 1, 'the audit trail has events');
    await page.getByRole('button', { name: 'Verifiera kedjan' }).click();
    await page.getByText(/Kedjan är obruten\. \d+ händelser kontrollerade\./).waitFor();

    // a readable before/after diff
    await page.getByRole('combobox', { name: 'Händelse' }).selectOption({ label: 'Inloggning' });
    await page.getByRole('button', { name: 'Filtrera', exact: true }).click();
    await page.getByRole('cell', { name: 'Inloggning auth.login', exact: true }).first().waitFor();
    await page.getByText(/Visa ändringar/).first().click();
    await page.getByRole('columnheader', { name: 'Före' }).first().waitFor();
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], formatViolations(violations));
    await screenshot(page, 'granskningslogg');

    // the administration pages are refused even when typed in
    await page.goto(`${server.url}/anvandare`);
    await page.getByText('Du har inte behörighet till den här sidan.').waitFor();
    // organisation is readable, without edit buttons
    await page.goto(`${server.url}/organisation`);
    await page.getByText('Kommunstyrelsen').first().waitFor();
    assert.equal(await page.getByRole('button', { name: /Redigera/ }).count(), 0);
  });

  test('my account: change password and set up two-step verification', async () => {
    await freshPage();
    await signIn(page, server.url, 'ekonom');
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Mitt konto' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mitt konto' }).waitFor();
    await page.getByLabel('Nuvarande lösenord').fill(DEMO_PASSWORD);
    await page.getByLabel('Nytt lösenord', { exact: true }).fill('ett-nytt-losenord');
    await page.getByLabel('Upprepa nytt lösenord').fill('ett-annat-losenord');
    await page.getByRole('button', { name: 'Byt lösenord' }).click();
    await page.getByText('Lösenorden stämmer inte överens.').waitFor();
    await page.getByLabel('Upprepa nytt lösenord').fill('ett-nytt-losenord');
    await page.getByRole('button', { name: 'Byt lösenord' }).click();
    await page.getByText('Ditt lösenord har ändrats.').waitFor();

    await page.getByRole('button', { name: 'Slå på tvåstegsverifiering' }).click();
    await page.getByText(/^otpauth:\/\/totp\//).waitFor();
    await page.getByLabel('Kod från appen').fill('000000');
    await page.getByRole('button', { name: 'Bekräfta och slå på' }).click();
    await page.getByRole('alert').waitFor();
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], formatViolations(violations));
    await screenshot(page, 'mitt-konto');

    // confirm with a right code, then sign in again through the two-step page
    const secret = (await page.locator('dd.secret').innerText()).trim();
    const code = () => new TOTP({ secret: Secret.fromBase32(secret) }).generate();
    await page.getByLabel('Kod från appen').fill(code());
    await page.getByRole('button', { name: 'Bekräfta och slå på' }).click();
    await page.getByText('Tvåstegsverifiering är påslagen.', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.waitForURL(/\/logga-in$/);
    await page.getByLabel('Användarnamn').fill('ekonom');
    await page.getByLabel('Lösenord', { exact: true }).fill('ett-nytt-losenord');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tvåstegsverifiering' }).waitFor();
    const totpViolations = await axeViolations(page);
    assert.deepEqual(totpViolations, [], formatViolations(totpViolations));
    await page.getByLabel('Engångskod').fill('123456');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('alert').waitFor();
    assert.match(await page.getByRole('alert').innerText(), /Fel engångskod/);
    await page.getByLabel('Engångskod').fill(code());
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Översikt' }).waitFor();
  });
});
