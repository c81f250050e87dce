// Durable jobs: idempotent enqueue, SKIP LOCKED claiming, retry with backoff, final failure.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Database } from '../../src/platform/db/types.ts';
import { withTenant } from '../../src/platform/db/tenant.ts';
import { createTenant } from '../../src/platform/tenants.ts';
import { claimJobs, enqueueJob, runDueJobs } from '../../src/platform/jobs/jobs.ts';
import { createTestDatabase, testDbKind } from '../support/db.ts';

describe(`durable jobs on ${testDbKind}`, () => {
  let db: Database;
  let tenant: string;
  before(async () => {
    db = await createTestDatabase();
    tenant = (await db.transaction((tx) => createTenant(tx, { name: 'Jobb kommun', orgNumber: '212000-0101' }))).id;
  });
  after(() => db.close());

  test('the same idempotency key gives one job', async () => {
    const a = await withTenant(db, tenant, (tx) => enqueueJob(tx, { tenantId: tenant, kind: 'test.echo', payload: { n: 1 }, idempotencyKey: 'echo-1' }));
    const b = await withTenant(db, tenant, (tx) => enqueueJob(tx, { tenantId: tenant, kind: 'test.echo', payload: { n: 2 }, idempotencyKey: 'echo-1' }));
    assert.equal(a.created, true);
    assert.equal(b.created, false);
    assert.equal(a.id, b.id);
  });

  test('a job enqueued in a rolled-back transaction does not exist', async () => {
    await assert.rejects(withTenant(db, tenant, async (tx) => {
      await enqueueJob(tx, { tenantId: tenant, kind: 'test.echo', idempotencyKey: 'rolled-back' });
      throw new Error('boom');
    }));
    const r = await db.query('SELECT 1 FROM jobs WHERE idempotency_key = $1', ['rolled-back']);
    assert.equal(r.rows.length, 0);
  });

  test('a claimed job is not claimed again while its lease runs', async () => {
    await db.transaction((tx) => enqueueJob(tx, { tenantId: null, kind: 'test.lease', idempotencyKey: 'lease-1' }));
    const first = await claimJobs(db, ['test.lease']);
    const second = await claimJobs(db, ['test.lease']);
    assert.equal(first.length, 1);
    assert.equal(second.length, 0);
  });

  test('a failing job is retried later with backoff, then done', async () => {
    await db.transaction((tx) => enqueueJob(tx, { tenantId: null, kind: 'test.flaky', idempotencyKey: 'flaky-1' }));
    let calls = 0;
    const handlers = { 'test.flaky': async () => { calls++; if (calls === 1) throw new Error('temporary'); } };
    assert.equal(await runDueJobs(db, handlers), 1);
    const row = (await db.query<{ status: string; attempts: number; last_error: string; due_in: string }>(
      `SELECT status, attempts, last_error, extract(epoch FROM run_at - now())::int::text AS due_in FROM jobs WHERE idempotency_key = 'flaky-1'`)).rows[0]!;
    assert.equal(row.status, 'pending');
    assert.equal(row.attempts, 1);
    assert.equal(row.last_error, 'temporary');
    assert.ok(Number(row.due_in) >= 1);
    assert.equal(await runDueJobs(db, handlers), 0, 'not due yet');
    await db.query(`UPDATE jobs SET run_at = now() WHERE idempotency_key = 'flaky-1'`);
    assert.equal(await runDueJobs(db, handlers), 1);
    const done = (await db.query<{ status: string }>(`SELECT status FROM jobs WHERE idempotency_key = 'flaky-1'`)).rows[0]!;
    assert.equal(done.status, 'done');
    assert.equal(calls, 2);
  });

  test('after max attempts the job fails for good', async () => {
    await db.transaction((tx) => enqueueJob(tx, { tenantId: null, kind: 'test.broken', idempotencyKey: 'broken-1' }));
    await db.query(`UPDATE jobs SET max_attempts = 2 WHERE idempotency_key = 'broken-1'`);
    const handlers = { 'test.broken': async () => { throw new Error('permanent'); } };
    await runDueJobs(db, handlers);
    await db.query(`UPDATE jobs SET run_at = now() WHERE idempotency_key = 'broken-1'`);
    await runDueJobs(db, handlers);
    const row = (await db.query<{ status: string; attempts: number }>(`SELECT status, attempts FROM jobs WHERE idempotency_key = 'broken-1'`)).rows[0]!;
    assert.deepEqual(row, { status: 'failed', attempts: 2 });
  });

  test('another tenant cannot see the job', async () => {
    const other = (await db.transaction((tx) => createTenant(tx, { name: 'Annan kommun', orgNumber: '212000-0102' }))).id;
    const seen = await withTenant(db, other, (tx) => tx.query('SELECT 1 FROM jobs'));
    assert.equal(seen.rows.length, 0);
    const own = await withTenant(db, tenant, (tx) => tx.query('SELECT 1 FROM jobs WHERE tenant_id IS NOT NULL'));
    assert.equal(own.rows.length, 1);
  });
});
