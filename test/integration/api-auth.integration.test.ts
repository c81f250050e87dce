// Sign-in, sessions, CSRF, throttling, TOTP and the common error shape, through the HTTP API.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { currentTotp } from '../../src/platform/auth/totp.ts';
import { Client, createTestApp, type TestApp } from '../support/app.ts';
import { testDbKind } from '../support/db.ts';

describe(`API sign-in and access on ${testDbKind}`, () => {
  let t: TestApp;
  before(async () => { t = await createTestApp(); });
  after(() => t.close());

  test('health answers with the database kind', async () => {
    const r = await new Client(t.app).request('GET', '/api/health');
    assert.equal(r.status, 200);
    assert.equal(r.body.status, 'ok');
    assert.equal(r.body.database, testDbKind);
  });

  test('unauthenticated calls get 401 in the common error shape, in Swedish or English', async () => {
    const sv = await new Client(t.app).request('GET', '/api/me');
    assert.equal(sv.status, 401);
    assert.deepEqual(sv.body, { error: { code: 'unauthenticated', message: 'Du är inte inloggad.' } });
    const en = await new Client(t.app, 'en').request('GET', '/api/users');
    assert.equal(en.status, 401);
    assert.equal(en.body.error?.message, 'You are not signed in.');
    const unknown = await new Client(t.app).request('GET', '/api/no-such-thing');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error?.code, 'not_found');
  });

  test('a user name in two tenants asks for the tenant, then signs in', async () => {
    const c = new Client(t.app);
    const amb = await c.login('admin', 'avrop-demo', null);
    assert.equal(amb.status, 409);
    assert.equal(amb.body.error?.code, 'ambiguous_tenant');
    const tenants = amb.body.error?.details?.tenants as { orgNumber: string }[];
    assert.deepEqual(tenants.map((x) => x.orgNumber).sort(), ['212000-2411', '212000-2437']);
    const ok = await c.login('admin', 'avrop-demo', '212000-2437');
    assert.equal(ok.status, 200);
    const me = await c.request('GET', '/api/me');
    assert.equal((me.body.user as { tenant: { name: string } }).tenant.name, 'Grannby kommun');
    assert.match(String(ok.headers['set-cookie']), /HttpOnly/i);
    assert.match(String(ok.headers['set-cookie']), /SameSite=Lax/i);
  });

  test('over HTTPS (behind the proxy) the session cookie is Secure', async () => {
    const r = await new Client(t.app).request('POST', '/api/auth/login', { username: 'godsmottagare', password: 'avrop-demo', tenant: '212000-2411' }, { headers: { 'x-forwarded-proto': 'https' } });
    assert.equal(r.status, 200);
    assert.match(String(r.headers['set-cookie']), /; Secure/i);
    const plain = await new Client(t.app).login('godsmottagare');
    assert.doesNotMatch(String(plain.headers['set-cookie']), /; Secure/i);
  });

  test('wrong password and unknown user give the same answer', async () => {
    const a = await new Client(t.app).login('bestallare', 'wrong-password');
    const b = await new Client(t.app).login('nobody-here', 'wrong-password');
    assert.equal(a.status, 401);
    assert.deepEqual(a.body, b.body);
    assert.equal(a.body.error?.code, 'invalid_credentials');
    assert.equal(a.body.error?.message, 'Fel användarnamn eller lösenord.');
  });

  test('repeated failures lock the user name for a while, even with the right password', async () => {
    const c = new Client(t.app);
    for (let i = 0; i < 5; i++) assert.equal((await c.login('ekonom', 'not-the-password')).status, 401);
    const locked = await c.login('ekonom', 'avrop-demo');
    assert.equal(locked.status, 429);
    assert.equal(locked.body.error?.code, 'too_many_attempts');
    assert.ok(Number(locked.body.error?.details?.retryAfterSeconds) > 0);
    assert.ok(Number(locked.headers['retry-after']) > 0);
  });

  test('state-changing requests need the CSRF token', async () => {
    const c = new Client(t.app);
    assert.equal((await c.login('admin')).status, 200);
    const before = await c.request('GET', '/api/org/units');
    const without = await c.request('POST', '/api/org/units', { parentId: null, code: 'NY', name: 'Ny nämnd', kind: 'namnd' }, { noCsrf: true });
    assert.equal(without.status, 403);
    assert.equal(without.body.error?.code, 'csrf_failed');
    const wrong = await c.request('POST', '/api/org/units', { parentId: null, code: 'NY', name: 'Ny nämnd', kind: 'namnd' }, { noCsrf: true, headers: { 'x-csrf-token': 'x'.repeat(32) } });
    assert.equal(wrong.status, 403);
    const afterUnits = await c.request('GET', '/api/org/units');
    assert.equal((afterUnits.body.units as unknown[]).length, (before.body.units as unknown[]).length);
  });

  test('malformed JSON and unknown fields are refused with validation_failed', async () => {
    const c = new Client(t.app);
    await c.login('admin');
    const bad = await c.request('POST', '/api/users', undefined, { rawBody: '{"username": "x",', headers: { 'content-type': 'application/json' } });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error?.code, 'validation_failed');
    const extra = await c.request('POST', '/api/users', { username: 'ny.person', displayName: 'Ny Person', roles: [], password: 'ett-langt-losenord', isAdmin: true });
    assert.equal(extra.status, 400);
    assert.equal(extra.body.error?.code, 'validation_failed');
    const users = await c.request('GET', '/api/users?q=ny.person');
    assert.deepEqual(users.body.users, []);
  });

  test('roles decide access: a revisor reads the audit trail but cannot administer', async () => {
    const c = new Client(t.app);
    await c.login('revisor');
    assert.equal((await c.request('GET', '/api/audit')).status, 200);
    const denied = await c.request('POST', '/api/users', { username: 'x.y', displayName: 'X', roles: [], password: 'ett-langt-losenord' });
    assert.equal(denied.status, 403);
    assert.equal(denied.body.error?.code, 'forbidden');
    const b = new Client(t.app);
    await b.login('bestallare');
    assert.equal((await b.request('GET', '/api/audit')).status, 403);
  });

  test('another tenant\'s object answers 404', async () => {
    const grannby = new Client(t.app);
    await grannby.login('admin', 'avrop-demo', '212000-2437');
    const theirUsers = await grannby.request('GET', '/api/users');
    const theirId = (theirUsers.body.users as { id: string }[])[0]!.id;
    const exempel = new Client(t.app);
    await exempel.login('admin');
    const r = await exempel.request('GET', `/api/users/${theirId}`);
    assert.equal(r.status, 404);
    const p = await exempel.request('PATCH', `/api/users/${theirId}`, { displayName: 'Kapad' });
    assert.equal(p.status, 404);
    const still = await grannby.request('GET', `/api/users/${theirId}`);
    assert.notEqual(still.body.displayName, 'Kapad');
  });

  test('sign-out ends the session', async () => {
    const c = new Client(t.app);
    await c.login('godsmottagare');
    const cookie = c.cookie;
    assert.equal((await c.request('POST', '/api/auth/logout')).status, 200);
    c.cookie = cookie; // replaying the old cookie does not work
    assert.equal((await c.request('GET', '/api/me')).status, 401);
  });

  test('an idle or expired session is refused', async () => {
    const idle = new Client(t.app);
    await idle.login('fakturahanterare');
    const expired = new Client(t.app);
    await expired.login('fakturahanterare');
    assert.equal((await idle.request('GET', '/api/me')).status, 200);
    await t.db.query(`UPDATE sessions SET last_seen_at = now() - interval '61 minutes' WHERE id = (SELECT id FROM sessions ORDER BY created_at DESC OFFSET 1 LIMIT 1)`);
    await t.db.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id = (SELECT id FROM sessions ORDER BY created_at DESC LIMIT 1)`);
    const a = await idle.request('GET', '/api/me');
    const b = await expired.request('GET', '/api/me');
    assert.deepEqual([a.status, b.status], [401, 401]);
    assert.equal(a.body.error?.code, 'unauthenticated');
  });

  test('TOTP: once enabled, sign-in needs the one-time code', async () => {
    const c = new Client(t.app);
    await c.login('inkopscontroller');
    const setup = await c.request('POST', '/api/me/totp/setup');
    assert.equal(setup.status, 200);
    const secret = String(setup.body.secret);
    assert.match(String(setup.body.otpauthUrl), /^otpauth:\/\/totp\//);
    const wrong = await c.request('POST', '/api/me/totp/enable', { code: '000000' === currentTotp(secret) ? '111111' : '000000' });
    assert.equal(wrong.status, 400);
    assert.equal((await c.request('POST', '/api/me/totp/enable', { code: currentTotp(secret) })).status, 200);
    const again = new Client(t.app);
    const need = await again.login('inkopscontroller');
    assert.equal(need.status, 401);
    assert.equal(need.body.error?.code, 'totp_required');
    const code = currentTotp(secret);
    const withCode = await again.request('POST', '/api/auth/login', { username: 'inkopscontroller', password: 'avrop-demo', tenant: '212000-2411', totp: code });
    assert.equal(withCode.status, 200);
    const replay = await new Client(t.app).request('POST', '/api/auth/login', { username: 'inkopscontroller', password: 'avrop-demo', tenant: '212000-2411', totp: code });
    assert.equal(replay.status, 401);
    assert.match(String(replay.body.error?.message), /redan använts/);
  });

  test('changing one\'s password needs the current one and ends other sessions', async () => {
    const a = new Client(t.app);
    const b = new Client(t.app);
    await a.login('samordnare');
    await b.login('samordnare');
    const wrong = await a.request('POST', '/api/me/password', { currentPassword: 'fel-losenord', newPassword: 'ett-nytt-losenord' });
    assert.equal(wrong.status, 400);
    const short = await a.request('POST', '/api/me/password', { currentPassword: 'avrop-demo', newPassword: 'kort' });
    assert.equal(short.status, 400);
    assert.equal((await a.request('POST', '/api/me/password', { currentPassword: 'avrop-demo', newPassword: 'ett-nytt-losenord' })).status, 200);
    assert.equal((await a.request('GET', '/api/me')).status, 200);
    assert.equal((await b.request('GET', '/api/me')).status, 401);
    assert.equal((await new Client(t.app).login('samordnare', 'ett-nytt-losenord')).status, 200);
  });

  test('the OpenAPI document describes the routes', async () => {
    const r = await new Client(t.app).request('GET', '/api/openapi.json');
    assert.equal(r.status, 200);
    const paths = Object.keys(r.body.paths as Record<string, unknown>);
    for (const p of ['/api/auth/login', '/api/me', '/api/users', '/api/org/units', '/api/dimensions/{dim}/import', '/api/attest-rights', '/api/audit']) {
      assert.ok(paths.includes(p), `missing ${p}`);
    }
    const docs = await new Client(t.app).request('GET', '/api/docs/');
    assert.equal(docs.status, 200);
  });
});
