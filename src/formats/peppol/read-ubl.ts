// Reads a UBL 2.1 Invoice or CreditNote element tree into the invoice model (EN 16931 UBL binding, Peppol BIS 3).
// Each element's children are walked once, dispatching on the local name after checking the namespace (cbc/cac);
// all occurrences are kept in document order (see read-util.ts for the speed notes).
import type {
  AllowanceCharge, Attachment, CreditTransfer, Delivery, Field, Invoice, ItemAttribute, Line, Note, Party,
  PaymentMeans, PaymentTerms, Period, PrecedingInvoice, TaxCategory, TaxRegistration, TaxTotal, VatBreakdown, XmlElement,
} from './model.ts';
import { NS, normalizeSpace } from './model.ts';
import {
  NO_FIELDS, NO_GROUPS, add, addField, addGroup, addKids, allOf, cat, kid, splitAllowanceCharges,
  AddressImpl, AllowanceChargeImpl, AttachmentImpl, ContactImpl, CreditTransferImpl, DeliveryImpl, DirectDebitImpl,
  ItemAttributeImpl, ItemImpl, LineImpl, NoteImpl, PartyImpl, PaymentCardImpl, PaymentMeansImpl, PaymentTermsImpl,
  PeriodImpl, PrecedingInvoiceImpl, PriceImpl, TaxCategoryImpl, TaxRegistrationImpl, TaxTotalImpl, TotalsImpl,
  VatBreakdownImpl,
} from './read-util.ts';

// The XML reader gives known namespaces as these very strings (PREFIX_BY_NS), so comparisons are pointer checks.
const cbc: string = NS.cbc;
const cac: string = NS.cac;

export function readUbl(root: XmlElement, creditNote: boolean): Invoice {
  const R = root;
  const typeCodeName = creditNote ? 'CreditNoteTypeCode' : 'InvoiceTypeCode';
  const lineName = creditNote ? 'CreditNoteLine' : 'InvoiceLine';
  let customizationId = NO_FIELDS, profileId = NO_FIELDS, number = NO_FIELDS, issueDate = NO_FIELDS, typeCode = NO_FIELDS;
  let currencyCode = NO_FIELDS, taxCurrencyCode = NO_FIELDS, taxPointDate = NO_FIELDS, dueDate = NO_FIELDS;
  let buyerReference = NO_FIELDS, buyerAccountingReference = NO_FIELDS;
  let projectReference = NO_FIELDS, contractReference = NO_FIELDS, orderReference = NO_FIELDS, salesOrderReference = NO_FIELDS;
  let receivingAdviceReference = NO_FIELDS, despatchAdviceReference = NO_FIELDS, tenderReference = NO_FIELDS;
  let notes: Note[] = NO_GROUPS;
  let precedingInvoices: PrecedingInvoice[] = NO_GROUPS;
  let supplier: XmlElement | undefined, supplierCount = 0, customer: XmlElement | undefined, customerCount = 0;
  let payeeEl: XmlElement | undefined, payeeCount = 0, taxRepEl: XmlElement | undefined, taxRepCount = 0;
  let deliveryEls: XmlElement[] = NO_GROUPS;
  let invoicePeriods: Period[] = NO_GROUPS;
  let allowanceCharges: AllowanceCharge[] = NO_GROUPS;
  let taxTotals: TaxTotal[] = NO_GROUPS;
  let documentReferences: Attachment[] = NO_GROUPS;
  let paymentMeansEls: XmlElement[] = NO_GROUPS;
  let paymentTerms: PaymentTerms[] = NO_GROUPS;
  let totalsEl: XmlElement | undefined;
  let lineEls: XmlElement[] = NO_GROUPS;

  const kids = R.children;
  for (let i = 0; i < kids.length; i++) {
    const c = kids[i]!;
    const ns = c.ns;
    if (ns === cbc) {
      switch (c.local) {
        case 'CustomizationID': customizationId = add(customizationId, c); break;
        case 'ProfileID': profileId = add(profileId, c); break;
        case 'ID': number = add(number, c); break;
        case 'IssueDate': issueDate = add(issueDate, c); break;
        case typeCodeName: typeCode = add(typeCode, c); break;
        case 'DocumentCurrencyCode': currencyCode = add(currencyCode, c); break;
        case 'TaxCurrencyCode': taxCurrencyCode = add(taxCurrencyCode, c); break;
        case 'TaxPointDate': taxPointDate = add(taxPointDate, c); break;
        case 'DueDate': dueDate = add(dueDate, c); break;
        case 'BuyerReference': buyerReference = add(buyerReference, c); break;
        case 'AccountingCost': buyerAccountingReference = add(buyerAccountingReference, c); break;
        case 'Note': {
          const n = new NoteImpl(c);
          n.text = add(NO_FIELDS, c);
          notes = addGroup(notes, n);
          break;
        }
      }
    } else if (ns === cac) {
      switch (c.local) {
        case lineName: lineEls = addGroup(lineEls, c); break;
        case 'AccountingSupplierParty': if (supplierCount++ === 0) supplier = c; break;
        case 'AccountingCustomerParty': if (customerCount++ === 0) customer = c; break;
        case 'PayeeParty': if (payeeCount++ === 0) payeeEl = c; break;
        case 'TaxRepresentativeParty': if (taxRepCount++ === 0) taxRepEl = c; break;
        case 'Delivery': deliveryEls = addGroup(deliveryEls, c); break;
        case 'InvoicePeriod': invoicePeriods = addGroup(invoicePeriods, period(c)); break;
        case 'AllowanceCharge': allowanceCharges = addGroup(allowanceCharges, allowanceCharge(c)); break;
        case 'TaxTotal': taxTotals = addGroup(taxTotals, taxTotal(c)); break;
        case 'AdditionalDocumentReference': documentReferences = addGroup(documentReferences, attachment(c)); break;
        case 'PaymentMeans': paymentMeansEls = addGroup(paymentMeansEls, c); break;
        case 'PaymentTerms': paymentTerms = addGroup(paymentTerms, paymentTermsOf(c)); break;
        case 'LegalMonetaryTotal': if (totalsEl === undefined) totalsEl = c; break;
        case 'ProjectReference': projectReference = addKids(projectReference, c, cbc, 'ID'); break;
        case 'ContractDocumentReference': contractReference = addKids(contractReference, c, cbc, 'ID'); break;
        case 'OrderReference': {
          const ks = c.children;
          for (let j = 0; j < ks.length; j++) {
            const k = ks[j]!;
            if (k.ns !== cbc) continue;
            if (k.local === 'ID') orderReference = add(orderReference, k);
            else if (k.local === 'SalesOrderID') salesOrderReference = add(salesOrderReference, k);
          }
          break;
        }
        case 'ReceiptDocumentReference': receivingAdviceReference = addKids(receivingAdviceReference, c, cbc, 'ID'); break;
        case 'DespatchDocumentReference': despatchAdviceReference = addKids(despatchAdviceReference, c, cbc, 'ID'); break;
        case 'OriginatorDocumentReference': tenderReference = addKids(tenderReference, c, cbc, 'ID'); break;
        case 'BillingReference': {
          const ks = c.children;
          for (let j = 0; j < ks.length; j++) {
            const k = ks[j]!;
            if (k.local === 'InvoiceDocumentReference' && k.ns === cac) precedingInvoices = addGroup(precedingInvoices, precedingInvoice(k));
          }
          break;
        }
      }
    }
  }

  const seller = party(supplier ? kid(supplier, cac, 'Party') : undefined, supplier, R, true, supplierCount);
  const buyer = party(customer ? kid(customer, cac, 'Party') : undefined, customer, R, true, customerCount);
  const { allowances, charges } = splitAllowanceCharges(allowanceCharges);
  let vatBreakdown: VatBreakdown[] = NO_GROUPS;
  let taxTotalAmounts = NO_FIELDS;
  for (const t of taxTotals) {
    for (const s of t.subtotals) vatBreakdown = addGroup(vatBreakdown, s);
    for (const f of t.taxAmount) taxTotalAmounts = addField(taxTotalAmounts, f);
  }
  let deliveries: Delivery[] = NO_GROUPS;
  for (const d of deliveryEls) deliveries = addGroup(deliveries, delivery(d, deliveryEls.length));
  let paymentMeans: PaymentMeans[] = NO_GROUPS;
  let paymentDueDates = NO_FIELDS;
  for (const pm of paymentMeansEls) {
    const m = paymentMeansOf(pm, seller, payeeEl);
    paymentMeans = addGroup(paymentMeans, m.means);
    paymentDueDates = cat(paymentDueDates, m.dueDates);
  }
  if (creditNote) dueDate = cat(dueDate, paymentDueDates);
  let invoicedObjectIdentifier = NO_FIELDS;
  let attachments: Attachment[] = NO_GROUPS;
  for (const a of documentReferences) {
    const t = a.typeCode[0]?.value.trim();
    if (t === '130') { for (const f of a.id) invoicedObjectIdentifier = addField(invoicedObjectIdentifier, f); }
    else if (creditNote && t === '50') projectReference = cat(projectReference, a.id);
    else attachments = addGroup(attachments, a);
  }
  let vatPointDateCode = NO_FIELDS;
  for (const p of invoicePeriods) vatPointDateCode = cat(vatPointDateCode, p.descriptionCode);
  let lines: Line[] = NO_GROUPS;
  for (let i = 0; i < lineEls.length; i++) lines = addGroup(lines, line(lineEls[i]!, i + 1, creditNote));
  const totals = new TotalsImpl(totalsEl, totalsEl ?? R);
  if (totalsEl !== undefined) readTotals(totals, totalsEl);
  totals.taxTotalAmounts = taxTotalAmounts;

  return {
    customizationId,
    profileId,
    number,
    issueDate,
    typeCode,
    currencyCode,
    taxCurrencyCode,
    taxPointDate,
    vatPointDateCode,
    dueDate,
    buyerReference,
    projectReference,
    contractReference,
    orderReference,
    salesOrderReference,
    receivingAdviceReference,
    despatchAdviceReference,
    tenderReference,
    invoicedObjectIdentifier,
    buyerAccountingReference,
    paymentTermsText: allOf(paymentTerms, notesOfTerms),
    notes,
    precedingInvoices,
    seller,
    buyer,
    payee: payeeEl ? party(payeeEl, payeeEl, R, false, payeeCount) : undefined,
    taxRepresentative: taxRepEl ? party(taxRepEl, taxRepEl, R, false, taxRepCount) : undefined,
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
    totals,
    attachments,
    documentReferences,
    lines,
  };
}

function notesOfTerms(t: PaymentTerms): readonly Field[] { return t.note; }

function precedingInvoice(el: XmlElement): PrecedingInvoice {
  const p = new PrecedingInvoiceImpl(el);
  const kids = el.children;
  for (let i = 0; i < kids.length; i++) {
    const c = kids[i]!;
    if (c.ns !== cbc) continue;
    if (c.local === 'ID') p.id = add(p.id, c);
    else if (c.local === 'IssueDate') p.issueDate = add(p.issueDate, c);
  }
  return p;
}

/** A party (cac:Party, or the payee/tax representative element itself). `legal`: the name is the legal
 * registration name and cac:PartyName is the trading name (seller, buyer); otherwise the name is cac:PartyName. */
function party(el: XmlElement | undefined, outer: XmlElement | undefined, R: XmlElement, legal: boolean, count: number): Party {
  const p = new PartyImpl(el, el ?? outer ?? R);
  p.count = count;
  if (el === undefined) return p;
  let partyNames = NO_FIELDS;
  let registrationNames = NO_FIELDS;
  let addrEl: XmlElement | undefined, contactEl: XmlElement | undefined;
  let regs: TaxRegistration[] = NO_GROUPS;
  const kids = el.children;
  for (let i = 0; i < kids.length; i++) {
    const c = kids[i]!;
    const ns = c.ns;
    if (ns === cac) {
      switch (c.local) {
        case 'PartyIdentification': p.identifiers = addKids(p.identifiers, c, cbc, 'ID'); break;
        case 'PartyName': partyNames = addKids(partyNames, c, cbc, 'Name'); break;
        case 'PostalAddress': if (addrEl === undefined) addrEl = c; break;
        case 'PartyTaxScheme': regs = addGroup(regs, taxRegistration(c)); break;
        case 'PartyLegalEntity': {
          const ks = c.children;
          for (let j = 0; j < ks.length; j++) {
            const k = ks[j]!;
            if (k.ns !== cbc) continue;
            switch (k.local) {
              case 'RegistrationName': registrationNames = add(registrationNames, k); break;
              case 'CompanyID': p.legalRegistrationId = add(p.legalRegistrationId, k); break;
              case 'CompanyLegalForm': p.additionalLegalInfo = add(p.additionalLegalInfo, k); break;
            }
          }
          break;
        }
        case 'Contact': if (contactEl === undefined) contactEl = c; break;
      }
    } else if (ns === cbc && c.local === 'EndpointID') p.endpointId = add(p.endpointId, c);
  }
  if (legal) { p.name = registrationNames; p.tradingName = partyNames; } else p.name = partyNames;
  for (const r of regs) {
    if (r.schemeValue === 'VAT') for (const f of r.id) p.vatId = addField(p.vatId, f);
    else for (const f of r.id) p.taxRegistrationId = addField(p.taxRegistrationId, f);
  }
  p.taxRegistrations = regs;
  if (addrEl !== undefined) p.address = address(addrEl);
  if (contactEl !== undefined) p.contact = contact(contactEl);
  return p;
}

function taxRegistration(el: XmlElement): TaxRegistration {
  const r = new TaxRegistrationImpl(el);
  const kids = el.children;
  for (let i = 0; i < kids.length; i++) {
    const c = kids[i]!;
    if (c.local === 'CompanyID' && c.ns === cbc) r.id = add(r.id, c);
    else if (c.local === 'TaxScheme' && c.ns === cac) r.scheme = addKids(r.scheme, c, cbc, 'ID');
  }
  r.schemeValue = r.scheme[0]?.value ?? '';
  return r;
}

function address(el: XmlElement): AddressImpl {
  const a = new AddressImpl(el);
  const kids = el.children;
  for (let i = 0; i < kids.length; i++) {
    const c = kids[i]!;
    const ns = c.ns;
    if (ns === cbc) {
      switch (c.local) {
        case 'StreetName': a.line1 = add(a.line1, c); break;
        case 'AdditionalStreetName': a.line2 = add(a.line2, c); break;
        case 'CityName': a.city = add(a.city, c); break;
        case 'PostalZone': a.postCode = add(a.postCode, c); break;
        case 'CountrySubentity': a.countrySubdivision = add(a.countrySubdivision, c); break;
      }
    } else if (ns === cac) {
      if (c.local === 'AddressLine') a.line3 = addKids(a.line3, c, cbc, 'Line');
      else if (c.local === 'Country') a.countryCode = addKids(a.countryCode, c, cbc, 'IdentificationCode');
    }
  }
  return a;
}

function contact(el: XmlElement): ContactImpl {
  const ct = new ContactImpl(el);
  const kids = el.children;
  for (let i = 0; i < kids.length; i++) {
    const c = kids[i]!;
    if (c.ns !== cbc) continue;
    switch (c.local) {
      case 'Name': ct.name = add(ct.name, c); break;
      case 'Telephone': ct.telephone = add(ct.telephone, c); break;
      case 'ElectronicMail': ct.email = add(ct.email, c); break;
    }
  }
  return ct;
}

function delivery(el: XmlElement, count: number): Delivery {
  const d = new DeliveryImpl(el);
  d.count = count;
  let firstLocation: XmlElement | undefined;
  const kids = el.children;
  for (let i = 0; i < kids.length; i++) {
    const c = kids[i]!;
    const ns = c.ns;
    if (ns === cac) {
      if (c.local === 'DeliveryLocation') {
        if (firstLocation === undefined) firstLocation = c;
        d.locationId = addKids(d.locationId, c, cbc, 'ID');
      } else if (c.local === 'DeliveryParty') {
        const ks = c.children;
        for (let j = 0; j < ks.length; j++) {
          const k = ks[j]!;
          if (k.local === 'PartyName' && k.ns === cac) d.partyName = addKids(d.partyName, k, cbc, 'Name');
        }
      }
    } else if (ns === cbc && c.local === 'ActualDeliveryDate') d.actualDeliveryDate = add(d.actualDeliveryDate, c);
  }
  // BG-15: the first address of the first delivery location
  const addr = firstLocation ? kid(firstLocation, cac, 'Address') : undefined;
  if (addr !== undefined) d.address = address(addr);
  return d;
}

function period(el: XmlElement): Period {
  const p = new PeriodImpl(el);
  const kids = el.children;
  for (let i = 0; i < kids.length; i++) {
    const c = kids[i]!;
    if (c.ns !== cbc) continue;
    switch (c.local) {
      case 'StartDate': p.startDate = add(p.startDate, c); break;
      case 'EndDate': p.endDate = add(p.endDate, c); break;
      case 'DescriptionCode': p.descriptionCode = add(p.descriptionCode, c); break;
    }
  }
  return p;
}

function taxCategory(el: XmlElement): TaxCategory {
  const t = new TaxCategoryImpl(el, el);
  const kids = el.children;
  for (let i = 0; i < kids.length; i++) {
    const c = kids[i]!;
    const ns = c.ns;
    if (ns === cbc) {
      switch (c.local) {
        case 'ID': t.code = add(t.code, c); break;
        case 'Percent': t.rate = add(t.rate, c); break;
        case 'TaxExemptionReason': t.exemptionReason = add(t.exemptionReason, c); break;
        case 'TaxExemptionReasonCode': t.exemptionReasonCode = add(t.exemptionReasonCode, c); break;
      }
    } else if (ns === cac && c.local === 'TaxScheme') t.taxScheme = addKids(t.taxScheme, c, cbc, 'ID');
  }
  return t;
}

function allowanceCharge(el: XmlElement): AllowanceCharge {
  const a = new AllowanceChargeImpl(el);
  const kids = el.children;
  for (let i = 0; i < kids.length; i++) {
    const c = kids[i]!;
    const ns = c.ns;
    if (ns === cbc) {
      switch (c.local) {
        case 'ChargeIndicator': a.chargeIndicator = add(a.chargeIndicator, c); break;
        case 'Amount': a.amount = add(a.amount, c); break;
        case 'BaseAmount': a.baseAmount = add(a.baseAmount, c); break;
        case 'MultiplierFactorNumeric': a.percentage = add(a.percentage, c); break;
        case 'AllowanceChargeReason': a.reason = add(a.reason, c); break;
        case 'AllowanceChargeReasonCode': a.reasonCode = add(a.reasonCode, c); break;
      }
    } else if (ns === cac && c.local === 'TaxCategory') a.taxCategories = addGroup(a.taxCategories, taxCategory(c));
  }
  const ind = a.chargeIndicator[0]?.value.trim();
  a.isCharge = ind === 'true' || ind === '1';
  const cat0 = a.taxCategories[0];
  if (cat0 !== undefined) { a.vatCategoryCode = cat0.code; a.vatRate = cat0.rate; }
  return a;
}

function taxTotal(el: XmlElement): TaxTotal {
  const t = new TaxTotalImpl(el);
  const kids = el.children;
  for (let i = 0; i < kids.length; i++) {
    const c = kids[i]!;
    if (c.local === 'TaxAmount' && c.ns === cbc) t.taxAmount = add(t.taxAmount, c);
    else if (c.local === 'TaxSubtotal' && c.ns === cac) t.subtotals = addGroup(t.subtotals, taxSubtotal(c));
  }
  return t;
}

function taxSubtotal(el: XmlElement): VatBreakdown {
  let taxableAmount = NO_FIELDS, taxAmount = NO_FIELDS;
  let catEl: XmlElement | undefined;
  const kids = el.children;
  for (let i = 0; i < kids.length; i++) {
    const c = kids[i]!;
    const ns = c.ns;
    if (ns === cbc) {
      if (c.local === 'TaxableAmount') taxableAmount = add(taxableAmount, c);
      else if (c.local === 'TaxAmount') taxAmount = add(taxAmount, c);
    } else if (ns === cac && c.local === 'TaxCategory' && catEl === undefined) catEl = c;
  }
  // Without a category the breakdown gets an empty one located at the subtotal.
  const category = catEl ? taxCategory(catEl) : new TaxCategoryImpl(undefined, el);
  const v = new VatBreakdownImpl(el, category);
  v.taxableAmount = taxableAmount;
  v.taxAmount = taxAmount;
  return v;
}

function readTotals(t: TotalsImpl, el: XmlElement): void {
  const kids = el.children;
  for (let i = 0; i < kids.length; i++) {
    const c = kids[i]!;
    if (c.ns !== cbc) continue;
    switch (c.local) {
      case 'LineExtensionAmount': t.lineNetTotal = add(t.lineNetTotal, c); break;
      case 'TaxExclusiveAmount': t.taxExclusiveAmount = add(t.taxExclusiveAmount, c); break;
      case 'TaxInclusiveAmount': t.taxInclusiveAmount = add(t.taxInclusiveAmount, c); break;
      case 'AllowanceTotalAmount': t.allowanceTotal = add(t.allowanceTotal, c); break;
      case 'ChargeTotalAmount': t.chargeTotal = add(t.chargeTotal, c); break;
      case 'PrepaidAmount': t.prepaidAmount = add(t.prepaidAmount, c); break;
      case 'PayableRoundingAmount': t.roundingAmount = add(t.roundingAmount, c); break;
      case 'PayableAmount': t.payableAmount = add(t.payableAmount, c); break;
    }
  }
}

function attachment(el: XmlElement): Attachment {
  const a = new AttachmentImpl(el);
  const kids = el.children;
  for (let i = 0; i < kids.length; i++) {
    const c = kids[i]!;
    const ns = c.ns;
    if (ns === cbc) {
      switch (c.local) {
        case 'ID': a.id = add(a.id, c); break;
        case 'DocumentTypeCode': a.typeCode = add(a.typeCode, c); break;
        case 'DocumentDescription': a.description = add(a.description, c); break;
      }
    } else if (ns === cac && c.local === 'Attachment') {
      const ks = c.children;
      for (let j = 0; j < ks.length; j++) {
        const k = ks[j]!;
        if (k.local === 'EmbeddedDocumentBinaryObject' && k.ns === cbc) a.binaryObject = add(a.binaryObject, k);
        else if (k.local === 'ExternalReference' && k.ns === cac) a.externalUri = addKids(a.externalUri, k, cbc, 'URI');
      }
    }
  }
  return a;
}

/** BG-16; also returns the cbc:PaymentDueDate fields (BT-9 of a CreditNote). */
function paymentMeansOf(el: XmlElement, seller: Party, payeeEl: XmlElement | undefined): { means: PaymentMeans; dueDates: Field[] } {
  const m = new PaymentMeansImpl(el);
  let dueDates = NO_FIELDS;
  let cardEl: XmlElement | undefined, mandateEl: XmlElement | undefined;
  const kids = el.children;
  for (let i = 0; i < kids.length; i++) {
    const c = kids[i]!;
    const ns = c.ns;
    if (ns === cbc) {
      switch (c.local) {
        case 'PaymentMeansCode': m.code = add(m.code, c); break;
        case 'PaymentID': m.paymentId = add(m.paymentId, c); break;
        case 'PaymentDueDate': dueDates = add(dueDates, c); break;
      }
    } else if (ns === cac) {
      switch (c.local) {
        case 'PayeeFinancialAccount': m.creditTransfers = addGroup(m.creditTransfers, creditTransfer(c)); break;
        case 'CardAccount': if (cardEl === undefined) cardEl = c; break;
        case 'PaymentMandate': if (mandateEl === undefined) mandateEl = c; break;
      }
    }
  }
  if (cardEl !== undefined) {
    const card = new PaymentCardImpl(cardEl);
    card.primaryAccountNumber = addKids(NO_FIELDS, cardEl, cbc, 'PrimaryAccountNumberID');
    card.holderName = addKids(NO_FIELDS, cardEl, cbc, 'HolderName');
    m.card = card;
  }
  if (mandateEl !== undefined) {
    const dd = new DirectDebitImpl(mandateEl, mandateEl);
    // BT-90: seller's (or payee's) party identification with schemeID SEPA
    let creditorId: Field[] = [];
    for (const f of seller.identifiers) if (f.attrs['schemeID'] === 'SEPA') creditorId.push(f);
    if (payeeEl !== undefined) {
      for (const pi of payeeEl.children) {
        if (pi.local !== 'PartyIdentification' || pi.ns !== cac) continue;
        for (const f of addKids(NO_FIELDS, pi, cbc, 'ID')) if (f.attrs['schemeID'] === 'SEPA') creditorId.push(f);
      }
    }
    if (creditorId.length === 0) creditorId = NO_FIELDS;
    dd.creditorId = creditorId;
    for (const c of mandateEl.children) {
      if (c.local === 'ID' && c.ns === cbc) dd.mandateReference = add(dd.mandateReference, c);
      else if (c.local === 'PayerFinancialAccount' && c.ns === cac) dd.debitedAccount = addKids(dd.debitedAccount, c, cbc, 'ID');
    }
    m.directDebit = dd;
  }
  return { means: m, dueDates };
}

function creditTransfer(el: XmlElement): CreditTransfer {
  const t = new CreditTransferImpl(el);
  const kids = el.children;
  for (let i = 0; i < kids.length; i++) {
    const c = kids[i]!;
    const ns = c.ns;
    if (ns === cbc) {
      if (c.local === 'ID') t.accountId = add(t.accountId, c);
      else if (c.local === 'Name') t.accountName = add(t.accountName, c);
    } else if (ns === cac && c.local === 'FinancialInstitutionBranch') t.serviceProviderId = addKids(t.serviceProviderId, c, cbc, 'ID');
  }
  t.accountScheme = t.accountId[0]?.attrs['schemeID'] ?? '';
  return t;
}

function paymentTermsOf(el: XmlElement): PaymentTerms {
  const t = new PaymentTermsImpl(el);
  t.note = addKids(NO_FIELDS, el, cbc, 'Note');
  return t;
}

function amountOf(a: AllowanceCharge): readonly Field[] { return a.amount; }
function baseAmountOf(a: AllowanceCharge): readonly Field[] { return a.baseAmount; }

function price(el: XmlElement): PriceImpl {
  const p = new PriceImpl(el);
  const kids = el.children;
  for (let i = 0; i < kids.length; i++) {
    const c = kids[i]!;
    const ns = c.ns;
    if (ns === cbc) {
      if (c.local === 'PriceAmount') p.netPrice = add(p.netPrice, c);
      else if (c.local === 'BaseQuantity') p.baseQuantity = add(p.baseQuantity, c);
    } else if (ns === cac && c.local === 'AllowanceCharge') p.allowanceCharges = addGroup(p.allowanceCharges, allowanceCharge(c));
  }
  if (p.allowanceCharges.length > 0) {
    p.discount = allOf(p.allowanceCharges, amountOf);
    p.grossPrice = allOf(p.allowanceCharges, baseAmountOf);
  }
  return p;
}

/** BG-31 item; the line's VAT categories (cac:ClassifiedTaxCategory) are collected in the same pass. */
function item(el: XmlElement | undefined, lineEl: XmlElement, line: LineImpl): ItemImpl {
  const it = new ItemImpl(el, el ?? lineEl);
  if (el === undefined) return it;
  const kids = el.children;
  for (let i = 0; i < kids.length; i++) {
    const c = kids[i]!;
    const ns = c.ns;
    if (ns === cbc) {
      if (c.local === 'Name') it.name = add(it.name, c);
      else if (c.local === 'Description') it.description = add(it.description, c);
    } else if (ns === cac) {
      switch (c.local) {
        case 'ClassifiedTaxCategory': line.vatCategories = addGroup(line.vatCategories, taxCategory(c)); break;
        case 'SellersItemIdentification': it.sellersId = addKids(it.sellersId, c, cbc, 'ID'); break;
        case 'BuyersItemIdentification': it.buyersId = addKids(it.buyersId, c, cbc, 'ID'); break;
        case 'StandardItemIdentification': it.standardId = addKids(it.standardId, c, cbc, 'ID'); break;
        case 'CommodityClassification': it.classifications = addKids(it.classifications, c, cbc, 'ItemClassificationCode'); break;
        case 'OriginCountry': it.originCountry = addKids(it.originCountry, c, cbc, 'IdentificationCode'); break;
        case 'AdditionalItemProperty': it.attributes = addGroup(it.attributes, itemAttribute(c)); break;
      }
    }
  }
  return it;
}

function itemAttribute(el: XmlElement): ItemAttribute {
  const a = new ItemAttributeImpl(el);
  const kids = el.children;
  for (let i = 0; i < kids.length; i++) {
    const c = kids[i]!;
    if (c.ns !== cbc) continue;
    if (c.local === 'Name') a.name = add(a.name, c);
    else if (c.local === 'Value') a.value = add(a.value, c);
  }
  return a;
}

function line(el: XmlElement, position: number, creditNote: boolean): Line {
  const quantityName = creditNote ? 'CreditedQuantity' : 'InvoicedQuantity';
  const subName = creditNote ? 'SubCreditNoteLine' : 'SubInvoiceLine';
  let itemEl: XmlElement | undefined, periodEl: XmlElement | undefined, priceEl: XmlElement | undefined;
  let subEls: XmlElement[] = NO_GROUPS;
  let id = NO_FIELDS, note = NO_FIELDS, quantity = NO_FIELDS, netAmount = NO_FIELDS, accountingReference = NO_FIELDS;
  let orderLineReference = NO_FIELDS, objectIdentifier = NO_FIELDS;
  let acs: AllowanceCharge[] = NO_GROUPS;
  const kids = el.children;
  for (let i = 0; i < kids.length; i++) {
    const c = kids[i]!;
    const ns = c.ns;
    if (ns === cbc) {
      switch (c.local) {
        case 'ID': id = add(id, c); break;
        case 'Note': note = add(note, c); break;
        case quantityName: quantity = add(quantity, c); break;
        case 'LineExtensionAmount': netAmount = add(netAmount, c); break;
        case 'AccountingCost': accountingReference = add(accountingReference, c); break;
      }
    } else if (ns === cac) {
      switch (c.local) {
        case 'Item': if (itemEl === undefined) itemEl = c; break;
        case 'Price': if (priceEl === undefined) priceEl = c; break;
        case 'AllowanceCharge': acs = addGroup(acs, allowanceCharge(c)); break;
        case 'InvoicePeriod': if (periodEl === undefined) periodEl = c; break;
        case 'OrderLineReference': orderLineReference = addKids(orderLineReference, c, cbc, 'LineID'); break;
        case 'DocumentReference': {
          // BT-128: the identifiers of document references with type code 130
          const type = kid(c, cbc, 'DocumentTypeCode');
          if (normalizeSpace(type?.text ?? '') === '130') objectIdentifier = addKids(objectIdentifier, c, cbc, 'ID');
          break;
        }
        case subName: subEls = addGroup(subEls, c); break;
      }
    }
  }
  const l = new LineImpl(el, position);
  l.item = item(itemEl, el, l);
  l.vat = l.vatCategories[0];
  l.id = id;
  l.note = note;
  l.objectIdentifier = objectIdentifier;
  l.quantity = quantity;
  l.netAmount = netAmount;
  l.orderLineReference = orderLineReference;
  l.accountingReference = accountingReference;
  if (periodEl !== undefined) l.period = period(periodEl);
  const { allowances, charges } = splitAllowanceCharges(acs);
  l.allowances = allowances;
  l.charges = charges;
  l.allowanceCharges = acs;
  if (priceEl !== undefined) l.price = price(priceEl);
  for (let i = 0; i < subEls.length; i++) l.subLines = addGroup(l.subLines, line(subEls[i]!, i + 1, creditNote));
  return l;
}
