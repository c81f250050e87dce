import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readPain002, type Pain002ReadResult } from './read-pain002.ts';

const NS03 = 'urn:iso:std:iso:20022:tech:xsd:pain.002.001.03';

function report(body: string, ns = NS03): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="${ns}">
  <CstmrPmtStsRpt>
    <GrpHdr>
      <MsgId>STS-20250301-77</MsgId>
      <CreDtTm>2025-03-01T10:20:00</CreDtTm>
      <InitgPty><Id><OrgId><BICOrBEI>ESSESESS</BICOrBEI></OrgId></Id></InitgPty>
    </GrpHdr>
    ${body}
  </CstmrPmtStsRpt>
</Document>
`;
}

function ok(r: Pain002ReadResult) {
  assert.deepEqual(r.errors, []);
  assert.equal(r.ok, true);
  assert.ok(r.report);
  return r.report;
}

function codes(r: Pain002ReadResult): string[] {
  assert.equal(r.ok, false);
  assert.equal(r.report, null);
  for (const e of r.errors) assert.ok(e.message.length > 0 && e.messageEn.length > 0);
  return r.errors.map((e) => e.code);
}

test('reads a whole-file rejection (GrpSts RJCT) with its reason', () => {
  const r = ok(readPain002(report(`
    <OrgnlGrpInfAndSts>
      <OrgnlMsgId>AVROP-20250301-0001</OrgnlMsgId>
      <OrgnlMsgNmId>pain.001.001.03</OrgnlMsgNmId>
      <OrgnlNbOfTxs>5</OrgnlNbOfTxs>
      <OrgnlCtrlSum>1234927.85</OrgnlCtrlSum>
      <GrpSts>RJCT</GrpSts>
      <StsRsnInf>
        <Rsn><Cd>FF01</Cd></Rsn>
        <AddtlInf>Filen följer inte schemat</AddtlInf>
      </StsRsnInf>
    </OrgnlGrpInfAndSts>`)));
  assert.equal(r.messageId, 'STS-20250301-77');
  assert.equal(r.createdAt, '2025-03-01T10:20:00');
  assert.equal(r.messageType, 'pain.002.001.03');
  assert.equal(r.originalMessageId, 'AVROP-20250301-0001');
  assert.equal(r.originalMessageType, 'pain.001.001.03');
  assert.equal(r.groupStatus, 'RJCT');
  assert.equal(r.groupReasonCode, 'FF01');
  assert.equal(r.groupReasonText, 'Filen följer inte schemat');
  assert.deepEqual(r.paymentInfos, []);
  assert.deepEqual(r.transactions, []);
});

test('reads a partial acceptance (PART) with one rejected transaction', () => {
  const r = ok(readPain002(report(`
    <OrgnlGrpInfAndSts>
      <OrgnlMsgId>AVROP-20250301-0001</OrgnlMsgId>
      <OrgnlMsgNmId>pain.001.001.03</OrgnlMsgNmId>
      <GrpSts>PART</GrpSts>
    </OrgnlGrpInfAndSts>
    <OrgnlPmtInfAndSts>
      <OrgnlPmtInfId>PMT-DOM-1</OrgnlPmtInfId>
      <PmtInfSts>PART</PmtInfSts>
      <TxInfAndSts>
        <StsId>1</StsId>
        <OrgnlInstrId>INSTR-1</OrgnlInstrId>
        <OrgnlEndToEndId>E2E-BG-1</OrgnlEndToEndId>
        <TxSts>RJCT</TxSts>
        <StsRsnInf>
          <Rsn><Cd>AC01</Cd></Rsn>
          <AddtlInf>Bankgironumret är stängt</AddtlInf>
        </StsRsnInf>
      </TxInfAndSts>
      <TxInfAndSts>
        <OrgnlEndToEndId>E2E-PG-1</OrgnlEndToEndId>
        <TxSts>ACCP</TxSts>
      </TxInfAndSts>
    </OrgnlPmtInfAndSts>
    <OrgnlPmtInfAndSts>
      <OrgnlPmtInfId>PMT-SEPA-1</OrgnlPmtInfId>
      <PmtInfSts>ACSC</PmtInfSts>
    </OrgnlPmtInfAndSts>`)));
  assert.equal(r.groupStatus, 'PART');
  assert.equal(r.groupReasonCode, undefined);
  assert.deepEqual(r.paymentInfos, [
    { originalPaymentInfoId: 'PMT-DOM-1', status: 'PART' },
    { originalPaymentInfoId: 'PMT-SEPA-1', status: 'ACSC' },
  ]);
  assert.deepEqual(r.transactions, [
    { originalEndToEndId: 'E2E-BG-1', originalInstructionId: 'INSTR-1', originalPaymentInfoId: 'PMT-DOM-1', status: 'RJCT', reasonCode: 'AC01', reasonText: 'Bankgironumret är stängt' },
    { originalEndToEndId: 'E2E-PG-1', originalPaymentInfoId: 'PMT-DOM-1', status: 'ACCP' },
  ]);
  const rejected = r.transactions.filter((t) => t.status === 'RJCT').map((t) => t.originalEndToEndId);
  assert.deepEqual(rejected, ['E2E-BG-1']);
});

test('reads a plain acceptance (ACCP) without details, and proprietary reason codes', () => {
  let r = ok(readPain002(report('<OrgnlGrpInfAndSts><OrgnlMsgId>M1</OrgnlMsgId><OrgnlMsgNmId>pain.001.001.03</OrgnlMsgNmId><GrpSts>ACCP</GrpSts></OrgnlGrpInfAndSts>')));
  assert.equal(r.groupStatus, 'ACCP');
  r = ok(readPain002(report(`<OrgnlGrpInfAndSts><OrgnlMsgId>M1</OrgnlMsgId><OrgnlMsgNmId>pain.001.001.03</OrgnlMsgNmId></OrgnlGrpInfAndSts>
    <OrgnlPmtInfAndSts><OrgnlPmtInfId>P1</OrgnlPmtInfId><PmtInfSts>RJCT</PmtInfSts>
      <TxInfAndSts><OrgnlEndToEndId>E1</OrgnlEndToEndId><StsRsnInf><Rsn><Prtry>BG-STOP</Prtry></Rsn></StsRsnInf></TxInfAndSts>
    </OrgnlPmtInfAndSts>`)));
  assert.equal(r.groupStatus, null);
  // No TxSts: the transaction inherits the batch's status.
  assert.deepEqual(r.transactions, [{ originalEndToEndId: 'E1', originalPaymentInfoId: 'P1', status: 'RJCT', reasonCode: 'BG-STOP' }]);
});

test('tolerates a later version (pain.002.001.10)', () => {
  const r = ok(readPain002(report('<OrgnlGrpInfAndSts><OrgnlMsgId>M1</OrgnlMsgId><OrgnlMsgNmId>pain.001.001.09</OrgnlMsgNmId><GrpSts>ACSC</GrpSts></OrgnlGrpInfAndSts>', 'urn:iso:std:iso:20022:tech:xsd:pain.002.001.10')));
  assert.equal(r.messageType, 'pain.002.001.10');
  assert.equal(r.groupStatus, 'ACSC');
});

test('refuses unknown status codes, a missing end-to-end id and a status that cannot be inherited', () => {
  const r = readPain002(report(`<OrgnlGrpInfAndSts><OrgnlMsgId>M1</OrgnlMsgId><GrpSts>OKAY</GrpSts></OrgnlGrpInfAndSts>
    <OrgnlPmtInfAndSts><OrgnlPmtInfId>P1</OrgnlPmtInfId>
      <TxInfAndSts><TxSts>RJCT</TxSts></TxInfAndSts>
      <TxInfAndSts><OrgnlEndToEndId>E2</OrgnlEndToEndId></TxInfAndSts>
    </OrgnlPmtInfAndSts>`));
  assert.deepEqual(codes(r), ['AVROP-ISO-004', 'AVROP-ISO-002', 'AVROP-ISO-002']);
  assert.match(r.errors[0]!.messageEn, /"OKAY" is not allowed/);
  assert.deepEqual(codes(readPain002(report('<OrgnlGrpInfAndSts><GrpSts>RJCT</GrpSts></OrgnlGrpInfAndSts>'))), ['AVROP-ISO-002']);
  assert.deepEqual(codes(readPain002(report(''))), ['AVROP-ISO-002']);
});

test('refuses other messages, broken XML and hostile XML without throwing', () => {
  const camt = readPain002('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02"><BkToCstmrDbtCdtNtfctn/></Document>');
  assert.deepEqual(codes(camt), ['AVROP-ISO-001']);
  assert.match(camt.errors[0]!.message, /debet-\/kreditavisering \(camt\.054\).*inte en statusrapport/);
  assert.deepEqual(codes(readPain002('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"><CstmrCdtTrfInitn/></Document>')), ['AVROP-ISO-001']);
  assert.deepEqual(codes(readPain002(report('<OrgnlGrpInfAndSts>'))), ['AVROP-XML-002']);
  const bomb = `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><Document xmlns="${NS03}"><CstmrPmtStsRpt><GrpHdr><MsgId>&b;</MsgId></GrpHdr></CstmrPmtStsRpt></Document>`;
  assert.deepEqual(codes(readPain002(bomb)), ['AVROP-XML-004']);
  const deep = `<Document xmlns="${NS03}">${'<a>'.repeat(500)}${'</a>'.repeat(500)}</Document>`;
  assert.deepEqual(codes(readPain002(deep)), ['AVROP-XML-005']);
});
