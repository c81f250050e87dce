// Row-level security keeps tenants apart even when a query forgets its filter; the audit trail is
// append-only and its hash chain detects tampering. Runs on PGlite and on the PostgreSQL server.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Database } from '../../src/platform/db/types.ts';
import { withTenant } from '../../src/platform/db/tenant.ts';
import { createTenant } from '../../src/platform/tenants.ts';
import { recordEvent, verifyChain, listEvents } from '../../src/platform/audit/index.ts';
import { createUnit, listUnits } from '../../src/modules/org/index.ts';
import { createTestDatabase, testDbKind } from '../support/db.ts';

describe(`tenancy and audit on ${testDbKind}`, () => {
  let db: Database;
  let a: string;
  let b: string;

  before(async () => {
    db = await createTestDatabase();
    a = (await db.transaction((tx) => createTenant(tx, { name: 'A kommun', orgNumber: '212000-0001' }))).id;
    b = (await db.transaction((tx) => createTenant(tx, { name: 'B kommun', orgNumber: '212000-0002' }))).id;
    await withTenant(db, a, (tx) => createUnit(tx, null, { parentId: null, code: 'KS', name: 'Kommunstyrelsen A', kind: 'namnd' }));
    await withTenant(db, b, (tx) => createUnit(tx, null, { parentId: null, code: 'KS', name: 'Kommunstyrelsen B', kind: 'namnd' }));
  });
  after(() => db.close());

  test('a query without a tenant filter sees only its own tenant', async () => {
    const rows = await withTenant(db, a, (tx) => tx.query<{ name: string; tenant_id: string }>('SELECT name, tenant_id FROM org_units'));
    assert.deepEqual(rows.rows.map((r) => r.name), ['Kommunstyrelsen A']);
    assert.ok(rows.rows.every((r) => r.tenant_id === a));
    const units = await withTenant(db, b, (tx) => listUnits(tx));
    assert.deepEqual(units.map((u) => u.name), ['Kommunstyrelsen B']);
  });

  test('every table with a tenant_id has row-level security (sessions are system-only)', async () => {
    const r = await db.query<{ table_name: string; rls: boolean; app_can_read: boolean }>(
      `SELECT c.relname AS table_name, c.relrowsecurity AS rls, has_table_privilege('avrop_app', c.oid, 'SELECT') AS app_can_read
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r'
          AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
        ORDER BY 1`);
    assert.ok(r.rows.length >= 15, `found ${r.rows.length} tenant tables`);
    const unprotected = r.rows.filter((t) => !t.rls && t.table_name !== 'sessions');
    assert.deepEqual(unprotected, []);
    const sessions = r.rows.find((t) => t.table_name === 'sessions')!;
    assert.equal(sessions.app_can_read, false, 'the application role cannot read sessions');
  });

  test('the application role without a tenant sees nothing', async () => {
    const n = await db.transaction(async (tx) => {
      await tx.exec('SET LOCAL ROLE avrop_app');
      return (await tx.query<{ n: string }>('SELECT count(*)::text AS n FROM org_units')).rows[0]!.n;
    });
    assert.equal(n, '0');
  });

  test('writing a row for another tenant is refused', async () => {
    await assert.rejects(
      withTenant(db, a, (tx) => tx.query(`INSERT INTO org_units (id, tenant_id, code, name, kind) VALUES ('unit_x', $1, 'X', 'Smuggled', 'namnd')`, [b])),
      /row-level security/);
    await assert.rejects(
      withTenant(db, a, (tx) => tx.query(`UPDATE org_units SET tenant_id = $1`, [b])),
      /row-level security/);
    const count = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM org_units WHERE name = 'Smuggled'`);
    assert.equal(count.rows[0]!.n, '0');
  });

  test('updating another tenant\'s row touches nothing', async () => {
    const r = await withTenant(db, a, (tx) => tx.query(`UPDATE org_units SET name = 'Hijacked' WHERE tenant_id = $1`, [b]));
    assert.equal(r.rowCount, 0);
    const names = await db.query<{ name: string }>('SELECT name FROM org_units ORDER BY name');
    assert.deepEqual(names.rows.map((x) => x.name), ['Kommunstyrelsen A', 'Kommunstyrelsen B']);
  });

  test('audit events form a gap-free hash chain per tenant', async () => {
    await withTenant(db, a, async (tx) => {
      for (let i = 0; i < 5; i++) await recordEvent(tx, { actor: null, action: 'test.event', entityType: 'test', entityId: String(i), after: { i, text: 'åäö "quoted"' } });
    });
    const verdict = await withTenant(db, a, (tx) => verifyChain(tx));
    assert.deepEqual(verdict, { ok: true, checked: 6, firstBroken: null }); // 1 unit + 5 events
    const list = await withTenant(db, a, (tx) => listEvents(tx, { action: 'test.' }));
    assert.deepEqual(list.events.map((e) => e.seq), [6, 5, 4, 3, 2]);
    const other = await withTenant(db, b, (tx) => verifyChain(tx));
    assert.equal(other.checked, 1);
  });

  test('the database refuses to update or delete audit events', async () => {
    await assert.rejects(withTenant(db, a, (tx) => tx.query(`UPDATE audit_events SET action = 'x'`)), /permission denied|append-only/);
    await assert.rejects(withTenant(db, a, (tx) => tx.query('DELETE FROM audit_events')), /permission denied|append-only/);
    await assert.rejects(db.query(`UPDATE audit_events SET action = 'x'`), /append-only/); // even the owner
    await assert.rejects(db.query('DELETE FROM audit_events'), /append-only/);
  });

  test('verification names the first tampered event', async () => {
    // Tamper as a superuser would: bypass the trigger and rewrite history.
    await db.transaction(async (tx) => {
      await tx.exec('ALTER TABLE audit_events DISABLE TRIGGER audit_append_only');
      await tx.query(`UPDATE audit_events SET after = '{"i": 99}' WHERE tenant_id = $1 AND seq = 3`, [a]);
      await tx.exec('ALTER TABLE audit_events ENABLE TRIGGER audit_append_only');
    });
    const verdict = await withTenant(db, a, (tx) => verifyChain(tx));
    assert.equal(verdict.ok, false);
    assert.deepEqual(verdict.firstBroken, { seq: 3, reason: 'hash' });
    assert.equal((await withTenant(db, b, (tx) => verifyChain(tx))).ok, true);
  });
});
