import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allocate } from './propose-coding.ts';

test('allocate splits exactly by weights, remainders to the largest fractions', () => {
  assert.deepEqual(allocate(10000n, [1n, 1n, 1n]), [3334n, 3333n, 3333n]);
  assert.deepEqual(allocate(100n, [70n, 20n, 10n]), [70n, 20n, 10n]);
  assert.deepEqual(allocate(101n, [1n, 2n]), [34n, 67n]);
  // A shares template of 33.3333 / 66.6667 % on 1 000,00 kr.
  assert.deepEqual(allocate(100000n, [333333n, 666667n]), [33333n, 66667n]);
});

test('allocate keeps the sign of a negative total and never loses an öre', () => {
  assert.deepEqual(allocate(-10000n, [1n, 1n, 1n]).reduce((a, b) => a + b, 0n), -10000n);
  for (let total = -500n; total <= 500n; total += 7n) {
    const parts = allocate(total, [3n, 5n, 11n, 1n]);
    assert.equal(parts.reduce((a, b) => a + b, 0n), total, `total ${total}`);
    const exact = [3, 5, 11, 1].map((w) => (Number(total) * w) / 20);
    parts.forEach((p, i) => assert.ok(Math.abs(Number(p) - exact[i]!) < 1, `part ${i} of ${total}: ${p} vs ${exact[i]}`));
  }
});

test('allocate with all-zero weights puts everything on the first row', () => {
  assert.deepEqual(allocate(500n, [0n, 0n]), [500n, 0n]);
});
