// A pretend bank for the demo and the tests: writes the camt.054 debit notification a Swedish bank
// would send after executing payments (one booked debit entry per payment, or a returned one).
export type BankPayment = { endToEndId: string; amountOre: bigint; bookingDate: string; creditorName?: string; reference?: string; returned?: { code: string; text: string } };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const amount = (ore: bigint) => `${ore / 100n}.${(ore % 100n).toString().padStart(2, '0')}`;

export function camt054(payments: BankPayment[], opts: { messageId: string; createdAt: string; debtorBankgiro: string }): string {
  const entries = payments.map((p, i) => `
      <Ntry>
        <NtryRef>${i + 1}</NtryRef>
        <Amt Ccy="SEK">${amount(p.amountOre)}</Amt>
        <CdtDbtInd>${p.returned ? 'CRDT' : 'DBIT'}</CdtDbtInd>
        <Sts>BOOK</Sts>
        <BookgDt><Dt>${p.bookingDate}</Dt></BookgDt>
        <ValDt><Dt>${p.bookingDate}</Dt></ValDt>
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>ICDT</Cd><SubFmlyCd>DMCT</SubFmlyCd></Fmly></Domn></BkTxCd>
        <NtryDtls>
          <TxDtls>
            <Refs><EndToEndId>${esc(p.endToEndId)}</EndToEndId></Refs>
            <AmtDtls><TxAmt><Amt Ccy="SEK">${amount(p.amountOre)}</Amt></TxAmt></AmtDtls>
            ${p.creditorName ? `<RltdPties><Cdtr><Nm>${esc(p.creditorName)}</Nm></Cdtr></RltdPties>` : ''}
            ${p.reference ? `<RmtInf><Ustrd>${esc(p.reference)}</Ustrd></RmtInf>` : ''}
            ${p.returned ? `<RtrInf><Rsn><Cd>${esc(p.returned.code)}</Cd></Rsn><AddtlInf>${esc(p.returned.text)}</AddtlInf></RtrInf>` : ''}
          </TxDtls>
        </NtryDtls>
      </Ntry>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02">
  <BkToCstmrDbtCdtNtfctn>
    <GrpHdr><MsgId>${esc(opts.messageId)}</MsgId><CreDtTm>${opts.createdAt}</CreDtTm></GrpHdr>
    <Ntfctn>
      <Id>${esc(opts.messageId)}-1</Id>
      <CreDtTm>${opts.createdAt}</CreDtTm>
      <Acct><Id><Othr><Id>${opts.debtorBankgiro}</Id><SchmeNm><Prtry>BGNR</Prtry></SchmeNm></Othr></Id><Ccy>SEK</Ccy></Acct>${entries}
    </Ntfctn>
  </BkToCstmrDbtCdtNtfctn>
</Document>
`;
}
