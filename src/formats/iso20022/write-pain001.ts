// pain.001.001.03 (CustomerCreditTransferInitiationV03) writer for Swedish supplier payments. Pure: input in,
// XML text out; every problem in the input is collected and thrown as one `Pain001Error` (nothing is
// silently cut except names, which may be shortened).
//
// Swedish market practice (Swedish Common Interpretation of ISO 20022, App. 1; see src/formats/iso20022/README.md):
//   bankgiro  CdtrAcct/Id/Othr/Id = BG digits, SchmeNm/Prtry = BGNR; CdtrAgt ClrSysMmbId SESBA / 9900
//   plusgiro  CdtrAcct/Id/Othr/Id = PG digits, SchmeNm/Cd = BBAN;   CdtrAgt ClrSysMmbId SESBA / 9500
//   bank      CdtrAcct/Id/Othr/Id = clearing + account, SchmeNm/Cd = BBAN; CdtrAgt ClrSysMmbId SESBA / clearing (4 digits)
//   IBAN      CdtrAcct/Id/IBAN; CdtrAgt/FinInstnId/BIC
//   OCR       RmtInf/Strd/CdtrRefInf/Tp/CdOrPrtry/Cd = SCOR, Ref = OCR; otherwise RmtInf/Ustrd = text
// Payment type per batch (PmtInf), see `paymentClass`:
//   domestic (BG/PG/BBAN, or a Swedish IBAN, in SEK): SvcLvl NURG, ChrgBr SHAR
//   sepa (IBAN in a SEPA country, EUR):               SvcLvl SEPA, ChrgBr SLEV
//   foreign (any other IBAN payment):                 no SvcLvl, ChrgBr SHAR; creditor country required
// A batch must hold payments of one class only (the bank reads service level and charges per batch).
import { checkBankgiro, checkBic, checkIban, checkOcr, checkOrganisationsnummer, checkPlusgiro, isDigits } from '../identifiers/index.ts';
import { MAX_AMOUNT_ORE, formatOre } from './amount.ts';

export const PAIN001_NS = 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.03';

export type PostalAddress = { street?: string; postalCode?: string; city?: string; country: string };

export type CreditorAccount =
  | { type: 'bankgiro'; number: string }
  | { type: 'plusgiro'; number: string }
  | { type: 'bank'; clearing: string; account: string }
  | { type: 'iban'; iban: string; bic: string };

/** The debtor's (our) account. With a bankgiro, the debtor bank's BIC may be given; without it
 * DbtrAgt is written as `Othr/Id NOTPROVIDED`. */
export type DebtorAccount = { type: 'bankgiro'; number: string; bic?: string } | { type: 'iban'; iban: string; bic: string };

export type Remittance = { ocr: string } | { text: string };

export type Payment = {
  /** ≤ 35 characters, unique within the file; comes back in pain.002 and camt.054. */
  endToEndId: string;
  instructionId?: string;
  /** Amount in öre (hundredths of the currency unit), > 0. */
  amountOre: bigint;
  /** ISO 4217 code, e.g. 'SEK', 'EUR'. */
  currency: string;
  creditor: { name: string; address?: PostalAddress };
  account: CreditorAccount;
  remittance: Remittance;
};

export type PaymentBatch = { paymentInfoId: string; executionDate: string; payments: Payment[] };

export type PaymentFile = {
  /** GrpHdr/MsgId, ≤ 35 characters. */
  messageId: string;
  /** ISO date-time, e.g. '2025-03-01T10:15:00' or with offset/Z. */
  createdAt: string;
  initiatingParty: { name: string; orgNumber: string };
  debtor: { name: string; orgNumber: string; account: DebtorAccount };
  batches: PaymentBatch[];
};

export type PaymentClass = 'domestic' | 'sepa' | 'foreign';

export type Pain001Problem = { path: string; sv: string; en: string };

/** Thrown by `writePain001` with every problem found; `message` is Swedish, `messageEn` English. */
export class Pain001Error extends Error {
  readonly code = 'AVROP-PAIN001-INVALID';
  readonly problems: Pain001Problem[];
  readonly messageEn: string;
  constructor(problems: Pain001Problem[]) {
    const sv = `Betalningsfilen (pain.001) kan inte skapas:\n${problems.map((p) => `- ${p.path}: ${p.sv}`).join('\n')}`;
    super(sv);
    this.name = 'Pain001Error';
    this.problems = problems;
    this.messageEn = `The payment file (pain.001) cannot be created:\n${problems.map((p) => `- ${p.path}: ${p.en}`).join('\n')}`;
  }
}

/** Countries whose IBAN payments in EUR go as SEPA credit transfers (EEA + CH, GB, MC, SM, VA, AD, GI). */
export const SEPA_COUNTRIES: ReadonlySet<string> = new Set([
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT',
  'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK', 'IS', 'LI', 'NO', 'CH', 'GB', 'MC', 'SM', 'VA', 'AD', 'GI',
]);

/** Currencies without minor units: an amount must then be whole units (öre divisible by 100). */
const ZERO_DECIMAL_CURRENCIES: ReadonlySet<string> = new Set(['JPY', 'KRW', 'ISK', 'CLP', 'VND', 'XOF', 'XAF', 'UGX', 'PYG', 'RWF']);

/** Which kind of payment this is (decides service level and charge bearer; see the header comment). */
export function paymentClass(p: { account: CreditorAccount; currency: string }): PaymentClass {
  if (p.account.type !== 'iban') return 'domestic';
  const country = p.account.iban.replace(/\s+/g, '').slice(0, 2).toUpperCase();
  if (p.currency === 'EUR' && SEPA_COUNTRIES.has(country)) return 'sepa';
  if (p.currency === 'SEK' && country === 'SE') return 'domestic';
  return 'foreign';
}

// ---- text rules ----

const NAME_MAX = 70; // CGI-MP/EPC: names 70 characters (the .03 XSD itself allows 140)
const BAD_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const BIC_XSD = /^[A-Z]{6}[A-Z2-9][A-NP-Z0-9]([A-Z0-9]{3})?$/;

const charLength = (s: string): number => Array.from(s).length;

/** XML escape for text and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

type Ctx = { problems: Pain001Problem[] };

function problem(ctx: Ctx, path: string, sv: string, en: string): void {
  ctx.problems.push({ path, sv, en });
}

/** Whitespace-normalised text, or undefined (with a problem) when it is empty or has forbidden characters. */
function cleanText(ctx: Ctx, path: string, value: unknown, label: { sv: string; en: string }): string | undefined {
  if (typeof value !== 'string') {
    problem(ctx, path, `${label.sv} saknas.`, `${label.en} is missing.`);
    return undefined;
  }
  const s = value.replace(/[\t\r\n\u00a0 ]+/g, ' ').trim();
  if (s === '') {
    problem(ctx, path, `${label.sv} saknas.`, `${label.en} is missing.`);
    return undefined;
  }
  if (BAD_CHARS.test(s)) {
    problem(ctx, path, `${label.sv} innehåller styrtecken eller ogiltiga tecken.`, `${label.en} contains control or invalid characters.`);
    return undefined;
  }
  return s;
}

/** An identifier: 1..max characters, never shortened. */
function identifier(ctx: Ctx, path: string, value: unknown, max: number, label: { sv: string; en: string }): string | undefined {
  if (typeof value === 'string' && value !== value.trim()) {
    problem(ctx, path, `${label.sv} får inte börja eller sluta med blanksteg.`, `${label.en} must not start or end with whitespace.`);
    return undefined;
  }
  const s = cleanText(ctx, path, value, label);
  if (s === undefined) return undefined;
  if (s !== value) {
    problem(ctx, path, `${label.sv} får inte innehålla radbrytningar, tabbar eller flera blanksteg i rad.`, `${label.en} must not contain line breaks, tabs or repeated spaces.`);
    return undefined;
  }
  const n = charLength(s);
  if (n > max) {
    problem(ctx, path, `${label.sv} "${s}" är ${n} tecken; högst ${max} tillåts.`, `${label.en} "${s}" is ${n} characters; at most ${max} are allowed.`);
    return undefined;
  }
  return s;
}

/** A name: shortened to `max` characters when longer (a name is not an identifier). */
function nameText(ctx: Ctx, path: string, value: unknown, label: { sv: string; en: string }, max = NAME_MAX): string | undefined {
  const s = cleanText(ctx, path, value, label);
  if (s === undefined) return undefined;
  const chars = Array.from(s);
  return chars.length > max ? chars.slice(0, max).join('').trimEnd() : s;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATETIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?(Z|[+-](0\d|1[0-4]):[0-5]\d)?$/;

function validDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1900 || mo < 1 || mo > 12 || d < 1) return false;
  const dim = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]!;
  return d <= dim;
}

// ---- the XML builder ----

type Out = { lines: string[]; depth: number };

function open(o: Out, name: string): void {
  o.lines.push(`${'  '.repeat(o.depth)}<${name}>`);
  o.depth++;
}
function close(o: Out, name: string): void {
  o.depth--;
  o.lines.push(`${'  '.repeat(o.depth)}</${name}>`);
}
function leaf(o: Out, name: string, text: string, attrs: Record<string, string> = {}): void {
  const a = Object.entries(attrs).map(([k, v]) => ` ${k}="${escapeXml(v)}"`).join('');
  o.lines.push(`${'  '.repeat(o.depth)}<${name}${a}>${escapeXml(text)}</${name}>`);
}

// ---- validated model ----

type AcctOut =
  | { kind: 'iban'; iban: string; bic: string }
  | { kind: 'othr'; id: string; scheme: { cd: string } | { prtry: string }; clearing?: string; bic?: string };

type TxOut = {
  endToEndId: string;
  instructionId?: string;
  amountOre: bigint;
  currency: string;
  name: string;
  address?: { street?: string; postalCode?: string; city?: string; country: string };
  account: AcctOut;
  remittance: { ocr: string } | { text: string };
  cls: PaymentClass;
};

function checkCreditorAccount(ctx: Ctx, path: string, acc: CreditorAccount | undefined): AcctOut | undefined {
  if (acc === undefined || acc === null || typeof acc !== 'object') {
    problem(ctx, path, 'Mottagarkonto saknas.', 'The creditor account is missing.');
    return undefined;
  }
  switch (acc.type) {
    case 'bankgiro': {
      const r = checkBankgiro(String(acc.number ?? ''));
      if (!r.ok) { problem(ctx, path, `Bankgironumret "${acc.number}" är ogiltigt (${r.reason}).`, `The bankgiro number "${acc.number}" is invalid (${r.reason}).`); return undefined; }
      return { kind: 'othr', id: r.value, scheme: { prtry: 'BGNR' }, clearing: '9900' };
    }
    case 'plusgiro': {
      const r = checkPlusgiro(String(acc.number ?? ''));
      if (!r.ok) { problem(ctx, path, `Plusgironumret "${acc.number}" är ogiltigt (${r.reason}).`, `The plusgiro number "${acc.number}" is invalid (${r.reason}).`); return undefined; }
      return { kind: 'othr', id: r.value, scheme: { cd: 'BBAN' }, clearing: '9500' };
    }
    case 'bank': {
      const clearing = String(acc.clearing ?? '').replace(/[\s-]/g, '');
      const account = String(acc.account ?? '').replace(/[\s-]/g, '');
      // Swedbank's 8xxx-x clearing numbers have five digits; the clearing system member id is the first four.
      const clearingOk = isDigits(clearing) && (clearing.length === 4 || (clearing.length === 5 && clearing.startsWith('8')));
      if (!clearingOk) { problem(ctx, path, `Clearingnumret "${acc.clearing}" ska vara fyra siffror (fem för Swedbank 8xxx-x).`, `The clearing number "${acc.clearing}" must be four digits (five for Swedbank 8xxx-x).`); return undefined; }
      if (!isDigits(account) || account.length > 34 - clearing.length) { problem(ctx, path, `Kontonumret "${acc.account}" får bara innehålla siffror (högst ${34 - clearing.length}).`, `The account number "${acc.account}" must be digits only (at most ${34 - clearing.length}).`); return undefined; }
      return { kind: 'othr', id: clearing + account, scheme: { cd: 'BBAN' }, clearing: clearing.slice(0, 4) };
    }
    case 'iban': {
      const iban = checkIban(String(acc.iban ?? ''));
      const bic = checkBic(String(acc.bic ?? ''));
      let bad = false;
      if (!iban.ok) { problem(ctx, path, `IBAN "${acc.iban}" är ogiltigt (${iban.reason}).`, `The IBAN "${acc.iban}" is invalid (${iban.reason}).`); bad = true; }
      if (!bic.ok || !BIC_XSD.test(bic.value)) { problem(ctx, path, `BIC "${acc.bic}" är ogiltig.`, `The BIC "${acc.bic}" is invalid.`); bad = true; }
      if (bad || !iban.ok || !bic.ok) return undefined;
      return { kind: 'iban', iban: iban.value, bic: bic.value };
    }
    default:
      problem(ctx, path, 'Okänd kontotyp (bankgiro, plusgiro, bank eller iban).', 'Unknown account type (bankgiro, plusgiro, bank or iban).');
      return undefined;
  }
}

function checkAddress(ctx: Ctx, path: string, a: PostalAddress | undefined): TxOut['address'] | undefined {
  if (a === undefined) return undefined;
  const country = typeof a.country === 'string' ? a.country.trim().toUpperCase() : '';
  if (!/^[A-Z]{2}$/.test(country)) problem(ctx, `${path}.country`, 'Landkoden ska vara två bokstäver (ISO 3166).', 'The country code must be two letters (ISO 3166).');
  const out: NonNullable<TxOut['address']> = { country };
  if (a.street !== undefined && a.street.trim() !== '') { const s = nameText(ctx, `${path}.street`, a.street, { sv: 'Gatuadressen', en: 'The street' }, 70); if (s) out.street = s; }
  if (a.postalCode !== undefined && a.postalCode.trim() !== '') { const s = identifier(ctx, `${path}.postalCode`, a.postalCode.trim(), 16, { sv: 'Postnumret', en: 'The postal code' }); if (s) out.postalCode = s; }
  if (a.city !== undefined && a.city.trim() !== '') { const s = nameText(ctx, `${path}.city`, a.city, { sv: 'Orten', en: 'The city' }, 35); if (s) out.city = s; }
  return out;
}

function checkPayment(ctx: Ctx, path: string, p: Payment): TxOut | undefined {
  const before = ctx.problems.length;
  const endToEndId = identifier(ctx, `${path}.endToEndId`, p.endToEndId, 35, { sv: 'End-to-end-id', en: 'The end-to-end id' });
  const instructionId = p.instructionId === undefined ? undefined : identifier(ctx, `${path}.instructionId`, p.instructionId, 35, { sv: 'Instruktions-id', en: 'The instruction id' });
  const amountOre = p.amountOre;
  if (typeof amountOre !== 'bigint') {
    problem(ctx, `${path}.amountOre`, 'Beloppet ska anges i hela ören (bigint); högst två decimaler.', 'The amount must be given in whole öre (bigint); at most two decimals.');
  } else if (amountOre <= 0n) {
    problem(ctx, `${path}.amountOre`, `Beloppet ${formatOre(amountOre)} måste vara större än noll.`, `The amount ${formatOre(amountOre)} must be greater than zero.`);
  } else if (amountOre > MAX_AMOUNT_ORE) {
    problem(ctx, `${path}.amountOre`, 'Beloppet är för stort för formatet.', 'The amount is too large for the format.');
  }
  const currency = typeof p.currency === 'string' ? p.currency : '';
  if (!/^[A-Z]{3}$/.test(currency)) problem(ctx, `${path}.currency`, `Valutakoden "${currency}" ska vara tre versaler (ISO 4217).`, `The currency code "${currency}" must be three capital letters (ISO 4217).`);
  else if (ZERO_DECIMAL_CURRENCIES.has(currency) && typeof amountOre === 'bigint' && amountOre % 100n !== 0n) problem(ctx, `${path}.amountOre`, `${currency} har inga decimaler; beloppet måste vara helt.`, `${currency} has no decimals; the amount must be whole.`);
  const name = nameText(ctx, `${path}.creditor.name`, p.creditor?.name, { sv: 'Mottagarens namn', en: 'The creditor name' });
  const address = checkAddress(ctx, `${path}.creditor.address`, p.creditor?.address);
  const account = checkCreditorAccount(ctx, `${path}.account`, p.account);
  const cls = p.account && typeof p.account === 'object' ? paymentClass({ account: p.account, currency }) : 'domestic';
  if (account && account.kind === 'othr' && currency !== '' && currency !== 'SEK') {
    problem(ctx, `${path}.currency`, `Betalning till bankgiro, plusgiro eller svenskt bankkonto måste vara i SEK (inte ${currency}).`, `A payment to a bankgiro, plusgiro or Swedish bank account must be in SEK (not ${currency}).`);
  }
  if (cls === 'foreign' && (address === undefined || address.country === '')) {
    problem(ctx, `${path}.creditor.address`, 'Utlandsbetalning kräver mottagarens adress med land.', 'A foreign payment requires the creditor address with country.');
  }
  let remittance: TxOut['remittance'] | undefined;
  const rem = p.remittance as Partial<{ ocr: unknown; text: unknown }> | undefined;
  if (rem && 'ocr' in rem && rem.ocr !== undefined) {
    const r = checkOcr(String(rem.ocr));
    if (!r.ok) problem(ctx, `${path}.remittance.ocr`, `OCR-numret "${String(rem.ocr)}" är ogiltigt (${r.reason === 'checksum' ? 'kontrollsiffran stämmer inte' : r.reason}).`, `The OCR reference "${String(rem.ocr)}" is invalid (${r.reason === 'checksum' ? 'the check digit is wrong' : r.reason}).`);
    else remittance = { ocr: r.value };
  } else if (rem && 'text' in rem && rem.text !== undefined) {
    const t = cleanText(ctx, `${path}.remittance.text`, rem.text, { sv: 'Meddelandet till mottagaren', en: 'The remittance text' });
    if (t !== undefined) {
      const n = charLength(t);
      if (n > 140) problem(ctx, `${path}.remittance.text`, `Meddelandet är ${n} tecken; högst 140 tillåts.`, `The remittance text is ${n} characters; at most 140 are allowed.`);
      else remittance = { text: t };
    }
  } else {
    problem(ctx, `${path}.remittance`, 'OCR-nummer eller meddelande (t.ex. fakturanummer) saknas.', 'An OCR reference or a text (e.g. the invoice number) is missing.');
  }
  if (ctx.problems.length !== before || !endToEndId || !name || !account || !remittance || typeof amountOre !== 'bigint') return undefined;
  const tx: TxOut = { endToEndId, amountOre, currency, name, account, remittance, cls };
  if (instructionId) tx.instructionId = instructionId;
  if (address) tx.address = address;
  return tx;
}

// ---- writing ----

function writeParty(o: Out, tag: string, name: string, orgNumber: string): void {
  open(o, tag);
  leaf(o, 'Nm', name);
  open(o, 'Id'); open(o, 'OrgId'); open(o, 'Othr');
  leaf(o, 'Id', orgNumber);
  open(o, 'SchmeNm'); leaf(o, 'Cd', 'BANK'); close(o, 'SchmeNm');
  close(o, 'Othr'); close(o, 'OrgId'); close(o, 'Id');
  close(o, tag);
}

function writeAccount(o: Out, tag: string, a: AcctOut): void {
  open(o, tag); open(o, 'Id');
  if (a.kind === 'iban') {
    leaf(o, 'IBAN', a.iban);
  } else {
    open(o, 'Othr');
    leaf(o, 'Id', a.id);
    open(o, 'SchmeNm');
    if ('cd' in a.scheme) leaf(o, 'Cd', a.scheme.cd); else leaf(o, 'Prtry', a.scheme.prtry);
    close(o, 'SchmeNm');
    close(o, 'Othr');
  }
  close(o, 'Id'); close(o, tag);
}

function writeAgent(o: Out, tag: string, a: AcctOut): void {
  open(o, tag); open(o, 'FinInstnId');
  if (a.kind === 'iban' || a.bic !== undefined) {
    leaf(o, 'BIC', a.kind === 'iban' ? a.bic : a.bic!);
  } else if (a.clearing !== undefined) {
    open(o, 'ClrSysMmbId');
    open(o, 'ClrSysId'); leaf(o, 'Cd', 'SESBA'); close(o, 'ClrSysId');
    leaf(o, 'MmbId', a.clearing);
    close(o, 'ClrSysMmbId');
  } else {
    open(o, 'Othr'); leaf(o, 'Id', 'NOTPROVIDED'); close(o, 'Othr');
  }
  close(o, 'FinInstnId'); close(o, tag);
}

/**
 * Writes a pain.001.001.03 credit transfer file. Throws `Pain001Error` listing every problem when the input
 * cannot be written as it stands (identifiers are never shortened; names are shortened to 70 characters).
 */
export function writePain001(input: PaymentFile): string {
  const ctx: Ctx = { problems: [] };
  const messageId = identifier(ctx, 'messageId', input.messageId, 35, { sv: 'Meddelande-id', en: 'The message id' });
  let createdAt: string | undefined;
  const dtm = typeof input.createdAt === 'string' ? ISO_DATETIME.exec(input.createdAt) : null;
  if (!dtm || !validDate(dtm[1]!)) problem(ctx, 'createdAt', `Tidpunkten "${String(input.createdAt)}" är inte en ISO-tidpunkt (ÅÅÅÅ-MM-DDThh:mm:ss).`, `"${String(input.createdAt)}" is not an ISO date-time (YYYY-MM-DDThh:mm:ss).`);
  else createdAt = input.createdAt;

  const initName = nameText(ctx, 'initiatingParty.name', input.initiatingParty?.name, { sv: 'Initierande partens namn', en: 'The initiating party name' });
  const initOrg = checkOrganisationsnummer(String(input.initiatingParty?.orgNumber ?? ''));
  if (!initOrg.ok) problem(ctx, 'initiatingParty.orgNumber', `Organisationsnumret "${input.initiatingParty?.orgNumber}" är ogiltigt (${initOrg.reason}).`, `The organisation number "${input.initiatingParty?.orgNumber}" is invalid (${initOrg.reason}).`);
  const debtorName = nameText(ctx, 'debtor.name', input.debtor?.name, { sv: 'Betalarens namn', en: 'The debtor name' });
  const debtorOrg = checkOrganisationsnummer(String(input.debtor?.orgNumber ?? ''));
  if (!debtorOrg.ok) problem(ctx, 'debtor.orgNumber', `Organisationsnumret "${input.debtor?.orgNumber}" är ogiltigt (${debtorOrg.reason}).`, `The organisation number "${input.debtor?.orgNumber}" is invalid (${debtorOrg.reason}).`);

  let debtorAccount: AcctOut | undefined;
  const da = input.debtor?.account;
  if (da?.type === 'bankgiro') {
    const r = checkBankgiro(String(da.number ?? ''));
    if (!r.ok) problem(ctx, 'debtor.account', `Betalarens bankgironummer "${da.number}" är ogiltigt (${r.reason}).`, `The debtor bankgiro number "${da.number}" is invalid (${r.reason}).`);
    let bic: string | undefined;
    if (da.bic !== undefined) {
      const b = checkBic(da.bic);
      if (!b.ok || !BIC_XSD.test(b.value)) problem(ctx, 'debtor.account.bic', `BIC "${da.bic}" är ogiltig.`, `The BIC "${da.bic}" is invalid.`);
      else bic = b.value;
    }
    if (r.ok) debtorAccount = bic !== undefined ? { kind: 'othr', id: r.value, scheme: { prtry: 'BGNR' }, bic } : { kind: 'othr', id: r.value, scheme: { prtry: 'BGNR' } };
  } else if (da?.type === 'iban') {
    debtorAccount = checkCreditorAccount(ctx, 'debtor.account', da);
  } else {
    problem(ctx, 'debtor.account', 'Betalarens konto saknas (bankgiro eller iban).', 'The debtor account is missing (bankgiro or iban).');
  }

  const batches: { paymentInfoId: string; executionDate: string; txs: TxOut[]; cls: PaymentClass }[] = [];
  const seenE2e = new Map<string, string>();
  const seenInstr = new Map<string, string>();
  const seenPmtInf = new Set<string>();
  if (!Array.isArray(input.batches) || input.batches.length === 0) {
    problem(ctx, 'batches', 'Filen innehåller inga betalningar.', 'The file contains no payments.');
  }
  (Array.isArray(input.batches) ? input.batches : []).forEach((b, bi) => {
    const bp = `batches[${bi}]`;
    const paymentInfoId = identifier(ctx, `${bp}.paymentInfoId`, b.paymentInfoId, 35, { sv: 'Betalningsuppdragets id', en: 'The payment information id' });
    if (paymentInfoId !== undefined) {
      if (seenPmtInf.has(paymentInfoId)) problem(ctx, `${bp}.paymentInfoId`, `Id "${paymentInfoId}" förekommer i flera uppdrag.`, `The id "${paymentInfoId}" is used by more than one batch.`);
      seenPmtInf.add(paymentInfoId);
    }
    const executionDate = typeof b.executionDate === 'string' && validDate(b.executionDate) ? b.executionDate : undefined;
    if (executionDate === undefined) problem(ctx, `${bp}.executionDate`, `Betalningsdagen "${String(b.executionDate)}" är inte ett datum (ÅÅÅÅ-MM-DD).`, `The execution date "${String(b.executionDate)}" is not a date (YYYY-MM-DD).`);
    if (!Array.isArray(b.payments) || b.payments.length === 0) {
      problem(ctx, `${bp}.payments`, 'Uppdraget innehåller inga betalningar.', 'The batch contains no payments.');
      return;
    }
    const txs: TxOut[] = [];
    b.payments.forEach((p, pi) => {
      const pp = `${bp}.payments[${pi}]`;
      const tx = checkPayment(ctx, pp, p);
      if (typeof p.endToEndId === 'string') {
        const prev = seenE2e.get(p.endToEndId);
        if (prev !== undefined) problem(ctx, `${pp}.endToEndId`, `End-to-end-id "${p.endToEndId}" används redan av ${prev}.`, `The end-to-end id "${p.endToEndId}" is already used by ${prev}.`);
        else seenE2e.set(p.endToEndId, pp);
      }
      if (typeof p.instructionId === 'string') {
        const prev = seenInstr.get(p.instructionId);
        if (prev !== undefined) problem(ctx, `${pp}.instructionId`, `Instruktions-id "${p.instructionId}" används redan av ${prev}.`, `The instruction id "${p.instructionId}" is already used by ${prev}.`);
        else seenInstr.set(p.instructionId, pp);
      }
      if (tx) txs.push(tx);
    });
    const classes = new Set(txs.map((t) => t.cls));
    if (classes.size > 1) {
      problem(ctx, `${bp}.payments`, `Uppdraget blandar betalningstyper (${[...classes].join(', ')}); dela upp det så att inrikes-, SEPA- och utlandsbetalningar ligger i egna uppdrag.`, `The batch mixes payment kinds (${[...classes].join(', ')}); split it so that domestic, SEPA and foreign payments are in separate batches.`);
    }
    if (paymentInfoId && executionDate && txs.length > 0) batches.push({ paymentInfoId, executionDate, txs, cls: txs[0]!.cls });
  });

  let total = 0n;
  let count = 0;
  for (const b of batches) for (const t of b.txs) { total += t.amountOre; count++; }
  if (total > MAX_AMOUNT_ORE) problem(ctx, 'batches', 'Filens totalbelopp är för stort för formatet.', 'The file total is too large for the format.');

  if (ctx.problems.length > 0 || !messageId || !createdAt || !initName || !initOrg.ok || !debtorName || !debtorOrg.ok || !debtorAccount) {
    throw new Pain001Error(ctx.problems);
  }

  const o: Out = { lines: ['<?xml version="1.0" encoding="UTF-8"?>'], depth: 0 };
  o.lines.push(`<Document xmlns="${PAIN001_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`);
  o.depth = 1;
  open(o, 'CstmrCdtTrfInitn');
  open(o, 'GrpHdr');
  leaf(o, 'MsgId', messageId);
  leaf(o, 'CreDtTm', createdAt);
  leaf(o, 'NbOfTxs', String(count));
  leaf(o, 'CtrlSum', formatOre(total));
  writeParty(o, 'InitgPty', initName, initOrg.value);
  close(o, 'GrpHdr');

  for (const b of batches) {
    const sum = b.txs.reduce((s, t) => s + t.amountOre, 0n);
    open(o, 'PmtInf');
    leaf(o, 'PmtInfId', b.paymentInfoId);
    leaf(o, 'PmtMtd', 'TRF');
    leaf(o, 'NbOfTxs', String(b.txs.length));
    leaf(o, 'CtrlSum', formatOre(sum));
    open(o, 'PmtTpInf');
    if (b.cls === 'domestic') { open(o, 'SvcLvl'); leaf(o, 'Cd', 'NURG'); close(o, 'SvcLvl'); }
    if (b.cls === 'sepa') { open(o, 'SvcLvl'); leaf(o, 'Cd', 'SEPA'); close(o, 'SvcLvl'); }
    open(o, 'CtgyPurp'); leaf(o, 'Cd', 'SUPP'); close(o, 'CtgyPurp');
    close(o, 'PmtTpInf');
    leaf(o, 'ReqdExctnDt', b.executionDate);
    writeParty(o, 'Dbtr', debtorName, debtorOrg.value);
    writeAccount(o, 'DbtrAcct', debtorAccount);
    writeAgent(o, 'DbtrAgt', debtorAccount);
    leaf(o, 'ChrgBr', b.cls === 'sepa' ? 'SLEV' : 'SHAR');
    for (const t of b.txs) {
      open(o, 'CdtTrfTxInf');
      open(o, 'PmtId');
      if (t.instructionId) leaf(o, 'InstrId', t.instructionId);
      leaf(o, 'EndToEndId', t.endToEndId);
      close(o, 'PmtId');
      open(o, 'Amt'); leaf(o, 'InstdAmt', formatOre(t.amountOre), { Ccy: t.currency }); close(o, 'Amt');
      writeAgent(o, 'CdtrAgt', t.account);
      open(o, 'Cdtr');
      leaf(o, 'Nm', t.name);
      if (t.address) {
        open(o, 'PstlAdr');
        if (t.address.street) leaf(o, 'StrtNm', t.address.street);
        if (t.address.postalCode) leaf(o, 'PstCd', t.address.postalCode);
        if (t.address.city) leaf(o, 'TwnNm', t.address.city);
        leaf(o, 'Ctry', t.address.country);
        close(o, 'PstlAdr');
      }
      close(o, 'Cdtr');
      writeAccount(o, 'CdtrAcct', t.account);
      open(o, 'RmtInf');
      if ('ocr' in t.remittance) {
        open(o, 'Strd'); open(o, 'CdtrRefInf'); open(o, 'Tp'); open(o, 'CdOrPrtry');
        leaf(o, 'Cd', 'SCOR');
        close(o, 'CdOrPrtry'); close(o, 'Tp');
        leaf(o, 'Ref', t.remittance.ocr);
        close(o, 'CdtrRefInf'); close(o, 'Strd');
      } else {
        leaf(o, 'Ustrd', t.remittance.text);
      }
      close(o, 'RmtInf');
      close(o, 'CdtTrfTxInf');
    }
    close(o, 'PmtInf');
  }
  close(o, 'CstmrCdtTrfInitn');
  o.lines.push('</Document>');
  return o.lines.join('\n') + '\n';
}
