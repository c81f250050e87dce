import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  allocateVat,
  buildVoucher,
  splitByPercent,
  sumOre,
  type CodingRow,
  type CodingRowInput,
  type VatAccounts,
  type VatHandling,
  type Voucher,
} from './voucher-math.ts';

const accounts: VatAccounts = { deductible: '2641', compensation: '1573', supplierDebt: '2440' };

function row(amountOre: bigint, extra: Partial<CodingRowInput> = {}): CodingRowInput {
  return { konto: '5410', ansvar: '100', dimensions: {}, amountOre, vatHandling: 'compensation', ...extra };
}

function vats(rows: CodingRow[]): bigint[] {
  return rows.map((r) => r.vatOre);
}

/** A voucher row as [kind, konto, debit, credit] for compact assertions. */
function sides(v: Voucher): [string, string, bigint, bigint][] {
  return v.rows.map((r) => [r.kind, r.konto, r.debitOre, r.creditOre]);
}

test('sumOre adds exactly, beyond 2^53', () => {
  assert.equal(sumOre([]), 0n);
  assert.equal(sumOre([9007199254740993n, 1n, -5n]), 9007199254740989n);
});

test('allocateVat: 1 000,00 + 250,00 VAT in three rows 333,33/333,33/333,34 gives 83,33/83,33/83,34', () => {
  const rows = allocateVat([row(33333n), row(33333n), row(33334n)], 25000n, 100000n);
  assert.deepEqual(vats(rows), [8333n, 8333n, 8334n]);
  assert.equal(sumOre(vats(rows)), 25000n);
  // The input fields are kept.
  assert.equal(rows[2]!.amountOre, 33334n);
  assert.equal(rows[2]!.konto, '5410');
});

test('allocateVat: leftover öre go to the largest remainders, ties to the earlier row', () => {
  // 100,00 VAT over three equal rows: quotas 33,333… each; the single leftover öre goes to row 1.
  assert.deepEqual(vats(allocateVat([row(13333n), row(13333n), row(13333n)], 10000n, 39999n)), [3334n, 3333n, 3333n]);
  // 0,02 over 1/1/1/1: rows 1 and 2 get one öre each.
  assert.deepEqual(vats(allocateVat([row(100n), row(100n), row(100n), row(100n)], 2n, 400n)), [1n, 1n, 0n, 0n]);
  // Unequal remainders: 10,00 over 1/2/4 (quotas 1,428…/2,857…/5,714…) → 1,43/2,86/5,71.
  assert.deepEqual(vats(allocateVat([row(100n), row(200n), row(400n)], 1000n, 700n)), [143n, 286n, 571n]);
});

test('allocateVat: mixed 25 %/12 %/6 % lines, invoice VAT differs from the per-line products by rounding', () => {
  const lines = [
    row(19998n, { vatRatePercent: '25' }), // 49,995
    row(19998n, { vatRatePercent: '25' }), // 49,995
    row(19998n, { vatRatePercent: '25.00' }), // 49,995
    row(33333n, { vatRatePercent: '12' }), // 39,9996
    row(5707n, { vatRatePercent: '6' }), // 3,4242
    row(4142n, { vatRatePercent: '6,0' }), // 2,4852
  ];
  // The supplier rounded per line (50,00 × 3 + 40,00 + 3,42 + 2,49 = 195,91), while the exact
  // products sum to 195,8940: the invoice VAT is 1,6 öre above them.
  const invoiceVat = 19591n;
  const rows = allocateVat(lines, invoiceVat, sumOre(lines.map((l) => l.amountOre)));
  assert.equal(sumOre(vats(rows)), invoiceVat);
  assert.deepEqual(vats(rows), [5000n, 5000n, 5000n, 4000n, 342n, 249n]);
  // Every row within one öre of amount × rate.
  for (const r of rows) {
    const exactTimes100 = r.amountOre * BigInt(r.vatRatePercent!.split(/[.,]/)[0]!); // whole-percent rates here
    assert.ok(r.vatOre * 100n - exactTimes100 <= 100n && exactTimes100 - r.vatOre * 100n <= 100n, `${r.amountOre}`);
  }

  // When the supplier computed the VAT per rate group instead (599,94 × 25 % = 149,99; 333,33 × 12 % =
  // 40,00; 98,49 × 6 % = 5,91; in all 195,90) the allocation still sums exactly.
  const groupVat = 14999n + 4000n + 591n;
  const regrouped = allocateVat(lines, groupVat, sumOre(lines.map((l) => l.amountOre)));
  assert.equal(sumOre(vats(regrouped)), groupVat);
  assert.deepEqual(vats(regrouped), [5000n, 5000n, 5000n, 4000n, 342n, 248n]);
});

test('allocateVat: rows without a rate use the invoice effective rate, next to rows with a line rate', () => {
  // Invoice: 800,00 at 25 % (200,00) + 200,00 at 12 % (24,00) = 1 000,00 net, 224,00 VAT. The 25 % part
  // is coded on two rows without a rate, the 12 % line keeps its rate.
  const rows = allocateVat(
    [row(50000n), row(30000n), row(20000n, { vatRatePercent: '12' })],
    22400n,
    100000n,
  );
  // Effective rate 22,4 %: weights 112,00 + 67,20 + (200,00 × 12 %) 24,00 = 203,20, scaled up to 224,00:
  // quotas 123,4646… / 74,0787… / 26,4566… → 123,46 / 74,08 / 26,46.
  assert.equal(sumOre(vats(rows)), 22400n);
  assert.deepEqual(vats(rows), [12346n, 7408n, 2646n]);
});

test('allocateVat: a negative row (discount) takes negative VAT', () => {
  // 1 200,00 goods minus a 200,00 discount = 1 000,00 net, 250,00 VAT.
  const rows = allocateVat([row(120000n), row(-20000n)], 25000n, 100000n);
  assert.deepEqual(vats(rows), [30000n, -5000n]);
  // With a line rate on the discount row too.
  const perLine = allocateVat(
    [row(99999n, { vatRatePercent: '25' }), row(-3333n, { vatRatePercent: '25' })],
    24167n, // 249,9975 − 8,3325 = 241,665 → 241,67 on the invoice
    96666n,
  );
  assert.deepEqual(vats(perLine), [25000n, -833n]);
  assert.equal(sumOre(vats(perLine)), 24167n);
});

test('allocateVat: a credit invoice (all negative) is the exact mirror image of the invoice', () => {
  const rows = allocateVat([row(-33333n), row(-33333n), row(-33334n)], -25000n, -100000n);
  assert.deepEqual(vats(rows), [-8333n, -8333n, -8334n]);
  assert.deepEqual(vats(allocateVat([row(-13333n), row(-13333n), row(-13333n)], -10000n, -39999n)), [-3334n, -3333n, -3333n]);
});

test('allocateVat: zero VAT gives zero on every row', () => {
  assert.deepEqual(vats(allocateVat([row(12345n), row(-345n, { vatRatePercent: '25' })], 0n, 12000n)), [0n, 0n]);
  assert.deepEqual(allocateVat([], 0n, 0n), []);
});

test('allocateVat: falls back to |amount| when the weights sum to zero but the VAT does not', () => {
  // Every row says 0 %, yet the invoice carries 3,00 VAT.
  assert.deepEqual(
    vats(allocateVat([row(10000n, { vatRatePercent: '0' }), row(20000n, { vatRatePercent: '0' })], 300n, 30000n)),
    [100n, 200n],
  );
  // Net total 0 (no effective rate) and no line rates.
  assert.deepEqual(vats(allocateVat([row(10000n), row(-10000n)], 100n, 0n)), [50n, 50n]);
  // Nothing to weigh at all: refused.
  assert.throws(() => allocateVat([row(0n), row(0n)], 100n, 0n), /alla konteringsrader har beloppet noll/);
  assert.throws(() => allocateVat([], 100n, 0n), /inga konteringsrader/);
});

test('allocateVat: refuses malformed rates', () => {
  for (const bad of ['', 'tjugofem', '-25', '25.00001', '1e2', '25 %']) {
    assert.throws(() => allocateVat([row(100n, { vatRatePercent: bad })], 25n, 100n), /Ogiltig momssats/, bad);
  }
});

test('splitByPercent: 33,3333/33,3333/33,3334 of 100,00 kr sums exactly', () => {
  const parts = splitByPercent(10000n, ['33.3333', '33.3333', '33.3334']);
  assert.deepEqual(parts, [3333n, 3333n, 3334n]);
  assert.equal(sumOre(parts), 10000n);
  assert.deepEqual(splitByPercent(1n, ['33.3333', '33,3333', '33.3334']), [0n, 0n, 1n]);
  assert.deepEqual(splitByPercent(100n, ['33.3333', '33.3333', '33.3334']), [33n, 33n, 34n]);
  assert.deepEqual(splitByPercent(99999n, ['12.5', '0', '87.5']), [12500n, 0n, 87499n]);
  assert.deepEqual(splitByPercent(-10000n, ['33.3333', '33.3333', '33.3334']), [-3333n, -3333n, -3334n]);
  assert.deepEqual(splitByPercent(0n, ['100']), [0n]);
  assert.deepEqual(splitByPercent(10n, ['1', '1', '1', '97']), [0n, 0n, 0n, 10n]);
});

test('splitByPercent: percents that do not sum to exactly 100 or are malformed are refused', () => {
  assert.throws(() => splitByPercent(10000n, ['33.3333', '33.3333', '33.3333']), /summera till exakt 100, men summerar till 99,9999/);
  assert.throws(() => splitByPercent(10000n, ['50', '50.0001']), /summerar till 100,0001/);
  assert.throws(() => splitByPercent(10000n, []), /summerar till 0\./);
  for (const bad of ['-10', '50.00001', 'femtio', '']) {
    assert.throws(() => splitByPercent(10000n, [bad, '50']), /Ogiltig procentsats/, bad);
  }
});

function mixRows(): CodingRow[] {
  return [
    { konto: '5410', ansvar: '100', dimensions: { verksamhet: '350' }, amountOre: 80000n, vatHandling: 'deductible', vatOre: 20000n, text: 'VA-material' },
    { konto: '6071', ansvar: '200', dimensions: {}, amountOre: 10000n, vatHandling: 'none', vatOre: 1200n },
    { konto: '4010', ansvar: '300', dimensions: { projekt: 'P1' }, amountOre: 50000n, vatHandling: 'compensation', vatOre: 12500n },
    { konto: '4010', ansvar: '300', dimensions: {}, amountOre: 30000n, vatHandling: 'compensation', vatOre: 7500n },
  ];
}

test('buildVoucher: deductible, compensation and non-reclaimable VAT in one balanced voucher', () => {
  const v = buildVoucher({ rows: mixRows(), accounts, isCreditNote: false, text: 'Faktura 4711 Leverantör AB' });
  assert.deepEqual(sides(v), [
    ['expense', '5410', 80000n, 0n],
    ['expense', '6071', 11200n, 0n], // 100,00 + 12,00 VAT that cannot be reclaimed
    ['expense', '4010', 50000n, 0n],
    ['expense', '4010', 30000n, 0n],
    ['vat', '2641', 20000n, 0n],
    ['vat', '1573', 20000n, 0n], // 125,00 + 75,00 aggregated
    ['debt', '2440', 0n, 211200n],
  ]);
  assert.equal(v.debitOre, 211200n);
  assert.equal(v.creditOre, 211200n);
  assert.equal(v.rows[0]!.text, 'VA-material');
  assert.equal(v.rows[1]!.text, 'Faktura 4711 Leverantör AB');
  assert.deepEqual(v.rows[0]!.dimensions, { verksamhet: '350' });
  assert.equal(v.rows[0]!.ansvar, '100');
  for (const r of v.rows.filter((x) => x.kind !== 'expense')) {
    assert.equal(r.ansvar, null);
    assert.deepEqual(r.dimensions, {});
  }
  // The dimensions are copied, not shared with the coding row.
  const rows = mixRows();
  const again = buildVoucher({ rows, accounts, isCreditNote: false, text: 't' });
  again.rows[0]!.dimensions['verksamhet'] = 'x';
  assert.equal(rows[0]!.dimensions['verksamhet'], '350');
});

test('buildVoucher: a credit note reverses every row', () => {
  const invoice = buildVoucher({ rows: mixRows(), accounts, isCreditNote: false, text: 'x' });
  const credit = buildVoucher({ rows: mixRows(), accounts, isCreditNote: true, text: 'x' });
  assert.deepEqual(sides(credit), [
    ['expense', '5410', 0n, 80000n],
    ['expense', '6071', 0n, 11200n],
    ['expense', '4010', 0n, 50000n],
    ['expense', '4010', 0n, 30000n],
    ['vat', '2641', 0n, 20000n],
    ['vat', '1573', 0n, 20000n],
    ['debt', '2440', 211200n, 0n],
  ]);
  assert.deepEqual(sides(credit), sides(invoice).map(([k, konto, d, c]) => [k, konto, c, d]));
  assert.equal(credit.debitOre, credit.creditOre);
});

test('buildVoucher: a negative row lands on the other side, zero rows are dropped', () => {
  const rows: CodingRow[] = [
    { konto: '4010', ansvar: '300', dimensions: {}, amountOre: 120000n, vatHandling: 'compensation', vatOre: 30000n },
    { konto: '4010', ansvar: '300', dimensions: {}, amountOre: -20000n, vatHandling: 'compensation', vatOre: -5000n, text: 'Rabatt' },
    { konto: '5410', ansvar: '100', dimensions: {}, amountOre: 0n, vatHandling: 'deductible', vatOre: 0n },
  ];
  const v = buildVoucher({ rows, accounts, isCreditNote: false, text: 'x' });
  assert.deepEqual(sides(v), [
    ['expense', '4010', 120000n, 0n],
    ['expense', '4010', 0n, 20000n],
    ['vat', '1573', 25000n, 0n],
    ['debt', '2440', 0n, 125000n],
  ]);
  assert.equal(v.rows[1]!.text, 'Rabatt');
  for (const r of v.rows) assert.ok((r.debitOre === 0n) !== (r.creditOre === 0n));
  // A coding whose deductible VAT nets negative books the VAT row as a credit.
  const net = buildVoucher({
    rows: [
      { konto: '5410', ansvar: '1', dimensions: {}, amountOre: 1000n, vatHandling: 'none', vatOre: 250n },
      { konto: '5410', ansvar: '1', dimensions: {}, amountOre: -2000n, vatHandling: 'deductible', vatOre: -500n },
    ],
    accounts,
    isCreditNote: false,
    text: 'x',
  });
  assert.deepEqual(sides(net), [
    ['expense', '5410', 1250n, 0n],
    ['expense', '5410', 0n, 2000n],
    ['vat', '2641', 0n, 500n],
    ['debt', '2440', 1250n, 0n],
  ]);
  // An all-zero coding gives an empty (trivially balanced) voucher.
  assert.deepEqual(buildVoucher({ rows: [], accounts, isCreditNote: false, text: 'x' }), { rows: [], debitOre: 0n, creditOre: 0n });
});

test('buildVoucher: the supplier debt must match the coding when given', () => {
  const v = buildVoucher({ rows: mixRows(), accounts, isCreditNote: false, text: 'x', supplierDebtOre: 211200n });
  assert.equal(v.rows.at(-1)!.creditOre, 211200n);
  assert.throws(
    () => buildVoucher({ rows: mixRows(), accounts, isCreditNote: false, text: 'x', supplierDebtOre: 211201n }),
    /Leverantörsskulden 211201 öre stämmer inte .* 211200 öre/,
  );
});

/** xorshift32: a small deterministic PRNG on integers only. */
function prng(seed: number): (n: number) => number {
  let s = seed >>> 0 || 1;
  return (n: number): number => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s % n;
  };
}

test('property: 1 000 random codings give exact VAT sums, near-proportional shares and balanced vouchers', () => {
  const rand = prng(20050807);
  const handlings: VatHandling[] = ['deductible', 'compensation', 'none'];
  const rates = [null, null, '25', '12', '6', '0', '12.5', '6,25', '25.0000', '0.0001'];
  const scaledRate = (r: string): bigint => {
    const [i, f = ''] = r.replace(',', '.').split('.');
    return BigInt(i!) * 10000n + BigInt(f.padEnd(4, '0'));
  };
  let fallbacks = 0;
  for (let iter = 0; iter < 1000; iter++) {
    const count = 1 + rand(8);
    const inputs: CodingRowInput[] = [];
    for (let i = 0; i < count; i++) {
      let amount = BigInt(rand(3_000_000)) - (rand(4) === 0 ? 1_000_000n : 0n);
      if (amount === 0n) amount = 1n;
      if (rand(50) === 0) amount *= 1_000_000n; // large amounts, beyond float precision in the products
      inputs.push({
        konto: `${4000 + rand(3000)}`,
        ansvar: `${rand(900)}`,
        dimensions: rand(2) === 0 ? {} : { projekt: `P${rand(10)}` },
        amountOre: amount,
        vatHandling: handlings[rand(3)]!,
        vatRatePercent: rates[rand(rates.length)] ?? null,
        linePosition: i + 1,
      });
    }
    const net = sumOre(inputs.map((r) => r.amountOre));
    // The invoice VAT: 25 % of the net, nudged by a few öre of supplier rounding (sometimes zero VAT).
    const totalVat = rand(20) === 0 ? 0n : (net * 25n) / 100n + BigInt(rand(11)) - 5n;
    const rows = allocateVat(inputs, totalVat, net);
    assert.equal(sumOre(vats(rows)), totalVat, `iteration ${iter}: VAT sum`);

    // Each row is within one öre of its exact share totalVat × w_i / W (weights over one denominator).
    const weights = inputs.map((r) =>
      r.vatRatePercent ? r.amountOre * scaledRate(r.vatRatePercent) * (net < 0n ? -net : net) : r.amountOre * totalVat * (net < 0n ? -1n : 1n) * 1_000_000n,
    );
    const W = sumOre(weights);
    if (W !== 0n && net !== 0n) {
      const absW = W < 0n ? -W : W;
      rows.forEach((r, i) => {
        const diff = r.vatOre * W - totalVat * weights[i]!; // (vat − quota) × W
        assert.ok((diff < 0n ? -diff : diff) < absW, `iteration ${iter}, row ${i}: ${r.vatOre} not within 1 öre of its share`);
      });
    } else if (totalVat !== 0n) {
      fallbacks++;
    }

    // Mirror: negating amounts and VAT negates every share.
    const mirrored = allocateVat(inputs.map((r) => ({ ...r, amountOre: -r.amountOre })), -totalVat, -net);
    assert.deepEqual(vats(mirrored), vats(rows).map((v) => -v), `iteration ${iter}: mirror`);

    const isCreditNote = rand(3) === 0;
    const v = buildVoucher({ rows, accounts, isCreditNote, text: `Faktura ${iter}`, supplierDebtOre: net + totalVat });
    assert.equal(v.debitOre, v.creditOre, `iteration ${iter}: balance`);
    assert.equal(sumOre(v.rows.map((r) => r.debitOre)), v.debitOre);
    assert.equal(sumOre(v.rows.map((r) => r.creditOre)), v.creditOre);
    for (const r of v.rows) assert.ok((r.debitOre === 0n) !== (r.creditOre === 0n) && r.debitOre >= 0n && r.creditOre >= 0n);
    const debt = v.rows.filter((r) => r.kind === 'debt');
    const expectedDebt = (net + totalVat) * (isCreditNote ? -1n : 1n);
    assert.equal(debt.length, expectedDebt === 0n ? 0 : 1);
    if (debt[0]) assert.equal(debt[0].creditOre - debt[0].debitOre, expectedDebt);
    // Expense rows keep coding-row order; VAT rows come before the debt row.
    const rank = { expense: 0, vat: 1, debt: 2 } as const;
    v.rows.forEach((r, i) => assert.ok(i === 0 || rank[v.rows[i - 1]!.kind] <= rank[r.kind], `iteration ${iter}: row order`));
    const vatKontos = v.rows.filter((r) => r.kind === 'vat').map((r) => r.konto);
    assert.ok(vatKontos.join() === ['2641', '1573'].filter((k) => vatKontos.includes(k)).join(), 'deductible before compensation');
    // Non-reclaimable VAT is in the expense rows, never in a VAT row.
    const vatRowsTotal = sumOre(v.rows.filter((r) => r.kind === 'vat').map((r) => r.debitOre - r.creditOre));
    const reclaimable = sumOre(rows.filter((r) => r.vatHandling !== 'none').map((r) => r.vatOre));
    assert.equal(vatRowsTotal, reclaimable * (isCreditNote ? -1n : 1n));
  }
  assert.ok(fallbacks < 100, `fallbacks ${fallbacks}`);
});
