// Reads a UBL 2.1 Invoice or CreditNote element tree into the invoice model (EN 16931 UBL binding, Peppol BIS 3).
import type {
  Address, AllowanceCharge, Attachment, Contact, CreditTransfer, Delivery, DirectDebit, Field, Invoice, Item,
  ItemAttribute, Line, Note, Party, PaymentCard, PaymentMeans, PaymentTerms, Period, PrecedingInvoice, Price,
  TaxCategory, TaxTotal, Totals, VatBreakdown, XmlElement,
} from './model.ts';
import { children, child, normalizeSpace, fieldOf } from './model.ts';
import { F, FP, EP, E1, cat, AttachmentImpl, splitAllowanceCharges, taxRegistration, emptyTaxCategory } from './read-util.ts';

export function readUbl(root: XmlElement, creditNote: boolean): Invoice {
  const R = root;
  const supplier = children(R, 'cac:AccountingSupplierParty');
  const customer = children(R, 'cac:AccountingCustomerParty');
  const seller = party(child(supplier[0], 'cac:Party'), supplier[0], R, 'legal', supplier.length);
  const buyer = party(child(customer[0], 'cac:Party'), customer[0], R, 'legal', customer.length);
  const payeeEls = children(R, 'cac:PayeeParty');
  const taxRepEls = children(R, 'cac:TaxRepresentativeParty');
  const deliveries = children(R, 'cac:Delivery').map(delivery);
  const invoicePeriods = children(R, 'cac:InvoicePeriod').map(period);
  const allowanceCharges = children(R, 'cac:AllowanceCharge').map(allowanceCharge);
  const { allowances, charges } = splitAllowanceCharges(allowanceCharges);
  const taxTotals = children(R, 'cac:TaxTotal').map(taxTotal);
  const vatBreakdown: VatBreakdown[] = [];
  for (const t of taxTotals) for (const s of t.subtotals) vatBreakdown.push(s);
  const documentReferences = children(R, 'cac:AdditionalDocumentReference').map(attachment);
  const typeOf = (a: Attachment) => a.typeCode[0]?.value.trim();
  const paymentMeans = children(R, 'cac:PaymentMeans').map((pm) => paymentMeansOf(pm, seller, payeeEls[0]));
  let dueDate = F(R, 'cbc:DueDate');
  if (creditNote) dueDate = cat(dueDate, FP(R, 'cac:PaymentMeans/cbc:PaymentDueDate'));
  let projectReference = FP(R, 'cac:ProjectReference/cbc:ID');
  if (creditNote) for (const a of documentReferences) if (typeOf(a) === '50') projectReference = cat(projectReference, a.id);
  const lineName = creditNote ? 'cac:CreditNoteLine' : 'cac:InvoiceLine';
  const lines = children(R, lineName).map((el, i) => line(el, i + 1, creditNote));
  const paymentTerms = children(R, 'cac:PaymentTerms').map(paymentTermsOf);

  return {
    customizationId: F(R, 'cbc:CustomizationID'),
    profileId: F(R, 'cbc:ProfileID'),
    number: F(R, 'cbc:ID'),
    issueDate: F(R, 'cbc:IssueDate'),
    typeCode: F(R, creditNote ? 'cbc:CreditNoteTypeCode' : 'cbc:InvoiceTypeCode'),
    currencyCode: F(R, 'cbc:DocumentCurrencyCode'),
    taxCurrencyCode: F(R, 'cbc:TaxCurrencyCode'),
    taxPointDate: F(R, 'cbc:TaxPointDate'),
    vatPointDateCode: FP(R, 'cac:InvoicePeriod/cbc:DescriptionCode'),
    dueDate,
    buyerReference: F(R, 'cbc:BuyerReference'),
    projectReference,
    contractReference: FP(R, 'cac:ContractDocumentReference/cbc:ID'),
    orderReference: FP(R, 'cac:OrderReference/cbc:ID'),
    salesOrderReference: FP(R, 'cac:OrderReference/cbc:SalesOrderID'),
    receivingAdviceReference: FP(R, 'cac:ReceiptDocumentReference/cbc:ID'),
    despatchAdviceReference: FP(R, 'cac:DespatchDocumentReference/cbc:ID'),
    tenderReference: FP(R, 'cac:OriginatorDocumentReference/cbc:ID'),
    invoicedObjectIdentifier: documentReferences.filter((a) => typeOf(a) === '130').flatMap((a) => a.id),
    buyerAccountingReference: F(R, 'cbc:AccountingCost'),
    paymentTermsText: paymentTerms.flatMap((t) => t.note),
    notes: children(R, 'cbc:Note').map((el): Note => ({ el, location: el.location, text: [fieldOf(el)], subjectCode: [] })),
    precedingInvoices: EP(R, 'cac:BillingReference/cac:InvoiceDocumentReference').map((el): PrecedingInvoice => ({
      el, location: el.location, id: F(el, 'cbc:ID'), issueDate: F(el, 'cbc:IssueDate'),
    })),
    seller,
    buyer,
    payee: payeeEls[0] ? party(payeeEls[0], payeeEls[0], R, 'partyName', payeeEls.length) : undefined,
    taxRepresentative: taxRepEls[0] ? party(taxRepEls[0], taxRepEls[0], R, 'partyName', taxRepEls.length) : undefined,
    delivery: deliveries[0],
    deliveries,
    invoicePeriod: invoicePeriods[0],
    invoicePeriods,
    paymentMeans,
    paymentTerms,
    allowances,
    charges,
    allowanceCharges,
    taxTotals,
    vatBreakdown,
    totals: totals(child(R, 'cac:LegalMonetaryTotal'), R, taxTotals),
    attachments: documentReferences.filter((a) => { const t = typeOf(a); return t !== '130' && !(creditNote && t === '50'); }),
    documentReferences,
    lines,
  };
}

type NameSource = 'legal' | 'partyName';

function party(el: XmlElement | undefined, outer: XmlElement | undefined, R: XmlElement, nameSource: NameSource, count: number): Party {
  const where = el ?? outer ?? R;
  const regs = children(el, 'cac:PartyTaxScheme').map((ts) => {
    const scheme = FP(ts, 'cac:TaxScheme/cbc:ID');
    return taxRegistration(ts, F(ts, 'cbc:CompanyID'), scheme, scheme[0]?.value ?? '');
  });
  const vatId: Field[] = [];
  const taxRegistrationId: Field[] = [];
  for (const r of regs) for (const f of r.id) (r.schemeValue === 'VAT' ? vatId : taxRegistrationId).push(f);
  const addrEl = child(el, 'cac:PostalAddress');
  const contactEl = child(el, 'cac:Contact');
  return {
    el,
    location: where.location,
    endpointId: F(el, 'cbc:EndpointID'),
    identifiers: FP(el, 'cac:PartyIdentification/cbc:ID'),
    name: nameSource === 'legal' ? FP(el, 'cac:PartyLegalEntity/cbc:RegistrationName') : FP(el, 'cac:PartyName/cbc:Name'),
    tradingName: nameSource === 'legal' ? FP(el, 'cac:PartyName/cbc:Name') : [],
    legalRegistrationId: FP(el, 'cac:PartyLegalEntity/cbc:CompanyID'),
    additionalLegalInfo: FP(el, 'cac:PartyLegalEntity/cbc:CompanyLegalForm'),
    vatId,
    taxRegistrationId,
    taxRegistrations: regs,
    address: addrEl ? address(addrEl) : undefined,
    contact: contactEl ? contact(contactEl) : undefined,
    count,
  };
}

export function address(el: XmlElement): Address {
  return {
    el,
    location: el.location,
    line1: F(el, 'cbc:StreetName'),
    line2: F(el, 'cbc:AdditionalStreetName'),
    line3: FP(el, 'cac:AddressLine/cbc:Line'),
    city: F(el, 'cbc:CityName'),
    postCode: F(el, 'cbc:PostalZone'),
    countrySubdivision: F(el, 'cbc:CountrySubentity'),
    countryCode: FP(el, 'cac:Country/cbc:IdentificationCode'),
  };
}

function contact(el: XmlElement): Contact {
  return {
    el,
    location: el.location,
    name: F(el, 'cbc:Name'),
    telephone: F(el, 'cbc:Telephone'),
    email: F(el, 'cbc:ElectronicMail'),
  };
}

function delivery(el: XmlElement, _i: number, all: XmlElement[]): Delivery {
  const addr = E1(el, 'cac:DeliveryLocation/cac:Address');
  return {
    el,
    location: el.location,
    partyName: FP(el, 'cac:DeliveryParty/cac:PartyName/cbc:Name'),
    locationId: FP(el, 'cac:DeliveryLocation/cbc:ID'),
    actualDeliveryDate: F(el, 'cbc:ActualDeliveryDate'),
    address: addr ? address(addr) : undefined,
    count: all.length,
  };
}

function period(el: XmlElement): Period {
  return {
    el,
    location: el.location,
    startDate: F(el, 'cbc:StartDate'),
    endDate: F(el, 'cbc:EndDate'),
    descriptionCode: F(el, 'cbc:DescriptionCode'),
  };
}

function taxCategory(el: XmlElement): TaxCategory {
  return {
    el,
    location: el.location,
    code: F(el, 'cbc:ID'),
    rate: F(el, 'cbc:Percent'),
    exemptionReason: F(el, 'cbc:TaxExemptionReason'),
    exemptionReasonCode: F(el, 'cbc:TaxExemptionReasonCode'),
    taxScheme: FP(el, 'cac:TaxScheme/cbc:ID'),
  };
}

function allowanceCharge(el: XmlElement): AllowanceCharge {
  const cats = children(el, 'cac:TaxCategory').map(taxCategory);
  const chargeIndicator = F(el, 'cbc:ChargeIndicator');
  const ind = chargeIndicator[0]?.value.trim();
  return {
    el,
    location: el.location,
    chargeIndicator,
    isCharge: ind === 'true' || ind === '1',
    amount: F(el, 'cbc:Amount'),
    baseAmount: F(el, 'cbc:BaseAmount'),
    percentage: F(el, 'cbc:MultiplierFactorNumeric'),
    vatCategoryCode: cats[0]?.code ?? [],
    vatRate: cats[0]?.rate ?? [],
    taxCategories: cats,
    reason: F(el, 'cbc:AllowanceChargeReason'),
    reasonCode: F(el, 'cbc:AllowanceChargeReasonCode'),
  };
}

function taxTotal(el: XmlElement): TaxTotal {
  return {
    el,
    location: el.location,
    taxAmount: F(el, 'cbc:TaxAmount'),
    subtotals: children(el, 'cac:TaxSubtotal').map((st): VatBreakdown => {
      const catEl = child(st, 'cac:TaxCategory');
      const category = catEl ? taxCategory(catEl) : emptyTaxCategory(st);
      return {
        el: st,
        location: st.location,
        taxableAmount: F(st, 'cbc:TaxableAmount'),
        taxAmount: F(st, 'cbc:TaxAmount'),
        categoryCode: category.code,
        rate: category.rate,
        exemptionReason: category.exemptionReason,
        exemptionReasonCode: category.exemptionReasonCode,
        dueDateTypeCode: [],
        category,
      };
    }),
  };
}

function totals(el: XmlElement | undefined, R: XmlElement, taxTotals: TaxTotal[]): Totals {
  const where = el ?? R;
  return {
    el,
    location: where.location,
    lineNetTotal: F(el, 'cbc:LineExtensionAmount'),
    allowanceTotal: F(el, 'cbc:AllowanceTotalAmount'),
    chargeTotal: F(el, 'cbc:ChargeTotalAmount'),
    taxExclusiveAmount: F(el, 'cbc:TaxExclusiveAmount'),
    taxTotalAmounts: taxTotals.flatMap((t) => t.taxAmount),
    taxInclusiveAmount: F(el, 'cbc:TaxInclusiveAmount'),
    prepaidAmount: F(el, 'cbc:PrepaidAmount'),
    roundingAmount: F(el, 'cbc:PayableRoundingAmount'),
    payableAmount: F(el, 'cbc:PayableAmount'),
  };
}

function attachment(el: XmlElement): Attachment {
  return new AttachmentImpl(el, F(el, 'cbc:ID'), F(el, 'cbc:DocumentTypeCode'), F(el, 'cbc:DocumentDescription'),
    FP(el, 'cac:Attachment/cac:ExternalReference/cbc:URI'), FP(el, 'cac:Attachment/cbc:EmbeddedDocumentBinaryObject'));
}

function paymentMeansOf(el: XmlElement, seller: Party, payeeEl: XmlElement | undefined): PaymentMeans {
  const cardEl = child(el, 'cac:CardAccount');
  const mandateEl = child(el, 'cac:PaymentMandate');
  const card: PaymentCard | undefined = cardEl ? {
    el: cardEl,
    location: cardEl.location,
    primaryAccountNumber: F(cardEl, 'cbc:PrimaryAccountNumberID'),
    holderName: F(cardEl, 'cbc:HolderName'),
  } : undefined;
  let directDebit: DirectDebit | undefined;
  if (mandateEl) {
    // BT-90: seller's (or payee's) party identification with schemeID SEPA
    const creditorId = seller.identifiers.filter((f) => f.attrs['schemeID'] === 'SEPA')
      .concat(FP(payeeEl, 'cac:PartyIdentification/cbc:ID').filter((f) => f.attrs['schemeID'] === 'SEPA'));
    directDebit = {
      el: mandateEl,
      location: mandateEl.location,
      mandateReference: F(mandateEl, 'cbc:ID'),
      creditorId,
      debitedAccount: FP(mandateEl, 'cac:PayerFinancialAccount/cbc:ID'),
    };
  }
  const code = F(el, 'cbc:PaymentMeansCode');
  return {
    el,
    location: el.location,
    code,
    text: [],
    paymentId: F(el, 'cbc:PaymentID'),
    creditTransfers: children(el, 'cac:PayeeFinancialAccount').map((a): CreditTransfer => {
      const accountId = F(a, 'cbc:ID');
      return {
        el: a,
        location: a.location,
        accountId,
        accountScheme: accountId[0]?.attrs['schemeID'] ?? '',
        accountName: F(a, 'cbc:Name'),
        serviceProviderId: FP(a, 'cac:FinancialInstitutionBranch/cbc:ID'),
      };
    }),
    card,
    directDebit,
  };
}

function paymentTermsOf(el: XmlElement): PaymentTerms {
  return { el, location: el.location, note: F(el, 'cbc:Note'), dueDate: [], directDebitMandateId: [] };
}

function price(el: XmlElement): Price {
  const acs = children(el, 'cac:AllowanceCharge').map(allowanceCharge);
  return {
    el,
    location: el.location,
    netPrice: F(el, 'cbc:PriceAmount'),
    discount: acs.flatMap((a) => a.amount),
    grossPrice: acs.flatMap((a) => a.baseAmount),
    baseQuantity: F(el, 'cbc:BaseQuantity'),
    grossBaseQuantity: [],
    allowanceCharges: acs,
  };
}

function item(el: XmlElement | undefined, lineEl: XmlElement): Item {
  const where = el ?? lineEl;
  return {
    el,
    location: where.location,
    name: F(el, 'cbc:Name'),
    description: F(el, 'cbc:Description'),
    sellersId: FP(el, 'cac:SellersItemIdentification/cbc:ID'),
    buyersId: FP(el, 'cac:BuyersItemIdentification/cbc:ID'),
    standardId: FP(el, 'cac:StandardItemIdentification/cbc:ID'),
    classifications: FP(el, 'cac:CommodityClassification/cbc:ItemClassificationCode'),
    originCountry: FP(el, 'cac:OriginCountry/cbc:IdentificationCode'),
    attributes: children(el, 'cac:AdditionalItemProperty').map((a): ItemAttribute => ({
      el: a, location: a.location, name: F(a, 'cbc:Name'), value: F(a, 'cbc:Value'),
    })),
  };
}

function line(el: XmlElement, position: number, creditNote: boolean): Line {
  const itemEl = child(el, 'cac:Item');
  const vatCategories = children(itemEl, 'cac:ClassifiedTaxCategory').map(taxCategory);
  const acs = children(el, 'cac:AllowanceCharge').map(allowanceCharge);
  const { allowances, charges } = splitAllowanceCharges(acs);
  const periodEl = child(el, 'cac:InvoicePeriod');
  const priceEl = child(el, 'cac:Price');
  const docRefs = children(el, 'cac:DocumentReference');
  const objectIdentifier: Field[] = [];
  for (const d of docRefs) {
    if (normalizeSpace(child(d, 'cbc:DocumentTypeCode')?.text ?? '') === '130') for (const f of F(d, 'cbc:ID')) objectIdentifier.push(f);
  }
  const sub = creditNote ? 'cac:SubCreditNoteLine' : 'cac:SubInvoiceLine';
  return {
    el,
    location: el.location,
    position,
    id: F(el, 'cbc:ID'),
    note: F(el, 'cbc:Note'),
    objectIdentifier,
    quantity: F(el, creditNote ? 'cbc:CreditedQuantity' : 'cbc:InvoicedQuantity'),
    netAmount: F(el, 'cbc:LineExtensionAmount'),
    orderLineReference: FP(el, 'cac:OrderLineReference/cbc:LineID'),
    accountingReference: F(el, 'cbc:AccountingCost'),
    period: periodEl ? period(periodEl) : undefined,
    allowances,
    charges,
    allowanceCharges: acs,
    price: priceEl ? price(priceEl) : undefined,
    vat: vatCategories[0],
    vatCategories,
    item: item(itemEl, el),
    subLines: children(el, sub).map((s, i) => line(s, i + 1, creditNote)),
  };
}
