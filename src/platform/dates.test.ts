import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isIsoDate, periodsOverlap, todayInStockholm } from './dates.ts';

test('today is the Stockholm calendar date around midnight and DST changes', () => {
  assert.equal(todayInStockholm(new Date('2026-11-26T22:59:59Z')), '2026-11-26'); // 23:59:59 CET
  assert.equal(todayInStockholm(new Date('2026-11-26T23:00:00Z')), '2026-11-27'); // 00:00 CET
  assert.equal(todayInStockholm(new Date('2026-06-30T21:59:59Z')), '2026-06-30'); // 23:59:59 CEST
  assert.equal(todayInStockholm(new Date('2026-06-30T22:00:00Z')), '2026-07-01');
  assert.equal(todayInStockholm(new Date('2026-03-29T00:30:00Z')), '2026-03-29'); // spring forward night
  assert.equal(todayInStockholm(new Date('2026-10-24T22:30:00Z')), '2026-10-25'); // fall back night
});

test('ISO dates must be real calendar dates', () => {
  assert.ok(isIsoDate('2024-02-29'));
  assert.ok(!isIsoDate('2026-02-29'));
  assert.ok(!isIsoDate('2026-13-01'));
  assert.ok(!isIsoDate('26-01-01'));
  assert.ok(!isIsoDate('2026-1-1'));
});

test('periods overlap inclusively; null is open-ended', () => {
  assert.ok(periodsOverlap('2026-01-01', '2026-06-30', '2026-06-30', null));
  assert.ok(!periodsOverlap('2026-01-01', '2026-06-30', '2026-07-01', null));
  assert.ok(periodsOverlap('2026-01-01', null, '2020-01-01', '2026-01-01'));
  assert.ok(!periodsOverlap('2026-01-01', null, '2020-01-01', '2025-12-31'));
});
