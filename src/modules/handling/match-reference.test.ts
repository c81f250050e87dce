// Golden dataset for finding a reference code in invoice text. To add a case, add a row to `golden`:
// the fields in the order the handling flow tries them, and what must come out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchReference, normalizeReferenceCode, type ReferenceField, type ReferenceFieldText, type ReferenceMatch } from './match-reference.ts';

const register = ['KS4411', 'KS4450', 'KS4440', 'SN5110', 'SN5120', 'UN6110', 'UN6120', 'SB7110', 'SB7210', 'ELEV123'] as const;

type Case = { name: string; fields: ReferenceFieldText[]; expect: ReferenceMatch | null };

const f = (field: ReferenceField, text: string | null | undefined): ReferenceFieldText => ({ field, text });
const buyer = (text: string | null | undefined): ReferenceFieldText => f('buyer-reference', text);
const cost = (text: string | null | undefined): ReferenceFieldText => f('accounting-cost', text);
const order = (text: string | null | undefined): ReferenceFieldText => f('order-reference', text);
const note = (text: string | null | undefined): ReferenceFieldText => f('note', text);
const lineNote = (text: string | null | undefined): ReferenceFieldText => f('line-note', text);
const lineCost = (text: string | null | undefined): ReferenceFieldText => f('line-accounting-cost', text);
const hit = (code: string, field: ReferenceField, exact: boolean): ReferenceMatch => ({ code, field, exact });

const filler = 'Leverans av kontorsmaterial enligt avtal, pallar, frakt och emballage. ';
const longText = (insert: string): string => {
  const half = filler.repeat(Math.ceil(5000 / filler.length)).slice(0, 5000);
  return `${half}${insert}${half}`;
};

const golden: Case[] = [
  // Clean and nearly clean buyer references: exact.
  { name: 'exact', fields: [buyer('KS4411')], expect: hit('KS4411', 'buyer-reference', true) },
  { name: 'lowercase', fields: [buyer('ks4411')], expect: hit('KS4411', 'buyer-reference', true) },
  { name: 'space inside', fields: [buyer('KS 4411')], expect: hit('KS4411', 'buyer-reference', true) },
  { name: 'lowercase with space', fields: [buyer('ks 4411')], expect: hit('KS4411', 'buyer-reference', true) },
  { name: 'dash', fields: [buyer('KS-4411')], expect: hit('KS4411', 'buyer-reference', true) },
  { name: 'dot', fields: [buyer('ks.4411')], expect: hit('KS4411', 'buyer-reference', true) },
  { name: 'underscore', fields: [buyer('KS_4411')], expect: hit('KS4411', 'buyer-reference', true) },
  { name: 'en dash', fields: [buyer('SN–5110')], expect: hit('SN5110', 'buyer-reference', true) },
  { name: 'no-break space', fields: [buyer('UN\u00a06110')], expect: hit('UN6110', 'buyer-reference', true) },
  { name: 'tab', fields: [buyer('SB\t7110')], expect: hit('SB7110', 'buyer-reference', true) },
  { name: 'surrounding whitespace', fields: [buyer('   KS4450  \n')], expect: hit('KS4450', 'buyer-reference', true) },
  { name: 'letters spaced out (three-token join)', fields: [buyer('K S 4411')], expect: hit('KS4411', 'buyer-reference', true) },
  { name: 'digits split "KS 44 11" is accepted (three-token join)', fields: [buyer('KS 44 11')], expect: hit('KS4411', 'buyer-reference', true) },
  { name: 'full-width characters', fields: [buyer('ＫＳ４４１１')], expect: hit('KS4411', 'buyer-reference', true) },

  // Prefixes, names and punctuation around the code: found, not exact.
  { name: 'Ref: ks 4411 Anna', fields: [buyer('Ref: ks 4411 Anna')], expect: hit('KS4411', 'buyer-reference', false) },
  { name: 'Referens KS4411/Anna Berg', fields: [buyer('Referens KS4411/Anna Berg')], expect: hit('KS4411', 'buyer-reference', false) },
  { name: 'Er ref. KS4411 - Anna', fields: [buyer('Er ref. KS4411 - Anna')], expect: hit('KS4411', 'buyer-reference', false) },
  { name: 'att: KS 4411', fields: [buyer('att: KS 4411')], expect: hit('KS4411', 'buyer-reference', false) },
  { name: '(KS4411)', fields: [buyer('(KS4411)')], expect: hit('KS4411', 'buyer-reference', false) },
  { name: 'name before', fields: [buyer('Anna Berg KS4440')], expect: hit('KS4440', 'buyer-reference', false) },
  { name: 'name after, comma', fields: [buyer('SN5120, Per Svensson')], expect: hit('SN5120', 'buyer-reference', false) },
  { name: 'long buyer reference with phone number', fields: [buyer('Anna Berg, Kommunstyrelsen, ref KS4411, tel 08-123 45 67')], expect: hit('KS4411', 'buyer-reference', false) },
  { name: 'hashes', fields: [buyer('#KS4411#')], expect: hit('KS4411', 'buyer-reference', false) },
  { name: 'trailing full stop', fields: [buyer('Referens: UN6120.')], expect: hit('UN6120', 'buyer-reference', false) },
  { name: 'code followed by a date', fields: [buyer('SN 5110 2026-01-15')], expect: hit('SN5110', 'buyer-reference', false) },
  { name: 'other letters nearby are not a second code', fields: [buyer('Ref KS4411 avser SN-ärende')], expect: hit('KS4411', 'buyer-reference', false) },
  { name: 'code with a dash-separated suffix still counts', fields: [buyer('KS4411-2')], expect: hit('KS4411', 'buyer-reference', false) },
  { name: 'wrapped over a line break', fields: [buyer('Anna Berg KS\n4411')], expect: hit('KS4411', 'buyer-reference', false) },
  { name: 'Swedish letters around, separated', fields: [buyer('Åsa Öberg KS4411 Ärende')], expect: hit('KS4411', 'buyer-reference', false) },
  { name: 'same code twice', fields: [buyer('KS4411, KS4411 Anna')], expect: hit('KS4411', 'buyer-reference', false) },
  { name: 'same code twice, different spellings', fields: [buyer('KS4411 (ks-4411)')], expect: hit('KS4411', 'buyer-reference', false) },

  // The code is somewhere else than the buyer reference.
  { name: 'buyer reference is a person, code in accounting cost', fields: [buyer('Anna Berg'), cost('SN5110'), order('PO-2026-113')], expect: hit('SN5110', 'accounting-cost', true) },
  { name: 'accounting cost string with semicolons', fields: [buyer('Per'), cost('1234;KS4411;567')], expect: hit('KS4411', 'accounting-cost', false) },
  { name: 'code in order reference', fields: [buyer('Anna Berg'), cost(null), order('PO 2026-113 / UN6120')], expect: hit('UN6120', 'order-reference', false) },
  { name: 'code only in a note', fields: [buyer(''), cost(null), order(undefined), note('Fakturan avser skolskjuts vecka 12. Referens: SB7110')], expect: hit('SB7110', 'note', false) },
  { name: 'code only in a line note', fields: [buyer(null), note('Tack för beställningen!'), lineNote('Rad 1: ref sb 7210')], expect: hit('SB7210', 'line-note', false) },
  { name: 'code only in a line accounting cost', fields: [buyer('Kalle'), lineNote('Papper A4'), lineCost('KS4450')], expect: hit('KS4450', 'line-accounting-cost', true) },
  { name: 'second of several line notes', fields: [lineNote('Papper'), lineNote('Pennor, ref UN6110')], expect: hit('UN6110', 'line-note', false) },

  // Field order and ambiguity.
  { name: 'first field wins over a later one', fields: [buyer('KS4411'), cost('SN5110')], expect: hit('KS4411', 'buyer-reference', true) },
  { name: 'the order given is the order tried', fields: [cost('SN5110'), buyer('KS4411')], expect: hit('SN5110', 'accounting-cost', true) },
  { name: 'two different codes in buyer reference fall through to accounting cost', fields: [buyer('KS4411 / SN5110'), cost('SN5110')], expect: hit('SN5110', 'accounting-cost', true) },
  { name: 'two spaced codes fall through to order reference', fields: [buyer('KS 4411 KS 4450'), order('KS4450')], expect: hit('KS4450', 'order-reference', true) },
  { name: 'ambiguous buyer reference, ambiguous note, clean line note', fields: [buyer('sn5110 sn5120'), note('UN6110 eller UN6120?'), lineNote('SB7110')], expect: hit('SB7110', 'line-note', true) },
  { name: 'ambiguous everywhere', fields: [buyer('KS4411 SN5110'), cost('KS4411;SN5110')], expect: null },
  { name: 'two codes glued into one token are neither', fields: [buyer('KS4411KS4450')], expect: null },

  // Near misses that must not match.
  { name: 'no code, just a name', fields: [buyer('Anna Berg')], expect: null },
  { name: 'extra digit (KS44110)', fields: [buyer('KS44110')], expect: null },
  { name: 'extra digit (KS44111)', fields: [buyer('KS44111')], expect: null },
  { name: 'extra leading letter (AKS4411)', fields: [buyer('AKS4411')], expect: null },
  { name: 'extra leading letter (XKS4411)', fields: [buyer('XKS4411')], expect: null },
  { name: 'extra letter inside (KSS4411)', fields: [buyer('KSS4411')], expect: null },
  { name: 'glued trailing letter (KS4411A)', fields: [buyer('KS4411A')], expect: null },
  { name: 'glued Swedish letter before (ÅKS4411)', fields: [buyer('ÅKS4411')], expect: null },
  { name: 'glued Swedish letter after (KS4411ö)', fields: [buyer('KS4411ö')], expect: null },
  { name: 'spaced extra digit (KS 44110)', fields: [buyer('KS 44110')], expect: null },
  { name: 'one digit short (KS441)', fields: [buyer('KS441')], expect: null },
  { name: 'digits alone (4411)', fields: [buyer('4411')], expect: null },
  { name: 'letters alone (KS)', fields: [buyer('KS')], expect: null },
  { name: 'letter O for zero (KS44O1) is not guessed', fields: [buyer('KS44O1')], expect: null },
  { name: 'letter I for one (SN5II0) is not guessed', fields: [buyer('SN5II0')], expect: null },
  { name: 'unknown code of the right shape', fields: [buyer('KS9999')], expect: null },
  { name: 'empty and missing fields', fields: [buyer(''), cost(null), order(undefined), note('   '), lineNote('-')], expect: null },
  { name: 'no fields at all', fields: [], expect: null },

  // A register code outside the two-letters-four-digits pattern.
  { name: 'non-pattern code', fields: [buyer('Elevhälsan ref ELEV123')], expect: hit('ELEV123', 'buyer-reference', false) },
  { name: 'non-pattern code, lowercase and spaced', fields: [buyer('elev 123')], expect: hit('ELEV123', 'buyer-reference', true) },
  { name: 'non-pattern code with an extra digit', fields: [buyer('ELEV1234')], expect: null },
  { name: 'non-pattern code inside a word', fields: [buyer('Elevhälsa 123')], expect: null },

  // Very long text.
  { name: 'code in the middle of a 10 000-character note', fields: [buyer('Anna'), note(longText(' Er referens: kS-4411. '))], expect: hit('KS4411', 'note', false) },
  { name: '10 000-character note without a code', fields: [note(longText(' Er referens: Anna Berg. '))], expect: null },
  { name: '10 000 characters of the same code repeated', fields: [note('KS4411 '.repeat(1500))], expect: hit('KS4411', 'note', false) },
];

test('golden dataset has at least 40 cases with unique names', () => {
  assert.ok(golden.length >= 40, String(golden.length));
  assert.equal(new Set(golden.map((c) => c.name)).size, golden.length);
});

for (const c of golden) {
  test(`golden: ${c.name}`, () => {
    assert.deepEqual(matchReference(c.fields, register), c.expect);
  });
}

test('normalizeReferenceCode removes case, spaces, dashes, dots and underscores', () => {
  for (const s of ['ks 4411', 'KS-4411', 'ks.4411', 'Ks_4411', ' k s 4 4 1 1 ', 'KS–4411', 'KS\u00a04411']) assert.equal(normalizeReferenceCode(s), 'KS4411', s);
  assert.equal(normalizeReferenceCode('KS/4411'), 'KS/4411'); // a slash is not a separator of the code itself
});

test('the register is compared normalized and the register spelling is returned', () => {
  assert.deepEqual(matchReference([buyer('KS4411')], ['ks-4411']), hit('ks-4411', 'buyer-reference', true));
  assert.deepEqual(matchReference([buyer('Ref KS 4411')], ['KS4411', 'ks 4411']), hit('KS4411', 'buyer-reference', false));
  assert.equal(matchReference([buyer('KS4411')], []), null);
  assert.equal(matchReference([buyer('KS4411')], ['', ' - ']), null);
});

test('a code lying inside a longer code’s tokens does not make the field ambiguous', () => {
  const codes = ['KS44', 'KS4411'];
  assert.deepEqual(matchReference([buyer('KS44 11')], codes), hit('KS4411', 'buyer-reference', true));
  assert.deepEqual(matchReference([buyer('KS44')], codes), hit('KS44', 'buyer-reference', true));
  assert.equal(matchReference([buyer('KS44 och KS4411')], codes), null); // side by side: two codes
});

test('a huge text (300 000 characters) is worked through', () => {
  const text = `${'KS4411 SN 5110 '.repeat(20_000)}`;
  assert.equal(matchReference([note(text)], register), null); // two codes: ambiguous, but it finishes
});
