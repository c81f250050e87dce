// Reads a UN/CEFACT CII D16B CrossIndustryInvoice element tree into the invoice model (EN 16931 CII binding).
import type {
  Address, AllowanceCharge, Attachment, Contact, CreditTransfer, Delivery, DirectDebit, Field, Invoice, Item,
  ItemAttribute, Line, Note, Party, PaymentCard, PaymentMeans, PaymentTerms, Period, PrecedingInvoice, Price,
  TaxCategory, TaxTotal, Totals, VatBreakdown, XmlElement,
} from './model.ts';
import { children, child } from './model.ts';
import { F, FP, cat, AttachmentImpl, splitAllowanceCharges, taxRegistration } from './read-util.ts';

export function readCii(root: XmlElement): Invoice {
  const R = root;
  const ctx = child(R, 'rsm:ExchangedDocumentContext');
  const doc = child(R, 'rsm:ExchangedDocument');
  const tx = child(R, 'rsm:SupplyChainTradeTransaction');
  const agreement = child(tx, 'ram:ApplicableHeaderTradeAgreement');
  const deliveryEl = child(tx, 'ram:ApplicableHeaderTradeDelivery');
  const settlement = child(tx, 'ram:ApplicableHeaderTradeSettlement');
  const sellerEls = children(agreement, 'ram:SellerTradeParty');
  const buyerEls = children(agreement, 'ram:BuyerTradeParty');
  const payeeEls = children(settlement, 'ram:PayeeTradeParty');
  const taxRepEls = children(agreement, 'ram:SellerTaxRepresentativeTradeParty');
  const documentReferences = children(agreement, 'ram:AdditionalReferencedDocument').map(attachment);
  const typeOf = (a: Attachment) => a.typeCode[0]?.value.trim();
  const allowanceCharges = children(settlement, 'ram:SpecifiedTradeAllowanceCharge').map(allowanceCharge);
  const { allowances, charges } = splitAllowanceCharges(allowanceCharges);
  const vatBreakdown = children(settlement, 'ram:ApplicableTradeTax').map(vatBreakdownOf);
  const summation = child(settlement, 'ram:SpecifiedTradeSettlementHeaderMonetarySummation');
  const taxTotalAmountEls = children(summation, 'ram:TaxTotalAmount');
  const taxTotals: TaxTotal[] = taxTotalAmountEls.length === 0
    ? (vatBreakdown.length > 0 && summation ? [{ el: summation, location: summation.location, taxAmount: [], subtotals: vatBreakdown }] : [])
    : taxTotalAmountEls.map((t, i): TaxTotal => ({ el: t, location: t.location, taxAmount: F(summation, 'ram:TaxTotalAmount').slice(i, i + 1), subtotals: i === 0 ? vatBreakdown : [] }));
  const paymentRef = F(settlement, 'ram:PaymentReference');
  const creditorId = F(settlement, 'ram:CreditorReferenceID');
  const paymentTerms = children(settlement, 'ram:SpecifiedTradePaymentTerms').map(paymentTermsOf);
  const mandateIds = paymentTerms.flatMap((t) => t.directDebitMandateId);
  const paymentMeans = children(settlement, 'ram:SpecifiedTradeSettlementPaymentMeans').map((pm) => paymentMeansOf(pm, paymentRef, creditorId, mandateIds));
  const periods = children(settlement, 'ram:BillingSpecifiedPeriod').map(period);
  const shipTo = children(deliveryEl, 'ram:ShipToTradeParty');
  const delivery = deliveryOf(deliveryEl, shipTo[0]);
  const lines = children(tx, 'ram:IncludedSupplyChainTradeLineItem').map((el, i) => line(el, i + 1));

  return {
    customizationId: FP(ctx, 'ram:GuidelineSpecifiedDocumentContextParameter/ram:ID'),
    profileId: FP(ctx, 'ram:BusinessProcessSpecifiedDocumentContextParameter/ram:ID'),
    number: F(doc, 'ram:ID'),
    issueDate: FP(doc, 'ram:IssueDateTime/udt:DateTimeString'),
    typeCode: F(doc, 'ram:TypeCode'),
    currencyCode: F(settlement, 'ram:InvoiceCurrencyCode'),
    taxCurrencyCode: F(settlement, 'ram:TaxCurrencyCode'),
    taxPointDate: FP(settlement, 'ram:ApplicableTradeTax/ram:TaxPointDate/udt:DateString'),
    vatPointDateCode: FP(settlement, 'ram:ApplicableTradeTax/ram:DueDateTypeCode'),
    dueDate: paymentTerms.flatMap((t) => t.dueDate),
    buyerReference: F(agreement, 'ram:BuyerReference'),
    projectReference: FP(agreement, 'ram:SpecifiedProcuringProject/ram:ID'),
    contractReference: FP(agreement, 'ram:ContractReferencedDocument/ram:IssuerAssignedID'),
    orderReference: FP(agreement, 'ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID'),
    salesOrderReference: FP(agreement, 'ram:SellerOrderReferencedDocument/ram:IssuerAssignedID'),
    receivingAdviceReference: FP(deliveryEl, 'ram:ReceivingAdviceReferencedDocument/ram:IssuerAssignedID'),
    despatchAdviceReference: FP(deliveryEl, 'ram:DespatchAdviceReferencedDocument/ram:IssuerAssignedID'),
    tenderReference: documentReferences.filter((a) => typeOf(a) === '50').flatMap((a) => a.id),
    invoicedObjectIdentifier: documentReferences.filter((a) => typeOf(a) === '130').flatMap((a) => a.id),
    buyerAccountingReference: FP(settlement, 'ram:ReceivableSpecifiedTradeAccountingAccount/ram:ID'),
    paymentTermsText: paymentTerms.flatMap((t) => t.note),
    notes: children(doc, 'ram:IncludedNote').map((el): Note => ({
      el, location: el.location, text: F(el, 'ram:Content'), subjectCode: F(el, 'ram:SubjectCode'),
    })),
    precedingInvoices: children(settlement, 'ram:InvoiceReferencedDocument').map((el): PrecedingInvoice => ({
      el, location: el.location, id: F(el, 'ram:IssuerAssignedID'), issueDate: FP(el, 'ram:FormattedIssueDateTime/qdt:DateTimeString'),
    })),
    seller: party(sellerEls[0], agreement ?? tx ?? R, sellerEls.length),
    buyer: party(buyerEls[0], agreement ?? tx ?? R, buyerEls.length),
    payee: payeeEls[0] ? party(payeeEls[0], settlement!, payeeEls.length) : undefined,
    taxRepresentative: taxRepEls[0] ? party(taxRepEls[0], agreement!, taxRepEls.length) : undefined,
    delivery,
    deliveries: delivery ? [delivery] : [],
    invoicePeriod: periods[0],
    invoicePeriods: periods,
    paymentMeans,
    paymentTerms,
    allowances,
    charges,
    allowanceCharges,
    taxTotals,
    vatBreakdown,
    totals: totals(summation, settlement ?? tx ?? R),
    attachments: documentReferences.filter((a) => typeOf(a) === '916'),
    documentReferences,
    lines,
  };
}

function party(el: XmlElement | undefined, parent: XmlElement, count: number): Party {
  const where = el ?? parent;
  const regs = children(el, 'ram:SpecifiedTaxRegistration').map((tr) => {
    const ids = F(tr, 'ram:ID');
    const scheme = ids[0]?.attrs['schemeID'] ?? '';
    return taxRegistration(tr, ids, [], scheme);
  });
  const vatId: Field[] = [];
  const taxRegistrationId: Field[] = [];
  for (const r of regs) {
    for (const f of r.id) {
      const s = f.attrs['schemeID'];
      if (s === 'VA') vatId.push(f);
      else if (s === 'FC') taxRegistrationId.push(f);
    }
  }
  const addrEl = child(el, 'ram:PostalTradeAddress');
  const contactEl = child(el, 'ram:DefinedTradeContact');
  const legal = child(el, 'ram:SpecifiedLegalOrganization');
  const identifiers = cat(F(el, 'ram:ID'), F(el, 'ram:GlobalID'));
  return {
    el,
    location: where.location,
    endpointId: FP(el, 'ram:URIUniversalCommunication/ram:URIID'),
    identifiers,
    name: F(el, 'ram:Name'),
    tradingName: F(legal, 'ram:TradingBusinessName'),
    legalRegistrationId: F(legal, 'ram:ID'),
    additionalLegalInfo: F(el, 'ram:Description'),
    vatId,
    taxRegistrationId,
    taxRegistrations: regs,
    address: addrEl ? address(addrEl) : undefined,
    contact: contactEl ? contact(contactEl) : undefined,
    count,
  };
}

function address(el: XmlElement): Address {
  return {
    el,
    location: el.location,
    line1: F(el, 'ram:LineOne'),
    line2: F(el, 'ram:LineTwo'),
    line3: F(el, 'ram:LineThree'),
    city: F(el, 'ram:CityName'),
    postCode: F(el, 'ram:PostcodeCode'),
    countrySubdivision: F(el, 'ram:CountrySubDivisionName'),
    countryCode: F(el, 'ram:CountryID'),
  };
}

function contact(el: XmlElement): Contact {
  const name = cat(F(el, 'ram:PersonName'), F(el, 'ram:DepartmentName'));
  return {
    el,
    location: el.location,
    name,
    telephone: FP(el, 'ram:TelephoneUniversalCommunication/ram:CompleteNumber'),
    email: FP(el, 'ram:EmailURIUniversalCommunication/ram:URIID'),
  };
}

function deliveryOf(el: XmlElement | undefined, shipTo: XmlElement | undefined): Delivery | undefined {
  if (el === undefined) return undefined;
  const date = FP(el, 'ram:ActualDeliverySupplyChainEvent/ram:OccurrenceDateTime/udt:DateTimeString');
  if (shipTo === undefined && date.length === 0) return undefined;
  const addr = child(shipTo, 'ram:PostalTradeAddress');
  const locationId = cat(F(shipTo, 'ram:ID'), F(shipTo, 'ram:GlobalID'));
  const where = shipTo ?? el;
  return {
    el: where,
    location: where.location,
    partyName: F(shipTo, 'ram:Name'),
    locationId,
    actualDeliveryDate: date,
    address: addr ? address(addr) : undefined,
    count: 1,
  };
}

function period(el: XmlElement): Period {
  return {
    el,
    location: el.location,
    startDate: FP(el, 'ram:StartDateTime/udt:DateTimeString'),
    endDate: FP(el, 'ram:EndDateTime/udt:DateTimeString'),
    descriptionCode: [],
  };
}

function taxCategory(el: XmlElement): TaxCategory {
  return {
    el,
    location: el.location,
    code: F(el, 'ram:CategoryCode'),
    rate: F(el, 'ram:RateApplicablePercent'),
    exemptionReason: F(el, 'ram:ExemptionReason'),
    exemptionReasonCode: F(el, 'ram:ExemptionReasonCode'),
    taxScheme: F(el, 'ram:TypeCode'),
  };
}

function vatBreakdownOf(el: XmlElement): VatBreakdown {
  const category = taxCategory(el);
  return {
    el,
    location: el.location,
    taxableAmount: F(el, 'ram:BasisAmount'),
    taxAmount: F(el, 'ram:CalculatedAmount'),
    categoryCode: category.code,
    rate: category.rate,
    exemptionReason: category.exemptionReason,
    exemptionReasonCode: category.exemptionReasonCode,
    dueDateTypeCode: F(el, 'ram:DueDateTypeCode'),
    category,
  };
}

function allowanceCharge(el: XmlElement): AllowanceCharge {
  const cats = children(el, 'ram:CategoryTradeTax').map(taxCategory);
  const chargeIndicator = FP(el, 'ram:ChargeIndicator/udt:Indicator');
  const ind = chargeIndicator[0]?.value.trim();
  return {
    el,
    location: el.location,
    chargeIndicator,
    isCharge: ind === 'true' || ind === '1',
    amount: F(el, 'ram:ActualAmount'),
    baseAmount: F(el, 'ram:BasisAmount'),
    percentage: F(el, 'ram:CalculationPercent'),
    vatCategoryCode: cats[0]?.code ?? [],
    vatRate: cats[0]?.rate ?? [],
    taxCategories: cats,
    reason: F(el, 'ram:Reason'),
    reasonCode: F(el, 'ram:ReasonCode'),
  };
}

function totals(el: XmlElement | undefined, parent: XmlElement): Totals {
  const where = el ?? parent;
  return {
    el,
    location: where.location,
    lineNetTotal: F(el, 'ram:LineTotalAmount'),
    allowanceTotal: F(el, 'ram:AllowanceTotalAmount'),
    chargeTotal: F(el, 'ram:ChargeTotalAmount'),
    taxExclusiveAmount: F(el, 'ram:TaxBasisTotalAmount'),
    taxTotalAmounts: F(el, 'ram:TaxTotalAmount'),
    taxInclusiveAmount: F(el, 'ram:GrandTotalAmount'),
    prepaidAmount: F(el, 'ram:TotalPrepaidAmount'),
    roundingAmount: F(el, 'ram:RoundingAmount'),
    payableAmount: F(el, 'ram:DuePayableAmount'),
  };
}

function attachment(el: XmlElement): Attachment {
  return new AttachmentImpl(el, F(el, 'ram:IssuerAssignedID'), F(el, 'ram:TypeCode'), F(el, 'ram:Name'), F(el, 'ram:URIID'), F(el, 'ram:AttachmentBinaryObject'));
}

function paymentMeansOf(el: XmlElement, paymentRef: Field[], creditorId: Field[], mandateIds: Field[]): PaymentMeans {
  const cardEl = child(el, 'ram:ApplicableTradeSettlementFinancialCard');
  const card: PaymentCard | undefined = cardEl ? {
    el: cardEl,
    location: cardEl.location,
    primaryAccountNumber: F(cardEl, 'ram:ID'),
    holderName: F(cardEl, 'ram:CardholderName'),
  } : undefined;
  const debtorAccount = child(el, 'ram:PayerPartyDebtorFinancialAccount');
  const debited = F(debtorAccount, 'ram:IBANID');
  let directDebit: DirectDebit | undefined;
  if (debtorAccount || mandateIds.length > 0) {
    const where = debtorAccount ?? el;
    directDebit = { el: debtorAccount, location: where.location, mandateReference: mandateIds, creditorId, debitedAccount: debited };
  }
  const bic = FP(el, 'ram:PayeeSpecifiedCreditorFinancialInstitution/ram:BICID');
  return {
    el,
    location: el.location,
    code: F(el, 'ram:TypeCode'),
    text: F(el, 'ram:Information'),
    paymentId: paymentRef,
    creditTransfers: children(el, 'ram:PayeePartyCreditorFinancialAccount').map((a): CreditTransfer => {
      const iban = F(a, 'ram:IBANID');
      const prop = F(a, 'ram:ProprietaryID');
      return {
        el: a,
        location: a.location,
        accountId: cat(iban, prop),
        accountScheme: iban.length > 0 ? 'IBANID' : prop.length > 0 ? 'ProprietaryID' : '',
        accountName: F(a, 'ram:AccountName'),
        serviceProviderId: bic,
      };
    }),
    card,
    directDebit,
  };
}

function paymentTermsOf(el: XmlElement): PaymentTerms {
  return {
    el,
    location: el.location,
    note: F(el, 'ram:Description'),
    dueDate: FP(el, 'ram:DueDateDateTime/udt:DateTimeString'),
    directDebitMandateId: F(el, 'ram:DirectDebitMandateID'),
  };
}

function price(agreement: XmlElement): Price | undefined {
  const net = child(agreement, 'ram:NetPriceProductTradePrice');
  const gross = child(agreement, 'ram:GrossPriceProductTradePrice');
  if (!net && !gross) return undefined;
  const where = (net ?? gross)!;
  const acs = children(gross, 'ram:AppliedTradeAllowanceCharge').map(allowanceCharge);
  return {
    el: net ?? gross,
    location: where.location,
    netPrice: F(net, 'ram:ChargeAmount'),
    discount: acs.flatMap((a) => a.amount),
    grossPrice: F(gross, 'ram:ChargeAmount'),
    baseQuantity: F(net, 'ram:BasisQuantity'),
    grossBaseQuantity: F(gross, 'ram:BasisQuantity'),
    allowanceCharges: acs,
  };
}

function item(el: XmlElement | undefined, lineEl: XmlElement): Item {
  const where = el ?? lineEl;
  return {
    el,
    location: where.location,
    name: F(el, 'ram:Name'),
    description: F(el, 'ram:Description'),
    sellersId: F(el, 'ram:SellerAssignedID'),
    buyersId: F(el, 'ram:BuyerAssignedID'),
    standardId: F(el, 'ram:GlobalID'),
    classifications: FP(el, 'ram:DesignatedProductClassification/ram:ClassCode'),
    originCountry: FP(el, 'ram:OriginTradeCountry/ram:ID'),
    attributes: children(el, 'ram:ApplicableProductCharacteristic').map((a): ItemAttribute => ({
      el: a, location: a.location, name: F(a, 'ram:Description'), value: F(a, 'ram:Value'),
    })),
  };
}

function line(el: XmlElement, position: number): Line {
  const docLine = child(el, 'ram:AssociatedDocumentLineDocument');
  const agreement = child(el, 'ram:SpecifiedLineTradeAgreement');
  const lineDelivery = child(el, 'ram:SpecifiedLineTradeDelivery');
  const settlement = child(el, 'ram:SpecifiedLineTradeSettlement');
  const vatCategories = children(settlement, 'ram:ApplicableTradeTax').map(taxCategory);
  const acs = children(settlement, 'ram:SpecifiedTradeAllowanceCharge').map(allowanceCharge);
  const { allowances, charges } = splitAllowanceCharges(acs);
  const periodEl = child(settlement, 'ram:BillingSpecifiedPeriod');
  const objectIdentifier: Field[] = [];
  for (const d of children(settlement, 'ram:AdditionalReferencedDocument')) {
    if ((child(d, 'ram:TypeCode')?.text ?? '').trim() === '130') for (const f of F(d, 'ram:IssuerAssignedID')) objectIdentifier.push(f);
  }
  return {
    el,
    location: el.location,
    position,
    id: F(docLine, 'ram:LineID'),
    note: FP(docLine, 'ram:IncludedNote/ram:Content'),
    objectIdentifier,
    quantity: F(lineDelivery, 'ram:BilledQuantity'),
    netAmount: FP(settlement, 'ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount'),
    orderLineReference: FP(agreement, 'ram:BuyerOrderReferencedDocument/ram:LineID'),
    accountingReference: FP(settlement, 'ram:ReceivableSpecifiedTradeAccountingAccount/ram:ID'),
    period: periodEl ? period(periodEl) : undefined,
    allowances,
    charges,
    allowanceCharges: acs,
    price: agreement ? price(agreement) : undefined,
    vat: vatCategories[0],
    vatCategories,
    item: item(child(el, 'ram:SpecifiedTradeProduct'), el),
    subLines: [],
  };
}
