// The invoice clerk's screens: receive an e-invoice (XML) and a PDF invoice, open them and read the
// lines, VAT and validation findings; a rejected invoice shows its findings and the explanation.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { tinyPdf } from '../../src/demo/demo-invoices.ts';
import { invoiceXml, sellerParty } from '../support/invoices.ts';
import { axeViolations, formatViolations, openBrowser, screenshot, signIn, startTestServer, type TestBrowser, type TestServer } from '../support/browser.ts';

async function assertAccessible(page: Page): Promise<void> {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], formatViolations(violations));
}

type DemoSupplier = { id: string; name: string; orgNumber: string | null; blocked: boolean; accounts: { type: string; number: string; display: string; endedAt: string | null }[] };

describe('invoices as fakturahanterare', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let page: Page;
  let supplier: DemoSupplier;

  before(async () => {
    server = await startTestServer();
    browser = await openBrowser();
    page = await browser.newPage();
    await signIn(page, server.url, 'fakturahanterare');
    const res = await page.request.get(`${server.url}/api/suppliers?limit=100&blocked=false`);
    const body = (await res.json()) as { suppliers: DemoSupplier[] };
    const found = body.suppliers.find((s) => s.orgNumber && s.accounts.some((a) => a.type === 'bankgiro' && !a.endedAt));
    assert.ok(found, 'a demo supplier with org number and bankgiro');
    supplier = found;
  });

  after(async () => {
    const errors = browser?.pageErrors ?? [];
    await browser?.close();
    await server?.close();
    assert.deepEqual(errors, [], 'no uncaught errors in the pages');
  });

  const nav = () => page.getByRole('navigation', { name: 'Huvudmeny' });

  test('the overview shows what needs doing: rejected invoices and suspected duplicates', async () => {
    const todo = page.getByRole('region', { name: 'Att göra' });
    await todo.getByRole('link', { name: /avvisade fakturor/ }).waitFor();
    await todo.getByRole('link', { name: /misstänkta dubbletter/ }).waitFor();
    await page.waitForFunction('[...document.querySelectorAll(".todo-count")].every((e) => /\\d/.test(e.textContent))');
    await assertAccessible(page);
    await todo.getByRole('link', { name: /avvisade fakturor/ }).click();
    await page.getByRole('heading', { name: 'Avvisade fakturor' }).waitFor();
  });

  test('the invoice list shows due dates, formats and statuses, and filters rejected invoices', async () => {
    await nav().getByRole('link', { name: 'Fakturor' }).click();
    await page.getByRole('heading', { level: 1, name: 'Fakturor' }).waitFor();
    const table = page.getByRole('table', { name: /^Fakturor 1–25 av \d+/ });
    await table.waitFor();
    assert.equal(await table.locator('tbody tr').count(), 25);
    assert.ok((await table.getByText(/Förfallen sedan \d+ dag/).count()) > 0, 'overdue invoices say so in words');
    await table.getByText('E-faktura').first().waitFor();
    await assertAccessible(page);
    await screenshot(page, 'fakturor', false);

    await page.getByRole('navigation', { name: 'Snabbval' }).getByRole('link', { name: 'Avvisade' }).click();
    await page.getByRole('heading', { name: 'Avvisade fakturor' }).waitFor();
    await page.waitForFunction('[...document.querySelectorAll("tbody tr")].every((r) => r.textContent.includes("Avvisad"))');
    const first = page.locator('tbody tr').first();
    await first.getByText(/\d+ fel/).waitFor();
    await first.getByRole('link').first().click();
    await page.getByRole('alert').getByText('Fakturan har avvisats', { exact: true }).waitFor();
    await page.getByText(/Ett svar \(Invoice Response\) har skickats till leverantören/).waitFor();
    const findings = page.getByRole('table', { name: 'Valideringsresultat' });
    await findings.getByText('Fel', { exact: true }).first().waitFor();
    assert.match(await findings.innerText(), /[A-Z]+-[A-Z0-9-]+/, 'the rule id is shown');
    await assertAccessible(page);

    // amount and date filters
    await nav().getByRole('link', { name: 'Fakturor' }).click();
    await page.getByRole('navigation', { name: 'Snabbval' }).getByRole('link', { name: 'Alla fakturor' }).click();
    await page.getByText('Fler filter: datum och belopp').click();
    await page.getByLabel('Belopp från').fill('abc');
    await page.getByRole('button', { name: 'Filtrera', exact: true }).click();
    await page.getByText('Ange ett belopp, till exempel 50000 eller 12 500,50.').waitFor();
    await page.getByLabel('Belopp från').fill('50 000');
    await page.getByRole('button', { name: 'Filtrera', exact: true }).click();
    await page.waitForURL(/minAmount=50000\.00/);
    await page.getByRole('combobox', { name: 'Sortera på' }).selectOption('amount');
    await page.waitForURL(/sort=amount/);
  });

  test('an uploaded e-invoice is registered and shows lines, VAT and findings', async () => {
    await nav().getByRole('link', { name: 'Ta emot faktura' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ta emot faktura' }).waitFor();
    const xml = invoiceXml({ number: 'E2E-1001', seller: sellerParty(supplier) });
    await page.getByLabel('E-fakturafil').setInputFiles({ name: 'E2E-1001.xml', mimeType: 'application/xml', buffer: Buffer.from(xml, 'utf8') });
    await page.getByRole('button', { name: 'Ta emot', exact: true }).click();
    await page.getByRole('heading', { name: 'Resultat' }).waitFor();
    const outcome = await page.locator('.alert').first().innerText();
    assert.match(outcome, /Fakturan är registrerad/);
    await assertAccessible(page);
    await screenshot(page, 'ta-emot-faktura', false);

    await page.getByRole('link', { name: 'Öppna fakturan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Faktura E2E-1001' }).waitFor();
    await page.getByRole('link', { name: supplier.name }).first().waitFor();
    const lines = page.getByRole('table', { name: 'Fakturarader' });
    await lines.getByText('Kopieringspapper A4').waitFor();
    await lines.getByText('Läromedel').waitFor();
    await lines.getByText('10 förp').waitFor();
    const vat = page.getByRole('table', { name: 'Momsspecifikation' });
    await vat.getByText('25 %').waitFor();
    await vat.getByText('6 %').waitFor();
    await vat.getByText('495,00 kr').waitFor();
    await page.getByText('KS4411').first().waitFor();
    await page.getByRole('heading', { name: 'Valideringsresultat' }).waitFor();
    const frame = page.locator('iframe[sandbox=""]');
    assert.equal(await frame.getAttribute('title'), 'Fakturabild för faktura E2E-1001');
    await page.frameLocator('iframe[sandbox=""]').getByText('Kopieringspapper A4').first().waitFor();
    assert.ok((await page.getByRole('link', { name: 'Visa original (XML)' }).getAttribute('href'))?.endsWith('/original'));
    // the history (audit trail) is for the revisor and systemförvaltare only
    assert.equal(await page.getByRole('heading', { name: 'Historik' }).count(), 0);
    await assertAccessible(page);
    // the sandboxed frame is painted once it has been in view
    await frame.scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await screenshot(page, 'faktura');

    // the same document again is recognised
    await nav().getByRole('link', { name: 'Ta emot faktura' }).click();
    await page.getByLabel('E-fakturafil').setInputFiles({ name: 'E2E-1001.xml', mimeType: 'application/xml', buffer: Buffer.from(xml, 'utf8') });
    await page.getByRole('button', { name: 'Ta emot', exact: true }).click();
    await page.getByText('Fakturan finns redan.').waitFor();
  });

  test('an e-invoice without references is rejected and its findings are shown', async () => {
    await page.getByRole('link', { name: 'E-faktura (XML)' }).click();
    const xml = invoiceXml({ number: 'E2E-1002', seller: sellerParty(supplier), buyerReference: '' });
    await page.getByLabel('E-fakturafil').setInputFiles({ name: 'E2E-1002.xml', mimeType: 'application/xml', buffer: Buffer.from(xml, 'utf8') });
    await page.getByRole('button', { name: 'Ta emot', exact: true }).click();
    await page.getByText('Fakturan har avvisats.').waitFor();
    await page.getByRole('table', { name: 'Valideringsresultat' }).getByText('Fel', { exact: true }).first().waitFor();
    await assertAccessible(page);
  });

  test('a PDF invoice is read, completed by the clerk and registered as PDF', async () => {
    await page.getByRole('link', { name: 'PDF-faktura' }).click();
    await page.getByRole('heading', { name: 'Ladda upp PDF-faktura' }).waitFor();
    await page.getByRole('button', { name: 'Läs in' }).click();
    await page.getByText('Välj en fil först.').waitFor();
    await page.getByLabel('PDF-fil').setInputFiles({ name: 'trasig.pdf', mimeType: 'application/pdf', buffer: Buffer.from('ingen pdf', 'utf8') });
    await page.getByRole('button', { name: 'Läs in' }).click();
    await page.getByRole('alert').waitFor();

    const bankgiro = supplier.accounts.find((a) => a.type === 'bankgiro' && !a.endedAt)!.display;
    const pdf = tinyPdf(`Faktura 12345 Org.nr ${supplier.orgNumber} Bankgiro ${bankgiro} Att betala 1 250,00 kr`);
    await page.getByLabel('PDF-fil').setInputFiles({ name: 'faktura-12345.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf) });
    await page.getByRole('button', { name: 'Läs in' }).click();
    await page.getByRole('heading', { name: 'Kontrollera och komplettera' }).waitFor();
    assert.equal(await page.getByLabel('Fakturanummer').inputValue(), '12345');
    assert.equal(await page.getByLabel('Brutto (inkl. moms)').inputValue(), '1 250,00');
    await page.getByLabel('Vald leverantör').locator('option:checked').filter({ hasText: supplier.name }).waitFor({ state: 'attached' });
    await page.getByRole('region', { name: 'Text ur PDF-filen' }).getByText(/Att betala 1 250,00 kr/).waitFor();
    await page.locator('iframe[title="Den uppladdade PDF-fakturan"]').waitFor();

    await page.getByRole('button', { name: 'Registrera fakturan' }).click();
    await page.getByText('Ange ett datum som ÅÅÅÅ-MM-DD.').first().waitFor();
    await page.getByLabel('Fakturadatum').fill('2026-11-20');
    await page.getByLabel('Förfallodag').fill('2026-12-20');
    await page.getByLabel('Netto (exkl. moms)').fill('1000');
    await page.getByLabel('Moms', { exact: true }).fill('200');
    await page.getByRole('button', { name: 'Registrera fakturan' }).click();
    await page.getByText('Netto plus moms ska bli bruttobeloppet.').waitFor();
    await page.getByLabel('Moms', { exact: true }).fill('250,00');
    await assertAccessible(page);
    await screenshot(page, 'pdf-faktura');

    await page.getByRole('button', { name: 'Registrera fakturan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Faktura 12345' }).waitFor();
    await page.locator('.intro-badges').getByText('PDF', { exact: true }).waitFor();
    const totals = page.getByRole('region', { name: 'Belopp' });
    await totals.getByText('1 000,00 kr', { exact: true }).waitFor();
    await totals.getByText('250,00 kr', { exact: true }).waitFor();
    await totals.getByText('1 250,00 kr').first().waitFor();
    await page.getByRole('heading', { name: 'Valideringsresultat' }).waitFor();
    await assertAccessible(page);

    // marked as PDF in the list
    await nav().getByRole('link', { name: 'Fakturor' }).click();
    await page.getByRole('searchbox', { name: 'Sök' }).fill('12345');
    await page.getByRole('button', { name: 'Filtrera', exact: true }).click();
    const row = page.getByRole('row', { name: /12345/ }).first();
    await row.getByText('PDF', { exact: true }).waitFor();
  });

  test('the revisor reads the invoice with its history but cannot receive invoices', async () => {
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.waitForURL(/logga-in/);
    await signIn(page, server.url, 'revisor');
    assert.equal(await nav().getByRole('link', { name: 'Ta emot faktura' }).count(), 0);
    await nav().getByRole('link', { name: 'Fakturor' }).click();
    await page.getByRole('searchbox', { name: 'Sök' }).fill('E2E-1001');
    await page.getByRole('button', { name: 'Filtrera', exact: true }).click();
    await page.getByRole('link', { name: 'E2E-1001', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Faktura E2E-1001' }).waitFor();
    const history = page.getByRole('region', { name: 'Historik' });
    await history.getByText('Faktura mottagen').waitFor();
    await assertAccessible(page);
  });

  test('the list works at 390 px width', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await nav().getByRole('link', { name: 'Fakturor' }).click();
    await page.getByRole('heading', { level: 1, name: 'Fakturor' }).waitFor();
    const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    assert.ok(Number(overflow) <= 0, `no horizontal page scroll (overflow ${String(overflow)} px)`);
    await assertAccessible(page);
    await page.setViewportSize({ width: 1280, height: 860 });
  });
});
