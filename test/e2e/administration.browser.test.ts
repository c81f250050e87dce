// The systemförvaltare's screens: organisation, coding dimensions with CSV import, users, attest
// rights and substitutes, in real Chromium against the in-process server with the demo data.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { axeViolations, formatViolations, openBrowser, screenshot, signIn, startTestServer, type TestBrowser, type TestServer } from '../support/browser.ts';

async function assertAccessible(page: Page): Promise<void> {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], formatViolations(violations));
}

describe('administration as systemförvaltare', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let page: Page;

  before(async () => {
    server = await startTestServer();
    browser = await openBrowser();
    page = await browser.newPage();
    await signIn(page, server.url, 'admin');
  });

  after(async () => {
    const errors = browser?.pageErrors ?? [];
    await browser?.close();
    await server?.close();
    assert.deepEqual(errors, [], 'no uncaught errors in the pages');
  });

  const nav = () => page.getByRole('navigation', { name: 'Huvudmeny' });

  test('the organisation tree shows nämnd → förvaltning → enhet, and a unit can be added', async () => {
    await nav().getByRole('link', { name: 'Organisation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Organisation' }).waitFor();
    const tree = page.getByRole('region', { name: 'Organisationsträd' });
    await tree.getByText('Kommunstyrelsen', { exact: true }).waitFor();
    await tree.getByText('Kommunledningsförvaltningen', { exact: true }).waitFor();
    await tree.getByText('Ekonomienheten', { exact: true }).waitFor();
    await assertAccessible(page);
    await screenshot(page, 'organisation');

    await page.getByRole('button', { name: 'Lägg till underenhet i Kommunledningsförvaltningen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ny organisationsenhet' });
    await dialog.waitFor();
    await dialog.getByLabel('Kod').fill('4460');
    await dialog.getByLabel('Namn').fill('Upphandlingsenheten');
    await assertAccessible(page);
    await dialog.getByRole('button', { name: 'Spara' }).click();
    await page.getByRole('status').getByText('Enheten Upphandlingsenheten har lagts till.').waitFor();
    await tree.getByText('Upphandlingsenheten', { exact: true }).waitFor();
  });

  test('a dimension value can be created and ended', async () => {
    await nav().getByRole('link', { name: 'Kontering' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kontering' }).waitFor();
    await page.getByRole('link', { name: /^Projekt/ }).click();
    await page.getByRole('heading', { name: 'Värden för Projekt' }).waitFor();
    await page.getByRole('button', { name: 'Nytt värde' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nytt värde i Projekt' });
    await dialog.getByLabel('Kod').fill('P900');
    await dialog.getByLabel('Namn').fill('Ny simhall');
    await dialog.getByLabel('Giltig från').fill('2026-01-01');
    await dialog.getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Värdet P900 har lagts till.').waitFor();
    const row = page.getByRole('row', { name: /P900/ });
    await row.getByText('Ny simhall').waitFor();

    await page.getByRole('button', { name: 'Avsluta P900 Ny simhall' }).click();
    const end = page.getByRole('dialog', { name: 'Avsluta P900 Ny simhall' });
    await end.getByLabel('Giltig till').fill('2026-01-31');
    await end.getByRole('button', { name: 'Avsluta' }).click();
    await page.getByText('Värdet P900 är avslutat från 2026-01-31.').waitFor();
    await row.getByRole('cell', { name: '2026-01-31', exact: true }).waitFor();

    await page.getByRole('searchbox', { name: 'Sök kod eller namn' }).fill('simhall');
    await page.waitForFunction('document.querySelectorAll("tbody tr").length === 1');
    await assertAccessible(page);
  });

  test('a CSV import with errors shows a row report and imports nothing; a correct file imports', async () => {
    await page.getByRole('link', { name: /^Objekt/ }).click();
    await page.getByRole('heading', { name: 'Värden för Objekt' }).waitFor();
    const before = await page.locator('tbody tr').count();
    const bad = 'kod;namn;giltig_fran;giltig_till\nO-100;Stadshuset;2026-01-01;\nO-101;;2026-01-01;\nO-102;Badhuset;2026-13-40;\n';
    await page.getByLabel('CSV-fil').setInputFiles({ name: 'objekt.csv', mimeType: 'text/csv', buffer: Buffer.from(bad, 'utf8') });
    await page.getByRole('button', { name: 'Importera' }).click();
    const report = page.getByRole('table', { name: 'Fel per rad' });
    await report.waitFor();
    await page.getByText('Filen innehåller fel. Ingenting har importerats.').waitFor();
    assert.ok((await report.locator('tbody tr').count()) >= 2, 'one line per faulty row');
    const text = await report.innerText();
    assert.match(text, /\b3\b/);
    assert.match(text, /\b4\b/);
    await assertAccessible(page);
    await screenshot(page, 'kontering-import');
    assert.equal(await page.locator('tbody tr').filter({ hasText: 'O-100' }).count(), 0, 'nothing imported');

    const good = 'kod,namn,giltig_fran,giltig_till\nO-100,Stadshuset,2026-01-01,\nO-101,Sporthallen,2026-01-01,2030-12-31\n';
    await page.getByLabel('CSV-fil').setInputFiles({ name: 'objekt.csv', mimeType: 'text/csv', buffer: Buffer.from(good, 'utf8') });
    await page.getByRole('button', { name: 'Importera' }).click();
    await page.getByText('Importen är klar: 2 nya och 0 uppdaterade värden.').first().waitFor();
    await page.getByRole('cell', { name: 'O-101', exact: true }).waitFor();
    assert.equal(await page.locator('table:not(.table-compact) tbody tr').count(), before + 2);
  });

  test('a user can be created with roles and a trained-buyer date', async () => {
    await nav().getByRole('link', { name: 'Användare' }).click();
    await page.getByRole('heading', { level: 1, name: 'Användare' }).waitFor();
    await page.getByRole('cell', { name: /^Maria Lindqvist/ }).first().waitFor();
    await assertAccessible(page);
    await page.getByRole('button', { name: 'Ny användare' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ny användare' });
    await dialog.getByLabel('Användarnamn').fill('lisa.ek');
    await dialog.getByLabel('Namn', { exact: true }).fill('Lisa Ek');
    await dialog.getByLabel(/E-post/).fill('lisa.ek@exempel.se');
    await dialog.getByLabel(/Utbildad beställare/).fill('2026-03-15');
    await dialog.getByRole('checkbox', { name: 'Beställare' }).check();
    await dialog.getByRole('checkbox', { name: 'Godsmottagare' }).check();
    await dialog.getByLabel('Lösenord').fill('kort');
    await dialog.getByRole('button', { name: 'Spara' }).click();
    await dialog.getByText('Lösenordet måste vara minst 10 tecken.').waitFor();
    await dialog.getByLabel('Lösenord').fill('ett-bra-losenord');
    await assertAccessible(page);
    await screenshot(page, 'anvandare-ny', false);
    await dialog.getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Användaren Lisa Ek har skapats.').waitFor();
    const row = page.getByRole('row', { name: /lisa\.ek/ });
    await row.getByText('Beställare').waitFor();
    await row.getByText('Godsmottagare').waitFor();
    await row.getByText('2026-03-15').waitFor();

    await page.getByRole('searchbox', { name: 'Sök användare' }).fill('lisa');
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await page.waitForFunction('document.querySelectorAll("tbody tr").length === 1');

    await page.getByRole('button', { name: 'Redigera Lisa Ek' }).click();
    const edit = page.getByRole('dialog', { name: 'Redigera Lisa Ek' });
    await edit.getByRole('checkbox', { name: 'Inköpssamordnare' }).check();
    await edit.getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Användaren Lisa Ek har sparats.').waitFor();
    await page.getByRole('row', { name: /lisa\.ek/ }).getByText('Inköpssamordnare').waitFor();
    await page.getByRole('searchbox', { name: 'Sök användare' }).fill('');
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await page.getByRole('cell', { name: /^Maria Lindqvist/ }).first().waitFor();
    await screenshot(page, 'anvandare');
  });

  test('an attest right can be added; an overlapping one is refused', async () => {
    await nav().getByRole('link', { name: 'Attesträtter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Attesträtter' }).waitFor();
    const rights = page.getByRole('region', { name: 'Attesträtter' });
    await rights.getByText('200 000,00 kr').first().waitFor();
    await assertAccessible(page);

    await page.getByRole('button', { name: 'Ny attesträtt' }).click();
    let dialog = page.getByRole('dialog', { name: 'Ny attesträtt' });
    await dialog.getByLabel('Användare').selectOption({ label: 'Lisa Ek (lisa.ek)' });
    await dialog.getByLabel('Ansvar').selectOption({ label: '4450 IT' });
    await dialog.getByLabel('Högsta belopp').fill('25 000,50');
    await dialog.getByLabel('Giltig från').fill('2026-01-01');
    await dialog.getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Attesträtten har lagts till.').waitFor();
    await page.getByRole('row', { name: /Lisa Ek/ }).getByText('25 000,50 kr').waitFor();

    await page.getByRole('button', { name: 'Ny attesträtt' }).click();
    dialog = page.getByRole('dialog', { name: 'Ny attesträtt' });
    await dialog.getByLabel('Användare').selectOption({ label: 'Lisa Ek (lisa.ek)' });
    await dialog.getByLabel('Ansvar').selectOption({ label: '4450 IT' });
    await dialog.getByLabel('Högsta belopp').fill('10000');
    await dialog.getByLabel('Giltig från').fill('2026-06-01');
    await dialog.getByRole('button', { name: 'Spara' }).click();
    const alert = dialog.getByRole('alert');
    await alert.waitFor();
    const message = await alert.innerText();
    assert.ok(message.trim().length > 0);
    assert.doesNotMatch(message, /HTTP|conflict/);
    await assertAccessible(page);
    await screenshot(page, 'attestratter-overlapp', false);
    await dialog.getByRole('button', { name: 'Avbryt' }).click();

    // an inverted period is caught before it is sent
    await page.getByRole('button', { name: 'Ny attesträtt' }).click();
    dialog = page.getByRole('dialog', { name: 'Ny attesträtt' });
    await dialog.getByLabel('Användare').selectOption({ label: 'Lisa Ek (lisa.ek)' });
    await dialog.getByLabel('Ansvar').selectOption({ label: '4411 Ekonomienheten' });
    await dialog.getByLabel('Högsta belopp').fill('1000');
    await dialog.getByLabel('Giltig från').fill('2026-06-01');
    await dialog.getByLabel(/Giltig till/).fill('2026-05-01');
    await dialog.getByRole('button', { name: 'Spara' }).click();
    await dialog.getByText('”Giltig till” får inte vara före ”Giltig från”.').waitFor();
    await dialog.getByRole('button', { name: 'Avbryt' }).click();

    // change the amount
    await page.getByRole('button', { name: /Redigera attesträtt för Lisa Ek, ansvar 4450/ }).click();
    dialog = page.getByRole('dialog', { name: /Ändra attesträtt för Lisa Ek/ });
    await dialog.getByLabel('Högsta belopp').fill('30000');
    await dialog.getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Attesträtten har sparats.').waitFor();
    await page.getByRole('row', { name: /Lisa Ek/ }).getByText('30 000,00 kr').waitFor();
  });

  test('a substitute can be added and removed', async () => {
    const subs = page.getByRole('region', { name: 'Ersättare' });
    await subs.getByText('Karin Holm').first().waitFor();
    await page.getByRole('button', { name: 'Ny ersättare' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ny ersättare' });
    await dialog.getByLabel('Frånvarande').selectOption({ label: 'Lisa Ek (lisa.ek)' });
    await dialog.getByLabel('Ersättare').selectOption({ label: 'Karin Holm (attestant)' });
    await dialog.getByLabel('Giltig från').fill('2026-07-01');
    await dialog.getByLabel('Giltig till').fill('2026-07-31');
    await dialog.getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Ersättaren har lagts till.').waitFor();
    const row = subs.getByRole('row', { name: /Lisa Ek/ });
    await row.getByText('2026-07-01 – 2026-07-31').waitFor();
    await assertAccessible(page);
    await screenshot(page, 'attestratter');
    await page.getByRole('button', { name: 'Ta bort ersättare Karin Holm för Lisa Ek' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Ta bort' }).click();
    await page.getByText('Ersättaren har tagits bort.').waitFor();
    assert.equal(await subs.getByRole('row', { name: /Lisa Ek/ }).count(), 0);
  });

  test('the audit trail shows the changes made, with a readable diff', async () => {
    await nav().getByRole('link', { name: 'Granskningslogg' }).click();
    await page.getByRole('heading', { level: 1, name: 'Granskningslogg' }).waitFor();
    await page.getByRole('combobox', { name: 'Objekttyp' }).selectOption({ label: 'Användare' });
    await page.getByRole('combobox', { name: 'Händelse' }).selectOption({ label: 'Användare ändrad' });
    await page.getByRole('button', { name: 'Filtrera', exact: true }).click();
    await page.getByRole('cell', { name: 'Användare ändrad user.update', exact: true }).first().waitFor();
    await page.getByText(/Visa ändringar/).first().click();
    const diff = page.locator('.diff-changed').filter({ hasText: 'roles' });
    await diff.waitFor();
    assert.match(await diff.innerText(), /inkopssamordnare/);
    await assertAccessible(page);
    await page.getByRole('button', { name: 'Verifiera kedjan' }).click();
    await page.getByText(/Kedjan är obruten/).waitFor();
  });
});
