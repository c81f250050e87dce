// One walk of a document's element tree, shared by every rule set (EN 16931, Peppol, national, UBL syntax):
// elements by local name, blank leaves and elements with a schemeID, all in document order. Built once per
// document: by the reader as it reads (see readDocument), or here by a walk of the tree (one-slot cache: a
// validation runs all rules on one document in a row).
import type { ParsedDocument, XmlElement } from './model.ts';
import type { ElementIndex } from '../xml/types.ts';

/** Elements by local name, blank leaves and elements with a schemeID, all in document order. */
export type TreeIndex = ElementIndex;

/** A document that came with its index, made by the XML reader while it read the document (see document.ts). */
export type IndexedDocument = ParsedDocument & { readonly treeIndex?: TreeIndex | undefined };

let lastDoc: ParsedDocument | undefined;
let lastIndex: TreeIndex | undefined;

export function treeIndex(doc: IndexedDocument): TreeIndex {
  const built = doc.treeIndex;
  if (built !== undefined) return built;
  if (doc === lastDoc && lastIndex !== undefined) return lastIndex;
  const byLocal = new Map<string, XmlElement[]>();
  const ix: TreeIndex = { byLocal, emptyLeaves: [], withScheme: [] };
  visit(doc.root, byLocal, ix);
  lastDoc = doc;
  lastIndex = ix;
  return ix;
}

function visit(e: XmlElement, byLocal: Map<string, XmlElement[]>, ix: TreeIndex): void {
  const list = byLocal.get(e.local);
  if (list === undefined) byLocal.set(e.local, [e]);
  else list.push(e);
  if (e.attributes.schemeID !== undefined) ix.withScheme.push(e);
  const kids = e.children;
  const n = kids.length;
  if (n === 0) {
    if (isBlank(e.text)) ix.emptyLeaves.push(e);
    return;
  }
  for (let i = 0; i < n; i++) visit(kids[i]!, byLocal, ix);
}

/** normalize-space(s) = '' without allocating. */
function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return false;
  }
  return true;
}

/**
 * A per-document memo with one slot: `build` runs once per document (a validation runs all rules on one document
 * in a row; documents validated interleaved are simply rebuilt). Deliberately no WeakMap/WeakRef keyed by the
 * document: those keep every document of a synchronous batch alive until the job ends (WeakRef) or add ephemeron
 * work to every scavenge (WeakMap), which costs more in garbage collection than the cache saves.
 */
export function perDocument<T>(build: (doc: ParsedDocument) => T): (doc: ParsedDocument) => T {
  let last: ParsedDocument | undefined;
  let value: T | undefined;
  return (doc: ParsedDocument): T => {
    if (doc !== last) {
      value = build(doc);
      last = doc;
    }
    return value as T;
  };
}
