import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canEdit, canView, startsOnTasks, visiblePages } from './access.ts';

test('the revisor sees the audit trail but no administration', () => {
  const ids = visiblePages(['revisor']).map((p) => p.id);
  assert.ok(ids.includes('audit'));
  assert.ok(!ids.includes('users'));
  assert.ok(!ids.includes('attestRights'));
  assert.equal(canEdit('organisation', ['revisor']), false);
});

test('the systemförvaltare sees and edits administration', () => {
  for (const id of ['organisation', 'coding', 'users', 'attestRights', 'audit'] as const) assert.ok(canView(id, ['systemforvaltare']));
  assert.ok(canEdit('users', ['systemforvaltare']));
});

test('a beställare sees only the overview, the tasks and the account, and starts on the tasks', () => {
  assert.deepEqual(visiblePages(['bestallare']).map((p) => p.id), ['overview', 'tasks', 'account']);
  assert.ok(startsOnTasks(['bestallare', 'godsmottagare']));
  assert.ok(!startsOnTasks(['bestallare', 'fakturahanterare']));
  assert.ok(canView('invoice', ['bestallare']));
});

test('the workbench is for accounts payable and those following it up', () => {
  assert.ok(canView('workbench', ['fakturahanterare']));
  assert.ok(canView('workbench', ['revisor']));
  assert.ok(!canView('workbench', ['bestallare']));
  assert.ok(canEdit('referenceCodes', ['ekonom']));
  assert.ok(!canEdit('referenceCodes', ['fakturahanterare']));
});

test('the fakturahanterare sees invoices, intake and suppliers; the beslutsattestant only reads invoices', () => {
  const clerk = visiblePages(['fakturahanterare']).map((p) => p.id);
  for (const id of ['invoices', 'receiveInvoice', 'suppliers'] as const) assert.ok(clerk.includes(id));
  assert.ok(canEdit('suppliers', ['fakturahanterare']));
  const approver = visiblePages(['beslutsattestant']).map((p) => p.id);
  assert.ok(approver.includes('invoices'));
  assert.ok(!approver.includes('receiveInvoice'));
  assert.ok(!approver.includes('suppliers'));
  assert.equal(canEdit('suppliers', ['revisor']), false);
  assert.equal(canView('receiveInvoice', ['revisor']), false);
});

test('the ekonom sees and runs ledger and payments; the revisor and fakturahanterare only read them', () => {
  const ekonom = visiblePages(['ekonom']).map((p) => p.id);
  for (const id of ['ledger', 'ledgerExport', 'payments', 'reconcile', 'lateCost'] as const) {
    assert.ok(ekonom.includes(id), id);
  }
  for (const id of ['ledgerExport', 'payments', 'reconcile'] as const) assert.ok(canEdit(id, ['ekonom']), id);
  for (const role of ['revisor', 'fakturahanterare'] as const) {
    for (const id of ['ledger', 'ledgerExport', 'payments', 'lateCost'] as const) {
      assert.ok(canView(id, [role]), `${role} ${id}`);
      assert.equal(canEdit(id, [role]), false, `${role} ${id}`);
    }
    assert.equal(canView('reconcile', [role]), false, `${role} reconcile`);
  }
  for (const id of ['ledger', 'payments', 'reconcile', 'lateCost'] as const) assert.equal(canView(id, ['bestallare']), false, id);
  assert.equal(canView('payments', ['beslutsattestant']), false);
});
