// Reads a UN/CEFACT CII D16B CrossIndustryInvoice element tree into the invoice model (EN 16931 CII binding).
// Each element's children are walked once, dispatching on the local name after checking the namespace (rsm/ram/udt/qdt);
// all occurrences are kept in document order (see read-util.ts for the speed notes).
import type {
  AllowanceCharge, Attachment, CreditTransfer, Delivery, Field, Invoice, ItemAttribute, Line, Note, Party,
  PaymentMeans, PaymentTerms, Period, PrecedingInvoice, Price, TaxCategory, TaxRegistration, TaxTotal, VatBreakdown,
  XmlElement,
} from './model.ts';
import { NS } from './model.ts';
import {
  NO_FIELDS, NO_GROUPS, add, addField, addGroup, addKids, allOf, cat, kid, splitAllowanceCharges,
  AddressImpl, AllowanceChargeImpl, AttachmentImpl, ContactImpl, CreditTransferImpl, DeliveryImpl, DirectDebitImpl,
  ItemAttributeImpl, ItemImpl, LineImpl, NoteImpl, PartyImpl, PaymentCardImpl, PaymentMeansImpl, PaymentTermsImpl,
  PeriodImpl, PrecedingInvoiceImpl, PriceImpl, TaxCategoryImpl, TaxRegistrationImpl, TaxTotalImpl, TotalsImpl,
  VatBreakdownImpl,
} from './read-util.ts';

// The XML reader gives known namespaces as these very strings (PREFIX_BY_NS), so comparisons are pointer checks.
const rsm: string = NS.rsm;
const ram: string = NS.ram;
const udt: string = NS.udt;
const qdt: string = NS.qdt;

/** Appends the `udt:DateTimeString` children of every `ram:<local>` child of `el` (e.g. ram:IssueDateTime). */
function addDateTimes(list: Field[], el: XmlElement, local: string): Field[] {
  const kids = el.children;
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i]!;
    if (k.local === local && k.ns === ram) list = addKids(list, k, udt, 'DateTimeString');
  }
  return list;
}

export function readCii(root: XmlElement): Invoice {
  const R = root;
  let ctx: XmlElement | undefined, doc: XmlElement | undefined, tx: XmlElement | undefined;
  for (const c of R.children) {
    if (c.ns !== rsm) continue;
    if (c.local === 'ExchangedDocumentContext') { if (ctx === undefined) ctx = c; }
    else if (c.local === 'ExchangedDocument') { if (doc === undefined) doc = c; }
    else if (c.local === 'SupplyChainTradeTransaction') { if (tx === undefined) tx = c; }
  }

  // rsm:ExchangedDocumentContext
  let customizationId = NO_FIELDS, profileId = NO_FIELDS;
  if (ctx !== undefined) {
    for (const c of ctx.children) {
      if (c.ns !== ram) continue;
      if (c.local === 'GuidelineSpecifiedDocumentContextParameter') customizationId = addKids(customizationId, c, ram, 'ID');
      else if (c.local === 'BusinessProcessSpecifiedDocumentContextParameter') profileId = addKids(profileId, c, ram, 'ID');
    }
  }

  // rsm:ExchangedDocument
  let number = NO_FIELDS, issueDate = NO_FIELDS, typeCode = NO_FIELDS;
  let notes: Note[] = NO_GROUPS;
  if (doc !== undefined) {
    for (const c of doc.children) {
      if (c.ns !== ram) continue;
      switch (c.local) {
        case 'ID': number = add(number, c); break;
        case 'TypeCode': typeCode = add(typeCode, c); break;
        case 'IssueDateTime': issueDate = addKids(issueDate, c, udt, 'DateTimeString'); break;
        case 'IncludedNote': notes = addGroup(notes, note(c)); break;
      }
    }
  }

  // rsm:SupplyChainTradeTransaction
  let agreement: XmlElement | undefined, deliveryEl: XmlElement | undefined, settlement: XmlElement | undefined;
  let lineEls: XmlElement[] = NO_GROUPS;
  if (tx !== undefined) {
    for (const c of tx.children) {
      if (c.ns !== ram) continue;
      switch (c.local) {
        case 'IncludedSupplyChainTradeLineItem': lineEls = addGroup(lineEls, c); break;
        case 'ApplicableHeaderTradeAgreement': if (agreement === undefined) agreement = c; break;
        case 'ApplicableHeaderTradeDelivery': if (deliveryEl === undefined) deliveryEl = c; break;
        case 'ApplicableHeaderTradeSettlement': if (settlement === undefined) settlement = c; break;
      }
    }
  }

  // ram:ApplicableHeaderTradeAgreement
  let sellerEl: XmlElement | undefined, sellerCount = 0, buyerEl: XmlElement | undefined, buyerCount = 0;
  let taxRepEl: XmlElement | undefined, taxRepCount = 0;
  let buyerReference = NO_FIELDS, projectReference = NO_FIELDS, contractReference = NO_FIELDS;
  let orderReference = NO_FIELDS, salesOrderReference = NO_FIELDS;
  let documentReferences: Attachment[] = NO_GROUPS;
  if (agreement !== undefined) {
    for (const c of agreement.children) {
      if (c.ns !== ram) continue;
      switch (c.local) {
        case 'SellerTradeParty': if (sellerCount++ === 0) sellerEl = c; break;
        case 'BuyerTradeParty': if (buyerCount++ === 0) buyerEl = c; break;
        case 'SellerTaxRepresentativeTradeParty': if (taxRepCount++ === 0) taxRepEl = c; break;
        case 'AdditionalReferencedDocument': documentReferences = addGroup(documentReferences, attachment(c)); break;
        case 'BuyerReference': buyerReference = add(buyerReference, c); break;
        case 'SpecifiedProcuringProject': projectReference = addKids(projectReference, c, ram, 'ID'); break;
        case 'ContractReferencedDocument': contractReference = addKids(contractReference, c, ram, 'IssuerAssignedID'); break;
        case 'BuyerOrderReferencedDocument': orderReference = addKids(orderReference, c, ram, 'IssuerAssignedID'); break;
        case 'SellerOrderReferencedDocument': salesOrderReference = addKids(salesOrderReference, c, ram, 'IssuerAssignedID'); break;
      }
    }
  }

  // ram:ApplicableHeaderTradeDelivery
  let shipTo: XmlElement | undefined;
  let receivingAdviceReference = NO_FIELDS, despatchAdviceReference = NO_FIELDS, deliveryDate = NO_FIELDS;
  if (deliveryEl !== undefined) {
    for (const c of deliveryEl.children) {
      if (c.ns !== ram) continue;
      switch (c.local) {
        case 'ShipToTradeParty': if (shipTo === undefined) shipTo = c; break;
        case 'ReceivingAdviceReferencedDocument': receivingAdviceReference = addKids(receivingAdviceReference, c, ram, 'IssuerAssignedID'); break;
        case 'DespatchAdviceReferencedDocument': despatchAdviceReference = addKids(despatchAdviceReference, c, ram, 'IssuerAssignedID'); break;
        case 'ActualDeliverySupplyChainEvent': deliveryDate = addDateTimes(deliveryDate, c, 'OccurrenceDateTime'); break;
      }
    }
  }

  // ram:ApplicableHeaderTradeSettlement
  let payeeEl: XmlElement | undefined, payeeCount = 0, summation: XmlElement | undefined;
  let currencyCode = NO_FIELDS, taxCurrencyCode = NO_FIELDS, taxPointDate = NO_FIELDS, vatPointDateCode = NO_FIELDS;
  let paymentRef = NO_FIELDS, creditorId = NO_FIELDS, buyerAccountingReference = NO_FIELDS;
  let allowanceCharges: AllowanceCharge[] = NO_GROUPS;
  let vatBreakdown: VatBreakdown[] = NO_GROUPS;
  let paymentTerms: PaymentTerms[] = NO_GROUPS;
  let paymentMeansEls: XmlElement[] = NO_GROUPS;
  let periods: Period[] = NO_GROUPS;
  let precedingInvoices: PrecedingInvoice[] = NO_GROUPS;
  if (settlement !== undefined) {
    for (const c of settlement.children) {
      if (c.ns !== ram) continue;
      switch (c.local) {
        case 'ApplicableTradeTax': {
          const v = vatBreakdownOf(c);
          vatBreakdown = addGroup(vatBreakdown, v);
          vatPointDateCode = cat(vatPointDateCode, v.dueDateTypeCode);
          for (const k of c.children) if (k.local === 'TaxPointDate' && k.ns === ram) taxPointDate = addKids(taxPointDate, k, udt, 'DateString');
          break;
        }
        case 'SpecifiedTradeAllowanceCharge': allowanceCharges = addGroup(allowanceCharges, allowanceCharge(c)); break;
        case 'SpecifiedTradeSettlementPaymentMeans': paymentMeansEls = addGroup(paymentMeansEls, c); break;
        case 'SpecifiedTradePaymentTerms': paymentTerms = addGroup(paymentTerms, paymentTermsOf(c)); break;
        case 'SpecifiedTradeSettlementHeaderMonetarySummation': if (summation === undefined) summation = c; break;
        case 'BillingSpecifiedPeriod': periods = addGroup(periods, period(c)); break;
        case 'InvoiceReferencedDocument': precedingInvoices = addGroup(precedingInvoices, precedingInvoice(c)); break;
        case 'PayeeTradeParty': if (payeeCount++ === 0) payeeEl = c; break;
        case 'InvoiceCurrencyCode': currencyCode = add(currencyCode, c); break;
        case 'TaxCurrencyCode': taxCurrencyCode = add(taxCurrencyCode, c); break;
        case 'PaymentReference': paymentRef = add(paymentRef, c); break;
        case 'CreditorReferenceID': creditorId = add(creditorId, c); break;
        case 'ReceivableSpecifiedTradeAccountingAccount': buyerAccountingReference = addKids(buyerAccountingReference, c, ram, 'ID'); break;
      }
    }
  }

  const { allowances, charges } = splitAllowanceCharges(allowanceCharges);
  const totals = new TotalsImpl(summation, summation ?? settlement ?? tx ?? R);
  let taxTotals: TaxTotal[] = NO_GROUPS;
  if (summation !== undefined) {
    readTotals(totals, summation);
    // One synthetic TaxTotal per ram:TaxTotalAmount (the first carries the breakdown); none written: one without amount.
    const amounts = totals.taxTotalAmounts;
    for (let i = 0; i < amounts.length; i++) {
      const f = amounts[i]!;
      const t = new TaxTotalImpl(f.el);
      t.taxAmount = [f];
      if (i === 0) t.subtotals = vatBreakdown;
      taxTotals = addGroup(taxTotals, t);
    }
    if (amounts.length === 0 && vatBreakdown.length > 0) {
      const t = new TaxTotalImpl(summation);
      t.subtotals = vatBreakdown;
      taxTotals = [t];
    }
  }
  const mandateIds = allOf(paymentTerms, mandateIdsOf);
  let paymentMeans: PaymentMeans[] = NO_GROUPS;
  for (const pm of paymentMeansEls) paymentMeans = addGroup(paymentMeans, paymentMeansOf(pm, paymentRef, creditorId, mandateIds));
  const delivery = deliveryEl !== undefined ? deliveryOf(deliveryEl, shipTo, deliveryDate) : undefined;
  let tenderReference = NO_FIELDS, invoicedObjectIdentifier = NO_FIELDS;
  let attachments: Attachment[] = NO_GROUPS;
  for (const a of documentReferences) {
    const t = a.typeCode[0]?.value.trim();
    if (t === '50') tenderReference = cat(tenderReference, a.id);
    else if (t === '130') invoicedObjectIdentifier = cat(invoicedObjectIdentifier, a.id);
    else if (t === '916') attachments = addGroup(attachments, a);
  }
  let lines: Line[] = NO_GROUPS;
  for (let i = 0; i < lineEls.length; i++) lines = addGroup(lines, line(lineEls[i]!, i + 1));
  const partyParent = agreement ?? tx ?? R;

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
    dueDate: allOf(paymentTerms, dueDatesOf),
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
    seller: party(sellerEl, partyParent, sellerCount),
    buyer: party(buyerEl, partyParent, buyerCount),
    payee: payeeEl ? party(payeeEl, settlement!, payeeCount) : undefined,
    taxRepresentative: taxRepEl ? party(taxRepEl, agreement!, taxRepCount) : undefined,
    delivery,
    deliveries: delivery ? [delivery] : NO_GROUPS,
    invoicePeriod: periods[0],
    invoicePeriods: periods,
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
function dueDatesOf(t: PaymentTerms): readonly Field[] { return t.dueDate; }
function mandateIdsOf(t: PaymentTerms): readonly Field[] { return t.directDebitMandateId; }

function note(el: XmlElement): Note {
  const n = new NoteImpl(el);
  for (const c of el.children) {
    if (c.ns !== ram) continue;
    if (c.local === 'Content') n.text = add(n.text, c);
    else if (c.local === 'SubjectCode') n.subjectCode = add(n.subjectCode, c);
  }
  return n;
}

function precedingInvoice(el: XmlElement): PrecedingInvoice {
  const p = new PrecedingInvoiceImpl(el);
  for (const c of el.children) {
    if (c.ns !== ram) continue;
    if (c.local === 'IssuerAssignedID') p.id = add(p.id, c);
    else if (c.local === 'FormattedIssueDateTime') p.issueDate = addKids(p.issueDate, c, qdt, 'DateTimeString');
  }
  return p;
}

function party(el: XmlElement | undefined, parent: XmlElement, count: number): Party {
  const p = new PartyImpl(el, el ?? parent);
  p.count = count;
  if (el === undefined) return p;
  let ids = NO_FIELDS, globalIds = NO_FIELDS;
  let regs: TaxRegistration[] = NO_GROUPS;
  let addrEl: XmlElement | undefined, contactEl: XmlElement | undefined, legal: XmlElement | undefined;
  for (const c of el.children) {
    if (c.ns !== ram) continue;
    switch (c.local) {
      case 'ID': ids = add(ids, c); break;
      case 'GlobalID': globalIds = add(globalIds, c); break;
      case 'Name': p.name = add(p.name, c); break;
      case 'Description': p.additionalLegalInfo = add(p.additionalLegalInfo, c); break;
      case 'SpecifiedLegalOrganization': if (legal === undefined) legal = c; break;
      case 'DefinedTradeContact': if (contactEl === undefined) contactEl = c; break;
      case 'PostalTradeAddress': if (addrEl === undefined) addrEl = c; break;
      case 'URIUniversalCommunication': p.endpointId = addKids(p.endpointId, c, ram, 'URIID'); break;
      case 'SpecifiedTaxRegistration': regs = addGroup(regs, taxRegistration(c)); break;
    }
  }
  // Identifiers: all ram:ID first, then all ram:GlobalID.
  p.identifiers = cat(ids, globalIds);
  if (legal !== undefined) {
    for (const c of legal.children) {
      if (c.ns !== ram) continue;
      if (c.local === 'TradingBusinessName') p.tradingName = add(p.tradingName, c);
      else if (c.local === 'ID') p.legalRegistrationId = add(p.legalRegistrationId, c);
    }
  }
  for (const r of regs) {
    for (const f of r.id) {
      const s = f.attrs['schemeID'];
      if (s === 'VA') p.vatId = addField(p.vatId, f);
      else if (s === 'FC') p.taxRegistrationId = addField(p.taxRegistrationId, f);
    }
  }
  p.taxRegistrations = regs;
  if (addrEl !== undefined) p.address = address(addrEl);
  if (contactEl !== undefined) p.contact = contact(contactEl);
  return p;
}

function taxRegistration(el: XmlElement): TaxRegistration {
  const r = new TaxRegistrationImpl(el);
  r.id = addKids(NO_FIELDS, el, ram, 'ID');
  r.schemeValue = r.id[0]?.attrs['schemeID'] ?? '';
  return r;
}

function address(el: XmlElement): AddressImpl {
  const a = new AddressImpl(el);
  for (const c of el.children) {
    if (c.ns !== ram) continue;
    switch (c.local) {
      case 'LineOne': a.line1 = add(a.line1, c); break;
      case 'LineTwo': a.line2 = add(a.line2, c); break;
      case 'LineThree': a.line3 = add(a.line3, c); break;
      case 'CityName': a.city = add(a.city, c); break;
      case 'PostcodeCode': a.postCode = add(a.postCode, c); break;
      case 'CountrySubDivisionName': a.countrySubdivision = add(a.countrySubdivision, c); break;
      case 'CountryID': a.countryCode = add(a.countryCode, c); break;
    }
  }
  return a;
}

function contact(el: XmlElement): ContactImpl {
  const ct = new ContactImpl(el);
  let persons = NO_FIELDS, departments = NO_FIELDS;
  for (const c of el.children) {
    if (c.ns !== ram) continue;
    switch (c.local) {
      case 'PersonName': persons = add(persons, c); break;
      case 'DepartmentName': departments = add(departments, c); break;
      case 'TelephoneUniversalCommunication': ct.telephone = addKids(ct.telephone, c, ram, 'CompleteNumber'); break;
      case 'EmailURIUniversalCommunication': ct.email = addKids(ct.email, c, ram, 'URIID'); break;
    }
  }
  ct.name = cat(persons, departments);
  return ct;
}

/** BG-13 from the header delivery: present when there is a ship-to party or an actual delivery date. */
function deliveryOf(el: XmlElement, shipTo: XmlElement | undefined, date: Field[]): Delivery | undefined {
  if (shipTo === undefined && date.length === 0) return undefined;
  const where = shipTo ?? el;
  const d = new DeliveryImpl(where);
  d.count = 1;
  d.actualDeliveryDate = date;
  if (shipTo !== undefined) {
    let ids = NO_FIELDS, globalIds = NO_FIELDS;
    let addrEl: XmlElement | undefined;
    for (const c of shipTo.children) {
      if (c.ns !== ram) continue;
      switch (c.local) {
        case 'ID': ids = add(ids, c); break;
        case 'GlobalID': globalIds = add(globalIds, c); break;
        case 'Name': d.partyName = add(d.partyName, c); break;
        case 'PostalTradeAddress': if (addrEl === undefined) addrEl = c; break;
      }
    }
    d.locationId = cat(ids, globalIds);
    if (addrEl !== undefined) d.address = address(addrEl);
  }
  return d;
}

function period(el: XmlElement): Period {
  const p = new PeriodImpl(el);
  p.startDate = addDateTimes(NO_FIELDS, el, 'StartDateTime');
  p.endDate = addDateTimes(NO_FIELDS, el, 'EndDateTime');
  return p;
}

/** Reads the category fields of a ram:ApplicableTradeTax / ram:CategoryTradeTax child into `t`; false when not one. */
function taxCategoryField(t: TaxCategoryImpl, c: XmlElement): boolean {
  switch (c.local) {
    case 'CategoryCode': t.code = add(t.code, c); return true;
    case 'RateApplicablePercent': t.rate = add(t.rate, c); return true;
    case 'ExemptionReason': t.exemptionReason = add(t.exemptionReason, c); return true;
    case 'ExemptionReasonCode': t.exemptionReasonCode = add(t.exemptionReasonCode, c); return true;
    case 'TypeCode': t.taxScheme = add(t.taxScheme, c); return true;
  }
  return false;
}

function taxCategory(el: XmlElement): TaxCategory {
  const t = new TaxCategoryImpl(el, el);
  for (const c of el.children) if (c.ns === ram) taxCategoryField(t, c);
  return t;
}

function vatBreakdownOf(el: XmlElement): VatBreakdown {
  const category = new TaxCategoryImpl(el, el);
  let taxableAmount = NO_FIELDS, taxAmount = NO_FIELDS, dueDateTypeCode = NO_FIELDS;
  for (const c of el.children) {
    if (c.ns !== ram || taxCategoryField(category, c)) continue;
    if (c.local === 'BasisAmount') taxableAmount = add(taxableAmount, c);
    else if (c.local === 'CalculatedAmount') taxAmount = add(taxAmount, c);
    else if (c.local === 'DueDateTypeCode') dueDateTypeCode = add(dueDateTypeCode, c);
  }
  const v = new VatBreakdownImpl(el, category);
  v.taxableAmount = taxableAmount;
  v.taxAmount = taxAmount;
  v.dueDateTypeCode = dueDateTypeCode;
  return v;
}

function allowanceCharge(el: XmlElement): AllowanceCharge {
  const a = new AllowanceChargeImpl(el);
  for (const c of el.children) {
    if (c.ns !== ram) continue;
    switch (c.local) {
      case 'ChargeIndicator': a.chargeIndicator = addKids(a.chargeIndicator, c, udt, 'Indicator'); break;
      case 'ActualAmount': a.amount = add(a.amount, c); break;
      case 'BasisAmount': a.baseAmount = add(a.baseAmount, c); break;
      case 'CalculationPercent': a.percentage = add(a.percentage, c); break;
      case 'Reason': a.reason = add(a.reason, c); break;
      case 'ReasonCode': a.reasonCode = add(a.reasonCode, c); break;
      case 'CategoryTradeTax': a.taxCategories = addGroup(a.taxCategories, taxCategory(c)); break;
    }
  }
  const ind = a.chargeIndicator[0]?.value.trim();
  a.isCharge = ind === 'true' || ind === '1';
  const cat0 = a.taxCategories[0];
  if (cat0 !== undefined) { a.vatCategoryCode = cat0.code; a.vatRate = cat0.rate; }
  return a;
}

function readTotals(t: TotalsImpl, el: XmlElement): void {
  for (const c of el.children) {
    if (c.ns !== ram) continue;
    switch (c.local) {
      case 'LineTotalAmount': t.lineNetTotal = add(t.lineNetTotal, c); break;
      case 'ChargeTotalAmount': t.chargeTotal = add(t.chargeTotal, c); break;
      case 'AllowanceTotalAmount': t.allowanceTotal = add(t.allowanceTotal, c); break;
      case 'TaxBasisTotalAmount': t.taxExclusiveAmount = add(t.taxExclusiveAmount, c); break;
      case 'TaxTotalAmount': t.taxTotalAmounts = add(t.taxTotalAmounts, c); break;
      case 'RoundingAmount': t.roundingAmount = add(t.roundingAmount, c); break;
      case 'GrandTotalAmount': t.taxInclusiveAmount = add(t.taxInclusiveAmount, c); break;
      case 'TotalPrepaidAmount': t.prepaidAmount = add(t.prepaidAmount, c); break;
      case 'DuePayableAmount': t.payableAmount = add(t.payableAmount, c); break;
    }
  }
}

function attachment(el: XmlElement): Attachment {
  const a = new AttachmentImpl(el);
  for (const c of el.children) {
    if (c.ns !== ram) continue;
    switch (c.local) {
      case 'IssuerAssignedID': a.id = add(a.id, c); break;
      case 'TypeCode': a.typeCode = add(a.typeCode, c); break;
      case 'Name': a.description = add(a.description, c); break;
      case 'URIID': a.externalUri = add(a.externalUri, c); break;
      case 'AttachmentBinaryObject': a.binaryObject = add(a.binaryObject, c); break;
    }
  }
  return a;
}

function paymentMeansOf(el: XmlElement, paymentRef: Field[], creditorId: Field[], mandateIds: Field[]): PaymentMeans {
  const m = new PaymentMeansImpl(el);
  m.paymentId = paymentRef;
  let cardEl: XmlElement | undefined, debtorAccount: XmlElement | undefined;
  let accountEls: XmlElement[] = NO_GROUPS;
  let bic = NO_FIELDS;
  for (const c of el.children) {
    if (c.ns !== ram) continue;
    switch (c.local) {
      case 'TypeCode': m.code = add(m.code, c); break;
      case 'Information': m.text = add(m.text, c); break;
      case 'PayeePartyCreditorFinancialAccount': accountEls = addGroup(accountEls, c); break;
      case 'PayeeSpecifiedCreditorFinancialInstitution': bic = addKids(bic, c, ram, 'BICID'); break;
      case 'ApplicableTradeSettlementFinancialCard': if (cardEl === undefined) cardEl = c; break;
      case 'PayerPartyDebtorFinancialAccount': if (debtorAccount === undefined) debtorAccount = c; break;
    }
  }
  if (cardEl !== undefined) {
    const card = new PaymentCardImpl(cardEl);
    card.primaryAccountNumber = addKids(NO_FIELDS, cardEl, ram, 'ID');
    card.holderName = addKids(NO_FIELDS, cardEl, ram, 'CardholderName');
    m.card = card;
  }
  if (debtorAccount !== undefined || mandateIds.length > 0) {
    const dd = new DirectDebitImpl(debtorAccount, debtorAccount ?? el);
    dd.mandateReference = mandateIds;
    dd.creditorId = creditorId;
    if (debtorAccount !== undefined) dd.debitedAccount = addKids(NO_FIELDS, debtorAccount, ram, 'IBANID');
    m.directDebit = dd;
  }
  let transfers: CreditTransfer[] = NO_GROUPS;
  for (const a of accountEls) transfers = addGroup(transfers, creditTransfer(a, bic));
  m.creditTransfers = transfers;
  return m;
}

function creditTransfer(el: XmlElement, bic: Field[]): CreditTransfer {
  const t = new CreditTransferImpl(el);
  let iban = NO_FIELDS, prop = NO_FIELDS;
  for (const c of el.children) {
    if (c.ns !== ram) continue;
    if (c.local === 'IBANID') iban = add(iban, c);
    else if (c.local === 'ProprietaryID') prop = add(prop, c);
    else if (c.local === 'AccountName') t.accountName = add(t.accountName, c);
  }
  t.accountId = cat(iban, prop);
  t.accountScheme = iban.length > 0 ? 'IBANID' : prop.length > 0 ? 'ProprietaryID' : '';
  t.serviceProviderId = bic;
  return t;
}

function paymentTermsOf(el: XmlElement): PaymentTerms {
  const t = new PaymentTermsImpl(el);
  for (const c of el.children) {
    if (c.ns !== ram) continue;
    switch (c.local) {
      case 'Description': t.note = add(t.note, c); break;
      case 'DueDateDateTime': t.dueDate = addKids(t.dueDate, c, udt, 'DateTimeString'); break;
      case 'DirectDebitMandateID': t.directDebitMandateId = add(t.directDebitMandateId, c); break;
    }
  }
  return t;
}

function amountOf(a: AllowanceCharge): readonly Field[] { return a.amount; }

/** BG-29 from the line agreement's net and gross price; undefined when neither is present. */
function price(net: XmlElement | undefined, gross: XmlElement | undefined): Price | undefined {
  const where = net ?? gross;
  if (where === undefined) return undefined;
  const p = new PriceImpl(where);
  if (net !== undefined) {
    for (const c of net.children) {
      if (c.ns !== ram) continue;
      if (c.local === 'ChargeAmount') p.netPrice = add(p.netPrice, c);
      else if (c.local === 'BasisQuantity') p.baseQuantity = add(p.baseQuantity, c);
    }
  }
  if (gross !== undefined) {
    for (const c of gross.children) {
      if (c.ns !== ram) continue;
      if (c.local === 'ChargeAmount') p.grossPrice = add(p.grossPrice, c);
      else if (c.local === 'BasisQuantity') p.grossBaseQuantity = add(p.grossBaseQuantity, c);
      else if (c.local === 'AppliedTradeAllowanceCharge') p.allowanceCharges = addGroup(p.allowanceCharges, allowanceCharge(c));
    }
    p.discount = allOf(p.allowanceCharges, amountOf);
  }
  return p;
}

function item(el: XmlElement | undefined, lineEl: XmlElement): ItemImpl {
  const it = new ItemImpl(el, el ?? lineEl);
  if (el === undefined) return it;
  for (const c of el.children) {
    if (c.ns !== ram) continue;
    switch (c.local) {
      case 'Name': it.name = add(it.name, c); break;
      case 'Description': it.description = add(it.description, c); break;
      case 'SellerAssignedID': it.sellersId = add(it.sellersId, c); break;
      case 'BuyerAssignedID': it.buyersId = add(it.buyersId, c); break;
      case 'GlobalID': it.standardId = add(it.standardId, c); break;
      case 'DesignatedProductClassification': it.classifications = addKids(it.classifications, c, ram, 'ClassCode'); break;
      case 'OriginTradeCountry': it.originCountry = addKids(it.originCountry, c, ram, 'ID'); break;
      case 'ApplicableProductCharacteristic': it.attributes = addGroup(it.attributes, itemAttribute(c)); break;
    }
  }
  return it;
}

function itemAttribute(el: XmlElement): ItemAttribute {
  const a = new ItemAttributeImpl(el);
  for (const c of el.children) {
    if (c.ns !== ram) continue;
    if (c.local === 'Description') a.name = add(a.name, c);
    else if (c.local === 'Value') a.value = add(a.value, c);
  }
  return a;
}

function line(el: XmlElement, position: number): Line {
  const l = new LineImpl(el, position);
  let docLine: XmlElement | undefined, agreement: XmlElement | undefined, lineDelivery: XmlElement | undefined;
  let settlement: XmlElement | undefined, product: XmlElement | undefined;
  for (const c of el.children) {
    if (c.ns !== ram) continue;
    switch (c.local) {
      case 'AssociatedDocumentLineDocument': if (docLine === undefined) docLine = c; break;
      case 'SpecifiedTradeProduct': if (product === undefined) product = c; break;
      case 'SpecifiedLineTradeAgreement': if (agreement === undefined) agreement = c; break;
      case 'SpecifiedLineTradeDelivery': if (lineDelivery === undefined) lineDelivery = c; break;
      case 'SpecifiedLineTradeSettlement': if (settlement === undefined) settlement = c; break;
    }
  }
  if (docLine !== undefined) {
    for (const c of docLine.children) {
      if (c.ns !== ram) continue;
      if (c.local === 'LineID') l.id = add(l.id, c);
      else if (c.local === 'IncludedNote') l.note = addKids(l.note, c, ram, 'Content');
    }
  }
  if (lineDelivery !== undefined) l.quantity = addKids(NO_FIELDS, lineDelivery, ram, 'BilledQuantity');
  if (agreement !== undefined) {
    let net: XmlElement | undefined, gross: XmlElement | undefined;
    for (const c of agreement.children) {
      if (c.ns !== ram) continue;
      switch (c.local) {
        case 'NetPriceProductTradePrice': if (net === undefined) net = c; break;
        case 'GrossPriceProductTradePrice': if (gross === undefined) gross = c; break;
        case 'BuyerOrderReferencedDocument': l.orderLineReference = addKids(l.orderLineReference, c, ram, 'LineID'); break;
      }
    }
    l.price = price(net, gross);
  }
  if (settlement !== undefined) readLineSettlement(l, settlement);
  l.vat = l.vatCategories[0];
  l.item = item(product, el);
  return l;
}

function readLineSettlement(l: LineImpl, settlement: XmlElement): void {
  let periodEl: XmlElement | undefined;
  let acs: AllowanceCharge[] = NO_GROUPS;
  for (const c of settlement.children) {
    if (c.ns !== ram) continue;
    switch (c.local) {
      case 'ApplicableTradeTax': l.vatCategories = addGroup(l.vatCategories, taxCategory(c)); break;
      case 'SpecifiedTradeAllowanceCharge': acs = addGroup(acs, allowanceCharge(c)); break;
      case 'BillingSpecifiedPeriod': if (periodEl === undefined) periodEl = c; break;
      case 'SpecifiedTradeSettlementLineMonetarySummation': l.netAmount = addKids(l.netAmount, c, ram, 'LineTotalAmount'); break;
      case 'ReceivableSpecifiedTradeAccountingAccount': l.accountingReference = addKids(l.accountingReference, c, ram, 'ID'); break;
      case 'AdditionalReferencedDocument': {
        // BT-128: the identifiers of referenced documents with type code 130
        if ((kid(c, ram, 'TypeCode')?.text ?? '').trim() === '130') l.objectIdentifier = addKids(l.objectIdentifier, c, ram, 'IssuerAssignedID');
        break;
      }
    }
  }
  if (periodEl !== undefined) l.period = period(periodEl);
  const { allowances, charges } = splitAllowanceCharges(acs);
  l.allowances = allowances;
  l.charges = charges;
  l.allowanceCharges = acs;
}
