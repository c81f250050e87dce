// Payments and the ledger in the browser, on the demo data: the ekonom makes a payment proposal, may
// not approve it herself (four eyes), the ekonomichef approves it, the ekonom creates the pain.001
// payment file, the bank's camt.054 is read in on Avstämning, the invoices leave the reskontra, and
// the late-payment report shows the share paid on time. Also the export batches and the holds.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { camt054 } from '../../src/demo/demo-bank.ts';
import { axeViolations, formatViolations, openBrowser, screenshot, signIn, startTestServer, type TestBrowser, type TestServer } from '../support/browser.ts';

type Item = { invoiceId: string; invoiceNumber: string | null; supplierName: string; amount: string; endToEndId: string; status: string };
type Proposal = { id: string; number: number; status: string; invoiceCount: number; total: string; items: Item[]; file: { filename: string; payments: number } | null };

async function assertAccessible(page: Page): Promise<void> {
  const violations = (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(violations, [], formatViolations(violations));
}

async function proposal(page: Page, url: string, id: string): Promise<Proposal> {
  const res = await page.request.get(`${url}/api/payments/proposals/${id}`);
  assert.equal(res.status(), 200, `GET proposal as the signed-in user: ${await res.text()}`);
  return (await res.json()) as Proposal;
}

function isoIn(days: number): string {
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const ore = (amount: string) => BigInt(amount.replace('.', ''));

describe('payments: proposal, four eyes, payment file, bank reconciliation and the ledger', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let chefBrowser: TestBrowser;
  let page: Page;
  let chef: Page;
  let releasedHolds = 0;
  let tmp = '';
  let proposalId = '';
  let proposalNumber = 0;
  let paidInvoiceIds: string[] = [];

  before(async () => {
    server = await startTestServer();
    browser = await openBrowser();
    page = await browser.newPage();
    chefBrowser = await openBrowser();
    chef = await chefBrowser.newPage();
    tmp = mkdtempSync(join(tmpdir(), 'avrop-payments-'));
  });

  after(async () => {
    const errors = [...(browser?.pageErrors ?? []), ...(chefBrowser?.pageErrors ?? [])];
    await browser?.close();
    await chefBrowser?.close();
    await server?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
    assert.deepEqual(errors, [], 'no uncaught errors in the pages');
  });

  /** As the ekonomichef: verify the held suppliers' accounts, then release every open hold on Spärrar with a reason. */
  async function releaseHolds(): Promise<void> {
    const csrf = ((await (await chef.request.get(`${server.url}/api/me`)).json()) as { csrfToken: string }).csrfToken;
    const holds = (await (await chef.request.get(`${server.url}/api/payments/holds?open=1`)).json()) as { invoiceId: string; reason: string }[];
    const items = (await (await chef.request.get(`${server.url}/api/ledger/open-items`)).json()) as { invoiceId: string; supplierId: string | null }[];
    const suppliers = new Set(holds.filter((h) => h.reason === 'unverified_account').map((h) => items.find((i) => i.invoiceId === h.invoiceId)?.supplierId).filter((x): x is string => !!x));
    for (const id of suppliers) {
      const sup = (await (await chef.request.get(`${server.url}/api/suppliers/${id}`)).json()) as { accounts: { id: string; status: string; endedAt?: string | null }[] };
      for (const a of sup.accounts.filter((x) => x.status !== 'verified' && !x.endedAt)) {
        const r = await chef.request.post(`${server.url}/api/suppliers/${id}/accounts/${a.id}/verify`, { headers: { 'x-csrf-token': csrf }, data: {} });
        assert.equal(r.status(), 200, `verify account: ${await r.text()}`);
      }
    }
    if (suppliers.size) {
      // A just-verified account is held again as "recently changed" (accountChangeDays). Those holds
      // cannot be released here: when every candidate is held, POST /api/payments/proposals answers
      // 409 and the holds it raised are rolled back with it (none are listed). Work around: no waiting period.
      const settings = (await (await chef.request.get(`${server.url}/api/payments/settings`)).json()) as { version: number };
      const r = await chef.request.patch(`${server.url}/api/payments/settings`, { headers: { 'x-csrf-token': csrf }, data: { accountChangeDays: 0, version: settings.version } });
      assert.equal(r.status(), 200, `payment settings: ${await r.text()}`);
    }

    // the ekonom who ran the proposal may not release its holds (four eyes)
    await page.getByRole('link', { name: /^Spärrar/ }).click();
    await page.getByRole('heading', { level: 2, name: 'Öppna spärrar' }).waitFor();
    const mine = page.getByRole('table', { name: /^Öppna spärrar/ });
    await mine.locator('tbody tr').first().waitFor();
    await mine.getByRole('button', { name: /^Släpp spärren för faktura / }).first().click();
    const own = page.getByRole('dialog');
    await own.getByLabel(/^Motivering/).fill('Kontrollerat');
    await own.getByRole('button', { name: 'Släpp', exact: true }).click();
    await own.getByRole('alert').getByText('En annan person än den som fick spärren ska släppa den (fyra ögon).').waitFor();
    await own.getByRole('button', { name: 'Avbryt' }).click();

    await chef.goto(`${server.url}/betalningar/sparrar`);
    const table = chef.getByRole('table', { name: /^Öppna spärrar/ });
    await table.locator('tbody tr').first().waitFor();
    if (!releasedHolds) {
      const reasons = ['Overifierat konto', 'Annat konto än registrerat', 'Nyligen ändrat konto', 'Bankgiro/plusgiro förväxlat', 'Ny leverantör, stort belopp', 'Möjlig dubblettbetalning', 'Saknar F-skatt', 'Över beloppsgräns', 'Spärrad leverantör'];
      const text = await table.innerText();
      assert.ok(reasons.some((r) => text.includes(r)), 'the reason is shown in Swedish words');
      await assertAccessible(chef);
      await screenshot(chef, 'betalningssparrar');
    }
    while (await table.locator('tbody tr').count()) {
      const row = table.locator('tbody tr').first();
      const number = (await row.getByRole('link').first().innerText()).trim();
      await row.getByRole('button', { name: `Släpp spärren för faktura ${number}` }).click();
      const dialog = chef.getByRole('dialog', { name: `Släpp spärren för faktura ${number}` });
      await dialog.getByRole('button', { name: 'Släpp', exact: true }).click();
      await dialog.getByText('Skriv en motivering.').waitFor();
      if (!releasedHolds) await assertAccessible(chef);
      await dialog.getByLabel(/^Motivering/).fill('Kontonumret bekräftat per telefon med leverantörens ekonomiavdelning.');
      await dialog.getByRole('button', { name: 'Släpp', exact: true }).click();
      await chef.getByRole('status').getByText(`Spärren för faktura ${number} är släppt.`).waitFor();
      releasedHolds++;
      await chef.waitForFunction(`![...document.querySelectorAll('tbody tr')].some((r) => r.textContent.includes(${JSON.stringify(number)}))`).catch(() => undefined);
      if ((await table.count()) === 0) break;
    }
    await page.getByRole('link', { name: 'Betalningsförslag', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Nytt betalningsförslag' }).waitFor();
    await page.getByLabel(/^Förfaller senast/).fill(isoIn(60));
  }

  test('the ekonom makes a payment proposal (a second person releases what the controls held), and may not approve it herself', async () => {
    await signIn(page, server.url, 'ekonom');
    await signIn(chef, server.url, 'ekonomichef');
    const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
    for (const name of ['Betalningar', 'Avstämning', 'Reskontra', 'Export', 'Sena betalningar']) await nav.getByRole('link', { name, exact: true }).waitFor();
    await nav.getByRole('link', { name: 'Betalningar', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Betalningar' }).waitFor();
    const until = page.getByLabel(/^Förfaller senast/);
    assert.equal(await until.inputValue(), isoIn(7), 'the date defaults to a week ahead');
    await assertAccessible(page);

    // The demo's open invoices may all be held by the payment controls (an unverified account, then a
    // recently verified one). The ekonomichef verifies the accounts and releases the holds with a reason.
    await until.fill(isoIn(60));
    for (let round = 0; ; round++) {
      await page.getByRole('button', { name: 'Nytt betalningsförslag' }).click();
      const outcome = await Promise.race([
        page.waitForURL(/\/betalningar\/pay_/).then(() => 'made' as const),
        page.getByRole('alert').getByText(/^Inga fakturor att föreslå till och med .* spärrade av betalningskontrollerna/).waitFor().then(() => 'held' as const),
      ]);
      if (outcome === 'made') break;
      assert.ok(round < 3, 'the proposal is still refused after the holds were released');
      await releaseHolds();
    }
    const heading = page.getByRole('heading', { level: 1, name: /^Betalningsförslag \d+$/ });
    await heading.waitFor();
    proposalNumber = Number((await heading.innerText()).replace(/\D/g, ''));
    proposalId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    await page.getByRole('status').getByText(new RegExp(`Betalningsförslag ${proposalNumber} är skapat med \\d+ fakturor`)).waitFor();
    const p = await proposal(page, server.url, proposalId);
    assert.equal(p.status, 'proposed');
    assert.ok(p.items.length > 0, 'the demo has approved, posted invoices to propose');
    const items = page.getByRole('table', { name: `Fakturor i förslaget, ${p.items.length} st` });
    await items.waitFor();
    assert.equal(await items.locator('tbody tr').count(), p.items.length);
    await items.getByText('Föreslagen').first().waitFor();

    // listed, with its invoices
    await page.getByRole('link', { name: '← Alla betalningsförslag' }).click();
    const row = page.locator('tbody tr', { has: page.getByRole('link', { name: `Betalningsförslag ${proposalNumber}`, exact: true }) });
    await row.getByText('Föreslaget', { exact: true }).waitFor();
    assert.equal((await row.locator('td').nth(3).innerText()).trim(), String(p.items.length));
    await screenshot(page, 'betalningar');
    await row.getByRole('link', { name: `Betalningsförslag ${proposalNumber}` }).click();
    await heading.waitFor();

    // four eyes: the maker cannot approve
    await page.getByRole('button', { name: 'Godkänn', exact: true }).click();
    await page.getByRole('alert').getByText('Du kan inte godkänna ditt eget betalningsförslag: en annan person ska godkänna (fyra ögon).').waitFor();
    assert.equal((await proposal(page, server.url, proposalId)).status, 'proposed', 'still not approved');
    await assertAccessible(page);
    await screenshot(page, 'betalningsforslag-fyra-ogon');

    // in the reskontra, the proposed invoices are marked as in payment
    await page.goto(`${server.url}/reskontra`);
    await page.getByRole('heading', { level: 1, name: 'Leverantörsreskontra' }).waitFor();
    const open = page.getByRole('table', { name: /^Öppna poster/ });
    const first = open.locator('tbody tr', { has: page.locator(`a[href="/fakturor/${encodeURIComponent(p.items[0]!.invoiceId)}"]`) });
    await first.getByText('I betalning').waitFor();
  });

  test('the ekonomichef approves it', async () => {
    await chef.goto(`${server.url}/betalningar/${encodeURIComponent(proposalId)}`);
    await chef.getByRole('heading', { level: 1, name: `Betalningsförslag ${proposalNumber}` }).waitFor();
    await chef.getByRole('button', { name: 'Godkänn', exact: true }).click();
    await chef.getByRole('status').getByText(`Betalningsförslag ${proposalNumber} är godkänt.`).waitFor();
    assert.equal((await proposal(chef, server.url, proposalId)).status, 'approved');
    await chef.getByText('Godkänt', { exact: true }).first().waitFor();
  });

  test('the ekonom creates the payment file and downloads the pain.001', async () => {
    await page.goto(`${server.url}/betalningar/${encodeURIComponent(proposalId)}`);
    await page.getByRole('heading', { level: 1, name: `Betalningsförslag ${proposalNumber}` }).waitFor();
    await page.getByRole('button', { name: 'Skapa betalfil' }).click();
    await page.getByRole('status').getByText(/^Betalfilen .+ är skapad med \d+ betalningar/).waitFor();
    const p = await proposal(page, server.url, proposalId);
    assert.equal(p.status, 'file_created');
    const payments = new Set(p.items.map((i) => i.endToEndId)).size;
    assert.equal(p.file?.payments, payments);

    const link = page.getByRole('link', { name: 'Hämta betalfil' });
    const href = await link.getAttribute('href');
    assert.ok(href, 'the download link has an address');
    // the link works from the page, with the session cookie
    const xml = await page.evaluate(`fetch(${JSON.stringify(href)}, { credentials: 'same-origin' }).then(async (r) => r.status + '\\n' + await r.text())`) as string;
    const [status, ...rest] = xml.split('\n');
    const body = rest.join('\n');
    assert.equal(status, '200');
    assert.match(body, /urn:iso:std:iso:20022:tech:xsd:pain\.001\.001\.03/);
    assert.equal(body.match(/<CdtTrfTxInf>/g)?.length, payments, 'one CdtTrfTxInf per payment');
    await assertAccessible(page);
    await screenshot(page, 'betalfil');
  });

  test('the bank\'s camt.054 is read in on Avstämning: the payments are paid and leave the reskontra', async () => {
    const p = await proposal(page, server.url, proposalId);
    const byE2e = new Map<string, { amountOre: bigint; name: string; invoices: string[] }>();
    for (const i of p.items) {
      const e = byE2e.get(i.endToEndId) ?? { amountOre: 0n, name: i.supplierName, invoices: [] };
      e.amountOre += ore(i.amount);
      e.invoices.push(i.invoiceId);
      byE2e.set(i.endToEndId, e);
    }
    paidInvoiceIds = p.items.map((i) => i.invoiceId);
    const xml = camt054([...byE2e].map(([endToEndId, e]) => ({ endToEndId, amountOre: e.amountOre, bookingDate: isoIn(0), creditorName: e.name })), {
      messageId: `TEST-CAMT-${proposalNumber}`, createdAt: `${isoIn(0)}T07:00:00`, debtorBankgiro: '50501055',
    });
    const file = join(tmp, 'camt054.xml');
    writeFileSync(file, xml);

    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Avstämning', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Avstämning' }).waitFor();
    await page.getByRole('button', { name: 'Läs in', exact: true }).click();
    await page.getByText('Välj en fil först.').waitFor();
    await page.getByRole('radio', { name: /camt\.054/ }).check();
    await page.getByLabel('Fil (XML)').setInputFiles(file);
    await assertAccessible(page);
    await page.getByRole('button', { name: 'Läs in', exact: true }).click();
    const result = page.getByRole('table', { name: `Transaktioner i filen, ${byE2e.size} st` });
    await result.waitFor();
    await page.getByText(`Betalda: ${byE2e.size}. Returnerade: 0. Avvisade: 0. Okända: 0.`).waitFor();
    for (const e2e of byE2e.keys()) {
      const row = result.locator('tbody tr', { hasText: e2e });
      assert.equal((await row.locator('td').nth(3).innerText()).trim(), 'betald', `payment ${e2e} is paid`);
    }
    await assertAccessible(page);
    await screenshot(page, 'avstamning');

    // reading the same file again is refused, with the server's message, and records nothing twice
    await page.getByRole('button', { name: 'Läs in', exact: true }).click();
    await page.getByRole('alert').getByText(/^Filen är redan inläst .*inget har ändrats\.$/).waitFor();

    const after = await proposal(page, server.url, proposalId);
    assert.ok(after.items.every((i) => i.status === 'paid'), 'every payment is paid');

    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Reskontra', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Leverantörsreskontra' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Öppna poster' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Åldersanalys per leverantör' }).waitFor();
    const vouchers = page.getByRole('table', { name: 'Senaste verifikationer' });
    await vouchers.locator('tbody tr').first().waitFor();
    await page.locator('.loading').first().waitFor({ state: 'detached' }).catch(() => undefined);
    const links = await page.locator('section[aria-labelledby="open-heading"] tbody a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    for (const id of paidInvoiceIds) assert.ok(!links.includes(`/fakturor/${encodeURIComponent(id)}`), `paid invoice ${id} is no longer an open item`);

    // expand the latest voucher (the payment): its rows show
    const toggle = vouchers.getByRole('button').first();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    await page.getByRole('table', { name: /^Rader i verifikation / }).locator('tbody tr').first().waitFor();
    await assertAccessible(page);
    await screenshot(page, 'reskontra');
  });

  test('Sena betalningar shows the share paid on time', async () => {
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Sena betalningar', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Sena betalningar' }).waitFor();
    const year = isoIn(0).slice(0, 4);
    assert.equal(await page.getByLabel(/^Från och med/).inputValue(), `${year}-01-01`);
    assert.equal(await page.getByLabel(/^Till och med/).inputValue(), `${year}-12-31`);
    const share = page.getByTestId('share-on-time');
    await share.getByText('Andel betalda i tid').waitFor();
    assert.match(await share.locator('dd').innerText(), /^\d+(,\d)?\s?%$/);
    await page.getByRole('table', { name: 'Per förvaltning och månad' }).locator('tbody tr').first().waitFor();
    await assertAccessible(page);
    await screenshot(page, 'sena-betalningar');
  });

  test('the ekonom exports the vouchers as SIE 4I; a second export has nothing new', async () => {
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Export', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Export till ekonomisystemet' }).waitFor();
    await page.getByRole('button', { name: 'Exportera SIE 4I' }).click();
    const done = page.getByRole('status').getByText(/^Batch (\d+) med \d+ verifikationer är skapad/);
    await done.waitFor();
    const batch = /^Batch (\d+)/.exec(await done.innerText())![1]!;
    const row = page.getByRole('table', { name: 'Exportbatcher' }).locator('tbody tr').first();
    assert.equal((await row.locator('td').first().innerText()).trim(), batch);
    const href = (await row.getByRole('link', { name: /^Hämta / }).getAttribute('href'))!;
    const res = await page.request.get(`${server.url}${href}`);
    assert.equal(res.status(), 200);
    assert.match((await res.body()).toString('latin1'), /#SIETYP 4/);
    await page.getByRole('button', { name: 'Exportera CSV' }).click();
    await page.getByRole('alert').getByText(/^Det finns inga nya verifikationer att exportera/).waitFor();
    await assertAccessible(page);
    await screenshot(page, 'export');
  });

  test('the revisor reads payments and the reskontra but cannot act', async () => {
    await page.context().clearCookies();
    await signIn(page, server.url, 'revisor');
    const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
    await nav.getByRole('link', { name: 'Betalningar', exact: true }).click();
    await page.getByRole('link', { name: `Betalningsförslag ${proposalNumber}`, exact: true }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Nytt betalningsförslag' }).count(), 0);
    assert.equal(await nav.getByRole('link', { name: 'Avstämning', exact: true }).count(), 0);
    await page.getByRole('link', { name: `Betalningsförslag ${proposalNumber}`, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: `Betalningsförslag ${proposalNumber}` }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Godkänn' }).count(), 0);
    assert.equal(await page.getByRole('link', { name: 'Hämta betalfil' }).count(), 0);
    await nav.getByRole('link', { name: 'Export', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Export till ekonomisystemet' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Exportera SIE 4I' }).count(), 0);
  });
});
