// Demo suppliers: fictional Swedish companies of the kinds a municipality buys from, with valid
// identifiers (check digits computed here with the shared identifier library). Most payment accounts are
// verified, a few are not, one supplier is blocked. Loaded through the register's own use cases, so every
// row has its audit event. Idempotent: a supplier whose organisationsnummer exists is skipped.
import type { TenantTx } from '../../platform/db/tenant.ts';
import { gs1CheckDigit, luhnCheckDigit, mod97 } from '../../formats/identifiers/index.ts';
import { mod11BankCheckDigit } from './bank-account.ts';
import { blockSupplier, createSupplier, findSupplierByOrgNumber } from './suppliers.ts';
import { markAccountVerifiedBySystem } from './accounts.ts';
import type { AccountInput } from './identifiers.ts';

/** `55` + seven digits + Luhn check digit: an aktiebolag's organisationsnummer (the third digit must be 2–9). */
export function demoOrgNumber(seven: string): string {
  if (!/^[2-9]\d{6}$/.test(seven)) throw new Error(`demoOrgNumber: ${seven} would not be a legal entity's number`);
  const nine = `55${seven}`;
  return `${nine}${luhnCheckDigit(nine)}`;
}
const withLuhn = (payload: string): string => `${payload}${luhnCheckDigit(payload)}`;
/** GLN with the Swedish GS1 prefix 73: 12 digits + GS1 check digit. */
export function demoGln(twelve: string): string {
  return `${twelve}${gs1CheckDigit(twelve)}`;
}
/** Swedish IBAN: SE + check digits + 3-digit bank code + 17-digit account. */
export function demoSeIban(bank3: string, account17: string): string {
  const bban = `${bank3}${account17}`;
  const check = 98 - mod97(`${bban}SE00`);
  return `SE${String(check).padStart(2, '0')}${bban}`;
}
/** A type-1 bank account (mod 11 over clearing digits and account) whose check digit exists. */
function demoType1(clearing: string, six: string, overAllFour: boolean): { clearing: string; number: string } {
  let body = Number(six);
  for (;;) {
    const payload = `${overAllFour ? clearing : clearing.slice(1)}${String(body).padStart(6, '0')}`;
    const c = mod11BankCheckDigit(payload);
    if (c >= 0) return { clearing, number: `${String(body).padStart(6, '0')}${c}` };
    body++;
  }
}
function demoHandelsbanken(clearing: string, eight: string): { clearing: string; number: string } {
  let body = Number(eight);
  for (;;) {
    const c = mod11BankCheckDigit(String(body).padStart(8, '0'));
    if (c >= 0) return { clearing, number: `${String(body).padStart(8, '0')}${c}` };
    body++;
  }
}

type DemoSupplier = {
  name: string; org: string; kind: string; street: string; postalCode: string; city: string;
  peppol?: '0007' | { gln: string }; bankgiro?: string; plusgiro?: string; bank?: { clearing: string; number: string }; iban?: { iban: string; bic: string };
  unverified?: boolean; blocked?: string; contact?: [string, string, string]; fSkatt?: boolean;
};

const bank = (clearing: string, six: string) => demoType1(clearing, six, false);

export const demoSuppliers: DemoSupplier[] = [
  { name: 'Kontorsvaruhuset Norden AB', org: '9030047', kind: 'Kontorsmaterial', street: 'Pappersgatan 4', postalCode: '11234', city: 'Stockholm', peppol: '0007', bankgiro: '512340', contact: ['Lisa Engström', 'order@kontorsvaruhuset.example', '08-123 450 10'] },
  { name: 'Skolboken Läromedel AB', org: '9120318', kind: 'Läromedel', street: 'Bokbindargatan 12', postalCode: '22350', city: 'Lund', peppol: '0007', bankgiro: '5567012' },
  { name: 'Färskvaror i Mälardalen AB', org: '9204455', kind: 'Livsmedel', street: 'Grossistvägen 8', postalCode: '72131', city: 'Västerås', peppol: { gln: '730000100001' }, bankgiro: '5812345', contact: ['Jonas Ek', 'kundtjanst@farskvaror.example', '021-44 55 00'] },
  { name: 'Norrlands Mejerileveranser AB', org: '9311872', kind: 'Livsmedel (mejeri)', street: 'Mjölkvägen 3', postalCode: '90326', city: 'Umeå', peppol: { gln: '730000100002' }, plusgiro: '4417220' },
  { name: 'Datahallen Kommun-IT AB', org: '9409921', kind: 'IT-drift', street: 'Serverhallsgatan 1', postalCode: '41756', city: 'Göteborg', peppol: '0007', bankgiro: '5990012', contact: ['Amir Karimi', 'faktura@datahallen.example', '031-700 11 20'] },
  { name: 'Molnsystem Offentlig Sektor AB', org: '9523404', kind: 'IT (programvara som tjänst)', street: 'Molnvägen 22', postalCode: '11439', city: 'Stockholm', peppol: '0007', bankgiro: '5220987', unverified: true },
  { name: 'Rentvätt Städservice AB', org: '9611230', kind: 'Städ', street: 'Skurgatan 5', postalCode: '70227', city: 'Örebro', peppol: '0007', bankgiro: '5443321', bank: bank('5208', '123456') },
  { name: 'Trygghetsvakt Bevakning AB', org: '9703346', kind: 'Bevakning och larm', street: 'Vaktgången 9', postalCode: '60233', city: 'Norrköping', peppol: '0007', bankgiro: '5330098' },
  { name: 'Kraftlinjen Elhandel AB', org: '9818807', kind: 'El', street: 'Ledningsvägen 40', postalCode: '85231', city: 'Sundsvall', peppol: { gln: '730000100003' }, bankgiro: '5667788', plusgiro: '9123450' },
  { name: 'Telenät Syd AB', org: '9902213', kind: 'Tele och mobil', street: 'Antenngatan 7', postalCode: '21145', city: 'Malmö', peppol: '0007', bankgiro: '5778899' },
  { name: 'Byggmästarna i Länet AB', org: '9010658', kind: 'Bygg', street: 'Murargatan 15', postalCode: '55318', city: 'Jönköping', peppol: '0007', bankgiro: '5889900', bank: demoHandelsbanken('6543', '12345678') },
  { name: 'Takläggarna Öst AB', org: '9104471', kind: 'Bygg (tak)', street: 'Takstolsvägen 2', postalCode: '58273', city: 'Linköping', bankgiro: '5101234', unverified: true },
  { name: 'Omsorgshjälpmedel Sverige AB', org: '9209984', kind: 'Hjälpmedel', street: 'Rollatorvägen 11', postalCode: '65225', city: 'Karlstad', peppol: { gln: '730000100004' }, bankgiro: '5202468', contact: ['Eva Sjöberg', 'eva.sjoberg@omsorgshjalpmedel.example', '054-22 33 44'] },
  { name: 'Rullstolsteknik Norden AB', org: '9306610', kind: 'Hjälpmedel (rullstolar)', street: 'Hjulgatan 6', postalCode: '80320', city: 'Gävle', peppol: '0007', bankgiro: '5303579' },
  { name: 'Strategikonsulterna Förvaltning AB', org: '9407736', kind: 'Konsult (verksamhetsutveckling)', street: 'Rådgivargatan 30', postalCode: '11122', city: 'Stockholm', peppol: '0007', bankgiro: '5404680' },
  { name: 'Fordonsleasing Kommunal AB', org: '9512203', kind: 'Leasing av bilar', street: 'Bilvägen 100', postalCode: '15136', city: 'Södertälje', peppol: '0007', bankgiro: '5505791', iban: { iban: demoSeIban('500', '00000058310012345'), bic: 'ESSESESS' } },
  { name: 'Grönytor & Parkskötsel AB', org: '9603379', kind: 'Park och grönyteskötsel', street: 'Gräsmattan 1', postalCode: '35236', city: 'Växjö', bankgiro: '5606802' },
  { name: 'Snöröjning Norr AB', org: '9718805', kind: 'Vinterväghållning', street: 'Plogvägen 14', postalCode: '97234', city: 'Luleå', plusgiro: '1234566' },
  { name: 'Skolmåltidsgrossisten AB', org: '9801127', kind: 'Livsmedel (storkök)', street: 'Kökslinjen 3', postalCode: '25225', city: 'Helsingborg', peppol: { gln: '730000100005' }, bankgiro: '5707913' },
  { name: 'Kopieringsteknik Sverige AB', org: '9909943', kind: 'Skrivare och kopiatorer (hyra)', street: 'Tonervägen 18', postalCode: '17148', city: 'Solna', peppol: '0007', bankgiro: '5809024' },
  { name: 'Arbetskläder Proffs AB', org: '9011108', kind: 'Arbetskläder och skyddsutrustning', street: 'Overallgatan 2', postalCode: '50330', city: 'Borås', bankgiro: '5901135', bank: bank('5401', '654321') },
  { name: 'Vårdmaterial Direkt AB', org: '9104406', kind: 'Förbrukningsmaterial vård', street: 'Förbandsgatan 9', postalCode: '75323', city: 'Uppsala', peppol: { gln: '730000100006' }, bankgiro: '5112246' },
  { name: 'Elevresor Buss AB', org: '9210066', kind: 'Skolskjuts', street: 'Hållplatsen 4', postalCode: '46132', city: 'Trollhättan', peppol: '0007', bankgiro: '5213357' },
  { name: 'Kommunfärd Taxi AB', org: '9302282', kind: 'Färdtjänst', street: 'Taxigatan 1', postalCode: '63221', city: 'Eskilstuna', bankgiro: '5314468', unverified: true },
  { name: 'Fastighetsservice Väst AB', org: '9408829', kind: 'Fastighetsunderhåll', street: 'Fönsterbågen 7', postalCode: '30245', city: 'Halmstad', peppol: '0007', bankgiro: '5415579', bank: { clearing: '8327', number: withLuhn('123456789').padStart(10, '0') } },
  { name: 'Ventilationsexperten i Mitt AB', org: '9507145', kind: 'VVS och ventilation', street: 'Luftvägen 21', postalCode: '83145', city: 'Östersund', bankgiro: '5516680' },
  { name: 'Språkbron Tolkförmedling AB', org: '9601361', kind: 'Tolktjänster', street: 'Ordgatan 3', postalCode: '11850', city: 'Stockholm', peppol: '0007', bankgiro: '5617791' },
  { name: 'Kompetenshuset Utbildning AB', org: '9709987', kind: 'Utbildning och kurser', street: 'Kursvägen 8', postalCode: '39231', city: 'Kalmar', peppol: '0007', bankgiro: '5718802' },
  { name: 'Lekplatsbyggarna AB', org: '9803303', kind: 'Lekutrustning', street: 'Gungvägen 5', postalCode: '37135', city: 'Karlskrona', bankgiro: '5819913' },
  { name: 'Offentlig Miljö Möbler AB', org: '9902219', kind: 'Möbler och inredning', street: 'Stolgatan 12', postalCode: '56132', city: 'Huskvarna', peppol: { gln: '730000100007' }, bankgiro: '5910024' },
  { name: 'Kretslopp Avfallstjänster AB', org: '9006635', kind: 'Avfallshantering', street: 'Återvinningsvägen 2', postalCode: '79131', city: 'Falun', peppol: '0007', bankgiro: '5121135' },
  { name: 'Snabbfaktura Konsult AB', org: '9101751', kind: 'Konsult', street: 'Box 999', postalCode: '11199', city: 'Stockholm', bankgiro: '5222246', unverified: true, blocked: 'Misstänkt bedrägeriförsök: begärde byte av bankgiro via e-post (polisanmält).' },
];

/**
 * Adds the demo suppliers to the tenant (skipping those whose organisationsnummer exists). Returns how
 * many were created.
 */
export async function loadDemoSuppliers(tx: TenantTx): Promise<number> {
  let created = 0;
  for (const d of demoSuppliers) {
    const orgNumber = demoOrgNumber(d.org);
    if (await findSupplierByOrgNumber(tx, orgNumber)) continue;
    const accounts: AccountInput[] = [];
    if (d.bankgiro) accounts.push({ type: 'bankgiro', number: withLuhn(d.bankgiro) });
    if (d.plusgiro) accounts.push({ type: 'plusgiro', number: withLuhn(d.plusgiro) });
    if (d.bank) accounts.push({ type: 'bank', clearing: d.bank.clearing, number: d.bank.number });
    if (d.iban) accounts.push({ type: 'iban', number: d.iban.iban, bic: d.iban.bic });
    const endpoints: string[] = [];
    if (d.peppol === '0007') endpoints.push(`0007:${orgNumber}`);
    else if (d.peppol) endpoints.push(`0088:${demoGln(d.peppol.gln)}`);
    const s = await createSupplier(tx, null, {
      name: d.name,
      orgNumber,
      vatNumber: `SE${orgNumber}01`,
      fSkatt: d.fSkatt ?? true,
      fSkattCheckedOn: '2026-10-01',
      postalAddress: { street: d.street, postalCode: d.postalCode, city: d.city, country: 'SE' },
      contacts: d.contact ? [{ name: d.contact[0], email: d.contact[1], phone: d.contact[2], role: 'Kundansvarig' }] : [],
      email: d.contact?.[1] ?? null,
      note: d.kind,
      endpoints,
      accounts,
    });
    if (!d.unverified) {
      for (const a of s.accounts) await markAccountVerifiedBySystem(tx, s.id, a.id, 'Demodata: verifierat vid uppläggning.');
    }
    if (d.blocked) await blockSupplier(tx, null, s.id, { reason: d.blocked });
    created++;
  }
  return created;
}
