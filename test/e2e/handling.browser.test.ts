// Invoice handling in the browser, on the demo data: accounts payable assigns the collective invoice
// from the workbench, the receiver codes it in the grid (bulk edit, a refused save that does not add
// up) and reviews it from Mina uppgifter, and the attestants approve it on a phone-sized screen.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { axeViolations, formatViolations, openBrowser, screenshot, signIn, startTestServer, type TestBrowser, type TestServer } from '../support/browser.ts';

type Detail = { id: string; status: string; version: number; invoiceNumber: string; coding: { konto: string; ansvar: string; amount: string }[] };

async function assertAccessible(page: Page): Promise<void> {
  const violations = (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(violations, [], formatViolations(violations));
}

async function detail(page: Page, url: string, id: string): Promise<Detail> {
  const res = await page.request.get(`${url}/api/invoices/${id}`);
  assert.equal(res.status(), 200, `GET invoice as the signed-in user: ${await res.text()}`);
  return (await res.json()) as Detail;
}

async function noHorizontalOverflow(page: Page): Promise<void> {
  const { scroll, width } = await page.evaluate('({ scroll: document.documentElement.scrollWidth, width: window.innerWidth })') as { scroll: number; width: number };
  assert.ok(scroll <= width, `the page scrolls sideways: ${scroll} px content in a ${width} px viewport`);
}

describe('invoice handling: workbench, tasks, coding grid and attest', () => {
  let server: TestServer;
  let desktop: TestBrowser;
  let phone: TestBrowser;
  let page: Page;
  let invoiceId = '';
  let invoiceNumber = '';

  before(async () => {
    server = await startTestServer();
    desktop = await openBrowser();
    phone = await openBrowser({ width: 390, height: 844 });
    page = await desktop.newPage();
  });

  after(async () => {
    const errors = [...(desktop?.pageErrors ?? []), ...(phone?.pageErrors ?? [])];
    await desktop?.close();
    await phone?.close();
    await server?.close();
    assert.deepEqual(errors, [], 'no uncaught errors in the pages');
  });

  test('the fakturahanterare assigns the collective invoice to KS4411 from Arbetsbänk', async () => {
    await signIn(page, server.url, 'fakturahanterare');
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Arbetsbänk' }).click();
    await page.getByRole('heading', { level: 1, name: 'Arbetsbänk' }).waitFor();
    const risk = page.getByRole('region', { name: 'I riskzonen' });
    await risk.getByText('Förfallna', { exact: true }).waitFor();
    await risk.getByText(/450 kr per faktura/).waitFor();
    const queues = page.getByRole('navigation', { name: 'Köer' });
    for (const q of ['Att identifiera', 'Att kontera', 'Att granska', 'Att attestera', 'Bestridda', 'Avvisade', 'Misstänkta dubbletter']) {
      await queues.getByRole('link', { name: new RegExp(`^${q} \\d+$`) }).waitFor();
    }
    await queues.getByRole('link', { name: /^Att identifiera/ }).click();
    const row = page.locator('tbody tr', { hasText: 'Samlingsfaktura' }).filter({ hasText: 'SAML-' });
    await row.waitFor();
    invoiceNumber = (await row.getByRole('link', { name: /^SAML-/ }).innerText()).trim();
    invoiceId = decodeURIComponent((await row.getByRole('link', { name: /^SAML-/ }).getAttribute('href'))!.split('/').pop()!);
    assert.ok((await page.locator('tbody tr.row-overdue').count()) > 0, 'overdue invoices stand out');
    await assertAccessible(page);
    await screenshot(page, 'arbetsbank', false);

    await row.getByRole('button', { name: `Koppla faktura ${invoiceNumber}` }).click();
    const dialog = page.getByRole('dialog', { name: `Koppla faktura ${invoiceNumber}` });
    await dialog.getByRole('button', { name: 'Koppla', exact: true }).click();
    await dialog.getByText('Välj en referenskod eller skriv ett användarnamn.').waitFor();
    await dialog.getByLabel('Referenskod').selectOption({ label: 'KS4411 – Anna Berg (ansvar 4411)' });
    await dialog.getByLabel('Skapa leverantörsregel för nästa gång').waitFor();
    await dialog.getByLabel(/^Kommentar/).fill('Samlingsfaktura för kontoret');
    await assertAccessible(page);
    await dialog.getByRole('button', { name: 'Koppla', exact: true }).click();
    await page.getByRole('status').getByText(`Faktura ${invoiceNumber} är kopplad till Anna Berg (KS4411).`).waitFor();
    await page.waitForFunction(`![...document.querySelectorAll('tbody tr')].some((r) => r.textContent.includes(${JSON.stringify(invoiceNumber)}))`);
    const d = await detail(page, server.url, invoiceId);
    assert.equal(d.coding.length, 120, 'the collective invoice is coded per line');
  });

  test('the beställare codes it in the grid from Mina uppgifter and reviews it', async () => {
    await page.context().clearCookies();
    await signIn(page, server.url, 'bestallare');
    // beställare start on their tasks
    await page.getByRole('heading', { level: 1, name: 'Mina uppgifter' }).waitFor();
    await page.getByRole('region', { name: 'Påminnelser' }).getByText(new RegExp(`Faktura ${invoiceNumber} .* har kopplats till dig`)).waitFor();
    await assertAccessible(page);
    await page.getByRole('region', { name: /^Att granska/ }).getByRole('link', { name: new RegExp(invoiceNumber) }).click();
    await page.getByRole('heading', { level: 1, name: `Faktura ${invoiceNumber}` }).waitFor();
    await page.getByText('Kopplad för hand').first().waitFor();
    await page.getByText(/Betalas fakturan för sent kostar det dröjsmålsränta [\d,]+ % per år \+ 450,00\skr i förseningsersättning/).waitFor();

    const grid = page.getByRole('table', { name: 'Kontering, 120 rader' });
    await grid.waitFor();
    assert.equal(await grid.locator('tbody tr').count(), 120);
    const sum = page.getByTestId('coding-sum');
    await sum.getByText('Stämmer', { exact: true }).waitFor();
    const before = await detail(page, server.url, invoiceId);

    // rows that do not add up: the server refuses, with its Swedish message, and nothing changes
    const amount1 = grid.getByLabel('Belopp exkl. moms, rad 1', { exact: true });
    await amount1.fill('1,00');
    await sum.getByText('Stämmer inte').waitFor();
    assert.match(await sum.getAttribute('class') ?? '', /coding-sum-bad/);
    await page.getByRole('button', { name: 'Spara kontering' }).click();
    await page.getByRole('alert').getByText(/^Konteringen kan inte sparas: Raderna summerar till .* men fakturans belopp exklusive moms är/).waitFor();
    const unchanged = await detail(page, server.url, invoiceId);
    assert.equal(unchanged.version, before.version);
    assert.deepEqual(unchanged.coding, before.coding);
    await page.reload();
    await grid.waitFor();

    // bulk edit: konto 6420 on the first five rows
    for (let n = 1; n <= 5; n++) await grid.getByLabel(`Markera rad ${n}`, { exact: true }).check();
    await page.getByRole('group', { name: /5 markerade/ }).waitFor();
    await page.getByLabel('Nytt konto').fill('6420');
    await page.getByRole('button', { name: 'Ändra markerade' }).click();
    for (let n = 1; n <= 5; n++) assert.equal(await grid.getByLabel(`Konto, rad ${n}`, { exact: true }).inputValue(), '6420');
    await sum.getByText('Stämmer', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Spara kontering' }).click();
    await page.getByRole('status').getByText('Konteringen är sparad.').waitFor();
    const saved = await detail(page, server.url, invoiceId);
    assert.deepEqual(saved.coding.slice(0, 5).map((r) => r.konto), ['6420', '6420', '6420', '6420', '6420']);
    assert.equal(saved.coding.length, 120);
    assert.equal(saved.status, 'to_review');
    await page.getByText(/^Verifikation \(\d+ rader\)$/).waitFor();
    await assertAccessible(page);

    await page.getByRole('button', { name: 'Granska', exact: true }).click();
    await page.getByText('Fakturan är granskad och går vidare till beslutsattest.').waitFor();
    assert.equal((await detail(page, server.url, invoiceId)).status, 'to_approve');
  });

  test('the attestants approve it on a phone until it is Attesterad', async () => {
    const p = await phone.newPage();
    let approvals = 0;
    for (const who of ['attestant', 'attestant2']) {
      await p.context().clearCookies();
      await signIn(p, server.url, who);
      await p.getByRole('heading', { level: 1, name: 'Mina uppgifter' }).waitFor();
      const link = p.getByRole('region', { name: /^Att attestera/ }).getByRole('link', { name: new RegExp(invoiceNumber) });
      if (!(await link.count())) continue;
      await link.click();
      await p.getByRole('heading', { level: 1, name: `Faktura ${invoiceNumber}` }).waitFor();
      const attest = p.getByRole('region', { name: 'Hantering och attest' });
      await attest.getByText('Beslutsattest per ansvar').waitFor();
      await noHorizontalOverflow(p);
      const button = attest.getByRole('button', { name: 'Attestera', exact: true });
      const box = await button.boundingBox();
      assert.ok(box && box.height >= 44 && box.width >= 300, `a large button on the phone: ${JSON.stringify(box)}`);
      await assertAccessible(p);
      await screenshot(p, `attest-mobil-${who}`, false);
      await button.click();
      await attest.getByText('Din beslutsattest är registrerad.').waitFor();
      approvals++;
      await noHorizontalOverflow(p);
    }
    assert.ok(approvals >= 1);
    const final = await detail(p, server.url, invoiceId);
    assert.equal(final.status, 'approved');
    await p.reload();
    await p.getByRole('region', { name: 'Hantering och attest' }).getByText('Attesterad', { exact: true }).waitFor();
  });
});
