// The pure payment controls: which registered account an invoice is paid to, and every hold reason.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { paymentControls, NEW_SUPPLIER_DAYS, type ControlInput, type RegisteredAccount } from './controls.ts';

const today = '2026-11-27';
const bg = (over: Partial<RegisteredAccount> = {}): RegisteredAccount => ({ id: 'acc_bg', type: 'bankgiro', clearing: '', number: '56771231', bic: null, verified: true, since: '2025-01-01', ended: false, ...over });
const pg = (over: Partial<RegisteredAccount> = {}): RegisteredAccount => ({ id: 'acc_pg', type: 'plusgiro', clearing: '', number: '4417220', bic: null, verified: true, since: '2025-01-01', ended: false, ...over });
const bank = (over: Partial<RegisteredAccount> = {}): RegisteredAccount => ({ id: 'acc_bank', type: 'bank', clearing: '5401', number: '6543215', bic: null, verified: true, since: '2025-01-01', ended: false, ...over });

function input(over: Partial<ControlInput> & { accounts?: RegisteredAccount[] } = {}): ControlInput {
  const { accounts, ...rest } = over;
  return {
    amountOre: 125_000n, isCreditNote: false, stated: [{ type: 'bankgiro', id: '5677-1231' }],
    supplier: { name: 'Lev AB', blocked: false, fSkatt: true, accounts: accounts ?? [bg()] },
    earlierPayments: 3, supplierSince: '2024-01-01', duplicateOf: null, today,
    limits: { accountChangeDays: 30, newSupplierLimitOre: 5_000_000n, maxPaymentOre: 100_000_000n },
    ...rest,
  };
}
const reasons = (i: ControlInput) => paymentControls(i).holds.map((h) => h.reason).sort();
const minusDays = (n: number) => { const d = new Date(`${today}T00:00:00Z`); d.setUTCDate(d.getUTCDate() - n); return d.toISOString().slice(0, 10); };

describe('paymentControls', () => {
  test('the stated account is the verified registered one: paid there, no holds', () => {
    const r = paymentControls(input());
    assert.equal(r.account?.id, 'acc_bg');
    assert.deepEqual(r.holds, []);
  });

  test('nothing stated: the single verified account, no hold', () => {
    const r = paymentControls(input({ stated: [] }));
    assert.equal(r.account?.id, 'acc_bg');
    assert.deepEqual(r.holds, []);
  });

  test('account choice: the verified account matching the stated one wins over the others', () => {
    const accounts = [bg(), bank()];
    assert.equal(paymentControls(input({ accounts, stated: [{ type: 'bank', id: '5401-6543215' }] })).account?.id, 'acc_bank');
    assert.equal(paymentControls(input({ accounts, stated: [{ type: 'bankgiro', id: '56771231' }] })).account?.id, 'acc_bg');
    // Stated bank account without clearing still matches the account number.
    assert.equal(paymentControls(input({ accounts, stated: [{ type: 'bank', id: '6543215' }] })).account?.id, 'acc_bank');
    assert.deepEqual(reasons(input({ accounts, stated: [{ type: 'bank', id: '5401-6543215' }] })), []);
    // IBAN compares without spaces, case-insensitively.
    const iban: RegisteredAccount = { id: 'acc_iban', type: 'iban', clearing: '', number: 'SE3750000000058310012345', bic: 'ESSESESS', verified: true, since: '2025-01-01', ended: false };
    const r = paymentControls(input({ accounts: [bg(), iban], stated: [{ type: 'iban', id: 'se37 5000 0000 0583 1001 2345' }] }));
    assert.deepEqual([r.account?.id, r.holds], ['acc_iban', []]);
  });

  test('several verified, nothing stated: the bankgiro is preferred', () => {
    assert.equal(paymentControls(input({ accounts: [bank(), bg()], stated: [] })).account?.id, 'acc_bg');
  });

  test('account_mismatch: the invoice states another account than the registered one; paid to the registered', () => {
    const r = paymentControls(input({ stated: [{ type: 'bankgiro', id: '5050-1055' }] }));
    assert.equal(r.account?.id, 'acc_bg');
    assert.deepEqual(r.holds.map((h) => h.reason), ['account_mismatch']);
    assert.match(r.holds[0]!.detail, /5050-1055.*56771231/);
  });

  test('a verified account matching the stated one is chosen even when an unverified one also matches', () => {
    const r = paymentControls(input({ accounts: [bg({ id: 'acc_new', verified: false }), bg()], stated: [{ type: 'bankgiro', id: '56771231' }] }));
    assert.deepEqual([r.account?.id, r.holds], ['acc_bg', []]);
  });

  test('unverified_account: only unverified accounts, or none at all, or only ended ones', () => {
    for (const [accounts, detail] of [
      [[bg({ verified: false })], /inte verifierat/],
      [[], /inget registrerat betalkonto/],
      [[bg({ ended: true })], /inget registrerat betalkonto/],
    ] as const) {
      const r = paymentControls(input({ accounts: [...accounts] }));
      assert.equal(r.account, null);
      assert.deepEqual(r.holds.map((h) => h.reason), ['unverified_account']);
      assert.match(r.holds[0]!.detail, detail);
    }
  });

  test('an ended verified account is never paid to, even if the invoice states it', () => {
    const r = paymentControls(input({ accounts: [bg({ ended: true }), bank()] }));
    assert.equal(r.account?.id, 'acc_bank');
    assert.deepEqual(r.holds.map((h) => h.reason), ['account_mismatch']);
  });

  test('giro_mixup: the invoice bankgiro is the registered plusgiro (same digits), and the reverse; no extra mismatch hold', () => {
    const a = paymentControls(input({ accounts: [pg()], stated: [{ type: 'bankgiro', id: '441722-0' }] }));
    assert.deepEqual(a.holds.map((h) => h.reason), ['giro_mixup']);
    assert.match(a.holds[0]!.detail, /bankgiro 441722-0.*plusgiro/);
    assert.equal(a.account?.id, 'acc_pg');
    const b = paymentControls(input({ accounts: [bg()], stated: [{ type: 'plusgiro', id: '5677123-1' }] }));
    assert.deepEqual(b.holds.map((h) => h.reason), ['giro_mixup']);
    assert.match(b.holds[0]!.detail, /bankgiro/);
  });

  test('account_changed: the account was added/verified within the limit', () => {
    assert.deepEqual(reasons(input({ accounts: [bg({ since: minusDays(10) })] })), ['account_changed']);
    assert.deepEqual(reasons(input({ accounts: [bg({ since: minusDays(29) })] })), ['account_changed']);
    assert.deepEqual(reasons(input({ accounts: [bg({ since: minusDays(30) })] })), []);
  });

  test('new_supplier_large: first payment to a new supplier above the limit; not when paid before, old, or at the limit', () => {
    const fresh = { earlierPayments: 0, supplierSince: minusDays(10) };
    assert.deepEqual(reasons(input({ ...fresh, amountOre: 5_000_001n })), ['new_supplier_large']);
    assert.deepEqual(reasons(input({ ...fresh, amountOre: 5_000_000n })), []);
    assert.deepEqual(reasons(input({ ...fresh, amountOre: 9_000_000n, earlierPayments: 1 })), []);
    assert.deepEqual(reasons(input({ ...fresh, amountOre: 9_000_000n, supplierSince: minusDays(NEW_SUPPLIER_DAYS) })), []);
    assert.deepEqual(reasons(input({ ...fresh, amountOre: 9_000_000n, supplierSince: minusDays(NEW_SUPPLIER_DAYS - 1) })), ['new_supplier_large']);
  });

  test('over_limit: above the maximum payment', () => {
    assert.deepEqual(reasons(input({ amountOre: 100_000_001n })), ['over_limit']);
    assert.deepEqual(reasons(input({ amountOre: 100_000_000n })), []);
  });

  test('credit notes are not subject to the amount limits', () => {
    const big = input({ isCreditNote: true, amountOre: 900_000_000n, earlierPayments: 0, supplierSince: minusDays(1) });
    assert.deepEqual(reasons(big), []);
    // …but the account controls still apply.
    assert.deepEqual(reasons({ ...big, stated: [{ type: 'bankgiro', id: '5050-1055' }] }), ['account_mismatch']);
  });

  test('duplicate, no_fskatt and blocked_supplier', () => {
    const d = paymentControls(input({ duplicateOf: 'F-1001' }));
    assert.deepEqual(d.holds.map((h) => h.reason), ['duplicate']);
    assert.match(d.holds[0]!.detail, /F-1001/);
    assert.deepEqual(reasons(input({ supplier: { name: 'Lev AB', blocked: false, fSkatt: false, accounts: [bg()] } })), ['no_fskatt']);
    assert.deepEqual(reasons(input({ supplier: { name: 'Lev AB', blocked: false, fSkatt: null, accounts: [bg()] } })), [], 'unknown F-skatt is not a hold');
    const b = paymentControls(input({ supplier: { name: 'Spärrad AB', blocked: true, fSkatt: true, accounts: [bg()] } }));
    assert.deepEqual(b.holds.map((h) => h.reason), ['blocked_supplier']);
    assert.match(b.holds[0]!.detail, /Spärrad AB/);
  });

  test('several holds at once are all reported', () => {
    const r = paymentControls(input({
      amountOre: 200_000_000n, earlierPayments: 0, supplierSince: minusDays(5), duplicateOf: 'F-1',
      supplier: { name: 'X', blocked: true, fSkatt: false, accounts: [bg({ since: minusDays(1) })] }, stated: [{ type: 'bankgiro', id: '5050-1055' }],
    }));
    assert.deepEqual(r.holds.map((h) => h.reason).sort(), ['account_changed', 'account_mismatch', 'blocked_supplier', 'duplicate', 'new_supplier_large', 'no_fskatt', 'over_limit']);
  });
});
