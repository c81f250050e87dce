// The supplier register: search, the supplier page, a payment account that the person who added it
// may not verify (four eyes), verification by someone else, block with a reason, onboarding tasks
// and the import dry run.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { luhnCheckDigit } from '../../src/formats/identifiers/index.ts';
import { axeViolations, formatViolations, openBrowser, screenshot, signIn, startTestServer, type TestBrowser, type TestServer } from '../support/browser.ts';

async function assertAccessible(page: Page): Promise<void> {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], formatViolations(violations));
}

type DemoSupplier = { id: string; name: string; orgNumber: string | null; blocked: boolean; endpoints: unknown[] };

describe('suppliers as fakturahanterare', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let page: Page;
  let supplier: DemoSupplier;
  const base = '7774321';
  const bankgiro = `${base}${luhnCheckDigit(base)}`;

  before(async () => {
    server = await startTestServer();
    browser = await openBrowser();
    page = await browser.newPage();
    await signIn(page, server.url, 'fakturahanterare');
    const res = await page.request.get(`${server.url}/api/suppliers?limit=100&blocked=false`);
    const body = (await res.json()) as { suppliers: DemoSupplier[] };
    const found = body.suppliers.find((s) => s.orgNumber && s.endpoints.length > 0 && /^[\p{L} ]+AB$/u.test(s.name));
    assert.ok(found);
    supplier = found;
  });

  after(async () => {
    const errors = browser?.pageErrors ?? [];
    await browser?.close();
    await server?.close();
    assert.deepEqual(errors, [], 'no uncaught errors in the pages');
  });

  const nav = () => page.getByRole('navigation', { name: 'Huvudmeny' });

  test('the register can be searched and a supplier opened', async () => {
    await nav().getByRole('link', { name: 'Leverantörer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Leverantörer' }).waitFor();
    const table = page.getByRole('table', { name: /^Leverantörer \(\d+\)$/ });
    await table.waitFor();
    assert.ok((await table.locator('tbody tr').count()) >= 20);
    await assertAccessible(page);
    await screenshot(page, 'leverantorer', false);

    await page.getByRole('searchbox', { name: 'Sök leverantör' }).fill(supplier.orgNumber!);
    await page.waitForFunction('document.querySelectorAll("tbody tr").length === 1');
    await table.getByRole('link', { name: supplier.name }).click();
    await page.getByRole('heading', { level: 1, name: supplier.name }).waitFor();
    await page.getByText(supplier.orgNumber!, { exact: true }).first().waitFor();
    await page.getByRole('heading', { name: 'Betalkonton' }).waitFor();
    await page.getByRole('heading', { name: 'Fakturor från leverantören' }).waitFor();
    await assertAccessible(page);
  });

  test('a payment account added by the clerk cannot be verified by the same clerk', async () => {
    await page.getByRole('button', { name: 'Lägg till betalkonto' }).click();
    const dialog = page.getByRole('dialog', { name: `Nytt betalkonto för ${supplier.name}` });
    await dialog.getByLabel('Typ').selectOption('bankgiro');
    await dialog.getByLabel('Kontonummer').fill(bankgiro);
    await assertAccessible(page);
    await dialog.getByRole('button', { name: 'Lägg till' }).click();
    await page.getByText('Betalkontot har lagts till och väntar på verifiering.').waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Overifierat' }).filter({ hasText: 'fakturahanterare' }).first();
    await row.waitFor();

    await row.getByRole('button', { name: /^Verifiera betalkonto/ }).click();
    const alert = page.getByRole('alert');
    await alert.getByText('Betalkontot kunde inte verifieras.').waitFor();
    const text = await alert.innerText();
    assert.ok(text.split('\n').filter((l) => l.trim()).length >= 2, 'the server explains why');
    assert.doesNotMatch(text, /HTTP|forbidden|conflict/);
    await row.getByText('Overifierat').waitFor();
    await assertAccessible(page);
  });

  test('the supplier can be edited and blocked with a required reason', async () => {
    await page.getByRole('button', { name: 'Redigera' }).click();
    const edit = page.getByRole('dialog', { name: `Redigera ${supplier.name}` });
    await edit.getByLabel('Telefon').first().fill('010-123 45 67');
    await edit.getByLabel('F-skatt kontrollerad').fill('2026-11-01');
    await assertAccessible(page);
    await edit.getByRole('button', { name: 'Spara' }).click();
    await page.getByRole('status').getByText(`${supplier.name} har sparats.`).waitFor();
    await page.getByText('010-123 45 67').waitFor();
    await page.getByText('Kontrollerad 2026-11-01').waitFor();

    await page.getByRole('button', { name: 'Spärra' }).click();
    const dialog = page.getByRole('dialog', { name: `Spärra ${supplier.name}` });
    await dialog.getByRole('button', { name: 'Spärra' }).click();
    await dialog.getByText('Ange en orsak.').waitFor();
    await dialog.getByLabel('Orsak').fill('Misstänkt bedrägeriförsök: ändrat bankgiro via e-post');
    await dialog.getByRole('button', { name: 'Spärra' }).click();
    await page.getByText(`${supplier.name} är spärrad.`).waitFor();
    await page.getByText('Leverantören är spärrad', { exact: true }).waitFor();
    await page.getByText(/Orsak: Misstänkt bedrägeriförsök/).waitFor();
    await page.getByRole('button', { name: 'Häv spärr' }).waitFor();
    await assertAccessible(page);
    await screenshot(page, 'leverantor');
  });

  test('new suppliers from invoices are listed as tasks; the import dry run reports row errors', async () => {
    await nav().getByRole('link', { name: 'Leverantörer' }).click();
    await page.getByRole('navigation', { name: 'Leverantörsregistret' }).getByRole('link', { name: /^Nya leverantörer att lägga upp/ }).click();
    await page.getByRole('heading', { name: 'Nya leverantörer att lägga upp' }).waitFor();
    await page.locator('.task').first().waitFor();
    await page.getByRole('button', { name: 'Koppla till befintlig' }).first().waitFor();
    await assertAccessible(page);

    await page.getByRole('navigation', { name: 'Leverantörsregistret' }).getByRole('link', { name: 'Importera' }).click();
    await page.getByRole('heading', { name: 'Importera leverantörer' }).waitFor();
    const csv = 'namn;organisationsnummer;bankgiro\nNy Leverantör AB;556036-0793;\n;5560360793;\nTredje AB;123;\n';
    await page.getByLabel('Fil med leverantörer').setInputFiles({ name: 'leverantorer.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByRole('button', { name: 'Kontrollera (provkörning)' }).click();
    const report = page.getByRole('table', { name: 'Fel per rad' });
    await report.waitFor();
    await page.getByText(/Filen innehåller \d+ fel\. Ingenting har importerats\./).waitFor();
    assert.ok(await page.getByRole('button', { name: 'Importera', exact: true }).isDisabled());
    await assertAccessible(page);
  });

  test('another person (ekonom) verifies the account', async () => {
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.waitForURL(/logga-in/);
    await signIn(page, server.url, 'ekonom');
    await page.goto(`${server.url}/leverantorer/${supplier.id}`);
    await page.getByRole('heading', { level: 1, name: supplier.name }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Spärra' }).count(), 0, 'the ekonom reads but does not edit the register');
    const row = page.getByRole('row').filter({ hasText: 'Overifierat' }).filter({ hasText: 'fakturahanterare' }).first();
    await row.getByRole('button', { name: /^Verifiera betalkonto/ }).click();
    await page.getByText(/^Betalkontot .* är verifierat\.$/).waitFor();
    await page.getByRole('row').filter({ hasText: 'ekonom' }).getByText('Verifierat').waitFor();
  });
});
