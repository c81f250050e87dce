import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readCamt054, type CamtReadResult } from './read-camt054.ts';
import { writePain001 } from './write-pain001.ts';

const NS02 = 'urn:iso:std:iso:20022:tech:xsd:camt.054.001.02';

function doc(entries: string, ns = NS02, acct = '<Acct><Id><Othr><Id>54029681</Id><SchmeNm><Prtry>BGNR</Prtry></SchmeNm></Othr></Id><Ccy>SEK</Ccy></Acct>'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="${ns}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <BkToCstmrDbtCdtNtfctn>
    <GrpHdr>
      <MsgId>CAMT054-20250303-01</MsgId>
      <CreDtTm>2025-03-03T06:10:00+01:00</CreDtTm>
    </GrpHdr>
    <Ntfctn>
      <Id>NTF-1</Id>
      <CreDtTm>2025-03-03T06:10:00+01:00</CreDtTm>
      ${acct}
      ${entries}
    </Ntfctn>
  </BkToCstmrDbtCdtNtfctn>
</Document>
`;
}

const BKTXCD = '<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>ICDT</Cd><SubFmlyCd>DMCT</SubFmlyCd></Fmly></Domn></BkTxCd>';

// A booked debit of the domestic batch: two transactions (BG + OCR, PG + invoice text).
const BOOKED_DEBIT = doc(`
      <Ntry>
        <NtryRef>0001</NtryRef>
        <Amt Ccy="SEK">1234567.90</Amt>
        <CdtDbtInd>DBIT</CdtDbtInd>
        <Sts>BOOK</Sts>
        <BookgDt><Dt>2025-03-03</Dt></BookgDt>
        <ValDt><Dt>2025-03-03</Dt></ValDt>
        <AcctSvcrRef>BANKREF-778</AcctSvcrRef>
        ${BKTXCD}
        <NtryDtls>
          <Btch><PmtInfId>PMT-DOM-1</PmtInfId><NbOfTxs>2</NbOfTxs></Btch>
          <TxDtls>
            <Refs>
              <MsgId>AVROP-20250301-0001</MsgId>
              <PmtInfId>PMT-DOM-1</PmtInfId>
              <InstrId>INSTR-1</InstrId>
              <EndToEndId>E2E-BG-1</EndToEndId>
            </Refs>
            <AmtDtls><TxAmt><Amt Ccy="SEK">0.01</Amt></TxAmt></AmtDtls>
            <RltdPties><Cdtr><Nm>Kontorsvaror i Norr AB</Nm></Cdtr></RltdPties>
            <RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>1234567897</Ref></CdtrRefInf></Strd></RmtInf>
          </TxDtls>
          <TxDtls>
            <Refs><PmtInfId>PMT-DOM-1</PmtInfId><EndToEndId>E2E-PG-1</EndToEndId></Refs>
            <AmtDtls><InstdAmt><Amt Ccy="SEK">1234567.89</Amt></InstdAmt></AmtDtls>
            <RltdPties><Cdtr><Nm>Snöröjning &amp; Grus HB</Nm></Cdtr></RltdPties>
            <RmtInf><Ustrd>Faktura 2024-117</Ustrd></RmtInf>
          </TxDtls>
        </NtryDtls>
      </Ntry>`);

function ok(r: CamtReadResult) {
  assert.deepEqual(r.errors, []);
  assert.equal(r.ok, true);
  assert.ok(r.notification);
  return r.notification;
}

function codes(r: CamtReadResult): string[] {
  assert.equal(r.ok, false);
  assert.equal(r.notification, null);
  assert.ok(r.errors.length > 0);
  for (const e of r.errors) {
    assert.ok(e.message.length > 0 && e.messageEn.length > 0, 'both languages');
  }
  return r.errors.map((e) => e.code);
}

test('reads a booked debit with two transactions', () => {
  const n = ok(readCamt054(BOOKED_DEBIT));
  assert.equal(n.messageId, 'CAMT054-20250303-01');
  assert.equal(n.createdAt, '2025-03-03T06:10:00+01:00');
  assert.equal(n.messageType, 'camt.054.001.02');
  assert.deepEqual(n.account, { other: '54029681', scheme: 'BGNR', currency: 'SEK' });
  assert.equal(n.entries.length, 1);
  const e = n.entries[0]!;
  assert.equal(e.amountOre, 123456790n);
  assert.equal(e.currency, 'SEK');
  assert.equal(e.creditDebit, 'DBIT');
  assert.equal(e.status, 'BOOK');
  assert.equal(e.reversal, false);
  assert.equal(e.bookingDate, '2025-03-03');
  assert.equal(e.valueDate, '2025-03-03');
  assert.equal(e.entryReference, '0001');
  assert.equal(e.accountServicerReference, 'BANKREF-778');
  assert.deepEqual(e.transactions, [
    {
      amountOre: 1n, currency: 'SEK', returned: false,
      endToEndId: 'E2E-BG-1', instructionId: 'INSTR-1', paymentInfoId: 'PMT-DOM-1', messageId: 'AVROP-20250301-0001',
      creditorName: 'Kontorsvaror i Norr AB', reference: '1234567897',
    },
    {
      amountOre: 123456789n, currency: 'SEK', returned: false,
      endToEndId: 'E2E-PG-1', paymentInfoId: 'PMT-DOM-1',
      creditorName: 'Snöröjning & Grus HB', reference: 'Faktura 2024-117',
    },
  ]);
  // The two transactions add up to the entry (checked here, exactly, on bigints).
  assert.equal(e.transactions.reduce((s, t) => s + t.amountOre, 0n), e.amountOre);
});

test('reads bytes (UTF-8) the same as text', () => {
  const r = readCamt054(new TextEncoder().encode(BOOKED_DEBIT));
  assert.equal(ok(r).entries[0]!.transactions[1]!.creditorName, 'Snöröjning & Grus HB');
});

test('reads a returned payment (RtrInf) with reason code and text', () => {
  const xml = doc(`
      <Ntry>
        <Amt Ccy="SEK">250.00</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Sts>BOOK</Sts>
        <BookgDt><DtTm>2025-03-05T09:30:00</DtTm></BookgDt>
        <ValDt><Dt>2025-03-05</Dt></ValDt>
        ${BKTXCD}
        <NtryDtls>
          <TxDtls>
            <Refs><EndToEndId>E2E-BANK-1</EndToEndId></Refs>
            <RltdPties><Cdtr><Nm>Konsult Andersson</Nm></Cdtr></RltdPties>
            <RmtInf><Ustrd>Fakt</Ustrd><Ustrd>991</Ustrd></RmtInf>
            <RtrInf>
              <Rsn><Cd>AC01</Cd></Rsn>
              <AddtlInf>Kontonumret finns inte</AddtlInf>
              <AddtlInf>hos mottagarbanken</AddtlInf>
            </RtrInf>
          </TxDtls>
        </NtryDtls>
      </Ntry>`);
  const e = ok(readCamt054(xml)).entries[0]!;
  assert.equal(e.creditDebit, 'CRDT');
  assert.equal(e.bookingDate, '2025-03-05');
  assert.equal(e.amountOre, 25000n);
  // The single transaction has no amount of its own: it takes the entry amount.
  assert.deepEqual(e.transactions, [{
    amountOre: 25000n, currency: 'SEK', returned: true, endToEndId: 'E2E-BANK-1', creditorName: 'Konsult Andersson',
    reference: 'Fakt 991', returnReason: 'AC01', returnReasonText: 'Kontonumret finns inte hos mottagarbanken',
  }]);
});

test('an unknown end-to-end id is just read (matching is the caller\'s job); NOTPROVIDED is no id', () => {
  const xml = doc(`
      <Ntry>
        <Amt Ccy="EUR">99.95</Amt>
        <CdtDbtInd>DBIT</CdtDbtInd>
        <Sts>PDNG</Sts>
        ${BKTXCD}
        <NtryDtls>
          <TxDtls><Refs><EndToEndId>OKAND-4711</EndToEndId></Refs><AmtDtls><TxAmt><Amt Ccy="EUR">99.95</Amt></TxAmt></AmtDtls></TxDtls>
          <TxDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs><AmtDtls><TxAmt><Amt Ccy="EUR">0</Amt></TxAmt></AmtDtls></TxDtls>
        </NtryDtls>
      </Ntry>`, NS02, '<Acct><Id><IBAN>SE4550000000058398257466</IBAN></Id></Acct>');
  const n = ok(readCamt054(xml));
  assert.deepEqual(n.account, { iban: 'SE4550000000058398257466' });
  const e = n.entries[0]!;
  assert.equal(e.status, 'PDNG');
  assert.equal(e.bookingDate, null);
  assert.equal(e.valueDate, null);
  assert.equal(e.transactions[0]!.endToEndId, 'OKAND-4711');
  assert.equal(e.transactions[0]!.amountOre, 9995n);
  assert.equal(e.transactions[1]!.endToEndId, undefined);
  assert.equal(e.transactions[1]!.amountOre, 0n);
});

test('tolerates the later versions\' shapes (camt.054.001.08: Sts/Cd, TxDtls/Amt, Cdtr/Pty/Nm)', () => {
  const xml = doc(`
      <Ntry>
        <Amt Ccy="SEK">10.50</Amt>
        <CdtDbtInd>DBIT</CdtDbtInd>
        <Sts><Cd>BOOK</Cd></Sts>
        <BookgDt><Dt>2025-03-03</Dt></BookgDt>
        ${BKTXCD}
        <NtryDtls><TxDtls>
          <Refs><EndToEndId>E-8</EndToEndId></Refs>
          <Amt Ccy="SEK">10.50</Amt>
          <CdtDbtInd>DBIT</CdtDbtInd>
          <RltdPties><Cdtr><Pty><Nm>Ny Version AB</Nm></Pty></Cdtr></RltdPties>
        </TxDtls></NtryDtls>
      </Ntry>`, 'urn:iso:std:iso:20022:tech:xsd:camt.054.001.08');
  const n = ok(readCamt054(xml));
  assert.equal(n.messageType, 'camt.054.001.08');
  assert.deepEqual(n.entries[0]!.transactions[0], { amountOre: 1050n, currency: 'SEK', returned: false, endToEndId: 'E-8', creditorName: 'Ny Version AB' });
});

test('refuses a camt.053 statement with a clear message', () => {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><GrpHdr><MsgId>S1</MsgId><CreDtTm>2025-03-03T06:00:00</CreDtTm></GrpHdr></BkToCstmrStmt></Document>`;
  const r = readCamt054(xml);
  assert.deepEqual(codes(r), ['AVROP-ISO-001']);
  assert.match(r.errors[0]!.message, /kontoutdrag \(camt\.053\).*inte en debet-\/kreditavisering \(camt\.054\)/);
  assert.match(r.errors[0]!.messageEn, /bank statement \(camt\.053\)/);
});

test('refuses a pain.001 given by mistake (our own payment file)', () => {
  const pain = writePain001({
    messageId: 'M1', createdAt: '2025-03-01T10:00:00',
    initiatingParty: { name: 'Umeå kommun', orgNumber: '2120002742' },
    debtor: { name: 'Umeå kommun', orgNumber: '2120002742', account: { type: 'bankgiro', number: '5402-9681' } },
    batches: [{ paymentInfoId: 'P1', executionDate: '2025-03-03', payments: [
      { endToEndId: 'E1', amountOre: 100n, currency: 'SEK', creditor: { name: 'X AB' }, account: { type: 'bankgiro', number: '5050-1055' }, remittance: { text: 'F1' } },
    ] }],
  });
  const r = readCamt054(pain);
  assert.deepEqual(codes(r), ['AVROP-ISO-001']);
  assert.match(r.errors[0]!.message, /betalningsfil \(pain\.001\)/);
});

test('refuses non-ISO documents and a camt.054 without its body', () => {
  assert.deepEqual(codes(readCamt054('<html><body/></html>')), ['AVROP-ISO-001']);
  assert.deepEqual(codes(readCamt054('<Document xmlns="urn:example:other"/>')), ['AVROP-ISO-001']);
  assert.deepEqual(codes(readCamt054(`<Document xmlns="${NS02}"><Other/></Document>`)), ['AVROP-ISO-001']);
  assert.deepEqual(codes(readCamt054(`<Document xmlns="${NS02}"><BkToCstmrDbtCdtNtfctn/></Document>`)), ['AVROP-ISO-002']);
});

test('refuses broken XML without throwing', () => {
  assert.deepEqual(codes(readCamt054(BOOKED_DEBIT.replace('</Ntry>', ''))), ['AVROP-XML-002']);
  assert.deepEqual(codes(readCamt054('')), ['AVROP-XML-002']);
  assert.deepEqual(codes(readCamt054('not xml at all')), ['AVROP-XML-002']);
  assert.deepEqual(codes(readCamt054(new Uint8Array([0x3c, 0x61, 0xff, 0xfe, 0x3e]))), ['AVROP-XML-003']);
});

test('refuses an entity bomb and any DOCTYPE (the hardened XML reader never reads a DTD)', () => {
  const bomb = `<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<Document xmlns="${NS02}"><BkToCstmrDbtCdtNtfctn><GrpHdr><MsgId>&lol3;</MsgId></GrpHdr></BkToCstmrDbtCdtNtfctn></Document>`;
  const r = readCamt054(bomb);
  assert.deepEqual(codes(r), ['AVROP-XML-004']);
  const xxe = `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><Document xmlns="${NS02}">&x;</Document>`;
  assert.deepEqual(codes(readCamt054(xxe)), ['AVROP-XML-004']);
  // An undeclared entity reference is refused too.
  assert.deepEqual(codes(readCamt054(BOOKED_DEBIT.replace('Faktura 2024-117', '&lol;'))), ['AVROP-XML-002']);
});

test('refuses oversized input (size cap)', () => {
  assert.deepEqual(codes(readCamt054(BOOKED_DEBIT, { maxBytes: 100 })), ['AVROP-XML-001']);
});

test('refuses missing, non-numeric and sub-öre amounts', () => {
  const entry = (amt: string, tx = '') => doc(`<Ntry>${amt}<CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts>${BKTXCD}${tx}</Ntry>`);
  assert.deepEqual(codes(readCamt054(entry(''))), ['AVROP-ISO-003']);
  assert.deepEqual(codes(readCamt054(entry('<Amt Ccy="SEK">abc</Amt>'))), ['AVROP-ISO-003']);
  assert.deepEqual(codes(readCamt054(entry('<Amt Ccy="SEK">-5.00</Amt>'))), ['AVROP-ISO-003']);
  assert.deepEqual(codes(readCamt054(entry('<Amt Ccy="SEK">1.005</Amt>'))), ['AVROP-ISO-003']);
  assert.deepEqual(codes(readCamt054(entry('<Amt>1.00</Amt>'))), ['AVROP-ISO-003']);
  // Two transactions, one without any amount: which part of the entry it is cannot be known.
  const twoTx = '<NtryDtls><TxDtls><Refs><EndToEndId>A</EndToEndId></Refs></TxDtls><TxDtls><Refs><EndToEndId>B</EndToEndId></Refs><AmtDtls><TxAmt><Amt Ccy="SEK">1.00</Amt></TxAmt></AmtDtls></TxDtls></NtryDtls>';
  assert.deepEqual(codes(readCamt054(entry('<Amt Ccy="SEK">2.00</Amt>', twoTx))), ['AVROP-ISO-003']);
  const badTx = '<NtryDtls><TxDtls><AmtDtls><TxAmt><Amt Ccy="SEK">1,00</Amt></TxAmt></AmtDtls></TxDtls></NtryDtls>';
  assert.deepEqual(codes(readCamt054(entry('<Amt Ccy="SEK">1.00</Amt>', badTx))), ['AVROP-ISO-003']);
});

test('refuses a bad credit/debit indicator, status or date, and a missing group header field', () => {
  const r = readCamt054(doc(`<Ntry><Amt Ccy="SEK">1.00</Amt><CdtDbtInd>DEBIT</CdtDbtInd><Sts>DONE</Sts><BookgDt><Dt>2025-02-30</Dt></BookgDt>${BKTXCD}</Ntry>`));
  assert.deepEqual(codes(r), ['AVROP-ISO-004', 'AVROP-ISO-004', 'AVROP-ISO-004']);
  assert.deepEqual(codes(readCamt054(BOOKED_DEBIT.replace('<MsgId>CAMT054-20250303-01</MsgId>', ''))), ['AVROP-ISO-002']);
  assert.deepEqual(codes(readCamt054(BOOKED_DEBIT.replace('<Sts>BOOK</Sts>', ''))), ['AVROP-ISO-002']);
});
