import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, ApiError, setApiLanguage, setCsrfToken, setUnauthenticatedHandler } from './client.ts';
import { errorText, fieldErrors } from './errors.ts';
import type { TFunction } from 'i18next';

type Call = { url: string; init: RequestInit };
const realFetch = globalThis.fetch;
let calls: Call[] = [];

function stub(status: number, body: unknown): void {
  calls = [];
  globalThis.fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(body === undefined ? '' : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  }) as typeof fetch;
}

afterEach(() => {
  globalThis.fetch = realFetch;
  setCsrfToken(null);
  setApiLanguage('sv');
  setUnauthenticatedHandler(null);
});

const header = (c: Call, name: string) => (c.init.headers as Record<string, string>)[name];

test('GET sends cookies, Accept-Language and no CSRF token; query skips empty values', async () => {
  stub(200, { ok: 1 });
  setCsrfToken('tok');
  setApiLanguage('en');
  const r = await api<{ ok: number }>('/dimensions/konto/values', { query: { q: 'a b', validOn: '', x: undefined } });
  assert.deepEqual(r, { ok: 1 });
  const c = calls[0]!;
  assert.equal(c.url, '/api/dimensions/konto/values?q=a+b');
  assert.equal(c.init.method, 'GET');
  assert.equal(c.init.credentials, 'same-origin');
  assert.equal(header(c, 'Accept-Language'), 'en');
  assert.equal(header(c, 'X-CSRF-Token'), undefined);
});

test('every non-GET request carries the CSRF token; JSON and raw bodies get their content type', async () => {
  stub(200, {});
  setCsrfToken('tok');
  await api('/users', { json: { a: 1 } });
  await api('/users/1', { method: 'PATCH', json: {} });
  await api('/substitutes/1', { method: 'DELETE' });
  await api('/dimensions/konto/import', { raw: { body: 'kod;namn', contentType: 'text/csv' } });
  assert.deepEqual(calls.map((c) => [c.init.method, header(c, 'X-CSRF-Token')]), [['POST', 'tok'], ['PATCH', 'tok'], ['DELETE', 'tok'], ['POST', 'tok']]);
  assert.equal(header(calls[0]!, 'Content-Type'), 'application/json');
  assert.equal(calls[0]!.init.body, '{"a":1}');
  assert.equal(header(calls[3]!, 'Content-Type'), 'text/csv');
  assert.equal(calls[3]!.init.body, 'kod;namn');
});

test('the error shape becomes an ApiError with code, message and details', async () => {
  stub(429, { error: { code: 'too_many_attempts', message: 'För många', details: { retryAfterSeconds: 600 } } });
  await assert.rejects(api('/auth/login', { json: {} }), (e: unknown) => {
    assert.ok(e instanceof ApiError);
    assert.equal(e.status, 429);
    assert.equal(e.code, 'too_many_attempts');
    assert.equal(e.message, 'För många');
    assert.deepEqual(e.details, { retryAfterSeconds: 600 });
    return true;
  });
});

test('a body without the error shape still gives a usable error', async () => {
  stub(502, undefined);
  await assert.rejects(api('/health'), (e: unknown) => e instanceof ApiError && e.code === 'internal' && e.status === 502);
});

test('401 unauthenticated calls the handler unless the request is quiet', async () => {
  let called = 0;
  setUnauthenticatedHandler(() => called++);
  stub(401, { error: { code: 'unauthenticated', message: 'x' } });
  await assert.rejects(api('/users'));
  await assert.rejects(api('/me', { quiet401: true }));
  assert.equal(called, 1);
});

test('field errors strip the body. prefix; messages use the interface wording for sign-in codes', () => {
  const e = new ApiError(400, 'validation_failed', 'Ogiltigt', { issues: [{ path: 'body.maxAmount', message: 'fel' }, { path: ['roles', 0], message: 'okänd' }] });
  assert.deepEqual(fieldErrors(e), { maxAmount: 'fel', 'roles.0': 'okänd' });
  const t = ((key: string, opts?: Record<string, unknown>) => `${key}${opts ? JSON.stringify(opts) : ''}`) as unknown as TFunction;
  assert.equal(errorText(t, new ApiError(401, 'invalid_credentials', 'server')), 'errors.invalid_credentials');
  assert.equal(errorText(t, new ApiError(409, 'conflict', 'Perioderna får inte överlappa.')), 'Perioderna får inte överlappa.');
  assert.match(errorText(t, new ApiError(429, 'too_many_attempts', 'x', { retryAfterSeconds: 600 })), /^errors\.too_many_attempts/);
  assert.equal(errorText(t, new ApiError(429, 'too_many_attempts', 'x')), 'errors.too_many_attempts_nowait');
});
