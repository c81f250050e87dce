// Organisation, coding dimensions with CSV import, users and attest rights through the HTTP API:
// the happy paths, and bad input that must give a clear error and change nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { Client, createTestApp, type TestApp } from '../support/app.ts';
import { testDbKind } from '../support/db.ts';

type Unit = { id: string; code: string; kind: string; parentId: string | null };
type Value = { code: string; name: string; validFrom: string; validTo: string | null };
type User = { id: string; username: string; roles: string[] };

describe(`API administration on ${testDbKind}`, () => {
  let t: TestApp;
  let admin: Client;
  before(async () => {
    t = await createTestApp();
    admin = new Client(t.app);
    assert.equal((await admin.login('admin')).status, 200);
  });
  after(() => t.close());

  const values = async (dim: string) => ((await admin.request('GET', `/api/dimensions/${dim}/values`)).body.values as Value[]);

  test('the demo organisation tree is there', async () => {
    const units = (await admin.request('GET', '/api/org/units')).body.units as (Unit & { name: string })[];
    const names = units.map((u) => u.name);
    for (const n of ['Kommunstyrelsen', 'Ekonomienheten', 'Socialnämnden', 'Utbildningsnämnden', 'Samhällsbyggnadsnämnden', 'IT', 'Revision']) assert.ok(names.includes(n), n);
    const eko = units.find((u) => u.name === 'Ekonomienheten')!;
    const parent = units.find((u) => u.id === eko.parentId)!;
    assert.equal(parent.kind, 'forvaltning');
  });

  test('units must sit under the right kind of parent', async () => {
    const units = (await admin.request('GET', '/api/org/units')).body.units as Unit[];
    const enhet = units.find((u) => u.kind === 'enhet')!;
    const r = await admin.request('POST', '/api/org/units', { parentId: enhet.id, code: 'FEL', name: 'Fel nivå', kind: 'forvaltning' });
    assert.equal(r.status, 400);
    const dup = await admin.request('POST', '/api/org/units', { parentId: null, code: 'KS', name: 'Dubblett', kind: 'namnd' });
    assert.equal(dup.status, 409);
    const ok = await admin.request('POST', '/api/org/units', { parentId: null, code: 'KFN', name: 'Kultur- och fritidsnämnden', kind: 'namnd' });
    assert.equal(ok.status, 201);
  });

  test('dimension values: create, duplicate code, inverted validity', async () => {
    const ok = await admin.request('POST', '/api/dimensions/projekt/values', { code: '90100', name: 'Nytt projekt', validFrom: '2026-01-01', validTo: '2026-12-31' });
    assert.equal(ok.status, 201);
    const dup = await admin.request('POST', '/api/dimensions/projekt/values', { code: '90100', name: 'Igen', validFrom: '2026-01-01' });
    assert.equal(dup.status, 409);
    const inverted = await admin.request('POST', '/api/dimensions/projekt/values', { code: '90101', name: 'Omvänd', validFrom: '2026-12-31', validTo: '2026-01-01' });
    assert.equal(inverted.status, 400);
    const unknownDim = await admin.request('GET', '/api/dimensions/nosuch/values');
    assert.equal(unknownDim.status, 404);
    const valid = (await admin.request('GET', '/api/dimensions/projekt/values?validOn=2027-06-01')).body.values as Value[];
    assert.ok(!valid.some((v) => v.code === '90100'), 'ended value is not valid after its period');
  });

  test('CSV import in UTF-8 with BOM and semicolons', async () => {
    const csv = '\ufeffkod;namn;giltig_fran;giltig_till\n6441;Livsmedel, skolmåltider;2026-01-01;\n6442;Specialkost;2026-01-01;2026-12-31\n';
    const r = await admin.request('POST', '/api/dimensions/konto/import', undefined, { rawBody: Buffer.from(csv, 'utf8'), headers: { 'content-type': 'text/csv' } });
    assert.equal(r.status, 200, r.raw);
    assert.deepEqual(r.body, { imported: 2, updated: 0, encoding: 'utf-8' });
    const v = (await values('konto')).find((x) => x.code === '6441')!;
    assert.equal(v.name, 'Livsmedel, skolmåltider');
  });

  test('CSV import in Windows-1252 with commas keeps å, ä, ö', async () => {
    const csv = 'Kod,Namn,Giltig från,Giltig till\r\n6443,Förbrukningsmaterial kök,2026-01-01,\r\n6441,Livsmedel skolmåltider (ändrad),2026-01-01,\r\n';
    const r = await admin.request('POST', '/api/dimensions/konto/import', undefined, { rawBody: iconv.encode(csv, 'win1252'), headers: { 'content-type': 'text/csv' } });
    assert.equal(r.status, 200, r.raw);
    assert.deepEqual(r.body, { imported: 1, updated: 1, encoding: 'windows-1252' });
    const all = await values('konto');
    assert.equal(all.find((x) => x.code === '6443')!.name, 'Förbrukningsmaterial kök');
    assert.equal(all.find((x) => x.code === '6441')!.name, 'Livsmedel skolmåltider (ändrad)');
  });

  test('CSV import with bad rows reports each row and imports nothing', async () => {
    const before = await values('konto');
    const csv = 'kod;namn;giltig_fran;giltig_till\n7001;Bra rad;2026-01-01;\n7002;;2026-01-01;\n7003;Fel datum;2026-02-30;\n7001;Dubblett;2026-01-01;\nX Y;Mellanslag;2026-01-01;\n7004;Omvänd;2026-05-01;2026-04-01\n';
    const r = await admin.request('POST', '/api/dimensions/konto/import', undefined, { rawBody: csv, headers: { 'content-type': 'text/csv' } });
    assert.equal(r.status, 400);
    assert.equal(r.body.error?.code, 'validation_failed');
    const rows = r.body.error?.details?.rows as { row: number; column: string }[];
    assert.deepEqual(rows.map((x) => [x.row, x.column]), [[3, 'namn'], [4, 'giltig_fran'], [5, 'kod'], [6, 'kod'], [7, 'giltig_till']]);
    assert.deepEqual(await values('konto'), before);
  });

  test('CSV import with wrong columns is refused', async () => {
    const r = await admin.request('POST', '/api/dimensions/konto/import', undefined, { rawBody: 'nummer;text;belopp\n1;a;2\n', headers: { 'content-type': 'text/csv' } });
    assert.equal(r.status, 400);
    const rows = r.body.error?.details?.rows as { row: number; message: string }[];
    assert.equal(rows[0]!.row, 1);
    assert.match(rows[0]!.message, /Fel kolumner/);
    const empty = await admin.request('POST', '/api/dimensions/konto/import', undefined, { rawBody: '', headers: { 'content-type': 'text/csv' } });
    assert.equal(empty.status, 400);
  });

  test('users: create with roles, duplicate user name, bad fields', async () => {
    const ok = await admin.request('POST', '/api/users', { username: 'nils.nilsson', displayName: 'Nils Nilsson', email: 'nils@exempel.se', roles: ['bestallare'], password: 'ett-langt-losenord', trainedBuyerAt: '2026-10-01' });
    assert.equal(ok.status, 201, ok.raw);
    assert.deepEqual((ok.body as unknown as User).roles, ['bestallare']);
    const dup = await admin.request('POST', '/api/users', { username: 'Nils.Nilsson', displayName: 'Nils igen', roles: [], password: 'ett-langt-losenord' });
    assert.equal(dup.status, 409);
    const badRole = await admin.request('POST', '/api/users', { username: 'kalle', displayName: 'Kalle', roles: ['kung'], password: 'ett-langt-losenord' });
    assert.equal(badRole.status, 400);
    const shortPw = await admin.request('POST', '/api/users', { username: 'kalle', displayName: 'Kalle', roles: [], password: 'kort' });
    assert.equal(shortPw.status, 400);
    const list = (await admin.request('GET', '/api/users?q=kalle')).body.users as User[];
    assert.deepEqual(list, []);
    const nils = new Client(t.app);
    assert.equal((await nils.login('nils.nilsson', 'ett-langt-losenord')).status, 200);
  });

  test('users: a deactivated user is signed out and cannot sign in', async () => {
    const list = (await admin.request('GET', '/api/users?q=nils')).body.users as User[];
    const nils = new Client(t.app);
    await nils.login('nils.nilsson', 'ett-langt-losenord');
    const target = list.find((u) => u.username === 'nils.nilsson')!;
    const r = await admin.request('PATCH', `/api/users/${target.id}`, { active: false });
    assert.equal(r.status, 200);
    assert.equal((await nils.request('GET', '/api/me')).status, 401);
    assert.equal((await new Client(t.app).login('nils.nilsson', 'ett-langt-losenord')).status, 401);
  });

  test('users: a stale version is refused (optimistic concurrency)', async () => {
    const u = ((await admin.request('GET', '/api/users?q=ekonom')).body.users as (User & { version: number })[])[0]!;
    const first = await admin.request('PATCH', `/api/users/${u.id}`, { displayName: 'Sofia Ek-Berg', version: u.version });
    assert.equal(first.status, 200);
    const stale = await admin.request('PATCH', `/api/users/${u.id}`, { displayName: 'Gammal sida', version: u.version });
    assert.equal(stale.status, 409);
    const now = (await admin.request('GET', `/api/users/${u.id}`)).body;
    assert.equal(now.displayName, 'Sofia Ek-Berg');
  });

  test('attest rights: create, overlap refused, inverted period refused, end a right', async () => {
    const users = (await admin.request('GET', '/api/users')).body.users as User[];
    const karin = users.find((u) => u.username === 'attestant')!;
    const ok = await admin.request('POST', '/api/attest-rights', { userId: karin.id, ansvar: '1400', maxAmount: '25000.50', validFrom: '2026-01-01', validTo: '2026-12-31' });
    assert.equal(ok.status, 201, ok.raw);
    assert.equal(ok.body.maxAmount, '25000.50');
    const overlap = await admin.request('POST', '/api/attest-rights', { userId: karin.id, ansvar: '1400', maxAmount: '1000', validFrom: '2026-06-01' });
    assert.equal(overlap.status, 409);
    assert.match(String(overlap.body.error?.message), /överlappa/);
    const inverted = await admin.request('POST', '/api/attest-rights', { userId: karin.id, ansvar: '7210', maxAmount: '1000', validFrom: '2026-06-01', validTo: '2026-05-01' });
    assert.equal(inverted.status, 400);
    const unknownAnsvar = await admin.request('POST', '/api/attest-rights', { userId: karin.id, ansvar: '9999', maxAmount: '1000', validFrom: '2026-06-01' });
    assert.equal(unknownAnsvar.status, 400);
    const badAmount = await admin.request('POST', '/api/attest-rights', { userId: karin.id, ansvar: '7210', maxAmount: '12.345', validFrom: '2026-06-01' });
    assert.equal(badAmount.status, 400);
    const next = await admin.request('POST', '/api/attest-rights', { userId: karin.id, ansvar: '1400', maxAmount: '30000', validFrom: '2027-01-01' });
    assert.equal(next.status, 201);
    const stretch = await admin.request('PATCH', `/api/attest-rights/${String(ok.body.id)}`, { validTo: '2027-03-31' });
    assert.equal(stretch.status, 409);
    const end = await admin.request('PATCH', `/api/attest-rights/${String(ok.body.id)}`, { validTo: '2026-09-30' });
    assert.equal(end.status, 200);
    const rights = (await admin.request('GET', `/api/attest-rights?userId=${karin.id}`)).body.rights as { ansvar: string; validTo: string | null }[];
    assert.deepEqual(rights.filter((r) => r.ansvar === '1400').map((r) => r.validTo), ['2026-09-30', null]);
  });

  test('attest rights: concurrent overlapping grants leave exactly one', async () => {
    const users = (await admin.request('GET', '/api/users')).body.users as User[];
    const ali = users.find((u) => u.username === 'attestant2')!;
    const body = { userId: ali.id, ansvar: '7410', maxAmount: '5000', validFrom: '2026-01-01' };
    const results = await Promise.all([admin.request('POST', '/api/attest-rights', body), admin.request('POST', '/api/attest-rights', body), admin.request('POST', '/api/attest-rights', body)]);
    assert.deepEqual(results.map((r) => r.status).sort(), [201, 409, 409]);
  });

  test('substitutes: self-substitution and inverted periods are refused', async () => {
    const users = (await admin.request('GET', '/api/users')).body.users as User[];
    const karin = users.find((u) => u.username === 'attestant')!;
    const ali = users.find((u) => u.username === 'attestant2')!;
    assert.equal((await admin.request('POST', '/api/substitutes', { userId: karin.id, substituteUserId: karin.id, validFrom: '2026-07-01', validTo: '2026-07-31' })).status, 400);
    assert.equal((await admin.request('POST', '/api/substitutes', { userId: karin.id, substituteUserId: ali.id, validFrom: '2026-07-31', validTo: '2026-07-01' })).status, 400);
    const ok = await admin.request('POST', '/api/substitutes', { userId: karin.id, substituteUserId: ali.id, validFrom: '2026-07-01', validTo: '2026-07-31' });
    assert.equal(ok.status, 201);
    assert.equal((await admin.request('DELETE', `/api/substitutes/${String(ok.body.id)}`)).status, 200);
  });

  test('every change above is in the audit trail, and the chain verifies', async () => {
    const revisor = new Client(t.app);
    await revisor.login('revisor');
    const events = (await revisor.request('GET', '/api/audit?action=attest_right&limit=100')).body.events as { action: string; actor: { username: string } | null; before: unknown; after: unknown }[];
    assert.ok(events.some((e) => e.action === 'attest_right.update' && e.actor?.username === 'admin' && e.before && e.after));
    const imports = (await revisor.request('GET', '/api/audit?action=dimension_value.import')).body.events as unknown[];
    assert.equal(imports.length, 2);
    const verify = await revisor.request('GET', '/api/audit/verify');
    assert.equal(verify.body.ok, true);
    assert.ok(Number(verify.body.checked) > 100);
  });
});
