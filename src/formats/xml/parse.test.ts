import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseXml, lineOf } from './parse.ts';

const enc = (s: string) => new TextEncoder().encode(s);

function errorOf(input: Uint8Array | string, opts = {}): string {
  const r = parseXml(input, opts);
  assert.equal(r.ok, false, 'expected a parse error');
  return r.ok ? '' : r.error.rule;
}

test('parses elements, namespaces, attributes, entities, CDATA, comments and PIs', () => {
  const r = parseXml(enc('<?xml version="1.0" encoding="UTF-8"?>\n<!-- c --><r xmlns="urn:r" xmlns:p="urn:p"><p:a x="1 &amp; 2" y=\'&#x41;&#66;\'>t &lt;&gt; <![CDATA[<raw>]]></p:a><?pi x?><b/><p:a/></r>'), { prefixes: { 'urn:r': '', 'urn:p': 'p' } });
  assert.ok(r.ok);
  const root = r.root;
  assert.equal(root.local, 'r');
  assert.equal(root.ns, 'urn:r');
  assert.equal(root.children.length, 3);
  const a = root.children[0]!;
  assert.equal(a.name, 'p:a');
  assert.equal(a.ns, 'urn:p');
  assert.deepEqual({ ...a.attributes }, { x: '1 & 2', y: 'AB' });
  assert.equal(a.text, 't <> <raw>');
  assert.equal(root.children[1]!.ns, 'urn:r');
  assert.equal(a.location, '/r/p:a[1]');
  assert.equal(root.children[2]!.location, '/r/p:a[2]');
  assert.equal(root.children[1]!.location, '/r/b');
  assert.equal(root.children[2]!.index, 2);
  assert.equal(a.parent, root);
});

test('whitespace between child elements is dropped, leaf whitespace kept', () => {
  const r = parseXml('<r>\n  <a>  x  </a>\n  <b> </b>\n</r>');
  assert.ok(r.ok);
  assert.equal(r.root.text, '');
  assert.equal(r.root.children[0]!.text, '  x  ');
  assert.equal(r.root.children[1]!.text, ' ');
});

test('unknown namespaces are written *:local in locations', () => {
  const r = parseXml('<r xmlns:q="urn:q"><q:a/></r>');
  assert.ok(r.ok);
  assert.equal(r.root.children[0]!.location, '/r/*:a');
});

test('UTF-8 BOM is accepted, in bytes and in strings', () => {
  const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...enc('<r>å</r>')]);
  const r = parseXml(bytes);
  assert.ok(r.ok);
  assert.equal(r.root.text, 'å');
  assert.ok(parseXml('\uFEFF<r/>').ok);
});

test('DOCTYPE is rejected (entity bomb, external entity) without expansion', () => {
  const bomb = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>';
  assert.equal(errorOf(enc(bomb)), 'AVROP-XML-004');
  const xxe = '<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><foo>&xxe;</foo>';
  assert.equal(errorOf(enc(xxe)), 'AVROP-XML-004');
  assert.equal(errorOf('<!DOCTYPE Invoice SYSTEM "http://example.com/x.dtd"><Invoice/>'), 'AVROP-XML-004');
});

test('undefined entity references are not well-formed', () => {
  assert.equal(errorOf('<r>&xxe;</r>'), 'AVROP-XML-002');
  assert.equal(errorOf('<r a="&nbsp;"/>'), 'AVROP-XML-002');
  assert.equal(errorOf('<r>&#0;</r>'), 'AVROP-XML-002');
  assert.equal(errorOf('<r>& </r>'), 'AVROP-XML-002');
});

test('nesting depth is capped', () => {
  const deep = (n: number) => '<a>'.repeat(n) + '</a>'.repeat(n);
  assert.ok(parseXml(deep(200)).ok);
  assert.equal(errorOf(deep(201)), 'AVROP-XML-005');
  assert.equal(errorOf(deep(11), { maxDepth: 10 }), 'AVROP-XML-005');
  // a million unclosed start tags: rejected quickly, no stack overflow
  const t = performance.now();
  assert.equal(errorOf('<a>'.repeat(1_000_000)), 'AVROP-XML-005');
  assert.ok(performance.now() - t < 2000);
});

test('size is capped', () => {
  assert.equal(errorOf(enc(`<r>${'x'.repeat(2000)}</r>`), { maxBytes: 1000 }), 'AVROP-XML-001');
  assert.equal(errorOf(`<r>${'x'.repeat(2000)}</r>`, { maxBytes: 1000 }), 'AVROP-XML-001');
});

test('a large flat document is read in linear time', () => {
  const big = `<r>${'<a x="1">text &amp; more</a>'.repeat(200_000)}</r>`; // ≈ 6 MB
  const t = performance.now();
  const r = parseXml(big);
  assert.ok(r.ok);
  assert.equal(r.root.children.length, 200_000);
  assert.ok(performance.now() - t < 5000, 'took too long');
});

test('element count and namespace declarations are capped', () => {
  assert.equal(errorOf(`<r>${'<a/>'.repeat(1001)}</r>`, { maxElements: 1000 }), 'AVROP-XML-006');
  assert.ok(parseXml(`<r>${'<a/>'.repeat(999)}</r>`, { maxElements: 1000 }).ok);
  let decls = '';
  for (let i = 0; i < 1200; i++) decls += ` xmlns:p${i}="urn:x:${i}"`;
  assert.equal(errorOf(`<r${decls}><a/></r>`), 'AVROP-XML-002');
});

test('locations of many siblings are computed in linear time', () => {
  const r = parseXml(`<r>${'<a/>'.repeat(100_000)}</r>`);
  assert.ok(r.ok);
  const t = performance.now();
  let n = 0;
  for (const c of r.root.children) n += c.location.length;
  assert.ok(n > 0);
  assert.equal(r.root.children[99_999]!.location, '/r/a[100000]');
  assert.equal(r.root.children[5]!.index, 6);
  assert.ok(performance.now() - t < 2000, 'quadratic location computation');
});

test('encodings other than UTF-8 are rejected clearly', () => {
  assert.equal(errorOf(new Uint8Array([0x3c, 0x72, 0x3e, 0xe5, 0x3c, 0x2f, 0x72, 0x3e])), 'AVROP-XML-003'); // latin-1 å
  const latin1 = new Uint8Array([...enc('<?xml version="1.0" encoding="ISO-8859-1"?><r>'), 0xe5, ...enc('</r>')]);
  const r = parseXml(latin1);
  assert.ok(!r.ok);
  assert.equal(r.error.rule, 'AVROP-XML-003');
  assert.match(r.error.en, /ISO-8859-1/);
  assert.equal(errorOf(enc('<?xml version="1.0" encoding="windows-1252"?><r/>')), 'AVROP-XML-003');
  assert.equal(errorOf(new Uint8Array([0xff, 0xfe, 0x3c, 0x00, 0x72, 0x00])), 'AVROP-XML-003');
  assert.equal(errorOf(new Uint8Array([0x3c, 0x00, 0x72, 0x00])), 'AVROP-XML-003');
  assert.ok(parseXml(enc('<?xml version="1.0" encoding="utf-8"?><r/>')).ok);
});

test('non-XML bytes and broken XML are rejected', () => {
  assert.equal(errorOf(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), 'AVROP-XML-003'); // PNG (not UTF-8)
  assert.equal(errorOf(enc('%PDF-1.4 hello')), 'AVROP-XML-002');
  assert.equal(errorOf(''), 'AVROP-XML-002');
  assert.equal(errorOf('   '), 'AVROP-XML-002');
  assert.equal(errorOf('<r>\u0001</r>'), 'AVROP-XML-002');
  assert.equal(errorOf('<r><a></r>'), 'AVROP-XML-002');
  assert.equal(errorOf('<r>'), 'AVROP-XML-002');
  assert.equal(errorOf('<r/><r/>'), 'AVROP-XML-002');
  assert.equal(errorOf('<r/>text'), 'AVROP-XML-002');
  assert.equal(errorOf('<r a="1" a="2"/>'), 'AVROP-XML-002');
  assert.equal(errorOf('<p:r/>'), 'AVROP-XML-002');
  assert.equal(errorOf('<r a=1/>'), 'AVROP-XML-002');
  assert.equal(errorOf('<r a="<"/>'), 'AVROP-XML-002');
  assert.equal(errorOf('<<<>>>'), 'AVROP-XML-002');
  assert.equal(errorOf('<r><!-- never closed </r>'), 'AVROP-XML-002');
  assert.equal(errorOf('<r><![CDATA[ open </r>'), 'AVROP-XML-002');
  assert.equal(errorOf('<r/><?xml version="1.0"?>'), 'AVROP-XML-002');
});

test('random bytes never throw', () => {
  let seed = 42;
  const rnd = () => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed; };
  const alphabet = '<>/="\' &;:ab!-[]?x\n';
  for (let i = 0; i < 2000; i++) {
    let s = '';
    const n = rnd() % 60;
    for (let k = 0; k < n; k++) s += alphabet[rnd() % alphabet.length];
    parseXml(s); // must return, never throw
    const bytes = new Uint8Array(n);
    for (let k = 0; k < n; k++) bytes[k] = rnd() & 0xff;
    parseXml(bytes);
  }
});

test('lineOf counts lines', () => {
  assert.equal(lineOf('a\nb\nc', 0), 1);
  assert.equal(lineOf('a\nb\nc', 4), 3);
});

test('forbidden characters are found in byte input too, at their character offset', () => {
  const ctl = parseXml(enc('<r>å\u0001</r>'));
  assert.ok(!ctl.ok);
  assert.equal(ctl.error.rule, 'AVROP-XML-002');
  assert.equal(ctl.error.offset, 4); // characters, not bytes (å is two bytes)
  assert.match(ctl.error.en, /U\+0001.*line 1, column 5/);
  const nonChar = parseXml(enc('<r a="\uFFFF"/>'));
  assert.ok(!nonChar.ok);
  assert.equal(nonChar.error.offset, 6);
  assert.match(nonChar.error.en, /U\+FFFF/);
  assert.equal(errorOf(enc('<r><!-- \uFFFE --></r>')), 'AVROP-XML-002');
  assert.equal(errorOf(enc('<r><![CDATA[\u001F]]></r>')), 'AVROP-XML-002');
  assert.ok(parseXml(enc('<r>\t\r\n\uFFFD\uFEFF€</r>')).ok);
});

test('invalid UTF-8 is rejected with its byte offset, valid UTF-8 is read whatever its characters', () => {
  for (const bad of [[0xc0, 0x80], [0xe2, 0x82], [0x80], [0xf8, 0x80]]) {
    const r = parseXml(new Uint8Array([...enc('<r>ab'), ...bad, ...enc('</r>')]));
    assert.ok(!r.ok);
    assert.equal(r.error.rule, 'AVROP-XML-003');
    assert.equal(r.error.offset, 5);
  }
  // well-formed byte patterns that UTF-8 still forbids: a surrogate, a code point above U+10FFFF
  assert.equal(errorOf(new Uint8Array([...enc('<r>'), 0xed, 0xa0, 0x80, ...enc('</r>')])), 'AVROP-XML-003');
  assert.equal(errorOf(new Uint8Array([...enc('<r>'), 0xf4, 0x90, 0x80, 0x80, ...enc('</r>')])), 'AVROP-XML-003');
  const r = parseXml(enc('<r a="ÅÄÖ €">😀 x</r>'));
  assert.ok(r.ok);
  assert.equal(r.root.attributes.a, 'ÅÄÖ €');
  assert.equal(r.root.text, '😀 x');
  assert.equal(r.text, '<r a="ÅÄÖ €">😀 x</r>');
});

test('repeated and similar names are read exactly (names are remembered between elements and documents)', () => {
  const r = parseXml('<r><ab/><ab/><abc/><a/><ab x="1"/><ab\ty="2"/><abc></abc></r>');
  assert.ok(r.ok);
  assert.deepEqual(r.root.children.map((c) => c.name), ['ab', 'ab', 'abc', 'a', 'ab', 'ab', 'abc']);
  assert.deepEqual(r.root.children.map((c) => ({ ...c.attributes })), [{}, {}, {}, {}, { x: '1' }, { y: '2' }, {}]);
  assert.equal(errorOf('<r><ab/><ab=/></r>'), 'AVROP-XML-002');
  assert.equal(errorOf('<r><ab/><abc</r>'), 'AVROP-XML-002');
  const other = parseXml('<r><abd/><ab/></r>');
  assert.ok(other.ok);
  assert.deepEqual(other.root.children.map((c) => c.name), ['abd', 'ab']);
});

test('namespace prefixes follow their scope, also for names seen before', () => {
  const r = parseXml('<r xmlns:p="urn:1"><p:a/><x xmlns:p="urn:2"><p:a/></x><p:a/><y xmlns="urn:d"><p:a/><a/></y><a/></r>');
  assert.ok(r.ok);
  const [a1, x, a3, y, a4] = r.root.children;
  assert.equal(a1!.ns, 'urn:1');
  assert.equal(x!.children[0]!.ns, 'urn:2');
  assert.equal(a3!.ns, 'urn:1');
  assert.equal(y!.children[0]!.ns, 'urn:1');
  assert.equal(y!.children[1]!.ns, 'urn:d');
  assert.equal(a4!.ns, '');
  assert.ok(parseXml('<p:r xmlns:p="urn:1"/>').ok);
  assert.equal(errorOf('<p:r/>'), 'AVROP-XML-002');
  assert.equal(errorOf('<r><x xmlns:p="urn:1"/><p:a/></r>'), 'AVROP-XML-002');
});

test('attribute values: entities decoded, tab/LF/CR written as spaces; text entities after attribute entities', () => {
  const r = parseXml('<r a="x\ty&#10;z\r\nw" b="&amp;&lt;">1 &lt; 2<b/>&amp;<c/> <![CDATA[ ]]></r>');
  assert.ok(r.ok);
  assert.deepEqual({ ...r.root.attributes }, { a: 'x y z  w', b: '&<' });
  assert.equal(r.root.text, '1 < 2& ');
  const ws = parseXml('<r>\n  <a/>\n  <![CDATA[ ]]>&#32;\n</r>');
  assert.ok(ws.ok);
  assert.equal(ws.root.text, '');
  const lead = parseXml('<r>\n  <a/>x</r>');
  assert.ok(lead.ok);
  assert.equal(lead.root.text, '\n  x');
});

test('bytes with Latin-1 letters and € – ’ read exactly as decoded text (offsets in characters, names, mixed content)', () => {
  const xml = '\uFEFF<?xml version="1.0"?>\n<!-- ö -->\n<r x="Ångström – €">\n  <a>Göteborg &amp; Malmö’</a>\n  <b y="é"/><c><![CDATA[ä<]]>ü</c>\n  <d>&#xE9;Ã</d>\n</r>';
  const fromBytes = parseXml(enc(xml), { index: true });
  const fromText = parseXml(xml.slice(1), { index: true });
  assert.ok(fromBytes.ok && fromText.ok);
  const flat = (e: import('./types.ts').XmlElement): string[] => [`${e.name} ${JSON.stringify(e.attributes)} ${JSON.stringify(e.text)} ${e.offset}`, ...e.children.flatMap(flat)];
  assert.deepEqual(flat(fromBytes.root), flat(fromText.root));
  assert.equal(fromBytes.root.children[0]!.text, 'Göteborg & Malmö’');
  assert.equal(fromBytes.root.children[0]!.offset, xml.indexOf('<a>') - 1);
  assert.equal(Object.hasOwn(fromBytes, 'text'), false); // (read from the Latin-1 view: the text is decoded on demand)
  assert.equal(fromBytes.text, xml.slice(1));
  // a non-ASCII name, and mixed content after non-ASCII text, are read from the decoded text
  for (const other of ['<r><é a="ö">x</é></r>', '<r>ö<a/>b</r>', '<r a="x" ö="y"/>', '<r>§<a>€</a>\n<a>😀</a></r>']) {
    const b = parseXml(enc(other));
    const t = parseXml(other);
    assert.ok(b.ok && t.ok, other);
    assert.deepEqual(flat(b.root), flat(t.root), other);
  }
  // errors after non-ASCII text count characters
  const bad = parseXml(enc('<r>åäö</s>'));
  assert.ok(!bad.ok);
  assert.equal(bad.error.offset, 6);
});

test('the element index made while reading: by local name, blank leaves and schemeID carriers, in document order', () => {
  const r = parseXml('<r xmlns:p="urn:p"><p:ID schemeID="s">1</p:ID><x><ID> </ID><p:y/></x><ID schemeID="t"/></r>', { index: true });
  assert.ok(r.ok && r.index !== undefined);
  const ix = r.index;
  assert.deepEqual([...ix.byLocal.keys()], ['r', 'ID', 'x', 'y']);
  assert.deepEqual(ix.byLocal.get('ID')!.map((e) => e.name), ['p:ID', 'ID', 'ID']);
  assert.deepEqual(ix.emptyLeaves.map((e) => e.offset), [r.root.children[1]!.children[0]!.offset, r.root.children[1]!.children[1]!.offset, r.root.children[2]!.offset]);
  assert.deepEqual(ix.withScheme.map((e) => e.attributes.schemeID), ['s', 't']);
  const again = parseXml('<r><ID/></r>', { index: true });
  assert.ok(again.ok);
  assert.equal(ix.byLocal.get('ID')!.length, 3); // (an earlier document's index is its own)
  const plain = parseXml('<r/>');
  assert.ok(plain.ok);
  assert.equal(plain.index, undefined);
});

test('the element index: lists by local name, names in order of first occurrence, also beyond the shared caches', () => {
  const r = parseXml('<r><a/><b><a/></b><c/></r>', { index: true });
  assert.ok(r.ok && r.index !== undefined);
  const m = r.index.byLocal;
  assert.deepEqual([...m.keys()].map((k) => [k, m.get(k)!.length]), [['r', 1], ['a', 2], ['b', 1], ['c', 1]]);
  assert.equal(m.get('zz'), undefined);
  assert.deepEqual(m.get('a')!.map((e) => e.parent!.local), ['r', 'b']);
  // a name longer than the name cache takes gets a slot of its own: merged with the shared one, document order
  const long = `p${'x'.repeat(120)}`;
  const h = parseXml(`<r xmlns:${long}="urn:l"><ID n="1"/><${long}:ID n="2"/><ID n="3"/></r>`, { index: true });
  assert.ok(h.ok && h.index !== undefined);
  assert.deepEqual([...h.index.byLocal.keys()], ['r', 'ID']);
  assert.deepEqual(h.index.byLocal.get('ID')!.map((e) => e.attributes.n), ['1', '2', '3']);
});

test('attribute names read by prediction give the same attributes, namespaces and errors', () => {
  for (let i = 0; i < 3; i++) {
    const r = parseXml('<r xmlns:q="urn:q"><a x="1" q:y="2"/><a x="3"/><a q:y="4" x="5"/><a xx="6" x="7"/></r>');
    assert.ok(r.ok);
    assert.deepEqual(r.root.children.map((e) => e.attributes), [{ x: '1', 'q:y': '2' }, { x: '3' }, { 'q:y': '4', x: '5' }, { xx: '6', x: '7' }]);
    const dup = parseXml('<r><a x="1" x="2"/></r>');
    assert.ok(!dup.ok && dup.error.rule === 'AVROP-XML-002');
    const undeclared = parseXml('<r><a x="1" z:y="2"/></r>');
    assert.ok(!undeclared.ok && undeclared.error.rule === 'AVROP-XML-002');
  }
});
