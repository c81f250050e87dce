// DECIMAL-READY
// Exact decimal arithmetic on BigInt scaled integers for the EN 16931 sum and rounding rules (BR-CO-*, BR-S-08 …).
// A Decimal is `value × 10^-scale`. Never convert amounts to floats for checks.

export type Decimal = { value: bigint; scale: number };

/** Parses an xs:decimal lexical value ('12', '-0.50', '+3.', '.5', surrounding whitespace allowed). Undefined when not a decimal.
 * Results are cached by the raw string (amounts repeat a lot); Decimals are never mutated. */
export function parseDecimal(raw: string | undefined): Decimal | undefined {
  if (raw === undefined) return undefined;
  const hit = cache.get(raw);
  if (hit !== undefined) return hit === null ? undefined : hit;
  const d = scanDecimal(raw);
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(raw, d ?? null);
  return d;
}

const CACHE_MAX = 4096;
const cache = new Map<string, Decimal | null>();

const isBlank = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

/** The xs:decimal lexical scan: blanks, optional sign, digits, optional '.' and digits, blanks; at least one digit. */
function scanDecimal(raw: string): Decimal | undefined {
  const n = raw.length;
  let i = 0;
  while (i < n && isBlank(raw.charCodeAt(i))) i++;
  let end = n;
  while (end > i && isBlank(raw.charCodeAt(end - 1))) end--;
  let negative = false;
  const s0 = raw.charCodeAt(i);
  if (s0 === 0x2d || s0 === 0x2b) { negative = s0 === 0x2d; i++; }
  let digits = 0;
  let scale = 0;
  let dot = false;
  let small = 0; // the digits as a number: exact while there are at most 15 of them (10^15 < 2^53)
  for (let k = i; k < end; k++) {
    const c = raw.charCodeAt(k);
    if (c === 0x2e) {
      if (dot) return undefined;
      dot = true;
      continue;
    }
    if (c < 0x30 || c > 0x39) return undefined;
    digits++;
    if (dot) scale++;
    if (digits <= 15) small = small * 10 + (c - 0x30);
  }
  if (digits === 0) return undefined;
  let v: bigint;
  if (digits <= 15) v = BigInt(small);
  else {
    let ds = '';
    for (let k = i; k < end; k++) { const c = raw.charCodeAt(k); if (c !== 0x2e) ds += raw[k]; }
    v = BigInt(ds);
  }
  return { value: negative ? -v : v, scale };
}

// A fast path for rules that do integer arithmetic in doubles: the plain lexical form most amounts are written in
// ('-'? digits ('.' digits)?, at most 15 digits, no blanks or '+') scanned straight to a scaled integer, without the
// cache lookup and the BigInt → Number conversions of `parseDecimal`. Any other form gives NaN: the caller then
// takes its exact `parseDecimal` path, so a result is always the one `parseDecimal` would give.
let plainScaleOf = 0;

/** `parseDecimal(raw)` as `value` (a safe integer) when `raw` is a plain decimal of at most 15 digits, else NaN;
 * `lastPlainScale()` is then its scale. */
export function plainScaled(raw: string): number {
  const n = raw.length;
  let i = 0;
  let negative = false;
  if (n > 0 && raw.charCodeAt(0) === 0x2d) { negative = true; i = 1; }
  let v = 0;
  let digits = 0;
  let scale = 0;
  let dot = false;
  for (; i < n; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      v = v * 10 + (c - 0x30);
      digits++;
      if (dot) scale++;
    } else if (c === 0x2e && !dot) dot = true;
    else return NaN;
  }
  if (digits === 0 || digits > 15) return NaN;
  plainScaleOf = scale;
  return negative ? 0 - v : v; // 0 - 0 is +0: a -0 would make the result a heap number
}

/** The scale of the last number `plainScaled` returned (module state: a pair would cost an allocation per value). */
export function lastPlainScale(): number {
  return plainScaleOf;
}

/** Number of digits after the decimal point as written (for BR-DEC-*), or undefined when not a decimal. */
export function fractionDigits(raw: string): number | undefined {
  const d = parseDecimal(raw);
  return d === undefined ? undefined : d.scale;
}

export function fromBigInt(v: bigint, scale = 0): Decimal {
  return { value: v, scale };
}

export const ZERO: Decimal = { value: 0n, scale: 0 };

const POW10: bigint[] = [];
export function pow10(n: number): bigint {
  let p = POW10[n];
  if (p === undefined) { p = 10n ** BigInt(n); POW10[n] = p; }
  return p;
}

function rescale(d: Decimal, scale: number): bigint {
  return d.scale === scale ? d.value : d.value * pow10(scale - d.scale);
}

export function add(a: Decimal, b: Decimal): Decimal {
  const s = a.scale > b.scale ? a.scale : b.scale;
  return { value: rescale(a, s) + rescale(b, s), scale: s };
}

export function sub(a: Decimal, b: Decimal): Decimal {
  const s = a.scale > b.scale ? a.scale : b.scale;
  return { value: rescale(a, s) - rescale(b, s), scale: s };
}

export function mul(a: Decimal, b: Decimal): Decimal {
  return { value: a.value * b.value, scale: a.scale + b.scale };
}

export function neg(a: Decimal): Decimal {
  return { value: -a.value, scale: a.scale };
}

export function abs(a: Decimal): Decimal {
  return a.value < 0n ? neg(a) : a;
}

/** Sum of a list (ZERO for an empty list). */
export function sum(list: readonly Decimal[]): Decimal {
  let r = ZERO;
  for (const d of list) r = add(r, d);
  return r;
}

/** -1, 0 or 1. */
export function compare(a: Decimal, b: Decimal): -1 | 0 | 1 {
  const s = a.scale > b.scale ? a.scale : b.scale;
  const x = rescale(a, s);
  const y = rescale(b, s);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function eq(a: Decimal, b: Decimal): boolean {
  return compare(a, b) === 0;
}

export function isZero(a: Decimal): boolean {
  return a.value === 0n;
}

/** Divides by 10^n exactly (e.g. percent → fraction with n = 2). */
export function divPow10(a: Decimal, n: number): Decimal {
  return { value: a.value, scale: a.scale + n };
}

/** Rounding modes: 'half-up' = ties away from zero (commercial rounding, EN 16931 text);
 * 'half-ceiling' = ties toward +infinity (XPath/XSLT `round()`, used by the official Schematron as round(x * 100) div 100). */
export type RoundingMode = 'half-up' | 'half-ceiling';

/** Rounds to `places` decimals. */
export function round(a: Decimal, places = 2, mode: RoundingMode = 'half-up'): Decimal {
  if (a.scale <= places) return { value: rescale(a, places), scale: places };
  const f = pow10(a.scale - places);
  let q = a.value / f; // truncates toward zero
  const r = a.value - q * f; // same sign as a.value
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice > f) q += a.value < 0n ? -1n : 1n;
  else if (twice === f) {
    if (mode === 'half-up') q += a.value < 0n ? -1n : 1n;
    else if (a.value > 0n) q += 1n; // half-ceiling: ties go up toward +inf; negative ties truncate toward zero (= up)
  }
  return { value: q, scale: places };
}

/** Rounds half-up (away from zero) to 2 decimals, as EN 16931 specifies for amounts. */
export function round2(a: Decimal): Decimal {
  return round(a, 2, 'half-up');
}

/** a / b rounded to `places` decimals (half-up). Undefined when b is zero. */
export function div(a: Decimal, b: Decimal, places = 10, mode: RoundingMode = 'half-up'): Decimal | undefined {
  if (b.value === 0n) return undefined;
  // a/b = (a.value / 10^as) / (b.value / 10^bs); compute with places + 1 extra digits then round.
  const extra = places + 1;
  let num = a.value * pow10(extra + b.scale);
  let den = b.value * pow10(a.scale);
  if (den < 0n) { den = -den; num = -num; }
  const q = num / den; // truncated, scale = extra
  const rem = num - q * den;
  // a non-zero remainder pushes exact ties just past the tie in the right direction
  const sticky = rem === 0n ? 0n : rem > 0n ? 1n : -1n;
  const withSticky: Decimal = { value: q * 10n + sticky, scale: extra + 1 };
  return round(withSticky, places, mode);
}

/** Canonical string without exponent (keeps the scale: 1.50 stays '1.50'). */
export function toString(a: Decimal): string {
  const negative = a.value < 0n;
  let s = (negative ? -a.value : a.value).toString();
  if (a.scale > 0) {
    if (s.length <= a.scale) s = '0'.repeat(a.scale - s.length + 1) + s;
    s = `${s.slice(0, s.length - a.scale)}.${s.slice(s.length - a.scale)}`;
  }
  return negative ? `-${s}` : s;
}

/** Removes trailing fractional zeros (1.500 → 1.5, 2.00 → 2). */
export function normalize(a: Decimal): Decimal {
  let { value, scale } = a;
  while (scale > 0 && value % 10n === 0n) { value /= 10n; scale--; }
  return { value, scale };
}
