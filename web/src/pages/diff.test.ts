import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diff } from './diff.ts';

test('diff lists changed and unchanged fields with dotted paths', () => {
  const rows = diff({ name: 'A', roles: ['x'], nested: { v: 1 } }, { name: 'B', roles: ['x', 'y'], nested: { v: 1 }, added: true });
  assert.deepEqual(rows, [
    { field: 'name', before: 'A', after: 'B', changed: true },
    { field: 'roles', before: 'x', after: 'x, y', changed: true },
    { field: 'nested.v', before: '1', after: '1', changed: false },
    { field: 'added', before: '–', after: 'true', changed: true },
  ]);
});

test('diff handles a creation (no before) and an empty event', () => {
  assert.deepEqual(diff(null, { code: '1' }), [{ field: 'code', before: '–', after: '1', changed: true }]);
  assert.deepEqual(diff(null, null), []);
});
