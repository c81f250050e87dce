// Time-sortable ids prefixed by kind (`usr_01J…`), from one generator.
import { monotonicFactory } from 'ulidx';

const ulid = monotonicFactory();

export type IdPrefix = 'ten' | 'usr' | 'unit' | 'dimv' | 'att' | 'sub' | 'ses' | 'job' | 'imp' | (string & {});

export function newId(prefix: IdPrefix): string {
  return `${prefix}_${ulid().toLowerCase()}`;
}

const idPattern = /^[a-z]{2,8}_[0-9a-z]{26}$/;
export function isId(value: unknown): value is string {
  return typeof value === 'string' && idPattern.test(value);
}
