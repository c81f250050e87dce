// MODEL-READY
// The one invoice model for UBL Invoice, UBL CreditNote and CII CrossIndustryInvoice, following the
// EN 16931 semantic model (BT-n = business term, BG-n = business group). See README.md in this folder.
//
// Principles (rules depend on them):
// - Every value is kept RAW, exactly as written in the document (entities decoded, whitespace kept, NOT
//   trimmed): amounts, quantities, percentages, dates and codes are strings. Use `decimal.ts` for arithmetic.
// - Every leaf is a `Field[]` (all occurrences in document order, usually 0 or 1) so that rules can check
//   presence and cardinality; use `val()`/`first()` below for the common "first value" case.
// - Groups (BG-n) that EN 16931 allows to repeat are arrays; a group that occurs at most once is a single
//   object built from its FIRST occurrence (check `el`/`count` for presence and repetition) or `undefined`.
// - Each `Field` and group carries the `XmlElement` it came from and its location
//   (`/Invoice/cac:InvoiceLine[2]/cbc:LineExtensionAmount`, `/rsm:CrossIndustryInvoice/rsm:ExchangedDocument/ram:ID`);
//   `location` is a getter computed on first use (only findings need it).
// - Syntax-specific checks (elements not allowed, empty elements, UBL-/CII- syntax rules) use the generic tree
//   `doc.root` and the helpers at the bottom of this file.
// - Model arrays are read-only (empty ones are one shared frozen array). A Field read from a document is the
//   element object itself (`field.el === field`); `doc.invoice` is built on first use.

export type Syntax = 'ubl-invoice' | 'ubl-creditnote' | 'cii';

/** A node of the lightweight generic element tree: see src/formats/xml/types.ts. */
export type { XmlElement } from '../xml/types.ts';
import type { XmlElement } from '../xml/types.ts';

/** One occurrence of a value in the document. */
export type Field = {
  /** Raw text content as written (entities decoded, not trimmed). */
  value: string;
  /** Attributes of the element (currencyID, schemeID, schemeAgencyID, listID, unitCode, mimeCode, filename, format …). */
  attrs: Record<string, string>;
  location: string;
  el: XmlElement;
};

/** Base of every group: the element it was read from (undefined when the group is absent but created empty). */
export type Group = {
  el: XmlElement | undefined;
  /** Location of the group element, or of the element where it would be (the parent) when absent. */
  location: string;
};

// ---------------------------------------------------------------------------------------------------------
// Parties

/** BG-5 / BG-8 / BG-12 / BG-15 postal address. */
export type Address = Group & {
  line1: readonly Field[];           // BT-35 / BT-50 / BT-64 / BT-75  (UBL cbc:StreetName, CII ram:LineOne)
  line2: readonly Field[];           // BT-36 / BT-51 / BT-65 / BT-76  (UBL cbc:AdditionalStreetName, CII ram:LineTwo)
  line3: readonly Field[];           // BT-162 / BT-163 / BT-164 / BT-165 (UBL cac:AddressLine/cbc:Line, CII ram:LineThree)
  city: readonly Field[];            // BT-37 / BT-52 / BT-66 / BT-77
  postCode: readonly Field[];        // BT-38 / BT-53 / BT-67 / BT-78
  countrySubdivision: readonly Field[]; // BT-39 / BT-54 / BT-68 / BT-79
  countryCode: readonly Field[];     // BT-40 / BT-55 / BT-69 / BT-80 (UBL cac:Country/cbc:IdentificationCode, CII ram:CountryID)
};

/** BG-6 / BG-9 contact. */
export type Contact = Group & {
  name: readonly Field[];            // BT-41 / BT-56
  telephone: readonly Field[];       // BT-42 / BT-57
  email: readonly Field[];           // BT-43 / BT-58
};

/** A tax registration of a party: UBL cac:PartyTaxScheme, CII ram:SpecifiedTaxRegistration. */
export type TaxRegistration = Group & {
  /** UBL cbc:CompanyID, CII ram:ID. */
  id: readonly Field[];
  /** The tax scheme: UBL cac:TaxScheme/cbc:ID (e.g. 'VAT' or other), CII the `schemeID` attribute of ram:ID ('VA' or 'FC'). */
  scheme: readonly Field[];
  /** Scheme as a plain string: UBL TaxScheme/ID value, CII schemeID attribute ('' when missing). */
  schemeValue: string;
};

export type Party = Group & {
  /** Electronic address BT-34 / BT-49 (schemeID attr = BT-34-1 / BT-49-1). UBL cbc:EndpointID, CII ram:URIUniversalCommunication/ram:URIID. */
  endpointId: readonly Field[];
  /** Party identifiers BT-29 / BT-46 / BT-60 / BT-71(delivery) (schemeID attr = BT-29-1 …). UBL cac:PartyIdentification/cbc:ID, CII ram:ID and ram:GlobalID. */
  identifiers: readonly Field[];
  /** Name BT-27 / BT-44 / BT-59 / BT-62 / BT-70. UBL cac:PartyLegalEntity/cbc:RegistrationName (or cac:PartyName/cbc:Name for payee, tax representative, delivery), CII ram:Name. */
  name: readonly Field[];
  /** Trading name BT-28 / BT-45. UBL cac:PartyName/cbc:Name, CII ram:SpecifiedLegalOrganization/ram:TradingBusinessName. */
  tradingName: readonly Field[];
  /** Legal registration identifier BT-30 / BT-47 / BT-61 (schemeID attr = BT-30-1 …). UBL cac:PartyLegalEntity/cbc:CompanyID, CII ram:SpecifiedLegalOrganization/ram:ID. */
  legalRegistrationId: readonly Field[];
  /** Additional legal information BT-33. UBL cac:PartyLegalEntity/cbc:CompanyLegalForm, CII ram:Description. */
  additionalLegalInfo: readonly Field[];
  /** VAT identifier BT-31 / BT-48 / BT-63: the tax registrations whose scheme is VAT (UBL) / VA (CII). */
  vatId: readonly Field[];
  /** Tax registration identifier BT-32: registrations whose scheme is not VAT / is FC. */
  taxRegistrationId: readonly Field[];
  /** All tax registrations as written. */
  taxRegistrations: readonly TaxRegistration[];
  /** BG-5 / BG-8 / BG-12 postal address. */
  address: Address | undefined;
  /** BG-6 / BG-9 contact. */
  contact: Contact | undefined;
  /** Number of occurrences of the party group element in the document (for cardinality rules). */
  count: number;
};

// ---------------------------------------------------------------------------------------------------------
// References, delivery, payment

/** BG-3 preceding invoice reference. */
export type PrecedingInvoice = Group & {
  id: readonly Field[];              // BT-25
  issueDate: readonly Field[];       // BT-26
};

/** BG-24 additional supporting document (also used for BT-17 tender, BT-18 invoiced object in UBL). */
export type Attachment = Group & {
  id: readonly Field[];              // BT-122 (schemeID attr for BT-18-1 when used as invoiced object identifier)
  /** UBL cbc:DocumentTypeCode / CII ram:TypeCode: 130 = invoiced object (BT-18), 50 = tender (BT-17 in CII), 916 = supporting doc. */
  typeCode: readonly Field[];
  description: readonly Field[];     // BT-123
  externalUri: readonly Field[];     // BT-124
  /** BT-125 embedded binary object; attrs mimeCode (BT-125-1), filename (BT-125-2). */
  binaryObject: readonly Field[];
  /** Decoded bytes of the first binary object (base64), undefined when absent or not valid base64. */
  content: Uint8Array | undefined;
  mimeCode: string | undefined;
  filename: string | undefined;
};

/** BG-14 / BG-26 invoicing period. */
export type Period = Group & {
  startDate: readonly Field[];       // BT-73 / BT-134
  endDate: readonly Field[];         // BT-74 / BT-135
  /** UBL cbc:DescriptionCode (BT-8 in UBL lives in InvoicePeriod). */
  descriptionCode: readonly Field[];
};

/** BG-13 delivery information. */
export type Delivery = Group & {
  /** Deliver to party name BT-70. */
  partyName: readonly Field[];
  /** Deliver to location identifier BT-71 (schemeID attr BT-71-1). */
  locationId: readonly Field[];
  actualDeliveryDate: readonly Field[]; // BT-72
  /** BG-15 deliver to address. */
  address: Address | undefined;
  count: number;
};

/** BG-17 credit transfer (one account). */
export type CreditTransfer = Group & {
  /** Payment account identifier BT-84. UBL cac:PayeeFinancialAccount/cbc:ID (schemeID attr may carry e.g. 'IBAN','BBAN','SE:BANKGIRO','SE:PLUSGIRO'), CII ram:PayeePartyCreditorFinancialAccount/ram:IBANID or ram:ProprietaryID. */
  accountId: readonly Field[];
  /** CII only: which element held the account id ('IBANID' | 'ProprietaryID'); UBL: the schemeID attribute or ''. */
  accountScheme: string;
  accountName: readonly Field[];     // BT-85
  serviceProviderId: readonly Field[]; // BT-86 (BIC) UBL cac:FinancialInstitutionBranch/cbc:ID, CII ram:PayeeSpecifiedCreditorFinancialInstitution/ram:BICID
};

/** BG-18 payment card. */
export type PaymentCard = Group & {
  primaryAccountNumber: readonly Field[]; // BT-87
  holderName: readonly Field[];           // BT-88
};

/** BG-19 direct debit. */
export type DirectDebit = Group & {
  mandateReference: readonly Field[];     // BT-89
  /** Bank assigned creditor identifier BT-90 (UBL: seller/payee cac:PartyIdentification with schemeID SEPA; CII ram:CreditorReferenceID). */
  creditorId: readonly Field[];
  debitedAccount: readonly Field[];       // BT-91
};

/** BG-16 payment instructions: one UBL cac:PaymentMeans / CII ram:SpecifiedTradeSettlementPaymentMeans. */
export type PaymentMeans = Group & {
  code: readonly Field[];            // BT-81 (attr name = text in UBL)
  text: readonly Field[];            // BT-82 (UBL @name of PaymentMeansCode is not a field; CII ram:Information)
  /** Remittance information BT-83 (UBL cbc:PaymentID; CII ram:PaymentReference at settlement level, copied to each means). */
  paymentId: readonly Field[];
  creditTransfers: readonly CreditTransfer[];
  card: PaymentCard | undefined;
  directDebit: DirectDebit | undefined;
};

/** BG-20 / BG-21 / BG-27 / BG-28 allowance or charge. */
export type AllowanceCharge = Group & {
  /** 'true' for charge, 'false' for allowance (raw ChargeIndicator value; CII udt:Indicator). */
  chargeIndicator: readonly Field[];
  isCharge: boolean;
  amount: readonly Field[];          // BT-92 / BT-99 / BT-136 / BT-141
  baseAmount: readonly Field[];      // BT-93 / BT-100 / BT-137 / BT-142
  percentage: readonly Field[];      // BT-94 / BT-101 / BT-138 / BT-143 (UBL cbc:MultiplierFactorNumeric, CII ram:CalculationPercent)
  vatCategoryCode: readonly Field[]; // BT-95 / BT-102 (document level only)
  vatRate: readonly Field[];         // BT-96 / BT-103
  /** All tax categories (UBL cac:TaxCategory; CII ram:CategoryTradeTax) for cardinality checks. */
  taxCategories: readonly TaxCategory[];
  reason: readonly Field[];          // BT-97 / BT-104 / BT-139 / BT-144
  reasonCode: readonly Field[];      // BT-98 / BT-105 / BT-140 / BT-145
};

/** A VAT category as written: UBL cac:TaxCategory / cac:ClassifiedTaxCategory, CII ram:ApplicableTradeTax / ram:CategoryTradeTax. */
export type TaxCategory = Group & {
  code: readonly Field[];            // category code (S, Z, E, AE, K, G, O, L, M)
  rate: readonly Field[];            // percent
  exemptionReason: readonly Field[]; // BT-120
  exemptionReasonCode: readonly Field[]; // BT-121
  /** UBL cac:TaxScheme/cbc:ID; CII ram:TypeCode ('VAT'). */
  taxScheme: readonly Field[];
};

/** BG-23 VAT breakdown: UBL cac:TaxTotal/cac:TaxSubtotal, CII ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax. */
export type VatBreakdown = Group & {
  taxableAmount: readonly Field[];   // BT-116
  taxAmount: readonly Field[];       // BT-117 (CII ram:CalculatedAmount)
  categoryCode: readonly Field[];    // BT-118
  rate: readonly Field[];            // BT-119
  exemptionReason: readonly Field[]; // BT-120
  exemptionReasonCode: readonly Field[]; // BT-121
  /** CII ram:DueDateTypeCode (BT-8 in CII). */
  dueDateTypeCode: readonly Field[];
  category: TaxCategory;
};

/** UBL cac:TaxTotal (may appear twice: in document currency with subtotals, and in tax currency). CII: one synthetic TaxTotal per ram:TaxTotalAmount. */
export type TaxTotal = Group & {
  taxAmount: readonly Field[];
  subtotals: readonly VatBreakdown[];
};

/** BG-22 document totals. */
export type Totals = Group & {
  lineNetTotal: readonly Field[];        // BT-106 UBL cbc:LineExtensionAmount, CII ram:LineTotalAmount
  allowanceTotal: readonly Field[];      // BT-107 UBL cbc:AllowanceTotalAmount, CII ram:AllowanceTotalAmount
  chargeTotal: readonly Field[];         // BT-108 UBL cbc:ChargeTotalAmount, CII ram:ChargeTotalAmount
  taxExclusiveAmount: readonly Field[];  // BT-109 UBL cbc:TaxExclusiveAmount, CII ram:TaxBasisTotalAmount
  /** BT-110 VAT total in document currency and BT-111 in tax currency: UBL cac:TaxTotal/cbc:TaxAmount (all), CII ram:TaxTotalAmount (all); tell them apart by attrs.currencyID. */
  taxTotalAmounts: readonly Field[];
  taxInclusiveAmount: readonly Field[];  // BT-112 UBL cbc:TaxInclusiveAmount, CII ram:GrandTotalAmount
  prepaidAmount: readonly Field[];       // BT-113 UBL cbc:PrepaidAmount, CII ram:TotalPrepaidAmount
  roundingAmount: readonly Field[];      // BT-114 UBL cbc:PayableRoundingAmount, CII ram:RoundingAmount
  payableAmount: readonly Field[];       // BT-115 UBL cbc:PayableAmount, CII ram:DuePayableAmount
};

/** BG-1 invoice note. */
export type Note = Group & {
  /** Raw note text (for UBL, the whole cbc:Note text; a leading `#CODE#` subject is NOT stripped). */
  text: readonly Field[];            // BT-22
  /** BT-21 subject code: CII ram:SubjectCode; UBL has no element for it (always empty). */
  subjectCode: readonly Field[];
};

/** BG-20 payment terms text and related (UBL cac:PaymentTerms, CII ram:SpecifiedTradePaymentTerms). */
export type PaymentTerms = Group & {
  note: readonly Field[];            // BT-20 (UBL cbc:Note, CII ram:Description)
  /** CII ram:DueDateDateTime/udt:DateTimeString (BT-9 in CII). */
  dueDate: readonly Field[];
  /** CII ram:DirectDebitMandateID (BT-89 in CII). */
  directDebitMandateId: readonly Field[];
};

// ---------------------------------------------------------------------------------------------------------
// Lines

/** BG-32 item attribute. */
export type ItemAttribute = Group & {
  name: readonly Field[];            // BT-160
  value: readonly Field[];           // BT-161
};

/** BG-31 item information. */
export type Item = Group & {
  name: readonly Field[];            // BT-153
  description: readonly Field[];     // BT-154
  sellersId: readonly Field[];       // BT-155
  buyersId: readonly Field[];        // BT-156
  standardId: readonly Field[];      // BT-157 (schemeID attr BT-157-1)
  classifications: readonly Field[]; // BT-158 (attrs listID BT-158-1, listVersionID BT-158-2)
  originCountry: readonly Field[];   // BT-159
  attributes: readonly ItemAttribute[];
};

/** BG-29 price details. */
export type Price = Group & {
  netPrice: readonly Field[];        // BT-146 UBL cac:Price/cbc:PriceAmount, CII ram:NetPriceProductTradePrice/ram:ChargeAmount
  /** BT-147 price discount. UBL cac:Price/cac:AllowanceCharge/cbc:Amount, CII gross price ram:AppliedTradeAllowanceCharge/ram:ActualAmount. */
  discount: readonly Field[];
  grossPrice: readonly Field[];      // BT-148 UBL cac:Price/cac:AllowanceCharge/cbc:BaseAmount, CII ram:GrossPriceProductTradePrice/ram:ChargeAmount
  /** BT-149 base quantity (attr unitCode = BT-150). UBL cbc:BaseQuantity, CII ram:NetPriceProductTradePrice/ram:BasisQuantity. */
  baseQuantity: readonly Field[];
  /** CII ram:GrossPriceProductTradePrice/ram:BasisQuantity. */
  grossBaseQuantity: readonly Field[];
  /** Raw allowance/charge elements inside the price (UBL cac:Price/cac:AllowanceCharge, CII gross price AppliedTradeAllowanceCharge). */
  allowanceCharges: readonly AllowanceCharge[];
};

/** BG-25 invoice line (UBL cac:InvoiceLine / cac:CreditNoteLine, CII ram:IncludedSupplyChainTradeLineItem). */
export type Line = Group & {
  /** 1-based position among the lines. */
  position: number;
  id: readonly Field[];              // BT-126
  note: readonly Field[];            // BT-127
  /** BT-128 line object identifier (schemeID attr BT-128-1). UBL cac:DocumentReference[DocumentTypeCode=130]/cbc:ID, CII ram:AdditionalReferencedDocument[TypeCode=130]/ram:IssuerAssignedID. */
  objectIdentifier: readonly Field[];
  /** BT-129 quantity (attr unitCode = BT-130). UBL cbc:InvoicedQuantity / cbc:CreditedQuantity, CII ram:BilledQuantity. */
  quantity: readonly Field[];
  netAmount: readonly Field[];       // BT-131 UBL cbc:LineExtensionAmount, CII ram:LineTotalAmount
  orderLineReference: readonly Field[]; // BT-132 UBL cac:OrderLineReference/cbc:LineID, CII ram:BuyerOrderReferencedDocument/ram:LineID
  accountingReference: readonly Field[]; // BT-133 UBL cbc:AccountingCost, CII ram:ReceivableSpecifiedTradeAccountingAccount/ram:ID
  period: Period | undefined;   // BG-26
  allowances: readonly AllowanceCharge[]; // BG-27
  charges: readonly AllowanceCharge[];    // BG-28
  /** All line-level allowance/charge elements as written. */
  allowanceCharges: readonly AllowanceCharge[];
  price: Price | undefined;      // BG-29
  /** BG-30 line VAT information: BT-151 category code, BT-152 rate. UBL cac:Item/cac:ClassifiedTaxCategory, CII ram:ApplicableTradeTax. */
  vat: TaxCategory | undefined;
  /** All line VAT categories written (for cardinality). */
  vatCategories: readonly TaxCategory[];
  item: Item;                    // BG-31
  /** UBL nested cac:SubInvoiceLine elements (not EN 16931; kept for "not allowed" checks). CII: lines whose ram:ParentLineID refers here are not nested. */
  subLines: readonly Line[];
};

// ---------------------------------------------------------------------------------------------------------
// The invoice

export type Invoice = {
  customizationId: readonly Field[];   // BT-24 specification identifier
  profileId: readonly Field[];         // BT-23 business process type
  number: readonly Field[];            // BT-1
  issueDate: readonly Field[];         // BT-2 (CII udt:DateTimeString, attr format)
  typeCode: readonly Field[];          // BT-3 (UBL cbc:InvoiceTypeCode / cbc:CreditNoteTypeCode, CII ram:TypeCode)
  currencyCode: readonly Field[];      // BT-5
  taxCurrencyCode: readonly Field[];   // BT-6
  taxPointDate: readonly Field[];      // BT-7
  /** BT-8 value added tax point date code. UBL cac:InvoicePeriod/cbc:DescriptionCode, CII ram:ApplicableTradeTax/ram:DueDateTypeCode. */
  vatPointDateCode: readonly Field[];
  dueDate: readonly Field[];           // BT-9 (UBL cbc:DueDate (Invoice) or cac:PaymentMeans/cbc:PaymentDueDate (CreditNote), CII ram:SpecifiedTradePaymentTerms/ram:DueDateDateTime)
  buyerReference: readonly Field[];    // BT-10
  projectReference: readonly Field[];  // BT-11 UBL cac:ProjectReference/cbc:ID (CreditNote: cac:AdditionalDocumentReference[DocumentTypeCode=50]), CII ram:SpecifiedProcuringProject/ram:ID
  contractReference: readonly Field[]; // BT-12
  orderReference: readonly Field[];    // BT-13 UBL cac:OrderReference/cbc:ID, CII ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID
  salesOrderReference: readonly Field[]; // BT-14 UBL cac:OrderReference/cbc:SalesOrderID, CII ram:SellerOrderReferencedDocument/ram:IssuerAssignedID
  receivingAdviceReference: readonly Field[]; // BT-15
  despatchAdviceReference: readonly Field[];  // BT-16
  tenderReference: readonly Field[];   // BT-17 UBL cac:OriginatorDocumentReference/cbc:ID, CII ram:AdditionalReferencedDocument[TypeCode=50]/ram:IssuerAssignedID
  invoicedObjectIdentifier: readonly Field[]; // BT-18 (schemeID attr BT-18-1) UBL cac:AdditionalDocumentReference[DocumentTypeCode=130]/cbc:ID, CII [TypeCode=130]
  buyerAccountingReference: readonly Field[]; // BT-19 UBL cbc:AccountingCost, CII ram:ReceivableSpecifiedTradeAccountingAccount/ram:ID
  /** BT-20 payment terms text (all), see also `paymentTerms`. */
  paymentTermsText: readonly Field[];
  notes: readonly Note[];                      // BG-1
  precedingInvoices: readonly PrecedingInvoice[]; // BG-3
  seller: Party;                      // BG-4
  buyer: Party;                       // BG-7
  payee: Party | undefined;           // BG-10
  taxRepresentative: Party | undefined; // BG-11
  delivery: Delivery | undefined;     // BG-13 (first cac:Delivery / CII ram:ApplicableHeaderTradeDelivery with content)
  deliveries: readonly Delivery[];             // all UBL cac:Delivery (for cardinality)
  invoicePeriod: Period | undefined;  // BG-14
  invoicePeriods: readonly Period[];           // all (for cardinality)
  paymentMeans: readonly PaymentMeans[];       // BG-16
  paymentTerms: readonly PaymentTerms[];       // BT-20 groups
  allowances: readonly AllowanceCharge[];      // BG-20 (ChargeIndicator 'false'/'0', trimmed)
  charges: readonly AllowanceCharge[];         // BG-21 (ChargeIndicator 'true'/'1', trimmed)
  /** All document-level allowance/charge elements as written (also those with an invalid indicator). */
  allowanceCharges: readonly AllowanceCharge[];
  taxTotals: readonly TaxTotal[];              // UBL cac:TaxTotal elements (CII: synthetic, one per ram:TaxTotalAmount)
  vatBreakdown: readonly VatBreakdown[];       // BG-23 (all subtotals of all TaxTotals in UBL)
  totals: Totals;                     // BG-22
  attachments: readonly Attachment[];          // BG-24 (only supporting documents: UBL AdditionalDocumentReference without DocumentTypeCode 130 (and 50 for CreditNote); CII TypeCode 916)
  /** All additional document references as written (incl. invoiced object 130 and tender 50). */
  documentReferences: readonly Attachment[];
  lines: readonly Line[];                      // BG-25 (top-level lines only)
};

/** The result of reading one document. */
export type ParsedDocument = {
  syntax: Syntax;
  /** Root of the generic element tree. */
  root: XmlElement;
  invoice: Invoice;
  /** The prefix map used for locations: canonical prefix → namespace URI. */
  namespaces: Record<string, string>;
};

// ---------------------------------------------------------------------------------------------------------
// Namespaces

export const NS = {
  ublInvoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  ublCreditNote: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
  ext: 'urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2',
  rsm: 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
  ram: 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100',
  udt: 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100',
  qdt: 'urn:un:unece:uncefact:data:standard:QualifiedDataType:100',
} as const;

// ---------------------------------------------------------------------------------------------------------
// Helpers for rules

/** First field of a list (or undefined). */
export function first(fields: readonly Field[]): Field | undefined {
  return fields[0];
}

/** Raw value of the first field (or undefined when absent). */
export function val(fields: readonly Field[]): string | undefined {
  return fields[0]?.value;
}

/** Trimmed value of the first field, XPath normalize-space style (or undefined when absent). */
export function norm(fields: readonly Field[]): string | undefined {
  const f = fields[0];
  return f === undefined ? undefined : normalizeSpace(f.value);
}

/** XPath normalize-space(). */
export function normalizeSpace(s: string): string {
  const n = s.length;
  if (n === 0) return s;
  // Already normalized (the usual case for codes and identifiers): no allocation. Ends that JS trim() might
  // remove (space, control characters, non-ASCII) and tab/CR/LF or double spaces inside take the general path.
  const first = s.charCodeAt(0);
  const last = s.charCodeAt(n - 1);
  if (first <= 32 || first >= 127 || last <= 32 || last >= 127) return normalizeSpaceSlow(s);
  let prev = 0;
  for (let i = 1; i < n - 1; i++) {
    const c = s.charCodeAt(i);
    if (c === 9 || c === 10 || c === 13 || (c === 32 && prev === 32)) return normalizeSpaceSlow(s);
    prev = c;
  }
  return s;
}

function normalizeSpaceSlow(s: string): string {
  return s.replace(/[ \t\r\n]+/g, ' ').trim();
}

/** True when at least one field exists with a non-blank value (XPath `normalize-space(x) != ''` on the first). */
export function has(fields: readonly Field[]): boolean {
  const f = fields[0];
  return f !== undefined && normalizeSpace(f.value) !== '';
}

/** A Field backed by its element; `location` is computed only when asked for. */
class ElementField implements Field {
  el: XmlElement;
  constructor(el: XmlElement) { this.el = el; }
  get value(): string { return this.el.text; }
  get attrs(): Record<string, string> { return this.el.attributes; }
  get location(): string { return this.el.location; }
}

/** Converts an element to a Field (elements from the XML reader already are Fields: no allocation). */
export function fieldOf(el: XmlElement): Field {
  const f = el as XmlElement & Partial<Field>;
  return f.el === el ? (f as Field) : new ElementField(el);
}

/** A date field as ISO 'YYYY-MM-DD': UBL xs:date values are returned trimmed as written; CII format 102 'YYYYMMDD' is
 * converted. Undefined when absent or not of that shape. */
export function isoDate(f: Field | undefined): string | undefined {
  if (f === undefined) return undefined;
  const v = f.value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  if (/^\d{8}$/.test(v)) return `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}`;
  return undefined;
}

/** Child elements with the given qualified canonical name (`cbc:ID`, `ram:Name`) or local name when no prefix. */
export function children(el: XmlElement | undefined, name: string): XmlElement[] {
  if (!el) return [];
  const rn = resolveName(name);
  const ns = rn.ns;
  const local = rn.local;
  const kids = el.children;
  const out: XmlElement[] = [];
  if (kids.length > BUCKET_MIN) {
    const b = bucket(el).get(local);
    if (b !== undefined) for (const c of b) if (ns === null || c.ns === ns) out.push(c);
    return out;
  }
  for (let i = 0; i < kids.length; i++) {
    const c = kids[i]!;
    if (c.local === local && (ns === null || c.ns === ns)) out.push(c);
  }
  return out;
}

/** First child element with the given name. */
export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  if (!el) return undefined;
  const rn = resolveName(name);
  const ns = rn.ns;
  const local = rn.local;
  const kids = el.children;
  if (kids.length > BUCKET_MIN) {
    const b = bucket(el).get(local);
    if (b !== undefined) for (const c of b) if (ns === null || c.ns === ns) return c;
    return undefined;
  }
  for (let i = 0; i < kids.length; i++) {
    const c = kids[i]!;
    if (c.local === local && (ns === null || c.ns === ns)) return c;
  }
  return undefined;
}

// Elements with many children (the UBL root with its lines) get their children grouped by local name once.
export const BUCKET_MIN = 24;
export function bucket(el: XmlElement): Map<string, XmlElement[]> {
  let m = el.childrenByLocal;
  if (m === undefined) {
    m = new Map();
    for (const c of el.children) {
      const a = m.get(c.local);
      if (a === undefined) m.set(c.local, [c]);
      else a.push(c);
    }
    el.childrenByLocal = m;
  }
  return m;
}

/** Elements reached by a simple relative path of canonical names: `path(el, 'cac:Party/cac:PartyName/cbc:Name')`. */
export function path(el: XmlElement | undefined, p: string): XmlElement[] {
  if (!el) return [];
  let steps = pathCache.get(p);
  if (steps === undefined) {
    steps = p.split('/');
    if (pathCache.size < 10000) pathCache.set(p, steps);
  }
  if (steps.length === 1) return children(el, steps[0]!);
  let cur: XmlElement[] = [el];
  for (const step of steps) {
    if (cur.length === 1) { cur = children(cur[0], step); }
    else {
      const next: XmlElement[] = [];
      for (const c of cur) for (const x of children(c, step)) next.push(x);
      cur = next;
    }
    if (cur.length === 0) break;
  }
  return cur;
}
const pathCache = new Map<string, string[]>();

/** All descendant elements (depth first, document order), excluding `el` itself. */
export function descendants(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const stack: XmlElement[] = [];
  for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i]!);
  while (stack.length > 0) {
    const e = stack.pop()!;
    out.push(e);
    for (let i = e.children.length - 1; i >= 0; i--) stack.push(e.children[i]!);
  }
  return out;
}

/** Calls `fn` for every element in the tree (document order), including `el`. */
export function walk(el: XmlElement, fn: (e: XmlElement) => void): void {
  fn(el);
  for (const c of el.children) walk(c, fn);
}

/** True when the element has no child elements and blank text (a typical "empty element" check). */
export function isEmptyElement(el: XmlElement): boolean {
  return el.children.length === 0 && normalizeSpace(el.text) === '';
}

/** Canonical prefixed name of an element (`cbc:ID`), as used in locations. */
export function canonicalName(el: XmlElement): string {
  const p = PREFIX_BY_NS[el.ns];
  return p === undefined ? (el.ns === '' ? el.local : `*:${el.local}`) : p === '' ? el.local : `${p}:${el.local}`;
}

/** Canonical prefix by namespace URI ('' = no prefix, used for the UBL root namespaces). */
export const PREFIX_BY_NS: Record<string, string> = {
  [NS.ublInvoice]: '',
  [NS.ublCreditNote]: '',
  [NS.cac]: 'cac',
  [NS.cbc]: 'cbc',
  [NS.ext]: 'ext',
  [NS.rsm]: 'rsm',
  [NS.ram]: 'ram',
  [NS.udt]: 'udt',
  [NS.qdt]: 'qdt',
};

const NS_BY_PREFIX: Record<string, string> = {
  cac: NS.cac, cbc: NS.cbc, ext: NS.ext, rsm: NS.rsm, ram: NS.ram, udt: NS.udt, qdt: NS.qdt,
};

export type ResolvedName = { ns: string | null; local: string };
const nameCache = new Map<string, ResolvedName>();
export function resolveName(name: string): ResolvedName {
  let r = nameCache.get(name);
  if (r !== undefined) return r;
  const i = name.indexOf(':');
  r = i < 0 ? { ns: null, local: name } : { ns: NS_BY_PREFIX[name.slice(0, i)] ?? null, local: name.slice(i + 1) };
  if (nameCache.size < 10000) nameCache.set(name, r);
  return r;
}
