// Reads bytes or text into a ParsedDocument: safe XML parsing, syntax detection from the root element and its
// namespace, then the UBL or CII reader. Failures come back as one fatal AVROP- finding, never as an exception.
import type { Invoice, ParsedDocument, Syntax, XmlElement } from './model.ts';
import type { IndexedDocument, TreeIndex } from './tree-index.ts';
import type { Finding } from './rules/types.ts';
import { NS, PREFIX_BY_NS } from './model.ts';
import { parseXml } from '../xml/parse.ts';
import { readUbl } from './read-ubl.ts';
import { readCii } from './read-cii.ts';

export type ReadOptions = {
  /** Maximum input size in bytes (default 20 MB). */
  maxBytes?: number;
  /** Maximum element nesting depth (default 200). */
  maxDepth?: number;
  /** Maximum number of elements (default 500,000). */
  maxElements?: number;
};

export type ReadResult =
  | { ok: true; doc: ParsedDocument }
  | { ok: false; syntax: Syntax | 'unknown'; finding: Finding };

const ROOTS: Record<string, { ns: string; syntax: Syntax }> = {
  Invoice: { ns: NS.ublInvoice, syntax: 'ubl-invoice' },
  CreditNote: { ns: NS.ublCreditNote, syntax: 'ubl-creditnote' },
  CrossIndustryInvoice: { ns: NS.rsm, syntax: 'cii' },
};

const NAMESPACES: Record<string, string> = { cac: NS.cac, cbc: NS.cbc, ext: NS.ext, rsm: NS.rsm, ram: NS.ram, udt: NS.udt, qdt: NS.qdt };

export function readDocument(input: Uint8Array | string, options: ReadOptions = {}): ReadResult {
  const parsed = parseXml(input, { maxBytes: options.maxBytes, maxDepth: options.maxDepth, maxElements: options.maxElements, prefixes: PREFIX_BY_NS, index: true });
  if (!parsed.ok) {
    const e = parsed.error;
    return { ok: false, syntax: 'unknown', finding: { rule: e.rule, severity: 'fatal', message: e.sv, messageEn: e.en, location: '/' } };
  }
  return readElement(parsed.root, parsed.index);
}

/** Detects the syntax of an already parsed root element and reads it into the model (`index`: the reader's
 * element index of that tree, if it made one). */
export function readElement(root: XmlElement, index?: TreeIndex): ReadResult {
  const known = Object.prototype.hasOwnProperty.call(ROOTS, root.local) ? ROOTS[root.local] : undefined;
  if (known === undefined) {
    return { ok: false, syntax: 'unknown', finding: {
      rule: 'AVROP-DOC-001', severity: 'fatal', location: `/${root.name}`,
      message: `Rotelementet <${root.name}> är inte en faktura: en Peppol BIS-faktura är en UBL Invoice, en UBL CreditNote eller en CII CrossIndustryInvoice.`,
      messageEn: `The root element <${root.name}> is not an invoice: a Peppol BIS invoice is a UBL Invoice, a UBL CreditNote or a CII CrossIndustryInvoice.`,
    } };
  }
  if (root.ns !== known.ns) {
    return { ok: false, syntax: 'unknown', finding: {
      rule: 'AVROP-DOC-002', severity: 'fatal', location: `/${root.name}`,
      message: `Rotelementet <${root.local}> har namnrymden "${root.ns}", men ska ha "${known.ns}".`,
      messageEn: `The root element <${root.local}> has the namespace "${root.ns}" but must have "${known.ns}".`,
    } };
  }
  const doc: ParsedDocument = new LazyDocument(known.syntax, root, index);
  return { ok: true, doc };
}

/** A ParsedDocument whose model is built on first use (many rules work on the element tree only). */
class LazyDocument implements IndexedDocument {
  syntax: Syntax;
  root: XmlElement;
  namespaces: Record<string, string> = NAMESPACES;
  readonly treeIndex: TreeIndex | undefined;
  #invoice: Invoice | undefined = undefined;
  constructor(syntax: Syntax, root: XmlElement, index: TreeIndex | undefined) {
    this.syntax = syntax;
    this.root = root;
    this.treeIndex = index;
  }
  get invoice(): Invoice {
    if (this.#invoice === undefined) this.#invoice = this.syntax === 'cii' ? readCii(this.root) : readUbl(this.root, this.syntax === 'ubl-creditnote');
    return this.#invoice;
  }
}
