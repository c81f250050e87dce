// The supplier register through the HTTP API: create, edit, search; identifiers checked with clear
// messages and nothing written on failure; duplicates; four-eyes verification of payment accounts;
// block/unblock; CSV/XLSX import all or nothing; optimistic concurrency; tenant isolation; and the
// lookups and onboarding tasks invoice intake uses.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { Client, createTestApp, type TestApp } from '../support/app.ts';
import { testDbKind } from '../support/db.ts';
import { withTenant } from '../../src/platform/db/tenant.ts';
import type { Database } from '../../src/platform/db/types.ts';
import type { App } from '../../src/platform/http/types.ts';
import { luhnCheckDigit, checkBankgiro, checkPlusgiro, checkIban, checkOrganisationsnummer, checkParticipantId } from '../../src/formats/identifiers/index.ts';
import {
  createOnboardingTask, findSupplierByEndpoint, findSupplierByOrgNumber, findSupplierByPaymentAccount, findSupplierByVatNumber, getSupplier,
  loadDemoSuppliers, type OnboardingTask, type Supplier,
} from '../../src/modules/suppliers/index.ts';
import { demoGln, demoOrgNumber, demoSeIban } from '../../src/modules/suppliers/demo.ts';

const bg = (payload: string) => `${payload}${luhnCheckDigit(payload)}`;
const fmtOrg = (ten: string) => `${ten.slice(0, 6)}-${ten.slice(6)}`;
type Err = { row: number; column: string; message: string };

describe(`supplier register on ${testDbKind}`, () => {
  let t: TestApp;
  let db: Database;
  let app: App;
  let tenantA: string;
  let tenantB: string;
  let admin: Client; let fh: Client; let ic: Client; let ekonom: Client; let revisor: Client; let bestallare: Client; let godsmottagare: Client; let grannby: Client;

  before(async () => {
    t = await createTestApp();
    db = t.db;
    app = t.app;
    const ids = await db.query<{ id: string; org_number: string }>('SELECT id, org_number FROM tenants');
    tenantA = ids.rows.find((r) => r.org_number === '212000-2411')!.id;
    tenantB = ids.rows.find((r) => r.org_number === '212000-2437')!.id;
    const login = async (user: string, tenant = '212000-2411') => { const c = new Client(app); assert.equal((await c.login(user, 'avrop-demo', tenant)).status, 200, user); return c; };
    admin = await login('admin'); fh = await login('fakturahanterare'); ic = await login('inkopscontroller'); ekonom = await login('ekonom');
    revisor = await login('revisor'); bestallare = await login('bestallare'); godsmottagare = await login('godsmottagare');
    grannby = await login('admin', '212000-2437');
  });
  after(() => t.close());

  const search = async (c: Client, qs = '') => (await c.request('GET', `/api/suppliers${qs}`)).body as unknown as { suppliers: Supplier[]; total: number };
  const count = async () => (await search(admin, '?limit=1')).total;
  const events = async (entityId: string, action?: string) =>
    ((await admin.request('GET', `/api/audit?entityId=${entityId}${action ? `&action=${action}` : ''}`)).body.events as { action: string; actor: { username: string } | null; after: Record<string, unknown> | null }[]);

  test('the demo register: about 30 suppliers with valid identifiers, one blocked, a few unverified accounts', async () => {
    const all = await search(revisor, '?limit=500');
    assert.ok(all.total >= 30, String(all.total));
    for (const s of all.suppliers) {
      assert.ok(checkOrganisationsnummer(s.orgNumber!).ok, s.orgNumber!);
      assert.match(s.orgNumber!, /^55\d{4}-\d{4}$/);
      for (const e of s.endpoints) assert.ok(checkParticipantId(e.participantId).ok, e.participantId);
      for (const a of s.accounts) {
        if (a.type === 'bankgiro') assert.ok(checkBankgiro(a.number).ok, a.number);
        if (a.type === 'plusgiro') assert.ok(checkPlusgiro(a.number).ok, a.number);
        if (a.type === 'iban') assert.ok(checkIban(a.number).ok, a.number);
      }
    }
    assert.ok(all.suppliers.some((s) => s.endpoints.some((e) => e.scheme === '0088')));
    assert.ok(all.suppliers.some((s) => s.accounts.some((a) => a.type === 'bank')));
    const blocked = await search(admin, '?blocked=true');
    assert.equal(blocked.total, 1);
    assert.match(blocked.suppliers[0]!.blockedReason!, /bedrägeri/);
    const accounts = all.suppliers.flatMap((s) => s.accounts);
    const unverified = accounts.filter((a) => a.status === 'unverified').length;
    assert.ok(unverified >= 3 && unverified < accounts.length / 4, `${unverified} of ${accounts.length}`);
    // Loading again adds nothing.
    assert.equal(await withTenant(db, tenantA, (tx) => loadDemoSuppliers(tx)), 0);
  });

  test('search by name, organisationsnummer (with or without hyphen), bankgiro and VAT number; paging', async () => {
    const byName = await search(bestallare, '?q=st%C3%A4d');
    assert.deepEqual(byName.suppliers.map((s) => s.name), ['Rentvätt Städservice AB']);
    const target = byName.suppliers[0]!;
    const orgDigits = target.orgNumber!.replace('-', '');
    assert.deepEqual((await search(fh, `?q=${target.orgNumber}`)).suppliers.map((s) => s.id), [target.id]);
    assert.deepEqual((await search(fh, `?q=${orgDigits}`)).suppliers.map((s) => s.id), [target.id]);
    assert.deepEqual((await search(fh, `?q=SE${orgDigits}01`)).suppliers.map((s) => s.id), [target.id]);
    const bgAcc = target.accounts.find((a) => a.type === 'bankgiro')!;
    assert.deepEqual((await search(ekonom, `?q=${encodeURIComponent(bgAcc.display)}`)).suppliers.map((s) => s.id), [target.id]);
    const page1 = await search(admin, '?limit=10&offset=0');
    const page2 = await search(admin, '?limit=10&offset=10');
    assert.equal(page1.suppliers.length, 10);
    assert.ok(!page2.suppliers.some((s) => page1.suppliers.some((p) => p.id === s.id)));
    assert.equal((await godsmottagare.request('GET', '/api/suppliers')).status, 403);
    assert.equal((await search(admin, '?q=%25')).total, 0, 'a % is searched for literally');
  });

  const newOrg = demoOrgNumber('9000011');
  let created: Supplier;

  test('create with every kind of identifier; accounts start unverified; audit event', async () => {
    const r = await ic.request('POST', '/api/suppliers', {
      name: 'Nya Kontorsleveranser AB', orgNumber: fmtOrg(newOrg), vatNumber: `SE ${newOrg} 01`, fSkatt: true,
      postalAddress: { street: 'Testgatan 1', postalCode: '11122', city: 'Stockholm' },
      contacts: [{ name: 'Kim Ek', email: 'kim@nya.example', phone: '08-1' }],
      endpoints: [`0007:${newOrg}`, `0088:${demoGln('730000900001')}`],
      accounts: [
        { type: 'bankgiro', number: bg('9000011') },
        { type: 'plusgiro', number: bg('9000011') },
        { type: 'bank', clearing: '8424-4', number: '983 189 224-6' },
        { type: 'iban', number: demoSeIban('500', '00000058310099999'), bic: 'ESSESESS' },
      ],
    });
    assert.equal(r.status, 201, r.raw);
    created = r.body as unknown as Supplier;
    assert.equal(created.orgNumber, fmtOrg(newOrg));
    assert.equal(created.vatNumber, `SE${newOrg}01`);
    assert.equal(created.postalAddress.postalCode, '111 22');
    assert.ok(created.fSkattCheckedOn, 'the F-skatt check date defaults to today');
    assert.deepEqual(created.accounts.map((a) => [a.type, a.status]), [['bankgiro', 'unverified'], ['plusgiro', 'unverified'], ['bank', 'unverified'], ['iban', 'unverified']]);
    assert.equal(created.accounts.find((a) => a.type === 'bank')!.clearing, '84244');
    assert.equal(created.accounts[0]!.addedBy?.username, 'inkopscontroller');
    const ev = await events(created.id);
    assert.ok(ev.some((e) => e.action === 'supplier.create' && e.actor?.username === 'inkopscontroller'));
    assert.equal(ev.filter((e) => e.action === 'supplier_account.add').length, 4);
  });

  test('invalid identifiers are refused with a clear message per identifier, and nothing is written', async () => {
    const before = await count();
    const base = { name: 'Felaktiga AB', orgNumber: demoOrgNumber('9000022') };
    const cases: [Record<string, unknown>, RegExp, RegExp][] = [
      [{ accounts: [{ type: 'bankgiro', number: '5050-1056' }] }, /Bankgironumret 5050-1056 har fel kontrollsiffra/, /The bankgiro number 5050-1056 has a wrong check digit/],
      [{ orgNumber: '556732-1708' }, /Organisationsnumret 556732-1708 har fel kontrollsiffra/, /organisation number 556732-1708 has a wrong check digit/],
      [{ vatNumber: 'SE556732170801' }, /Momsregistreringsnumret SE556732170801 har fel kontrollsiffra/, /VAT number/],
      [{ endpoints: ['0007:5567321708'] }, /Peppol-id:t 0007:5567321708 har fel kontrollsiffra/, /Peppol id/],
      [{ endpoints: ['0088:7300010000002'] }, /Peppol-id:t 0088:7300010000002 har fel kontrollsiffra/, /Peppol id/],
      [{ endpoints: ['9999:123'] }, /okänt identifierarschema/, /unknown identifier scheme/],
      [{ accounts: [{ type: 'plusgiro', number: '4711-3' }] }, /Plusgironumret 4711-3 har fel kontrollsiffra/, /plusgiro/],
      [{ accounts: [{ type: 'iban', number: 'SE45 5000 0000 0583 9825 7467' }] }, /IBAN-numret .* har fel kontrollsiffra/, /IBAN/],
      [{ accounts: [{ type: 'iban', number: 'DE89370400440532013000' }] }, /BIC-kod krävs/, /BIC is required/],
      [{ accounts: [{ type: 'bank', clearing: '6789', number: '123456788' }] }, /Bankkontot 6789 123456788 \(Handelsbanken\): kontrollsiffran stämmer inte/, /Handelsbanken/],
      [{ accounts: [{ type: 'bank', clearing: '0999', number: '1234567' }] }, /clearingnumret tillhör ingen känd bank/, /no known bank/],
      [{ vatNumber: `SE${demoOrgNumber('9000033')}01` }, /hör inte till organisationsnumret/, /does not belong/],
    ];
    const en = new Client(app, 'en');
    assert.equal((await en.login('inkopscontroller')).status, 200);
    for (const [extra, sv, english] of cases) {
      const r = await ic.request('POST', '/api/suppliers', { ...base, ...extra });
      assert.equal(r.status, 400, JSON.stringify(extra));
      assert.equal(r.body.error?.code, 'validation_failed');
      assert.match(r.body.error!.message, sv);
      assert.ok(Array.isArray(r.body.error?.details?.issues));
      const e = await en.request('POST', '/api/suppliers', { ...base, ...extra });
      assert.match(e.body.error!.message, english);
    }
    const several = await ic.request('POST', '/api/suppliers', { ...base, orgNumber: '1', accounts: [{ type: 'bankgiro', number: '5050-1056' }] });
    assert.match(several.body.error!.message, /och 1 fel till/);
    assert.equal(await count(), before);
  });

  test('duplicates: organisationsnummer, VAT number and Peppol id are unique per tenant (409)', async () => {
    const before = await count();
    const dupOrg = await fh.request('POST', '/api/suppliers', { name: 'Dubblett AB', orgNumber: newOrg });
    assert.equal(dupOrg.status, 409);
    assert.match(dupOrg.body.error!.message, /Det finns redan en leverantör med organisationsnummer .*Nya Kontorsleveranser AB/);
    assert.equal(dupOrg.body.error?.details?.supplierId, created.id);
    const dupVat = await fh.request('POST', '/api/suppliers', { name: 'Dubblett AB', vatNumber: `SE${newOrg}01` });
    assert.equal(dupVat.status, 409);
    const dupEp = await fh.request('POST', '/api/suppliers', { name: 'Dubblett AB', endpoints: [`0007:${newOrg}`] });
    assert.equal(dupEp.status, 409);
    assert.match(dupEp.body.error!.message, /används redan av Nya Kontorsleveranser AB/);
    const dupAcc = await fh.request('POST', '/api/suppliers', { name: 'Dubblett AB', accounts: [{ type: 'bankgiro', number: bg('9000011') }] });
    assert.equal(dupAcc.status, 409);
    assert.equal(await count(), before);
    // The other municipality has its own register.
    const other = await grannby.request('POST', '/api/suppliers', { name: 'Nya Kontorsleveranser AB', orgNumber: newOrg, endpoints: [`0007:${newOrg}`] });
    assert.equal(other.status, 201, other.raw);
  });

  test('a Swedish VAT number alone gives the organisationsnummer', async () => {
    const o = demoOrgNumber('9000077');
    const r = await fh.request('POST', '/api/suppliers', { name: 'Endast Moms AB', vatNumber: `SE${o}01` });
    assert.equal(r.status, 201, r.raw);
    assert.equal(r.body.orgNumber, fmtOrg(o));
    const foreign = await fh.request('POST', '/api/suppliers', { name: 'Dansk Leverandør ApS', country: 'DK', vatNumber: 'DK 1234 5678', accounts: [{ type: 'iban', number: 'DK50 0040 0440 1162 43', bic: 'NDEADKKK' }] });
    assert.equal(foreign.status, 201, foreign.raw);
    assert.deepEqual([foreign.body.orgNumber, foreign.body.vatNumber], [null, 'DK12345678']);
  });

  test('a plusgiro number never finds a supplier by an identical bankgiro number', async () => {
    const bgOnly = await fh.request('POST', '/api/suppliers', { name: 'Bara Bankgiro AB', accounts: [{ type: 'bankgiro', number: bg('9000044') }] });
    assert.equal(bgOnly.status, 201);
    await withTenant(db, tenantA, async (tx) => {
      assert.equal((await findSupplierByPaymentAccount(tx, 'bankgiro', bg('9000044')))?.name, 'Bara Bankgiro AB');
      assert.equal(await findSupplierByPaymentAccount(tx, 'plusgiro', bg('9000044')), null);
      // The new supplier has both with the same digits: each type finds it.
      assert.equal((await findSupplierByPaymentAccount(tx, 'plusgiro', bg('9000011')))?.id, created.id);
      assert.equal((await findSupplierByPaymentAccount(tx, 'bankgiro', `${bg('9000011').slice(0, 4)}-${bg('9000011').slice(4)}`))?.id, created.id);
      assert.equal((await findSupplierByPaymentAccount(tx, 'bank', '8424-4, 983 189 224-6'))?.id, created.id);
      assert.equal((await findSupplierByPaymentAccount(tx, 'bank', '9831892246', '8424'))?.id, created.id);
      assert.equal((await findSupplierByPaymentAccount(tx, 'iban', demoSeIban('500', '00000058310099999').toLowerCase()))?.id, created.id);
      assert.equal(await findSupplierByPaymentAccount(tx, 'bankgiro', '5050-1056'), null);
    });
  });

  test('lookups for invoice intake: endpoint, organisationsnummer in every form, VAT number', async () => {
    const onlyOrg = (await search(admin, '?q=Rentv%C3%A4tt')).suppliers[0]!;
    const onlyOrgDigits = onlyOrg.orgNumber!.replace('-', '');
    await withTenant(db, tenantA, async (tx) => {
      assert.equal((await findSupplierByEndpoint(tx, '0007', newOrg))?.id, created.id);
      assert.equal((await findSupplierByEndpoint(tx, '0088', demoGln('730000900001')))?.id, created.id);
      assert.equal(await findSupplierByEndpoint(tx, '0088', newOrg), null);
      assert.equal((await findSupplierByEndpoint(tx, 'iso6523-actorid-upis', `:0007:${newOrg}`))?.id, created.id);
      assert.equal((await findSupplierByEndpoint(tx, '0007', ` ${newOrg} `))?.id, created.id);
      for (const form of [newOrg, fmtOrg(newOrg), `16${newOrg}`, `SE${newOrg}01`, `SE ${newOrg} 01`]) {
        assert.equal((await findSupplierByOrgNumber(tx, form))?.id, created.id, form);
      }
      assert.equal(await findSupplierByOrgNumber(tx, '556732-1708'), null);
      assert.equal(await findSupplierByOrgNumber(tx, 'nonsense'), null);
      assert.equal((await findSupplierByVatNumber(tx, `se${newOrg}01`))?.id, created.id);
      assert.equal(await findSupplierByVatNumber(tx, 'DK87654321'), null);
      assert.equal((await findSupplierByVatNumber(tx, 'dk 12345678'))?.name, 'Dansk Leverandør ApS');
      assert.equal((await getSupplier(tx, created.id)).name, 'Nya Kontorsleveranser AB');
      // A Swedish VAT number finds a supplier registered with only its organisationsnummer.
      await tx.query('UPDATE suppliers SET vat_number = NULL WHERE id = $1', [onlyOrg.id]);
      assert.equal((await findSupplierByVatNumber(tx, `SE${onlyOrgDigits}01`))?.id, onlyOrg.id);
      await tx.query('UPDATE suppliers SET vat_number = $2 WHERE id = $1', [onlyOrg.id, `SE${onlyOrgDigits}01`]);
    });
  });

  test('four-eyes: whoever added an account cannot verify it; another verifier can; both steps are audited', async () => {
    const added = await fh.request('POST', `/api/suppliers/${created.id}/accounts`, { type: 'bankgiro', number: bg('9000055') });
    assert.equal(added.status, 201, added.raw);
    const acc = (added.body as unknown as Supplier).accounts.find((a) => a.number === bg('9000055'))!;
    assert.equal(acc.status, 'unverified');
    assert.equal(acc.addedBy?.username, 'fakturahanterare');
    const self = await fh.request('POST', `/api/suppliers/${created.id}/accounts/${acc.id}/verify`);
    assert.equal(self.status, 403);
    assert.match(self.body.error!.message, /En annan person måste verifiera det/);
    const wrongRole = await ic.request('POST', `/api/suppliers/${created.id}/accounts/${created.accounts[0]!.id}/verify`);
    assert.equal(wrongRole.status, 403, 'inköpscontroller may add but not verify');
    const ok = await ekonom.request('POST', `/api/suppliers/${created.id}/accounts/${acc.id}/verify`);
    assert.equal(ok.status, 200, ok.raw);
    const v = (ok.body as unknown as Supplier).accounts.find((a) => a.id === acc.id)!;
    assert.equal(v.status, 'verified');
    assert.equal(v.verifiedBy?.username, 'ekonom');
    assert.equal((await ekonom.request('POST', `/api/suppliers/${created.id}/accounts/${acc.id}/verify`)).status, 409);
    // The accounts inköpscontroller added can be verified by fakturahanterare.
    assert.equal((await fh.request('POST', `/api/suppliers/${created.id}/accounts/${created.accounts[0]!.id}/verify`)).status, 200);
    const ev = await events(created.id, 'supplier_account.');
    assert.ok(ev.some((e) => e.action === 'supplier_account.add' && e.actor?.username === 'fakturahanterare'));
    assert.ok(ev.some((e) => e.action === 'supplier_account.verify' && e.actor?.username === 'ekonom'));
    // A wrongly typed account: a bankgiro number given as plusgiro is checked as plusgiro.
    const typed = await fh.request('POST', `/api/suppliers/${created.id}/accounts`, { type: 'plusgiro', number: '5050-1055' });
    assert.equal(typed.status, 400);
    assert.equal((await bestallare.request('POST', `/api/suppliers/${created.id}/accounts`, { type: 'bankgiro', number: bg('9000066') })).status, 403);
  });

  test('ending an account keeps it for history but it no longer identifies the supplier', async () => {
    const s = (await admin.request('GET', `/api/suppliers/${created.id}`)).body as unknown as Supplier;
    const acc = s.accounts.find((a) => a.type === 'iban')!;
    const r = await admin.request('DELETE', `/api/suppliers/${created.id}/accounts/${acc.id}`);
    assert.equal(r.status, 200);
    assert.ok((r.body as unknown as Supplier).accounts.find((a) => a.id === acc.id)!.endedAt);
    assert.equal((await admin.request('DELETE', `/api/suppliers/${created.id}/accounts/${acc.id}`)).status, 409);
    assert.equal(await withTenant(db, tenantA, (tx) => findSupplierByPaymentAccount(tx, 'iban', acc.number)), null);
    // The same account can then be registered again (for example on the right supplier), unverified.
    const again = await fh.request('POST', `/api/suppliers/${created.id}/accounts`, { type: 'iban', number: acc.number, bic: 'ESSESESS' });
    assert.equal(again.status, 201);
  });

  test('edit with optimistic concurrency: a stale version is refused and changes nothing', async () => {
    const s = (await admin.request('GET', `/api/suppliers/${created.id}`)).body as unknown as Supplier;
    const ok = await ic.request('PATCH', `/api/suppliers/${created.id}`, { version: s.version, name: 'Nya Kontorsleveranser i Sverige AB', fSkatt: false, endpoints: [`0007:${newOrg}`] });
    assert.equal(ok.status, 200, ok.raw);
    const after = ok.body as unknown as Supplier;
    assert.equal(after.version, s.version + 1);
    assert.equal(after.fSkatt, false);
    assert.deepEqual(after.endpoints.map((e) => e.participantId), [`0007:${newOrg}`]);
    const stale = await ic.request('PATCH', `/api/suppliers/${created.id}`, { version: s.version, name: 'Gammal sida' });
    assert.equal(stale.status, 409);
    const bad = await ic.request('PATCH', `/api/suppliers/${created.id}`, { version: after.version, orgNumber: '556732-1708' });
    assert.equal(bad.status, 400);
    const now = (await admin.request('GET', `/api/suppliers/${created.id}`)).body as unknown as Supplier;
    assert.equal(now.name, 'Nya Kontorsleveranser i Sverige AB');
    assert.equal(now.version, after.version);
    const noVersion = await ic.request('PATCH', `/api/suppliers/${created.id}`, { name: 'Utan version' });
    assert.equal(noVersion.status, 400);
    const ev = await events(created.id, 'supplier.update');
    assert.equal(ev.length, 1);
  });

  test('concurrent edits with the same version: exactly one wins', async () => {
    const s = (await admin.request('GET', `/api/suppliers/${created.id}`)).body as unknown as Supplier;
    const results = await Promise.all([
      ic.request('PATCH', `/api/suppliers/${created.id}`, { version: s.version, note: 'Från flik 1' }),
      fh.request('PATCH', `/api/suppliers/${created.id}`, { version: s.version, note: 'Från flik 2' }),
      admin.request('PATCH', `/api/suppliers/${created.id}`, { version: s.version, note: 'Från flik 3' }),
    ]);
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 409, 409]);
  });

  test('block and unblock with a reason; both are audit events', async () => {
    assert.equal((await ic.request('POST', `/api/suppliers/${created.id}/block`, { reason: '' })).status, 400);
    const b = await ic.request('POST', `/api/suppliers/${created.id}/block`, { reason: 'Skulder hos Kronofogden' });
    assert.equal(b.status, 200);
    assert.equal(b.body.blocked, true);
    assert.equal(b.body.blockedReason, 'Skulder hos Kronofogden');
    assert.equal((await ic.request('POST', `/api/suppliers/${created.id}/block`, { reason: 'Igen' })).status, 409);
    assert.ok((await search(admin, '?blocked=true')).suppliers.some((s) => s.id === created.id));
    assert.equal(((await withTenant(db, tenantA, (tx) => findSupplierByOrgNumber(tx, newOrg))))?.blocked, true);
    const u = await fh.request('POST', `/api/suppliers/${created.id}/unblock`, { reason: 'Skulden betald, intyg 2026-11-20' });
    assert.equal(u.status, 200);
    assert.equal(u.body.blocked, false);
    assert.equal((await revisor.request('POST', `/api/suppliers/${created.id}/block`, { reason: 'Revisorn får inte' })).status, 403);
    const ev = await events(created.id);
    const block = ev.find((e) => e.action === 'supplier.block')!;
    const unblock = ev.find((e) => e.action === 'supplier.unblock')!;
    assert.equal(block.actor?.username, 'inkopscontroller');
    assert.equal(block.after?.reason, 'Skulder hos Kronofogden');
    assert.equal(unblock.actor?.username, 'fakturahanterare');
    assert.equal(unblock.after?.reason, 'Skulden betald, intyg 2026-11-20');
  });

  test('another municipality sees nothing of this register (404), and its lookups find nothing', async () => {
    assert.equal((await grannby.request('GET', `/api/suppliers/${created.id}`)).status, 404);
    assert.equal((await grannby.request('PATCH', `/api/suppliers/${created.id}`, { version: 1, name: 'Kapad' })).status, 404);
    assert.equal((await grannby.request('POST', `/api/suppliers/${created.id}/block`, { reason: 'Kapad spärr' })).status, 404);
    assert.equal((await grannby.request('POST', `/api/suppliers/${created.id}/accounts/${created.accounts[0]!.id}/verify`)).status, 404);
    const theirs = await search(grannby, '?limit=500');
    assert.ok(theirs.suppliers.every((s) => s.id !== created.id));
    assert.equal(await withTenant(db, tenantB, (tx) => findSupplierByPaymentAccount(tx, 'bankgiro', bg('9000011'))), null);
    assert.notEqual((await withTenant(db, tenantB, (tx) => findSupplierByOrgNumber(tx, newOrg)))?.id, created.id);
    // Row-level security on every table of the register, even for a query without a tenant filter.
    const rls = await db.query<{ relname: string; relrowsecurity: boolean }>("SELECT relname, relrowsecurity FROM pg_class WHERE relkind = 'r' AND relname LIKE 'supplier%' ORDER BY relname");
    assert.deepEqual(rls.rows.map((r) => [r.relname, r.relrowsecurity]), [['supplier_accounts', true], ['supplier_endpoints', true], ['supplier_onboarding_tasks', true], ['supplier_rules', true], ['suppliers', true]]);
    const seen = await withTenant(db, tenantB, (tx) => tx.query<{ n: string }>('SELECT count(*)::text AS n FROM supplier_accounts WHERE supplier_id = $1', [created.id]));
    assert.equal(seen.rows[0]!.n, '0');
  });

  // ------------------------------------------------------------------------------------------ import
  const csvHeader = 'namn;organisationsnummer;momsregnr;bankgiro;plusgiro;iban;bic;peppol_id;ort';
  const imp = (c: Client, body: Buffer | string, qs = '', type = 'text/csv') => c.request('POST', `/api/suppliers/import${qs}`, undefined, { rawBody: body, headers: { 'content-type': type } });

  test('import CSV in UTF-8 (BOM, semicolons): all rows created, accounts unverified, one audit event per supplier', async () => {
    const o1 = demoOrgNumber('9100011'); const o2 = demoOrgNumber('9100022'); const o3 = demoOrgNumber('9100033');
    const csv = `\ufeff${csvHeader}\n` +
      `Åkeriet i Öst AB;${fmtOrg(o1)};SE${o1}01;${bg('9100011')};;;;0007:${o1};Norrtälje\n` +
      `Städbolaget Ängen AB;${o2};;;${bg('910002')};;;;Enköping\n` +
      `"Konsult, Råd & Dåd AB";${o3};;;;${demoSeIban('800', '00000000000123456')};SWEDSESS;0088:${demoGln('730000910003')};Uppsala\n`;
    const before = await count();
    const r = await imp(fh, Buffer.from(csv, 'utf8'));
    assert.equal(r.status, 200, r.raw);
    assert.equal(r.body.created, 3);
    assert.equal(r.body.encoding, 'utf-8');
    assert.equal(await count(), before + 3);
    const s = (await search(admin, `?q=${o3}`)).suppliers[0]!;
    assert.equal(s.name, 'Konsult, Råd & Dåd AB');
    assert.equal(s.postalAddress.city, 'Uppsala');
    assert.deepEqual(s.accounts.map((a) => [a.type, a.status, a.bic]), [['iban', 'unverified', 'SWEDSESS']]);
    assert.equal((await fh.request('POST', `/api/suppliers/${s.id}/accounts/${s.accounts[0]!.id}/verify`)).status, 403, 'the importer cannot verify');
    assert.ok((await events(s.id)).some((e) => e.action === 'supplier.create' && e.actor?.username === 'fakturahanterare'));
    const importEv = (await admin.request('GET', '/api/audit?action=supplier.import')).body.events as unknown[];
    assert.equal(importEv.length, 1);
  });

  test('import CSV in Windows-1252 with commas and English headers keeps å, ä, ö', async () => {
    const o = demoOrgNumber('9200011');
    const csv = `Name,Org_number,VAT,Bankgiro,City,Contact,F-skatt\r\nFönsterputs Åre AB,${fmtOrg(o)},,${bg('9200011')},Åre,Märta Öberg,ja\r\n`;
    const r = await imp(admin, iconv.encode(csv, 'win1252'));
    assert.equal(r.status, 200, r.raw);
    assert.equal(r.body.encoding, 'windows-1252');
    const s = (await search(admin, `?q=${o}`)).suppliers[0]!;
    assert.equal(s.name, 'Fönsterputs Åre AB');
    assert.equal(s.postalAddress.city, 'Åre');
    assert.equal(s.contacts[0]!.name, 'Märta Öberg');
    assert.equal(s.fSkatt, true);
  });

  test('import XLSX (first worksheet)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Leverantörer');
    const o1 = demoOrgNumber('9300011'); const o2 = demoOrgNumber('9300022');
    ws.addRow(['Namn', 'Organisationsnummer', 'Bankgiro', 'Plusgiro', 'Clearing', 'Bankkonto', 'Ort']);
    ws.addRow(['Lärmedel Excel AB', fmtOrg(o1), bg('9300011'), null, null, null, 'Kiruna']);
    ws.addRow(['Snickeri Excel AB', Number(o2), null, Number(bg('930002')), '6789', '123456789', 'Gällivare']);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const dry = await imp(ic, bytes, '?dryRun=true', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.equal(dry.status, 200, dry.raw);
    assert.deepEqual([dry.body.ok, dry.body.dryRun, dry.body.format, dry.body.created], [true, true, 'xlsx', 0]);
    assert.equal((await search(admin, `?q=${o1}`)).total, 0, 'a dry run writes nothing');
    const r = await imp(ic, bytes, '', 'application/octet-stream');
    assert.equal(r.status, 200, r.raw);
    assert.equal(r.body.created, 2);
    const s2 = (await search(admin, `?q=${o2}`)).suppliers[0]!;
    assert.deepEqual(s2.accounts.map((a) => a.type).sort(), ['bank', 'plusgiro']);
    assert.equal(s2.postalAddress.city, 'Gällivare');
  });

  test('import with bad rows: every row error reported, nothing imported; dryRun returns the same report', async () => {
    const good = demoOrgNumber('9400011');
    const csv = `${csvHeader}\n` +
      `Bra Rad AB;${good};;${bg('9400011')};;;;;Visby\n` +          // row 2: fine
      `Fel Bankgiro AB;${demoOrgNumber('9400022')};;5050-1056;;;;;\n` + // row 3: check digit
      `Dubblett i filen AB;${fmtOrg(good)};;;;;;;\n` +                   // row 4: same orgnr as row 2
      `Finns redan AB;${fmtOrg(newOrg)};;;;;;;\n` +                      // row 5: in the register
      `;${demoOrgNumber('9400055')};;;;;;;\n` +                           // row 6: no name
      `Fel Peppol AB;${demoOrgNumber('9400066')};;;;;;0007:123;\n` +       // row 7: bad endpoint
      `Fel IBAN AB;${demoOrgNumber('9400077')};;;;DE00123;;;\n`;         // row 8: bad IBAN
    const before = await count();
    const r = await imp(ic, csv);
    assert.equal(r.status, 400);
    assert.equal(r.body.error?.code, 'validation_failed');
    assert.match(r.body.error!.message, /Inget har importerats/);
    const rows = r.body.error?.details?.rows as Err[];
    assert.deepEqual(rows.map((e) => [e.row, e.column]), [[3, 'bankgiro'], [4, 'organisationsnummer'], [5, 'organisationsnummer'], [6, 'namn'], [7, 'peppol_id'], [8, 'iban']]);
    assert.match(rows[0]!.message, /Bankgironumret 5050-1056 har fel kontrollsiffra/);
    assert.match(rows[1]!.message, /finns redan på rad 2/);
    assert.match(rows[2]!.message, /finns redan i leverantörsregistret/);
    assert.equal(await count(), before);
    const dry = await imp(ic, csv, '?dryRun=true');
    assert.equal(dry.status, 200);
    assert.equal(dry.body.ok, false);
    assert.equal((dry.body.errors as Err[]).length, 6);
    assert.equal(await count(), before);
    const en = new Client(app, 'en');
    await en.login('inkopscontroller');
    const rEn = await imp(en, csv);
    assert.match((rEn.body.error?.details?.rows as Err[])[0]!.message, /The bankgiro number 5050-1056 has a wrong check digit/);
  });

  test('import refuses wrong columns, empty files, broken XLSX and JSON bodies', async () => {
    const wrong = await imp(ic, 'leverantor_id;belopp\n1;2\n');
    assert.equal(wrong.status, 400);
    assert.match((wrong.body.error?.details?.rows as Err[])[0]!.message, /Fel kolumner.*Okända: leverantor_id, belopp/);
    assert.equal((await imp(ic, '')).status, 400);
    assert.equal((await imp(ic, 'namn;ort\n')).status, 400);
    const broken = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('inte en zip')]);
    const b = await imp(ic, broken, '', 'application/octet-stream');
    assert.equal(b.status, 400);
    assert.match((b.body.error?.details?.rows as Err[])[0]!.message, /Excel/);
    assert.equal((await ic.request('POST', '/api/suppliers/import', { namn: 'x' })).status, 415);
    assert.equal((await bestallare.request('POST', '/api/suppliers/import', undefined, { rawBody: 'namn\nx\n', headers: { 'content-type': 'text/csv' } })).status, 403);
  });

  // ------------------------------------------------------------------------------------- onboarding
  test('onboarding tasks: intake raises one open task per supplier; a person creates, links or dismisses', async () => {
    const o = demoOrgNumber('9500011');
    const first = await withTenant(db, tenantA, (tx) => createOnboardingTask(tx, null, { name: 'Okänd Leverantör AB', orgNumber: fmtOrg(o), endpointId: `0007:${o}`, source: { invoiceId: 'inv_1' } }));
    assert.equal(first.created, true);
    const second = await withTenant(db, tenantA, (tx) => createOnboardingTask(tx, null, { name: 'Okänd Leverantör AB', vatNumber: `SE${o}01`, source: { invoiceId: 'inv_2' } }));
    assert.equal(second.created, false);
    assert.equal(second.task?.id, first.task!.id);
    assert.deepEqual(second.task?.invoiceIds, ['inv_1', 'inv_2']);
    assert.equal(second.task?.vatNumber, `SE${o}01`);
    const bad = await withTenant(db, tenantA, (tx) => createOnboardingTask(tx, null, { name: 'Slarvig AB', orgNumber: '123', endpointId: '0088:7300010000002', source: {} }));
    assert.equal(bad.created, true);
    assert.equal(bad.task?.orgNumber, null);
    assert.equal(bad.task?.warnings.length, 2);
    // A supplier already in the register gets no task (and intake is not failed).
    const known = await withTenant(db, tenantA, (tx) => createOnboardingTask(tx, null, { name: 'Känd', vatNumber: `SE${newOrg}01`, source: { invoiceId: 'inv_9' } }));
    assert.deepEqual(known, { task: null, created: false, existingSupplierId: created.id });

    const list = (await fh.request('GET', '/api/supplier-onboarding?status=open')).body.tasks as OnboardingTask[];
    assert.deepEqual(list.map((t) => t.id).sort(), [first.task!.id, bad.task!.id].sort());
    assert.equal((await bestallare.request('POST', `/api/supplier-onboarding/${first.task!.id}/resolve`, { action: 'dismiss', reason: 'Nej' })).status, 403);

    const resolved = await ic.request('POST', `/api/supplier-onboarding/${first.task!.id}/resolve`, { action: 'create', supplier: { accounts: [{ type: 'bankgiro', number: bg('9500011') }], postalAddress: { city: 'Mora' } } });
    assert.equal(resolved.status, 200, resolved.raw);
    const body = resolved.body as { task: OnboardingTask; supplier: Supplier };
    assert.equal(body.task.status, 'done');
    assert.equal(body.supplier.name, 'Okänd Leverantör AB');
    assert.equal(body.supplier.orgNumber, fmtOrg(o));
    assert.deepEqual(body.supplier.endpoints.map((e) => e.participantId), [`0007:${o}`]);
    assert.equal(body.supplier.accounts[0]!.status, 'unverified');
    assert.equal((await ic.request('POST', `/api/supplier-onboarding/${first.task!.id}/resolve`, { action: 'dismiss', reason: 'Igen' })).status, 409);

    const dismissed = await fh.request('POST', `/api/supplier-onboarding/${bad.task!.id}/resolve`, { action: 'dismiss', reason: 'Felskickad faktura' });
    assert.equal(dismissed.status, 200);
    assert.equal((dismissed.body as { task: OnboardingTask }).task.status, 'dismissed');

    const o2 = demoOrgNumber('9500022');
    const third = await withTenant(db, tenantA, (tx) => createOnboardingTask(tx, null, { name: 'Nytt Peppol-id', endpointId: `0007:${o2}`, source: { invoiceId: 'inv_3' } }));
    const linked = await admin.request('POST', `/api/supplier-onboarding/${third.task!.id}/resolve`, { action: 'link', supplierId: created.id });
    assert.equal(linked.status, 200, linked.raw);
    assert.ok((linked.body as { supplier: Supplier }).supplier.endpoints.some((e) => e.participantId === `0007:${o2}`));
    const ev = (await admin.request('GET', `/api/audit?entityType=supplier_onboarding`)).body.events as { action: string }[];
    assert.ok(ev.some((e) => e.action === 'supplier_onboarding.resolve'));
    assert.ok(ev.some((e) => e.action === 'supplier_onboarding.create'));
    assert.equal(((await grannby.request('GET', '/api/supplier-onboarding')).body.tasks as unknown[]).length, 0);
    assert.equal((await bestallare.request('GET', '/api/supplier-onboarding')).status, 403);
  });

  test('the audit chain is intact after all of this', async () => {
    const v = await admin.request('GET', '/api/audit/verify');
    assert.equal(v.body.ok, true);
  });
});
