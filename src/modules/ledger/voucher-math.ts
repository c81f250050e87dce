// Pure arithmetic for invoice coding (kontering) and the voucher (verifikation) it produces.
// Money is integer öre (bigint) throughout; rates and percents are decimal strings parsed into scaled
// integers. No floats anywhere, so every split sums exactly and every voucher balances.

/**
 * deductible = avdragsgill ingående moms (VAT-liable activity, e.g. VA).
 * compensation = momskompensation for municipalities (lag 2005:807), booked as a claim.
 * none = not reclaimable (e.g. representation, cars): the VAT becomes part of the cost.
 */
export type VatHandling = 'deductible' | 'compensation' | 'none';

export type CodingRowInput = {
  konto: string;
  ansvar: string;
  dimensions: Record<string, string>;
  amountOre: bigint;
  vatHandling: VatHandling;
  vatRatePercent?: string | null;
  linePosition?: number | null;
  text?: string | null;
};

export type CodingRow = CodingRowInput & { vatOre: bigint };

export type VatAccounts = { deductible: string; compensation: string; supplierDebt: string };

export type VoucherRow = {
  konto: string;
  ansvar: string | null;
  dimensions: Record<string, string>;
  debitOre: bigint;
  creditOre: bigint;
  text: string;
  kind: 'expense' | 'vat' | 'debt';
};

export type Voucher = { rows: VoucherRow[]; debitOre: bigint; creditOre: bigint };

/** Percents and rates carry at most four decimals: "25" → 250000n, "33,3333" → 333333n. */
const PERCENT_SCALE = 10_000n;
/** A percent scaled by PERCENT_SCALE, as a fraction: divide by 100 × PERCENT_SCALE. */
const RATE_DENOMINATOR = 100n * PERCENT_SCALE;
const percentPattern = /^(\d{1,3})(?:[.,](\d{1,4}))?$/;

function parseScaledPercent(value: string, what: string): bigint {
  const m = percentPattern.exec(value.trim());
  if (!m) throw new Error(`Ogiltig ${what}: "${value}" (ett icke-negativt tal med högst fyra decimaler).`);
  return BigInt(m[1]!) * PERCENT_SCALE + BigInt((m[2] ?? '').padEnd(4, '0'));
}

function abs(v: bigint): bigint {
  return v < 0n ? -v : v;
}

/** Mathematical floor division (bigint `/` truncates toward zero). Requires d > 0. */
function floorDiv(n: bigint, d: bigint): bigint {
  const q = n / d;
  return n % d < 0n ? q - 1n : q;
}

export function sumOre(values: bigint[]): bigint {
  let s = 0n;
  for (const v of values) s += v;
  return s;
}

/**
 * Largest-remainder apportionment of `total` in proportion to integer `weights` (any signs, but the
 * weight sum must be non-zero). The exact quota of part i is q_i = total × w_i / W with W = Σw.
 * Every part first gets floor(q_i); the k = total − Σfloor(q_i) öre left over (0 ≤ k < n) go one each
 * to the parts with the largest fractional remainders q_i − floor(q_i), ties to the earlier part.
 * The remainders share the denominator |W|, so they are compared as integers: no rounding, ever.
 * So Σparts = total exactly and |part_i − q_i| < 1 öre for every part.
 *
 * A negative total is apportioned as −(apportion(−total)), so a credit note gets exactly the mirror
 * image of the corresponding invoice (the floor would otherwise tilt rounding towards −∞).
 */
function apportion(total: bigint, weights: bigint[]): bigint[] {
  if (total < 0n) return apportion(-total, weights).map((v) => -v);
  let w = weights;
  let sum = sumOre(w);
  if (sum === 0n) throw new Error('Fördelningen saknar vikter (summan av vikterna är noll).');
  if (sum < 0n) {
    // q_i = total × w_i / W is unchanged when every weight changes sign; keep the denominator positive.
    w = w.map((x) => -x);
    sum = -sum;
  }
  const parts: bigint[] = [];
  const remainders: { index: number; rest: bigint }[] = [];
  let left = total;
  w.forEach((weight, index) => {
    const numerator = total * weight;
    const floor = floorDiv(numerator, sum);
    parts.push(floor);
    remainders.push({ index, rest: numerator - floor * sum }); // 0 ≤ rest < W: the remainder × W
    left -= floor;
  });
  remainders.sort((a, b) => (a.rest === b.rest ? a.index - b.index : a.rest > b.rest ? -1 : 1));
  for (let i = 0; i < Number(left); i++) {
    const target = remainders[i]!.index;
    parts[target] = parts[target]! + 1n;
  }
  return parts;
}

/**
 * Distributes the invoice's total VAT over the coding rows so that the row VATs sum exactly to
 * totalVatOre.
 *
 * Method: each row's weight is amount × rate, where rate is the row's own vatRatePercent when given
 * (a row coded from an invoice line) or else the invoice's effective rate totalVat / netTotal. Both
 * kinds are put over the common denominator 100 × 10 000 × |netTotal| so that all weights are exact
 * integers:
 *   explicit rate p% (scaled P = p × 10 000):  w = amount × P × |netTotal|
 *   effective rate:                            w = amount × totalVat × sign(netTotal) × 1 000 000
 * (when netTotal is 0 the effective rate is undefined: such rows weigh 0 and explicit rows weigh
 * amount × P). The total VAT is then apportioned over the weights by the largest-remainder method
 * (see `apportion`), ties going to the earlier row. So each row's VAT is within one öre of its exact
 * proportional share of the invoice VAT, even when the invoice VAT differs by rounding from the sum of
 * the per-line products. Negative rows (discounts, credit rows) get negative weights and VAT.
 *
 * A zero-VAT invoice gives every row 0. If the weights sum to zero while the VAT does not (no row has
 * a rate, or positive and negative rows cancel), the VAT is spread in proportion to |amount| instead.
 */
export function allocateVat(rows: CodingRowInput[], totalVatOre: bigint, netTotalOre: bigint): CodingRow[] {
  const explicit = rows.map((row) =>
    row.vatRatePercent === null || row.vatRatePercent === undefined ? null : parseScaledPercent(row.vatRatePercent, 'momssats'));
  if (totalVatOre === 0n) return rows.map((row) => ({ ...row, vatOre: 0n }));
  if (rows.length === 0) throw new Error('Momsen kan inte fördelas: fakturan har inga konteringsrader.');

  const netAbs = abs(netTotalOre);
  const netSign = netTotalOre < 0n ? -1n : 1n;
  let weights = rows.map((row, i) => {
    const rate = explicit[i];
    if (rate !== null && rate !== undefined) return netAbs === 0n ? row.amountOre * rate : row.amountOre * rate * netAbs;
    return netAbs === 0n ? 0n : row.amountOre * totalVatOre * netSign * RATE_DENOMINATOR;
  });
  if (sumOre(weights) === 0n) weights = rows.map((row) => abs(row.amountOre));
  if (sumOre(weights) === 0n) {
    throw new Error('Momsen kan inte fördelas: alla konteringsrader har beloppet noll.');
  }
  const vat = apportion(totalVatOre, weights);
  return rows.map((row, i) => ({ ...row, vatOre: vat[i]! }));
}

/**
 * Splits totalOre by percents ("33.3333", "33,3333", "50"; at most four decimals, none negative) that
 * must sum to exactly 100. The parts sum exactly to totalOre (largest remainder, ties to the earlier).
 */
export function splitByPercent(totalOre: bigint, percents: string[]): bigint[] {
  const scaled = percents.map((p) => parseScaledPercent(p, 'procentsats'));
  const sum = sumOre(scaled);
  if (sum !== RATE_DENOMINATOR) {
    const whole = sum / PERCENT_SCALE;
    const frac = (sum % PERCENT_SCALE).toString().padStart(4, '0').replace(/0+$/, '');
    throw new Error(`Procentsatserna måste summera till exakt 100, men summerar till ${whole}${frac ? `,${frac}` : ''}.`);
  }
  return apportion(totalOre, scaled);
}

/**
 * Builds the voucher for a coded supplier invoice. Amounts are as stated on the document (so positive
 * on a credit note too); isCreditNote reverses every side.
 *
 * Rows, in this order:
 *   expense — one per coding row on its konto/ansvar/dimensions: amount (+ VAT when vatHandling is
 *             'none', the VAT then being part of the cost), debited;
 *   vat     — deductible VAT summed to accounts.deductible, then compensation VAT summed to
 *             accounts.compensation (ansvar null, no dimensions), debited;
 *   debt    — Σamount + ΣVAT credited to accounts.supplierDebt.
 * A negative value lands on the other side; zero rows are dropped. Throws if supplierDebtOre is given
 * and differs from Σamount + ΣVAT, and (as a last guard) if the voucher does not balance.
 */
export function buildVoucher(input: {
  rows: CodingRow[];
  accounts: VatAccounts;
  isCreditNote: boolean;
  text: string;
  supplierDebtOre?: bigint;
}): Voucher {
  const { rows, accounts, isCreditNote, text } = input;
  const sign = isCreditNote ? -1n : 1n;
  const out: VoucherRow[] = [];

  // `debitValue` is the signed amount on the debit side of an invoice: > 0 debit, < 0 credit.
  const push = (row: Omit<VoucherRow, 'debitOre' | 'creditOre'>, debitValue: bigint): void => {
    const v = debitValue * sign;
    if (v === 0n) return;
    out.push({ ...row, debitOre: v > 0n ? v : 0n, creditOre: v < 0n ? -v : 0n });
  };

  for (const row of rows) {
    const cost = row.amountOre + (row.vatHandling === 'none' ? row.vatOre : 0n);
    push({ konto: row.konto, ansvar: row.ansvar, dimensions: { ...row.dimensions }, text: row.text ?? text, kind: 'expense' }, cost);
  }

  const vatOf = (handling: VatHandling): bigint => sumOre(rows.filter((r) => r.vatHandling === handling).map((r) => r.vatOre));
  push({ konto: accounts.deductible, ansvar: null, dimensions: {}, text, kind: 'vat' }, vatOf('deductible'));
  push({ konto: accounts.compensation, ansvar: null, dimensions: {}, text, kind: 'vat' }, vatOf('compensation'));

  const debt = sumOre(rows.map((r) => r.amountOre)) + sumOre(rows.map((r) => r.vatOre));
  if (input.supplierDebtOre !== undefined && input.supplierDebtOre !== debt) {
    throw new Error(
      `Leverantörsskulden ${input.supplierDebtOre} öre stämmer inte med konteringens belopp inklusive moms, ${debt} öre.`,
    );
  }
  push({ konto: accounts.supplierDebt, ansvar: null, dimensions: {}, text, kind: 'debt' }, -debt);

  const debitOre = sumOre(out.map((r) => r.debitOre));
  const creditOre = sumOre(out.map((r) => r.creditOre));
  for (const r of out) {
    if ((r.debitOre === 0n) === (r.creditOre === 0n) || r.debitOre < 0n || r.creditOre < 0n) {
      throw new Error(`Verifikationen balanserar inte: raden på konto ${r.konto} har debet ${r.debitOre} och kredit ${r.creditOre} öre.`);
    }
  }
  if (debitOre !== creditOre) {
    throw new Error(`Verifikationen balanserar inte: debet ${debitOre} öre, kredit ${creditOre} öre.`);
  }
  return { rows: out, debitOre, creditOre };
}
