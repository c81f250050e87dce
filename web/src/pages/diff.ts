import type { JsonValue } from '../api/types.ts';

export type DiffRow = { field: string; before: string; after: string; changed: boolean };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function flatten(value: unknown, prefix: string, out: Map<string, unknown>): void {
  if (isObject(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0 && prefix) out.set(prefix, value);
    for (const [k, v] of entries) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) {
    out.set(prefix, value);
  } else if (value !== null && value !== undefined) {
    out.set('', value);
  }
}

export function show(value: unknown): string {
  if (value === undefined || value === null || value === '') return '–';
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(', ');
  return JSON.stringify(value);
}

/** Field-by-field comparison of an audit event's before and after, nested keys as dotted paths. */
export function diff(before: JsonValue | undefined, after: JsonValue | undefined): DiffRow[] {
  const b = new Map<string, unknown>();
  const a = new Map<string, unknown>();
  flatten(before, '', b);
  flatten(after, '', a);
  const fields = [...new Set([...b.keys(), ...a.keys()])];
  return fields.map((field) => {
    const bv = show(b.get(field));
    const av = show(a.get(field));
    return { field, before: bv, after: av, changed: bv !== av };
  });
}
