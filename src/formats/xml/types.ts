// The lightweight generic element tree produced by the XML reader (elements only; text kept per element).

/** A node of the lightweight generic element tree (elements only; text is kept in `text`). */
export type XmlElement = {
  /** Qualified name as written in the document, e.g. `cbc:ID` or `Invoice` (prefix may be anything). */
  name: string;
  /** Local name, e.g. `ID`. */
  local: string;
  /** Namespace URI ('' when none). */
  ns: string;
  /** Attributes keyed by their name as written (`currencyID`, `schemeID`, `xsi:schemaLocation`). Namespace declarations are not included. */
  attributes: Readonly<Record<string, string>>;
  children: readonly XmlElement[];
  /** Concatenated direct character data (entities decoded, CDATA included, whitespace kept; for an element
   * with child elements, whitespace-only runs between them are dropped, so an aggregate's text is usually ''). */
  text: string;
  /** (Computed on first use.) Canonical XPath-like location with canonical prefixes chosen by namespace (for Peppol: cbc/cac/ext for UBL, rsm/ram/udt/qdt for CII; see `prefixes` in parse options);
   * `[n]` is given when the parent has more than one child of that name. */
  location: string;
  parent: XmlElement | null;
  /** 1-based position among the parent's children with the same namespace + local name. */
  index: number;
  /** (Cache, filled on first use by tree helpers) children grouped by local name, for elements with many children. */
  childrenByLocal?: Map<string, XmlElement[]> | undefined;
  /** 0-based character offset of the start tag in the decoded source text (see `lineOf` in src/formats/xml). */
  offset: number;
};

/** Elements grouped as the rule sets look them up, all in document order (built by the reader on request, see
 * `index` in parse options). */
export type ElementIndex = {
  /** Every element by local name (any namespace), document order; `keys()` in order of first occurrence. */
  byLocal: ElementsByLocal;
  /** Leaf elements whose text is blank (normalize-space = ''), document order. */
  emptyLeaves: XmlElement[];
  /** Elements carrying a schemeID attribute, document order. */
  withScheme: XmlElement[];
};

/** What the index's users need of a map from local name to elements (a `Map` is one). */
export type ElementsByLocal = Pick<ReadonlyMap<string, XmlElement[]>, 'get' | 'keys'>;
