// Finds a municipality's reference code (referenskod, e.g. KS4411) in the messy text suppliers put
// on invoices. Pure: the register's codes come in as a list, nothing is read from a database.
//
// How a field is read:
// 1. The text is Unicode-normalized (NFKC, so full-width "ＫＳ４４１１" reads as "KS4411"), upper-cased,
//    and cut into tokens of letters and digits; every other character separates tokens.
// 2. Candidates are single tokens and the joins of two or three adjacent tokens, whatever separated
//    them: "KS4411", "KS 4411", "KS-4411", "K S 4411", "KS 44 11" and "KS\n4411" all give KS4411.
// 3. A candidate matches when it equals a register code compared normalized. A code is never found
//    inside a longer token: "AKS4411", "KS44110", "KS4411A" and "ÅKS4411" do not match KS4411, and
//    no letter/digit look-alikes are guessed ("KS44O1" with the letter O is no match).
// 4. A match whose tokens lie strictly inside another match's tokens is dropped (with both KS44 and
//    KS4411 registered, "KS44 11" is KS4411, not ambiguous).
// 5. The field yields a code when exactly one distinct code is left. Two or more different codes
//    make the field ambiguous: it is skipped and the next field is tried.

export type ReferenceField = 'buyer-reference' | 'accounting-cost' | 'order-reference' | 'note' | 'line-note' | 'line-accounting-cost';

export type ReferenceFieldText = { field: ReferenceField; text: string | null | undefined };

export type ReferenceMatch = { code: string; field: ReferenceField; exact: boolean };

const separators = /[\s\-\u2010-\u2015\u2212_.]+/gu;
const nonToken = /[^\p{L}\p{M}\p{N}]+/gu;
const token = /[\p{L}\p{M}\p{N}]+/gu;
const MAX_JOIN = 3;

/**
 * The canonical form of a reference code: upper case, without spaces, dashes, dots and underscores.
 * 'ks 4411', 'KS-4411' and 'ks.4411' all become 'KS4411'.
 */
export function normalizeReferenceCode(s: string): string {
  return s.normalize('NFKC').toUpperCase().replace(separators, '');
}

/** What a register code must equal once the text is tokenized: its letters and digits only. */
const matchKey = (code: string): string => normalizeReferenceCode(code).replace(nonToken, '');

type Found = { key: string; first: number; last: number };

function codesIn(text: string, keys: ReadonlyMap<string, string>, maxKeyLength: number): Found[] {
  const tokens = Array.from(text.normalize('NFKC').toUpperCase().matchAll(token), (m) => m[0]);
  const found: Found[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    let candidate = '';
    for (let j = i; j < tokens.length && j < i + MAX_JOIN; j += 1) {
      candidate += tokens[j]!;
      if (candidate.length > maxKeyLength) break;
      if (keys.has(candidate)) found.push({ key: candidate, first: i, last: j });
    }
  }
  // Drop a match lying strictly inside another one's tokens. A container starts at most
  // MAX_JOIN - 1 tokens earlier, so only the neighbours are compared (long texts stay linear).
  const byFirst = new Map<number, Found[]>();
  for (const f of found) byFirst.set(f.first, [...(byFirst.get(f.first) ?? []), f]);
  const inside = (f: Found, g: Found): boolean => g.first <= f.first && f.last <= g.last && (g.first < f.first || f.last < g.last);
  return found.filter((f) => {
    for (let first = f.first - MAX_JOIN + 1; first <= f.first; first += 1) {
      if (byFirst.get(first)?.some((g) => inside(f, g))) return false;
    }
    return true;
  });
}

/**
 * The first field, in the order given, that contains exactly one distinct code of the register.
 * `code` is the register's own spelling of it; `exact` tells that the whole field, normalized, is
 * the code (as in a clean buyer reference "KS4411" or "ks 4411"). Null when no field yields a code.
 * Register entries that normalize alike count as one code (the first spelling is returned); entries
 * without any letter or digit are ignored.
 */
export function matchReference(fields: readonly ReferenceFieldText[], codes: readonly string[]): ReferenceMatch | null {
  const keys = new Map<string, string>();
  let maxKeyLength = 0;
  for (const code of codes) {
    const key = matchKey(code);
    if (!key || keys.has(key)) continue;
    keys.set(key, code);
    maxKeyLength = Math.max(maxKeyLength, key.length);
  }
  if (!keys.size) return null;

  for (const { field, text } of fields) {
    if (!text) continue;
    const distinct = new Set(codesIn(text, keys, maxKeyLength).map((f) => f.key));
    if (distinct.size !== 1) continue;
    const key = distinct.values().next().value as string;
    return { code: keys.get(key)!, field, exact: normalizeReferenceCode(text) === key };
  }
  return null;
}
