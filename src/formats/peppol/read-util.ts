// Helpers and group classes shared by the UBL and CII readers.
//
// Speed notes (the model is built for every validated document):
// - The readers walk each element's children ONCE and dispatch on the local name (checking the namespace), instead of
//   one scan per field. Helpers below append to Field[] lists without resolving prefixed names.
// - Groups are small classes whose `location` is a getter: the location string (index computation, canonical
//   names) is only built when a finding asks for it.
// - Empty lists are the shared frozen NO_FIELDS / NO_GROUPS (model arrays are read-only).
import type {
  Address, AllowanceCharge, Attachment, Contact, CreditTransfer, Delivery, DirectDebit, Field, Item, ItemAttribute,
  Line, Note, Party, PaymentCard, PaymentMeans, PaymentTerms, Period, PrecedingInvoice, Price, TaxCategory, TaxRegistration,
  TaxTotal, Totals, VatBreakdown, XmlElement,
} from './model.ts';
import { fieldOf } from './model.ts';

/** The shared empty field list. Not frozen: a frozen array has its own elements kind in V8, and every loop over
 * model lists would then handle two kinds; the model types are `readonly` instead, so nothing can push to it. */
export const NO_FIELDS: Field[] = [];

/** The shared empty list of groups (typed `never[]` so that it fits every group list; not frozen, see NO_FIELDS). */
export const NO_GROUPS: never[] = [];

/** Appends the element as a Field; the shared empty list is replaced by a fresh one. */
export function add(list: Field[], el: XmlElement): Field[] {
  return addField(list, fieldOf(el));
}

/** Appends a Field; the shared empty list is replaced by a fresh one. */
export function addField(list: Field[], f: Field): Field[] {
  if (list === NO_FIELDS) return [f];
  list.push(f);
  return list;
}

/** Appends every child of `el` with namespace `ns` and local name `local`, in document order. */
export function addKids(list: Field[], el: XmlElement, ns: string, local: string): Field[] {
  const kids = el.children;
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i]!;
    if (k.local === local && k.ns === ns) list = add(list, k);
  }
  return list;
}

/** Appends a group to a list; the shared empty list is replaced by a fresh one. */
export function addGroup<T>(list: T[], g: T): T[] {
  if (list === NO_GROUPS) return [g];
  list.push(g);
  return list;
}

/** First child of `el` with namespace `ns` and local name `local`. */
export function kid(el: XmlElement, ns: string, local: string): XmlElement | undefined {
  const kids = el.children;
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i]!;
    if (k.local === local && k.ns === ns) return k;
  }
  return undefined;
}

/** Concatenation that avoids copying when `b` is empty (the result may be appended to: it is never `b` itself). */
export function cat(a: Field[], b: readonly Field[]): Field[] {
  return b.length === 0 ? a : a.length === 0 ? b.slice() : a.concat(b);
}

/** Base64 decoding of a binary object (undefined when invalid). */
export function decodeBase64(text: string): Uint8Array | undefined {
  const s = text.replace(/[ \t\r\n]+/g, '');
  if (s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) return undefined;
  return new Uint8Array(Buffer.from(s, 'base64'));
}

/** xs:boolean-ish reading of an allowance/charge indicator: 'true'/'1' → true, 'false'/'0' → false, else undefined. */
export function indicator(fields: readonly Field[]): boolean | undefined {
  const v = fields[0]?.value.trim();
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  return undefined;
}

/** Allowances (indicator false) and charges (indicator true) of a list; an invalid indicator is in neither. */
export function splitAllowanceCharges(all: AllowanceCharge[]): { allowances: AllowanceCharge[]; charges: AllowanceCharge[] } {
  let allowances: AllowanceCharge[] = NO_GROUPS;
  let charges: AllowanceCharge[] = NO_GROUPS;
  for (const ac of all) {
    const ind = indicator(ac.chargeIndicator);
    if (ind === true) charges = addGroup(charges, ac);
    else if (ind === false) allowances = addGroup(allowances, ac);
  }
  return { allowances, charges };
}

/** Fields of all groups of a list, concatenated (e.g. the amounts of all allowances). */
export function allOf<T>(groups: readonly T[], pick: (g: T) => readonly Field[]): Field[] {
  let out = NO_FIELDS;
  for (const g of groups) for (const f of pick(g)) out = addField(out, f);
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Group classes. Fields start as the shared empty list and are filled by the readers' single pass.
// Each class stores its own `el` in its own constructor: a store in a shared base constructor would see ~20
// object shapes and become megamorphic (measured: the slowest line of the model).

/** Base of the groups that always have an element: `location` is the element's, computed on first use (only findings need it). */
abstract class ElementGroup {
  declare el: XmlElement;
  get location(): string {
    return this.el.location;
  }
}

/** Base of the groups that may be absent: `location` is the group element's or, when the group is absent, that of
 * the element where it would be (`at`). */
abstract class AnchoredGroup {
  declare el: XmlElement | undefined;
  declare protected at: XmlElement;
  get location(): string {
    return this.at.location;
  }
}

export class AddressImpl extends ElementGroup implements Address {
  line1 = NO_FIELDS;
  line2 = NO_FIELDS;
  line3 = NO_FIELDS;
  city = NO_FIELDS;
  postCode = NO_FIELDS;
  countrySubdivision = NO_FIELDS;
  countryCode = NO_FIELDS;
  constructor(el: XmlElement) {
    super();
    this.el = el;
  }
}

export class ContactImpl extends ElementGroup implements Contact {
  name = NO_FIELDS;
  telephone = NO_FIELDS;
  email = NO_FIELDS;
  constructor(el: XmlElement) {
    super();
    this.el = el;
  }
}

export class TaxRegistrationImpl extends ElementGroup implements TaxRegistration {
  id = NO_FIELDS;
  scheme = NO_FIELDS;
  schemeValue = '';
  constructor(el: XmlElement) {
    super();
    this.el = el;
  }
}

export class PartyImpl extends AnchoredGroup implements Party {
  endpointId = NO_FIELDS;
  identifiers = NO_FIELDS;
  name = NO_FIELDS;
  tradingName = NO_FIELDS;
  legalRegistrationId = NO_FIELDS;
  additionalLegalInfo = NO_FIELDS;
  vatId = NO_FIELDS;
  taxRegistrationId = NO_FIELDS;
  taxRegistrations: TaxRegistration[] = NO_GROUPS;
  address: Address | undefined = undefined;
  contact: Contact | undefined = undefined;
  count = 0;
  constructor(el: XmlElement | undefined, at: XmlElement) {
    super();
    this.el = el;
    this.at = at;
  }
}

export class PrecedingInvoiceImpl extends ElementGroup implements PrecedingInvoice {
  id = NO_FIELDS;
  issueDate = NO_FIELDS;
  constructor(el: XmlElement) {
    super();
    this.el = el;
  }
}

export class PeriodImpl extends ElementGroup implements Period {
  startDate = NO_FIELDS;
  endDate = NO_FIELDS;
  descriptionCode = NO_FIELDS;
  constructor(el: XmlElement) {
    super();
    this.el = el;
  }
}

export class DeliveryImpl extends ElementGroup implements Delivery {
  partyName = NO_FIELDS;
  locationId = NO_FIELDS;
  actualDeliveryDate = NO_FIELDS;
  address: Address | undefined = undefined;
  count = 0;
  constructor(el: XmlElement) {
    super();
    this.el = el;
  }
}

export class CreditTransferImpl extends ElementGroup implements CreditTransfer {
  accountId = NO_FIELDS;
  accountScheme = '';
  accountName = NO_FIELDS;
  serviceProviderId = NO_FIELDS;
  constructor(el: XmlElement) {
    super();
    this.el = el;
  }
}

export class PaymentCardImpl extends ElementGroup implements PaymentCard {
  primaryAccountNumber = NO_FIELDS;
  holderName = NO_FIELDS;
  constructor(el: XmlElement) {
    super();
    this.el = el;
  }
}

export class DirectDebitImpl extends AnchoredGroup implements DirectDebit {
  mandateReference = NO_FIELDS;
  creditorId = NO_FIELDS;
  debitedAccount = NO_FIELDS;
  constructor(el: XmlElement | undefined, at: XmlElement) {
    super();
    this.el = el;
    this.at = at;
  }
}

export class PaymentMeansImpl extends ElementGroup implements PaymentMeans {
  code = NO_FIELDS;
  text = NO_FIELDS;
  paymentId = NO_FIELDS;
  creditTransfers: CreditTransfer[] = NO_GROUPS;
  card: PaymentCard | undefined = undefined;
  directDebit: DirectDebit | undefined = undefined;
  constructor(el: XmlElement) {
    super();
    this.el = el;
  }
}

export class TaxCategoryImpl extends AnchoredGroup implements TaxCategory {
  code = NO_FIELDS;
  rate = NO_FIELDS;
  exemptionReason = NO_FIELDS;
  exemptionReasonCode = NO_FIELDS;
  taxScheme = NO_FIELDS;
  constructor(el: XmlElement | undefined, at: XmlElement) {
    super();
    this.el = el;
    this.at = at;
  }
}

export class AllowanceChargeImpl extends ElementGroup implements AllowanceCharge {
  chargeIndicator = NO_FIELDS;
  isCharge = false;
  amount = NO_FIELDS;
  baseAmount = NO_FIELDS;
  percentage = NO_FIELDS;
  vatCategoryCode: readonly Field[] = NO_FIELDS;
  vatRate: readonly Field[] = NO_FIELDS;
  taxCategories: TaxCategory[] = NO_GROUPS;
  reason = NO_FIELDS;
  reasonCode = NO_FIELDS;
  constructor(el: XmlElement) {
    super();
    this.el = el;
  }
}

export class VatBreakdownImpl extends ElementGroup implements VatBreakdown {
  taxableAmount = NO_FIELDS;
  taxAmount = NO_FIELDS;
  categoryCode: readonly Field[];
  rate: readonly Field[];
  exemptionReason: readonly Field[];
  exemptionReasonCode: readonly Field[];
  dueDateTypeCode = NO_FIELDS;
  category: TaxCategory;
  constructor(el: XmlElement, category: TaxCategory) {
    super();
    this.el = el;
    this.category = category;
    this.categoryCode = category.code;
    this.rate = category.rate;
    this.exemptionReason = category.exemptionReason;
    this.exemptionReasonCode = category.exemptionReasonCode;
  }
}

export class TaxTotalImpl extends ElementGroup implements TaxTotal {
  taxAmount = NO_FIELDS;
  subtotals: VatBreakdown[] = NO_GROUPS;
  constructor(el: XmlElement) {
    super();
    this.el = el;
  }
}

export class TotalsImpl extends AnchoredGroup implements Totals {
  lineNetTotal = NO_FIELDS;
  allowanceTotal = NO_FIELDS;
  chargeTotal = NO_FIELDS;
  taxExclusiveAmount = NO_FIELDS;
  taxTotalAmounts = NO_FIELDS;
  taxInclusiveAmount = NO_FIELDS;
  prepaidAmount = NO_FIELDS;
  roundingAmount = NO_FIELDS;
  payableAmount = NO_FIELDS;
  constructor(el: XmlElement | undefined, at: XmlElement) {
    super();
    this.el = el;
    this.at = at;
  }
}

export class NoteImpl extends ElementGroup implements Note {
  text = NO_FIELDS;
  subjectCode = NO_FIELDS;
  constructor(el: XmlElement) {
    super();
    this.el = el;
  }
}

export class PaymentTermsImpl extends ElementGroup implements PaymentTerms {
  note = NO_FIELDS;
  dueDate = NO_FIELDS;
  directDebitMandateId = NO_FIELDS;
  constructor(el: XmlElement) {
    super();
    this.el = el;
  }
}

export class ItemAttributeImpl extends ElementGroup implements ItemAttribute {
  name = NO_FIELDS;
  value = NO_FIELDS;
  constructor(el: XmlElement) {
    super();
    this.el = el;
  }
}

export class ItemImpl extends AnchoredGroup implements Item {
  name = NO_FIELDS;
  description = NO_FIELDS;
  sellersId = NO_FIELDS;
  buyersId = NO_FIELDS;
  standardId = NO_FIELDS;
  classifications = NO_FIELDS;
  originCountry = NO_FIELDS;
  attributes: ItemAttribute[] = NO_GROUPS;
  constructor(el: XmlElement | undefined, at: XmlElement) {
    super();
    this.el = el;
    this.at = at;
  }
}

export class PriceImpl extends ElementGroup implements Price {
  netPrice = NO_FIELDS;
  discount = NO_FIELDS;
  grossPrice = NO_FIELDS;
  baseQuantity = NO_FIELDS;
  grossBaseQuantity = NO_FIELDS;
  allowanceCharges: AllowanceCharge[] = NO_GROUPS;
  constructor(el: XmlElement) {
    super();
    this.el = el;
  }
}

export class LineImpl extends ElementGroup implements Line {
  position: number;
  id = NO_FIELDS;
  note = NO_FIELDS;
  objectIdentifier = NO_FIELDS;
  quantity = NO_FIELDS;
  netAmount = NO_FIELDS;
  orderLineReference = NO_FIELDS;
  accountingReference = NO_FIELDS;
  period: Period | undefined = undefined;
  allowances: AllowanceCharge[] = NO_GROUPS;
  charges: AllowanceCharge[] = NO_GROUPS;
  allowanceCharges: AllowanceCharge[] = NO_GROUPS;
  price: Price | undefined = undefined;
  vat: TaxCategory | undefined = undefined;
  vatCategories: TaxCategory[] = NO_GROUPS;
  /** Assigned by the reader right after construction (the item pass also fills `vatCategories`). */
  item!: Item;
  subLines: Line[] = NO_GROUPS;
  constructor(el: XmlElement, position: number) {
    super();
    this.el = el;
    this.position = position;
  }
}

/** BG-24 attachment with lazily decoded content. */
export class AttachmentImpl extends ElementGroup implements Attachment {
  id = NO_FIELDS;
  typeCode = NO_FIELDS;
  description = NO_FIELDS;
  externalUri = NO_FIELDS;
  binaryObject = NO_FIELDS;
  #content: Uint8Array | undefined | null = null;
  constructor(el: XmlElement) {
    super();
    this.el = el;
  }
  /** Attributes of the first binary object (read after the fields are filled). */
  get mimeCode(): string | undefined { return this.binaryObject[0]?.attrs['mimeCode']; }
  get filename(): string | undefined { return this.binaryObject[0]?.attrs['filename']; }
  get content(): Uint8Array | undefined {
    if (this.#content === null) this.#content = this.binaryObject[0] ? decodeBase64(this.binaryObject[0].value) : undefined;
    return this.#content;
  }
}
