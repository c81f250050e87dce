import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkAbn, checkBankgiro, checkBelgianEnterprise, checkBic, checkDanishCvr, checkGln, checkGtin,
  checkIban, checkItalianCf, checkItalianIpa, checkItalianPiva, checkNorwegianOrgnr, checkOcr, checkOrganisationsnummer,
  checkParticipantId, checkPeppolGln, checkPeppolSwedishOrgnr, checkPersonnummer, checkPlusgiro, checkSwedishVatNumber,
  formatBankgiro, formatIban, formatOrganisationsnummer, formatPlusgiro, gs1CheckDigit, luhnCheckDigit, luhnValid,
  mod11CheckDigit, mod97, reasonText,
} from './index.ts';
import type { CheckResult } from './index.ts';

function reason<R extends string>(r: CheckResult<R, object>): R | 'ok' {
  return r.ok ? 'ok' : r.reason;
}

describe('check digit algorithms', () => {
  it('Luhn', () => {
    assert.equal(luhnCheckDigit('556036079'), 3);
    assert.equal(luhnCheckDigit('121212121'), 2);
    assert.equal(luhnCheckDigit(''), 0);
    assert.ok(luhnValid('79927398713'));
    assert.ok(!luhnValid('79927398710'));
    assert.ok(!luhnValid('7'));
    // every wrong check digit is caught
    for (let d = 0; d <= 9; d++) assert.equal(luhnValid(`556036079${d}`), d === 3);
  });
  it('GS1 mod 10', () => {
    assert.equal(gs1CheckDigit('061414100001'), 2);
    assert.equal(gs1CheckDigit('400000100000'), 5);
    assert.equal(gs1CheckDigit('629104150021'), 3); // GTIN-13 6291041500213
  });
  it('mod 11 (Norwegian weights)', () => {
    assert.equal(mod11CheckDigit('97476067'), 3);
    assert.equal(mod11CheckDigit('10000013'), -1); // remainder 1: no valid check digit
  });
  it('mod 97', () => {
    assert.equal(mod97('98'), 1);
    assert.equal(mod97('50000000058398257466SE45'), 1);
    assert.equal(mod97('WEST12345698765432GB82'), 1);
  });
});

describe('Swedish organisationsnummer', () => {
  it('accepts 10 digits with or without hyphen', () => {
    const r = checkOrganisationsnummer('556036-0793');
    assert.ok(r.ok);
    assert.equal(r.value, '5560360793');
    assert.equal(r.kind, 'legal-entity');
    assert.equal(reason(checkOrganisationsnummer('5560360793')), 'ok');
    assert.equal(reason(checkOrganisationsnummer(' 212000-1868 ')), 'ok');
    assert.equal(reason(checkOrganisationsnummer('202100 5489')), 'ok');
  });
  it('accepts the 12-digit forms', () => {
    const legal = checkOrganisationsnummer('165560360793');
    assert.ok(legal.ok && legal.value === '5560360793' && legal.kind === 'legal-entity');
    const person = checkOrganisationsnummer('19121212-1212');
    assert.ok(person.ok && person.value === '1212121212' && person.kind === 'person');
    assert.equal(reason(checkOrganisationsnummer('205560360793')), 'format'); // century on a legal entity
    assert.equal(reason(checkOrganisationsnummer('161212121212')), 'format'); // 16 on a personnummer
    assert.equal(reason(checkOrganisationsnummer('175560360793')), 'format');
  });
  it('recognises personnummer and samordningsnummer used as organisationsnummer', () => {
    const p = checkOrganisationsnummer('121212-1212');
    assert.ok(p.ok && p.kind === 'person');
    const s = checkOrganisationsnummer(`701063${'238'}${luhnCheckDigit('701063238')}`);
    assert.ok(s.ok && s.kind === 'coordination');
  });
  it('rejects with a reason', () => {
    assert.equal(reason(checkOrganisationsnummer('')), 'empty');
    assert.equal(reason(checkOrganisationsnummer('   ')), 'empty');
    assert.equal(reason(checkOrganisationsnummer('556036-0794')), 'checksum');
    assert.equal(reason(checkOrganisationsnummer('55603607')), 'length');
    assert.equal(reason(checkOrganisationsnummer('55603607931')), 'length');
    assert.equal(reason(checkOrganisationsnummer('55603-60793')), 'format');
    assert.equal(reason(checkOrganisationsnummer('556036--0793')), 'format');
    assert.equal(reason(checkOrganisationsnummer('556036+0793')), 'format');
    assert.equal(reason(checkOrganisationsnummer('SE5560360793')), 'characters');
    assert.equal(reason(checkOrganisationsnummer('５５６０３６０７９３')), 'characters'); // full-width digits
    assert.equal(reason(checkOrganisationsnummer('556036\u00a00793')), 'ok'); // non-breaking space
    assert.equal(reason(checkOrganisationsnummer('121312-1212')), 'date'); // month 13
    assert.equal(reason(checkOrganisationsnummer('121232-1212')), 'date'); // day 32
  });
  it('formats', () => {
    assert.equal(formatOrganisationsnummer('5560360793'), '556036-0793');
    assert.equal(formatOrganisationsnummer('123'), '123');
  });
});

describe('Swedish personnummer', () => {
  it('accepts the usual forms', () => {
    assert.equal(reason(checkPersonnummer('121212-1212')), 'ok');
    assert.equal(reason(checkPersonnummer('1212121212')), 'ok');
    const full = checkPersonnummer('19121212-1212');
    assert.ok(full.ok && full.value === '191212121212' && full.kind === 'person');
    assert.equal(reason(checkPersonnummer('121212+1212')), 'ok');
    assert.equal(reason(checkPersonnummer('811218-9876')), 'ok');
  });
  it('checks dates incl. leap years and samordningsnummer', () => {
    const leap = `000229${'123'}`;
    assert.equal(reason(checkPersonnummer(`20${leap}${luhnCheckDigit(leap)}`)), 'ok');
    const notLeap = `010229${'123'}`;
    assert.equal(reason(checkPersonnummer(`20${notLeap}${luhnCheckDigit(notLeap)}`)), 'date');
    assert.equal(reason(checkPersonnummer(`${notLeap}${luhnCheckDigit(notLeap)}`)), 'ok'); // century unknown
    const coord = '701063238';
    const r = checkPersonnummer(`${coord}${luhnCheckDigit(coord)}`);
    assert.ok(r.ok && r.kind === 'coordination');
    assert.equal(reason(checkPersonnummer('17121212-1212')), 'date');
    assert.equal(reason(checkPersonnummer('120012-1212')), 'date');
  });
  it('rejects', () => {
    assert.equal(reason(checkPersonnummer('121212-1213')), 'checksum');
    assert.equal(reason(checkPersonnummer('12121212')), 'length');
    assert.equal(reason(checkPersonnummer('12121-21212')), 'format');
    assert.equal(reason(checkPersonnummer('12121a-1212')), 'characters');
    assert.equal(reason(checkPersonnummer('')), 'empty');
  });
});

describe('Swedish VAT number', () => {
  it('accepts SE + orgnr + 01', () => {
    const r = checkSwedishVatNumber('SE556036079301');
    assert.ok(r.ok && r.value === 'SE556036079301' && r.organisationsnummer === '5560360793');
    assert.equal(reason(checkSwedishVatNumber('se 556036-0793 01')), 'ok');
  });
  it('rejects', () => {
    assert.equal(reason(checkSwedishVatNumber('')), 'empty');
    assert.equal(reason(checkSwedishVatNumber('DK556036079301')), 'country');
    assert.equal(reason(checkSwedishVatNumber('\u017fE556036079301')), 'country'); // long s must not upper-case to S
    assert.equal(reason(checkSwedishVatNumber('SE5560360793')), 'length');
    assert.equal(reason(checkSwedishVatNumber('SE556036079302')), 'format');
    assert.equal(reason(checkSwedishVatNumber('SE556036079401')), 'checksum');
    assert.equal(reason(checkSwedishVatNumber('SE55603607930A')), 'characters');
  });
});

describe('bankgiro and plusgiro', () => {
  it('bankgiro', () => {
    assert.equal(reason(checkBankgiro('5050-1055')), 'ok');
    assert.equal(reason(checkBankgiro('50501055')), 'ok');
    const seven = `123456${luhnCheckDigit('123456')}`;
    assert.equal(reason(checkBankgiro(seven)), 'ok');
    assert.equal(reason(checkBankgiro(`123-456${luhnCheckDigit('123456')}`)), 'ok');
    assert.equal(reason(checkBankgiro('5050-1056')), 'checksum');
    assert.equal(reason(checkBankgiro('505-01055')), 'format');
    assert.equal(reason(checkBankgiro('123456')), 'length');
    assert.equal(reason(checkBankgiro('123456789')), 'length');
    assert.equal(reason(checkBankgiro('5050 1O55')), 'characters');
    assert.equal(reason(checkBankgiro('')), 'empty');
    assert.equal(formatBankgiro('50501055'), '5050-1055');
    assert.equal(formatBankgiro('1234566'), '123-4566');
  });
  it('plusgiro', () => {
    assert.equal(reason(checkPlusgiro('4711-8')), 'ok');
    assert.equal(reason(checkPlusgiro('47118')), 'ok');
    assert.equal(reason(checkPlusgiro('18')), 'ok');
    assert.equal(reason(checkPlusgiro('90 20 01-7')), 'ok');
    assert.equal(reason(checkPlusgiro('4711-2')), 'checksum');
    assert.equal(reason(checkPlusgiro('47-118')), 'format');
    assert.equal(reason(checkPlusgiro('4-7-1-1')), 'format');
    assert.equal(reason(checkPlusgiro('1')), 'length');
    assert.equal(reason(checkPlusgiro('123456789')), 'length');
    assert.equal(reason(checkPlusgiro('47A18')), 'characters');
    assert.equal(reason(checkPlusgiro('')), 'empty');
    assert.equal(formatPlusgiro('47118'), '4711-8');
  });
});

describe('OCR reference', () => {
  it('Luhn only', () => {
    assert.equal(reason(checkOcr('1234567897')), 'ok');
    assert.equal(reason(checkOcr('1234567898')), 'checksum');
    assert.equal(reason(checkOcr('1')), 'length');
    assert.equal(reason(checkOcr('1'.repeat(26))), 'length');
    assert.equal(reason(checkOcr('12345A')), 'characters');
    assert.equal(reason(checkOcr('')), 'empty');
  });
  it('with length digit', () => {
    // 8 digits total: payload 123456 + length digit 8 + check digit
    const ocr = `1234568${luhnCheckDigit('1234568')}`;
    assert.equal(reason(checkOcr(ocr, { lengthDigit: true })), 'ok');
    const wrongLength = `1234567${luhnCheckDigit('1234567')}`;
    assert.equal(reason(checkOcr(wrongLength, { lengthDigit: true })), 'length-digit');
    assert.equal(reason(checkOcr(wrongLength)), 'ok');
    assert.equal(reason(checkOcr(ocr, { lengths: [10] })), 'length');
    assert.equal(reason(checkOcr(ocr, { lengths: [8] })), 'ok');
  });
});

describe('IBAN and BIC', () => {
  it('IBAN', () => {
    const r = checkIban('SE45 5000 0000 0583 9825 7466');
    assert.ok(r.ok && r.value === 'SE4550000000058398257466' && r.country === 'SE');
    assert.equal(reason(checkIban('de89370400440532013000')), 'ok');
    assert.equal(reason(checkIban('GB82WEST12345698765432')), 'ok');
    assert.equal(reason(checkIban('NO9386011117947')), 'ok');
    assert.equal(reason(checkIban('SE4550000000058398257467')), 'checksum');
    assert.equal(reason(checkIban('SE455000000005839825746')), 'length');
    assert.equal(reason(checkIban('QQ4550000000058398257466')), 'country');
    assert.equal(reason(checkIban('S14550000000058398257466')), 'format');
    assert.equal(reason(checkIban('SE45-5000')), 'characters');
    assert.equal(reason(checkIban('DEß9370400440532013000')), 'characters');
    assert.equal(reason(checkIban('SE45 5000 0000 0583 9825 746٦')), 'characters'); // non-ASCII digit
    assert.equal(reason(checkIban('')), 'empty');
    assert.equal(formatIban('SE4550000000058398257466'), 'SE45 5000 0000 0583 9825 7466');
  });
  it('BIC', () => {
    const r = checkBic('essesess');
    assert.ok(r.ok && r.value === 'ESSESESS' && r.country === 'SE');
    assert.equal(reason(checkBic('DEUTDEFF500')), 'ok');
    assert.equal(reason(checkBic('NDEASESS')), 'ok');
    assert.equal(reason(checkBic('NDEASES')), 'length');
    assert.equal(reason(checkBic('NDE1SESS')), 'format');
    assert.equal(reason(checkBic('NDEAQQSS')), 'country');
    assert.equal(reason(checkBic('NDEA-ESS')), 'characters');
    assert.equal(reason(checkBic('NDEAßESS')), 'characters');
    assert.equal(reason(checkBic('')), 'empty');
  });
});

describe('GS1', () => {
  it('GLN and GTIN', () => {
    assert.equal(reason(checkGln('0614141000012')), 'ok');
    assert.equal(reason(checkGln('7350053850019')), 'ok');
    assert.equal(reason(checkGln('7350053850018')), 'checksum');
    assert.equal(reason(checkGln('735005385001')), 'length');
    assert.equal(reason(checkGln('73500538500A9')), 'characters');
    assert.equal(reason(checkGln('')), 'empty');
    assert.equal(reason(checkGtin('6291041500213')), 'ok');
    assert.equal(reason(checkGtin('96385074')), 'ok');
    assert.equal(reason(checkGtin('96385075')), 'checksum');
    assert.equal(reason(checkGtin('963850741')), 'length');
  });
});

describe('Peppol scheme checks (PEPPOL-COMMON-R040…R050)', () => {
  it('0088 GLN: any length, GS1 check digit', () => {
    assert.equal(reason(checkPeppolGln('7300010000001')), 'ok');
    assert.equal(reason(checkPeppolGln(' 7300010000001 ')), 'ok');
    assert.equal(reason(checkPeppolGln('7300010000002')), 'checksum');
    assert.equal(reason(checkPeppolGln('73000100000O1')), 'characters');
  });
  it('0192 Norwegian orgnr', () => {
    assert.equal(reason(checkNorwegianOrgnr('974760673')), 'ok');
    assert.equal(reason(checkNorwegianOrgnr('974760674')), 'checksum');
    assert.equal(reason(checkNorwegianOrgnr('000000000')), 'checksum');
    assert.equal(reason(checkNorwegianOrgnr('97476067')), 'length');
    assert.equal(reason(checkNorwegianOrgnr('NO974760673')), 'characters');
  });
  it('0184 Danish CVR', () => {
    assert.equal(reason(checkDanishCvr('DK12345678')), 'ok');
    assert.equal(reason(checkDanishCvr('12345678')), 'ok');
    assert.equal(reason(checkDanishCvr('DK1234567A')), 'characters');
    assert.equal(reason(checkDanishCvr('SE12345678')), 'format');
    assert.equal(reason(checkDanishCvr(' 12345678')), 'length');
  });
  it('0208 Belgian enterprise number', () => {
    assert.equal(reason(checkBelgianEnterprise('0776091951')), 'ok');
    assert.equal(reason(checkBelgianEnterprise('0403170701')), 'ok');
    assert.equal(reason(checkBelgianEnterprise('0403170702')), 'checksum');
    assert.equal(reason(checkBelgianEnterprise('403170701')), 'length');
    assert.equal(reason(checkBelgianEnterprise('BE0403170701')), 'characters');
  });
  it('0201 IPA, 0210/9907 codice fiscale, 0211/9906 partita IVA', () => {
    assert.equal(reason(checkItalianIpa('UFY9MH')), 'ok');
    assert.equal(reason(checkItalianIpa('UFY9M')), 'length');
    assert.equal(reason(checkItalianIpa('UFY-MH')), 'characters');
    assert.equal(reason(checkItalianCf('RSSMRA85T10A562S')), 'ok');
    assert.equal(reason(checkItalianCf('12345678901')), 'ok');
    assert.equal(reason(checkItalianCf('1234567890A')), 'characters');
    assert.equal(reason(checkItalianCf('RSSMRA85T10A5621')), 'format');
    assert.equal(reason(checkItalianCf('RSSMRA85')), 'length');
    assert.equal(reason(checkItalianPiva('IT12345678903')), 'ok');
    assert.equal(reason(checkItalianPiva('it12345678903')), 'ok');
    assert.equal(reason(checkItalianPiva('IT12345678901')), 'checksum');
    assert.equal(reason(checkItalianPiva('IT1234567890')), 'length');
    assert.equal(reason(checkItalianPiva('SE123')), 'ok'); // only Italian numbers are constrained
  });
  it('0007 Swedish orgnr: exactly 10 digits', () => {
    assert.equal(reason(checkPeppolSwedishOrgnr('5560360793')), 'ok');
    assert.equal(reason(checkPeppolSwedishOrgnr('556036-0793')), 'characters');
    assert.equal(reason(checkPeppolSwedishOrgnr('5560360794')), 'checksum');
    assert.equal(reason(checkPeppolSwedishOrgnr('165560360793')), 'length');
  });
  it('0151 ABN', () => {
    assert.equal(reason(checkAbn('51824753556')), 'ok');
    assert.equal(reason(checkAbn('51824753557')), 'checksum');
    assert.equal(reason(checkAbn('5182475355')), 'length');
  });
});

describe('Peppol participant identifier', () => {
  it('accepts scheme:value and the full form', () => {
    const r = checkParticipantId('0007:2120001868');
    assert.ok(r.ok && r.value === '0007:2120001868' && r.scheme === '0007' && r.id === '2120001868');
    assert.equal(reason(checkParticipantId('iso6523-actorid-upis::0088:7300010000001')), 'ok');
    assert.equal(reason(checkParticipantId('9925:BE0403170701')), 'ok'); // no specific value check
  });
  it('rejects unknown schemes and bad values', () => {
    assert.equal(reason(checkParticipantId('0207:123')), 'scheme');
    assert.equal(reason(checkParticipantId('0007:2120001869')), 'checksum');
    assert.equal(reason(checkParticipantId('2120001868')), 'format');
    assert.equal(reason(checkParticipantId('0007:')), 'format');
    assert.equal(reason(checkParticipantId('')), 'empty');
  });
});

describe('reason texts', () => {
  it('has Swedish and English for every reason', () => {
    for (const [k, v] of Object.entries(reasonText)) {
      assert.ok(v.sv.length > 0 && v.en.length > 0, k);
    }
  });
});
