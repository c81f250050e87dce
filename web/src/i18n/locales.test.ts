import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sv } from './sv.ts';
import { en } from './en.ts';

type Tree = { readonly [key: string]: string | Tree };

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : keys(v, `${prefix}${k}.`))).sort();
}

function values(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]): [string, string][] => (typeof v === 'string' ? [[prefix + k, v]] : values(v, `${prefix}${k}.`)));
}

test('Swedish and English have exactly the same keys', () => {
  const svKeys = keys(sv);
  const enKeys = keys(en);
  assert.deepEqual(enKeys.filter((k) => !svKeys.includes(k)), [], 'keys only in en');
  assert.deepEqual(svKeys.filter((k) => !enKeys.includes(k)), [], 'keys only in sv');
  assert.ok(svKeys.length > 100);
});

test('no translation is empty', () => {
  for (const [k, v] of [...values(sv), ...values(en)]) assert.ok(v.trim().length > 0, `empty: ${k}`);
});

test('both locales use the same interpolation variables for each key', () => {
  const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
  const enMap = new Map(values(en));
  for (const [k, v] of values(sv)) assert.deepEqual(vars(enMap.get(k) ?? ''), vars(v), `variables differ for ${k}`);
});

test('the Swedish interface uses the domain words', () => {
  assert.equal(sv.nav.attestRights, 'Attesträtter');
  assert.equal(sv.nav.audit, 'Granskningslogg');
  assert.equal(sv.login.title, 'Logga in');
  assert.equal(sv.users.trainedBuyerAt, 'Utbildad beställare');
});
