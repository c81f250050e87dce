import { test } from 'node:test';
import assert from 'node:assert/strict';
import { luhnCheckDigit } from '../../formats/identifiers/index.ts';
import { CLEARING_RANGES, checkSwedishBankAccount, clearingRange, formatBankAccount, mod11BankCheckDigit, mod11Valid, type BankAccountMethod } from './bank-account.ts';

/** A valid account for a clearing number, built from `seed` with the method's check digit. */
function validAccount(clearing: string, method: BankAccountMethod, seed: number): string {
  for (let s = seed; ; s++) {
    switch (method) {
      case '1:1':
      case '1:2': {
        const body = String(s % 1_000_000).padStart(6, '0');
        const c = mod11BankCheckDigit(`${method === '1:1' ? clearing.slice(1) : clearing}${body}`);
        if (c >= 0) return `${body}${c}`;
        break;
      }
      case '2:1': { const body = String(s % 1e9).padStart(9, '0'); return `${body}${luhnCheckDigit(body)}`; }
      case '2:2': {
        const body = String(s % 1e8).padStart(8, '0');
        const c = mod11BankCheckDigit(body);
        if (c >= 0) return `${body}${c}`;
        break;
      }
      case '2:3': { const body = String(s % 1e9).padStart(9, '0'); return `${body}${luhnCheckDigit(body)}`; }
    }
  }
}

/** Changes one digit so that the check fails (mod 11 and Luhn both detect a single changed digit). */
function corrupt(account: string, at: number): string {
  const d = account.charCodeAt(at) - 48;
  return `${account.slice(0, at)}${(d + 1) % 10}${account.slice(at + 1)}`;
}

test('mod 11 helpers agree: a computed check digit always validates', () => {
  for (const payload of ['234567890', '1234567', '00000000', '9999999999', '123']) {
    const c = mod11BankCheckDigit(payload);
    if (c >= 0) assert.ok(mod11Valid(`${payload}${c}`), payload);
  }
  assert.ok(mod11Valid('0000000000'));
  assert.ok(!mod11Valid('0000000001'));
});

test('every clearing range: first, middle and last clearing number accept a valid account and refuse a changed digit', () => {
  for (const r of CLEARING_RANGES) {
    for (const cl of new Set([r.from, Math.floor((r.from + r.to) / 2), r.to])) {
      const clearing = String(cl);
      const account = validAccount(clearing, r.method, cl * 7 + 13);
      const ok = checkSwedishBankAccount(clearing, account);
      assert.ok(ok.ok, `${clearing} ${account} (${r.bank}, ${r.method}): ${JSON.stringify(ok)}`);
      assert.equal(ok.bank, r.bank);
      assert.equal(ok.method, r.method);
      for (let at = 0; at < account.length; at++) {
        const bad = checkSwedishBankAccount(clearing, corrupt(account, at));
        assert.equal(bad.ok, false, `${clearing} ${corrupt(account, at)} should fail`);
        assert.equal(!bad.ok && bad.reason, 'checksum');
      }
    }
  }
});

test('type 1 comment 1 ignores the first clearing digit; comment 2 includes it', () => {
  // SEB 5208 (1:1): the same account under 5xxx with the same last three digits is valid as well.
  const acc = validAccount('5208', '1:1', 1234);
  assert.ok(checkSwedishBankAccount('5208', acc).ok);
  assert.ok(checkSwedishBankAccount('7208', acc).ok, 'Swedbank 7208 is 1:1 with the same last three digits');
  // Nordea 4xxx (1:2): the whole clearing number counts.
  const acc2 = validAccount('4123', '1:2', 99);
  assert.ok(checkSwedishBankAccount('4123', acc2).ok);
  const sum = (s: string) => s.split('').reduce((a, d) => a + Number(d), 0);
  assert.ok(sum('4123') >= 0);
});

test('ranges do not overlap and the gaps are unknown banks', () => {
  const sorted = [...CLEARING_RANGES].sort((a, b) => a.from - b.from);
  for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i]!.from > sorted[i - 1]!.to, `${sorted[i - 1]!.to} / ${sorted[i]!.from}`);
  for (const gap of ['0999', '1000', '2100', '2299', '2500', '2999', '9000', '9010', '9030', '9050', '9080', '9200', '9290', '9350', '9450', '9600', '9650', '9690', '9720', '9800', '9900', '9959', '9970']) {
    assert.equal(clearingRange(Number(gap)), null, gap);
    const r = checkSwedishBankAccount(gap, '1234567');
    assert.deepEqual(r, { ok: false, reason: 'clearing-unknown' });
  }
});

test('Nordea personkonto 3300 and 3782 are type 2 (mod 10 over the personnummer)', () => {
  assert.equal(clearingRange(3300)?.method, '2:1');
  assert.equal(clearingRange(3782)?.method, '2:1');
  assert.equal(clearingRange(3301)?.method, '1:1');
  assert.equal(clearingRange(3781)?.method, '1:1');
  // 811218-9876 is a valid (fictional) personnummer.
  assert.ok(checkSwedishBankAccount('3300', '8112189876').ok);
  assert.equal(checkSwedishBankAccount('3300', '8112189875').ok, false);
});

test('Swedbank 8xxx: five-digit clearing with its own check digit, account zero-filled to 10 digits', () => {
  const cd = luhnCheckDigit('8327');
  assert.equal(cd, 9);
  const acc = validAccount('8327', '2:3', 12345678);
  const r = checkSwedishBankAccount('8327-9', acc);
  assert.ok(r.ok);
  assert.equal(r.ok && r.clearing, '83279');
  // Four digits given: the check digit is added.
  const r4 = checkSwedishBankAccount('8327', acc);
  assert.equal(r4.ok && r4.clearing, '83279');
  assert.deepEqual(checkSwedishBankAccount('83278', acc), { ok: false, reason: 'clearing-checksum', bank: 'Swedbank' });
  // Shorter accounts are zero-filled: 12345674 (Luhn-valid) → 0012345674.
  const short = `1234567${luhnCheckDigit('1234567')}`;
  const rs = checkSwedishBankAccount('8327-9', short);
  assert.equal(rs.ok && rs.account, short.padStart(10, '0'));
  assert.equal(formatBankAccount('83279', '0012345674'), '8327-9, 0012345674');
});

test('a fifth clearing digit is refused outside Swedbank 8xxx', () => {
  assert.deepEqual(checkSwedishBankAccount('50001', '1234567'), { ok: false, reason: 'clearing-length', bank: 'SEB' });
});

test('Handelsbanken accepts 8 or 9 digits (zero-filled) and refuses other lengths', () => {
  const acc = validAccount('6789', '2:2', 1234567);
  assert.equal(acc.length, 9);
  assert.ok(checkSwedishBankAccount('6789', acc).ok);
  if (acc.startsWith('0')) assert.ok(checkSwedishBankAccount('6789', acc.slice(1)).ok);
  assert.equal((checkSwedishBankAccount('6789', '1234567') as { reason: string }).reason, 'account-length');
  assert.equal((checkSwedishBankAccount('6789', '1234567890') as { reason: string }).reason, 'account-length');
});

test('lengths, characters and separators', () => {
  assert.deepEqual(checkSwedishBankAccount('', '1'), { ok: false, reason: 'clearing-empty' });
  assert.deepEqual(checkSwedishBankAccount('52O8', '1'), { ok: false, reason: 'clearing-characters' });
  assert.deepEqual(checkSwedishBankAccount('520', '1'), { ok: false, reason: 'clearing-length' });
  assert.deepEqual(checkSwedishBankAccount('5208', ''), { ok: false, reason: 'account-empty', bank: 'SEB' });
  assert.deepEqual(checkSwedishBankAccount('5208', '12A4567'), { ok: false, reason: 'account-characters', bank: 'SEB' });
  assert.deepEqual(checkSwedishBankAccount('5208', '123456'), { ok: false, reason: 'account-length', bank: 'SEB' });
  assert.deepEqual(checkSwedishBankAccount('5208', '12345678'), { ok: false, reason: 'account-length', bank: 'SEB' });
  assert.deepEqual(checkSwedishBankAccount('9180', '123456789'), { ok: false, reason: 'account-length', bank: 'Danske Bank' });
  const acc = validAccount('5208', '1:1', 42);
  const spaced = `${acc.slice(0, 2)} ${acc.slice(2, 5)} ${acc.slice(5)}`;
  assert.ok(checkSwedishBankAccount(' 5208 ', spaced).ok);
  assert.ok(checkSwedishBankAccount('5208', `${acc.slice(0, 6)}-${acc.slice(6)}`).ok);
});

test('published example accounts (worked by hand, independent of the helpers above)', () => {
  // Forex 9420 (1:1): 4·10+2·9+0·8+4·7+1·6+7·5+2·4+3·3+8·2+5·1 = 165 = 15·11.
  assert.ok(checkSwedishBankAccount('9420', '417 23 85').ok);
  // Klarna 9789 (1:2): the whole clearing number counts: sum 253 = 23·11.
  assert.ok(checkSwedishBankAccount('9789', '1111113').ok);
  // Handelsbanken (2:2): 1·9+2·8+…+9·1 = 165.
  assert.ok(checkSwedishBankAccount('6789', '123456789').ok);
  assert.deepEqual(checkSwedishBankAccount('6789', '123456788'), { ok: false, reason: 'checksum', bank: 'Handelsbanken' });
  // Swedbank and savings banks with five-digit clearing numbers (2:3).
  for (const [c, a] of [['8424-4', '983 189 224-6'], ['8351-9', '392 242 224-5'], ['8129-9', '043 386 711-6']] as const) {
    assert.ok(checkSwedishBankAccount(c, a).ok, `${c} ${a}`);
  }
  assert.equal(checkSwedishBankAccount('8351-9', '3922422240').ok, false);
  // Nordea personkonto (2:1): the account number is a personnummer.
  assert.ok(checkSwedishBankAccount('3300', '000620-5124').ok);
});
