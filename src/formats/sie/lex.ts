// Splits one SIE line into a record: a label and its fields (spec 5.3–5.7). Fields are separated by spaces
// or tabs; any field may be quoted; `\"` inside a field is a quote character; `{ … }` is an object list whose
// items are fields themselves. Also yields the text that enters the #KSUMMA checksum (spec 10.14): the label
// and the field contents — not the separators, the surrounding quotes or the braces; for `\"` only the quote.

export type SieField =
  | { kind: 'text'; value: string; quoted: boolean }
  | { kind: 'list'; items: string[] };

export type SieRecord = { label: string; fields: SieField[] };

export type LexResult =
  | { ok: true; record: SieRecord; checksumParts: string[] }
  | { ok: false; problem: 'unterminated-quote' | 'unterminated-list' | 'nested-list' | 'stray-brace' | 'no-label' };

const isBlank = (ch: string | undefined): boolean => ch === ' ' || ch === '\t';

/** Lexes one record line (without its line end). The line must start (after blanks) with `#`. */
export function lexLine(line: string): LexResult {
  let i = 0;
  const n = line.length;
  const parts: string[] = [];
  while (i < n && isBlank(line[i])) i++;
  if (line[i] !== '#') return { ok: false, problem: 'no-label' };
  const labelStart = i;
  while (i < n && !isBlank(line[i])) i++;
  const label = line.slice(labelStart, i);
  parts.push(label);
  const fields: SieField[] = [];
  let list: string[] | null = null;

  while (true) {
    while (i < n && isBlank(line[i])) i++;
    if (i >= n) break;
    const ch = line[i];
    if (ch === '{') {
      if (list) return { ok: false, problem: 'nested-list' };
      list = [];
      i++;
      continue;
    }
    if (ch === '}') {
      if (!list) return { ok: false, problem: 'stray-brace' };
      fields.push({ kind: 'list', items: list });
      list = null;
      i++;
      continue;
    }
    let value = '';
    let quoted = false;
    if (ch === '"') {
      quoted = true;
      i++;
      let closed = false;
      while (i < n) {
        const c = line[i] as string;
        if (c === '\\' && line[i + 1] === '"') { value += '"'; i += 2; continue; }
        if (c === '"') { closed = true; i++; break; }
        value += c;
        i++;
      }
      if (!closed) return { ok: false, problem: 'unterminated-quote' };
    } else {
      const start = i;
      while (i < n && !isBlank(line[i]) && !(list && line[i] === '}')) i++;
      value = line.slice(start, i).replaceAll('\\"', '"');
    }
    parts.push(value);
    if (list) list.push(value);
    else fields.push({ kind: 'text', value, quoted });
  }
  if (list) return { ok: false, problem: 'unterminated-list' };
  return { ok: true, record: { label, fields }, checksumParts: parts };
}
