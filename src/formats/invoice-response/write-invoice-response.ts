// Peppol BIS Invoice Response 3 (T111): the buyer's answer to an invoice. Avrop writes it to reject
// an invoice that failed validation, with one status reason per problem. Pure: returns XML text.

export type StatusReason = 'NON' | 'REF' | 'LEG' | 'REC' | 'QUA' | 'DEL' | 'PRI' | 'QTY' | 'ITM' | 'PAY' | 'UNR' | 'FIN' | 'PPD' | 'OTH';
export type ResponseCode = 'AB' | 'IP' | 'UQ' | 'CA' | 'RE' | 'AP' | 'PD';

export type Party = { endpointId: string; endpointScheme: string; name: string; legalId?: string | null };

export type InvoiceResponse = {
  id: string;
  issueDate: string;        // YYYY-MM-DD
  issueTime?: string;       // HH:MM:SS
  note?: string | null;
  sender: Party;            // the buyer (us)
  receiver: Party;          // the seller
  responseCode: ResponseCode;
  statuses: { reason: StatusReason; text: string }[];
  invoice: { id: string; issueDate?: string | null; typeCode: string };
};

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

function party(tag: string, p: Party): string {
  return `  <cac:${tag}>
    <cbc:EndpointID schemeID="${esc(p.endpointScheme)}">${esc(p.endpointId)}</cbc:EndpointID>${p.legalId ? `
    <cac:PartyIdentification>
      <cbc:ID schemeID="${esc(p.endpointScheme)}">${esc(p.legalId)}</cbc:ID>
    </cac:PartyIdentification>` : ''}
    <cac:PartyLegalEntity>
      <cbc:RegistrationName>${esc(p.name)}</cbc:RegistrationName>
    </cac:PartyLegalEntity>
  </cac:${tag}>`;
}

export function writeInvoiceResponse(r: InvoiceResponse): string {
  const statuses = r.statuses.map((s) => `      <cac:Status>
        <cbc:StatusReasonCode listID="OPStatusReason">${s.reason}</cbc:StatusReasonCode>
        <cbc:StatusReason>${esc(s.text.slice(0, 1000))}</cbc:StatusReason>
      </cac:Status>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<ApplicationResponse xmlns="urn:oasis:names:specification:ubl:schema:xsd:ApplicationResponse-2"
                     xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
                     xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:CustomizationID>urn:fdc:peppol.eu:poacc:trns:invoice_response:3</cbc:CustomizationID>
  <cbc:ProfileID>urn:fdc:peppol.eu:poacc:bis:invoice_response:3</cbc:ProfileID>
  <cbc:ID>${esc(r.id)}</cbc:ID>
  <cbc:IssueDate>${esc(r.issueDate)}</cbc:IssueDate>${r.issueTime ? `
  <cbc:IssueTime>${esc(r.issueTime)}</cbc:IssueTime>` : ''}${r.note ? `
  <cbc:Note>${esc(r.note)}</cbc:Note>` : ''}
${party('SenderParty', r.sender)}
${party('ReceiverParty', r.receiver)}
  <cac:DocumentResponse>
    <cac:Response>
      <cbc:ResponseCode>${r.responseCode}</cbc:ResponseCode>
${statuses}
    </cac:Response>
    <cac:DocumentReference>
      <cbc:ID>${esc(r.invoice.id)}</cbc:ID>${r.invoice.issueDate ? `
      <cbc:IssueDate>${esc(r.invoice.issueDate)}</cbc:IssueDate>` : ''}
      <cbc:DocumentTypeCode>${esc(r.invoice.typeCode)}</cbc:DocumentTypeCode>
    </cac:DocumentReference>
  </cac:DocumentResponse>
</ApplicationResponse>
`;
}

/** Which OPStatusReason a validation rule maps to: references, legal/VAT data, or other. */
export function reasonForRule(rule: string): StatusReason {
  if (/^(PEPPOL-EN16931-R003|BR-(0?6|0?7|5[0-9]|IC|IG|IP|AE|E|G|K|O|S|Z|L|M)|BR-CO-(0?9|26)|SE-R-00[1-9]|SE-R-01[0-3]|PEPPOL-COMMON)/.test(rule)) {
    if (/R003$/.test(rule)) return 'REF';
    return 'LEG';
  }
  if (/^(BR-(1[0-9]|2[0-9]|3[0-9]|4[0-9])|PEPPOL-EN16931-R0[4-9]|PEPPOL-EN16931-R1)/.test(rule)) return 'OTH';
  if (/^AVROP-(XML|DOC|ENC|SIZE|DEPTH|ROOT|NS)/.test(rule)) return 'UNR';
  return 'OTH';
}
