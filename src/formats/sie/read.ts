// Reads a SIE file (types 1–4, spec SIE 4B 2008-09-30) into a typed structure. Pure: bytes in, data and issues
// out; never throws. Any error makes the result `ok: false` with `file: null` — a ledger file is taken whole
// or not at all. Unknown records are ignored with a warning (spec 7.1), unknown trailing fields silently (7.3).
import { decodeCp437, encodeCp437 } from './cp437.ts';
import { Crc32 } from './crc32.ts';
import { lexLine, type SieField, type SieRecord } from './lex.ts';
import type {
  SieAccount, SieBalance, SieBalanceKind, SieDimension, SieEncoding, SieFile, SieFiscalYear, SieIssue, SieObject,
  SieObjectRef, SieReadOptions, SieReadResult, SieTransaction, SieTransactionKind, SieVoucher,
} from './model.ts';
import { formatAmountOre, parseAmountOre, parseSieDate } from './values.ts';

export const SIE_MAX_BYTES = 200 * 1024 * 1024;
export const SIE_MAX_LINE_LENGTH = 10_000;

/** Every label of SIE 4B. Others are warned about and ignored. */
const KNOWN_LABELS = new Set([
  '#ADRESS', '#BKOD', '#DIM', '#ENHET', '#FLAGGA', '#FNAMN', '#FNR', '#FORMAT', '#FTYP', '#GEN', '#IB', '#KONTO',
  '#KPTYP', '#KTYP', '#OBJEKT', '#OIB', '#OMFATTN', '#ORGNR', '#OUB', '#PBUDGET', '#PROGRAM', '#PROSA', '#PSALDO',
  '#RAR', '#RES', '#SIETYP', '#SRU', '#TAXAR', '#TRANS', '#RTRANS', '#BTRANS', '#UB', '#UNDERDIM', '#VALUTA', '#VER',
  '#KSUMMA',
]);
/** Records that may not occur in a file of type 1–3 (spec section 6). */
const TRANSACTION_LABELS = new Set(['#VER', '#TRANS', '#RTRANS', '#BTRANS']);
/** Dimensions 1–19 are reserved by the spec and need not be declared (spec 8.4, 8.17). */
const RESERVED_DIMENSION_MAX = 19;

type Bilingual = { sv: string; en: string };

class Issues {
  readonly errors: SieIssue[] = [];
  readonly warnings: SieIssue[] = [];
  error(line: number, code: string, msg: Bilingual): void {
    this.errors.push({ line, code, message: msg.sv, messageEn: msg.en });
  }
  warn(line: number, code: string, msg: Bilingual): void {
    this.warnings.push({ line, code, message: msg.sv, messageEn: msg.en });
  }
}

export function readSie(bytes: Uint8Array, options: SieReadOptions = {}): SieReadResult {
  const issues = new Issues();
  try {
    const file = readInto(bytes, options, issues);
    const ok = issues.errors.length === 0 && file !== null;
    return { ok, file: ok ? file : null, errors: issues.errors, warnings: issues.warnings };
  } catch (e) {
    // Defensive: the reader is written not to throw; should it anyway, report instead of crashing the caller.
    const detail = e instanceof Error ? e.message : String(e);
    issues.error(0, 'internal', { sv: `Internt fel vid läsning av SIE-filen: ${detail}`, en: `Internal error while reading the SIE file: ${detail}` });
    return { ok: false, file: null, errors: issues.errors, warnings: issues.warnings };
  }
}

// ---- encoding ---------------------------------------------------------------------------------------------

/** Bytes that are å ä ö Å Ä Ö é ü Ü in CP437. */
const CP437_SWEDISH = new Set([0x86, 0x84, 0x94, 0x8f, 0x8e, 0x99, 0x82, 0x81, 0x9a]);
/** Bytes that are å ä ö Å Ä Ö é ü Ü in ISO-8859-1/-15 (box drawing and Greek in CP437). */
const LATIN_SWEDISH = new Set([0xe5, 0xe4, 0xf6, 0xc5, 0xc4, 0xd6, 0xe9, 0xfc, 0xdc]);
const isAsciiLetter = (b: number | undefined): boolean => b !== undefined && ((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a));

/** ISO-8859-15 differs from ISO-8859-1 in eight places. */
const LATIN9: Record<number, string> = { 0xa4: '€', 0xa6: 'Š', 0xa8: 'š', 0xb4: 'Ž', 0xb8: 'ž', 0xbc: 'Œ', 0xbd: 'œ', 0xbe: 'Ÿ' };

export function detectEncoding(bytes: Uint8Array): SieEncoding {
  let high = false;
  let cp437Letters = 0;
  let latinLetters = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b < 0x80) continue;
    high = true;
    if (CP437_SWEDISH.has(b)) cp437Letters++;
    else if (LATIN_SWEDISH.has(b) && (isAsciiLetter(bytes[i - 1]) || isAsciiLetter(bytes[i + 1]))) latinLetters++;
  }
  if (!high) return 'cp437';
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  // Valid UTF-8 with multi-byte sequences: CP437 text practically never is (its å ä ö are UTF-8 continuation
  // bytes that would need a lead byte before them).
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'utf-8';
  } catch {
    // not UTF-8
  }
  if (cp437Letters === 0 && latinLetters > 0) return 'iso-8859-15';
  return 'cp437';
}

function decode(bytes: Uint8Array, encoding: SieEncoding): string {
  if (encoding === 'utf-8') return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  if (encoding === 'cp437') return decodeCp437(bytes);
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    out += LATIN9[b] ?? String.fromCharCode(b);
  }
  return out;
}

// ---- reading ----------------------------------------------------------------------------------------------

type OpenVoucher = { voucher: SieVoucher; line: number; pendingAdded: { tx: SieTransaction; key: string; line: number } | null };

function readInto(bytes: Uint8Array, options: SieReadOptions, issues: Issues): SieFile | null {
  const maxBytes = options.maxBytes ?? SIE_MAX_BYTES;
  const maxLine = options.maxLineLength ?? SIE_MAX_LINE_LENGTH;
  if (bytes.length > maxBytes) {
    issues.error(0, 'file_too_large', {
      sv: `Filen är för stor (${bytes.length} byte, högst ${maxBytes} tillåts)`,
      en: `The file is too large (${bytes.length} bytes, at most ${maxBytes} allowed)`,
    });
    return null;
  }
  if (bytes.length === 0) {
    issues.error(0, 'empty_file', { sv: 'Filen är tom', en: 'The file is empty' });
    return null;
  }

  const encoding = detectEncoding(bytes);
  if (encoding !== 'cp437') {
    const code = encoding === 'utf-8' ? 'encoding_utf8' : 'encoding_latin';
    const name = encoding === 'utf-8' ? 'UTF-8' : 'ISO-8859-1/ISO-8859-15';
    if ((options.encoding ?? 'cp437') === 'cp437') {
      issues.error(0, code, {
        sv: `Filen är inte kodad i PC8/CP437 (IBM 437) som SIE kräver, utan verkar vara ${name}. Exportera filen på nytt med teckenuppsättningen PC8.`,
        en: `The file is not encoded in PC8/CP437 (IBM 437) as SIE requires; it appears to be ${name}. Export it again with the PC8 character set.`,
      });
      return null;
    }
    issues.warn(0, code, {
      sv: `Filen är inte kodad i PC8/CP437 (IBM 437) utan verkar vara ${name}; den har lästs som ${name}`,
      en: `The file is not encoded in PC8/CP437 (IBM 437) but appears to be ${name}; it was read as ${name}`,
    });
  }
  const text = decode(bytes, encoding);
  const lines = text.split('\n');

  const file: SieFile = {
    encoding, flag: '0', program: { name: '', version: null }, format: null, generated: { date: '', sign: null },
    sieType: '1', variant: '1', companyName: '', orgNumber: null, companyId: null, companyType: null, address: null,
    currency: null, chartOfAccountsType: null, taxYear: null, coverageDate: null, prosa: null, fiscalYears: [],
    accounts: [], dimensions: [], objects: [], balances: [], vouchers: [], checksum: { status: 'absent' },
  };
  const seen = new Map<string, number>(); // label → first line
  const accounts = new Map<string, SieAccount>();
  const dimensions = new Map<number, SieDimension>();
  const objects = new Map<string, SieObject>();
  const accountRefs: { account: string; line: number; label: string }[] = [];
  const objectRefs: { ref: SieObjectRef; line: number }[] = [];
  let sieTypeSeen = false;

  // Checksum state (spec 10.4–10.6, 10.14).
  let ksumState: 'none' | 'open' | 'closed' = 'none';
  let ksumLine = 0;
  const crc = new Crc32();
  let crcUnencodable = false;

  let pendingVer: { voucher: SieVoucher; line: number } | null = null;
  let open: OpenVoucher | null = null;
  let firstRecord = true;

  const err = (line: number, code: string, sv: string, en: string): void => issues.error(line, code, { sv, en });
  const warn = (line: number, code: string, sv: string, en: string): void => issues.warn(line, code, { sv, en });

  const closeVoucher = (o: OpenVoucher): void => {
    flushPendingAdded(o);
    const v = o.voucher;
    const id = voucherId(v);
    if (v.transactions.length === 0) {
      // Real exports (e.g. Norstedts, XE) carry emptied vouchers; they book nothing, so only a warning.
      warn(o.line, 'voucher_empty', `Verifikation ${id} saknar transaktioner`, `Voucher ${id} has no transactions`);
      return;
    }
    let sum = 0n;
    for (const t of v.transactions) if (t.kind !== 'removed') sum += t.amountOre;
    if (sum !== 0n) {
      err(o.line, 'voucher_imbalanced',
        `Verifikation ${id} är obalanserad: transaktionerna summerar till ${formatAmountOre(sum)} i stället för 0`,
        `Voucher ${id} is imbalanced: its transactions sum to ${formatAmountOre(sum)} instead of 0`);
    }
  };
  const flushPendingAdded = (o: OpenVoucher): void => {
    if (o.pendingAdded) {
      err(o.pendingAdded.line, 'rtrans_without_trans',
        '#RTRANS ska direkt följas av en likadan #TRANS (SIE 4B)', '#RTRANS must be followed directly by an identical #TRANS (SIE 4B)');
      o.pendingAdded = null;
    }
  };

  for (let idx = 0; idx < lines.length; idx++) {
    const lineNo = idx + 1;
    let raw = lines[idx] as string;
    if (raw.endsWith('\r')) raw = raw.slice(0, -1);
    if (raw.length > maxLine) {
      err(lineNo, 'line_too_long', `Raden är för lång (${raw.length} tecken, högst ${maxLine})`, `The line is too long (${raw.length} characters, at most ${maxLine})`);
      continue;
    }
    const trimmed = raw.trim();
    if (trimmed === '') continue;

    if (trimmed === '{') {
      if (open) err(lineNo, 'brace_unexpected', 'Klammer { inuti en öppen verifikation', 'Brace { inside an open voucher');
      else if (!pendingVer) err(lineNo, 'brace_unexpected', 'Klammer { som inte följer på en #VER', 'Brace { that does not follow a #VER');
      else { open = { voucher: pendingVer.voucher, line: pendingVer.line, pendingAdded: null }; pendingVer = null; }
      continue;
    }
    if (trimmed === '}') {
      if (!open) err(lineNo, 'brace_unexpected', 'Klammer } utan motsvarande {', 'Brace } without a matching {');
      else { closeVoucher(open); open = null; }
      continue;
    }
    if (pendingVer) {
      err(pendingVer.line, 'ver_without_block', `Verifikation ${voucherId(pendingVer.voucher)} följs inte av { … }`, `Voucher ${voucherId(pendingVer.voucher)} is not followed by { … }`);
      pendingVer = null;
    }

    const lexed = lexLine(raw);
    if (!lexed.ok) {
      const what: Record<typeof lexed.problem, [string, string]> = {
        'no-label': ['Raden är inte en SIE-post (ska börja med #)', 'The line is not a SIE record (must start with #)'],
        'unterminated-quote': ['Citattecken saknar avslutning', 'Unterminated quoted field'],
        'unterminated-list': ['Objektlistan saknar avslutande }', 'Object list lacks its closing }'],
        'nested-list': ['Objektlistor kan inte nästlas', 'Object lists cannot be nested'],
        'stray-brace': ['Klammer } utan motsvarande {', 'Brace } without a matching {'],
      };
      const [sv, en] = what[lexed.problem];
      err(lineNo, lexed.problem === 'no-label' || lexed.problem === 'unterminated-quote' ? 'syntax' : 'brace_unbalanced', sv, en);
      continue;
    }
    const rec = lexed.record;
    const label = rec.label.toUpperCase();

    // Checksum bookkeeping happens before interpretation: every record between the two #KSUMMA counts.
    if (label === '#KSUMMA') {
      const value = rec.fields[0];
      if (!value) {
        if (ksumState !== 'none') err(lineNo, 'checksum_syntax', 'Mer än en inledande #KSUMMA', 'More than one opening #KSUMMA');
        else { ksumState = 'open'; ksumLine = lineNo; }
      } else if (ksumState !== 'open') {
        err(lineNo, 'checksum_syntax', 'Avslutande #KSUMMA utan inledande #KSUMMA', 'Closing #KSUMMA without an opening #KSUMMA');
      } else {
        ksumState = 'closed';
        const expected = value.kind === 'text' && /^-?\d{1,10}$/.test(value.value) ? Number(value.value) : NaN;
        const computed = crc.digest();
        if (!Number.isFinite(expected) || expected > 0xffffffff || expected < -0x80000000) {
          err(lineNo, 'checksum_syntax', 'Kontrollsumman i #KSUMMA är inte ett tal', 'The #KSUMMA checksum is not a number');
        } else if (crcUnencodable) {
          err(lineNo, 'checksum_mismatch', 'Kontrollsumman kan inte kontrolleras: filen innehåller tecken utanför PC8/CP437', 'The checksum cannot be verified: the file has characters outside PC8/CP437');
        } else if ((expected >>> 0) !== computed) {
          err(lineNo, 'checksum_mismatch',
            `Kontrollsumman stämmer inte (#KSUMMA ${expected >>> 0}, beräknad ${computed}); filen är skadad eller ändrad`,
            `Checksum mismatch (#KSUMMA ${expected >>> 0}, computed ${computed}); the file is damaged or was altered`);
        } else {
          file.checksum = { status: 'valid', value: computed };
        }
      }
      firstRecord = false;
      continue;
    }
    if (ksumState === 'open') {
      for (const part of lexed.checksumParts) {
        try { crc.update(encodeCp437(part)); } catch { crcUnencodable = true; }
      }
    } else if (ksumState === 'closed') {
      err(lineNo, 'checksum_syntax', 'Poster efter avslutande #KSUMMA', 'Records after the closing #KSUMMA');
      ksumState = 'none'; // report once
    }

    if (firstRecord && label !== '#FLAGGA') {
      warn(lineNo, 'flagga_not_first', '#FLAGGA ska vara filens första post', '#FLAGGA should be the first record of the file');
    }
    firstRecord = false;
    if (!KNOWN_LABELS.has(label)) {
      warn(lineNo, 'unknown_record', `Okänd post ${rec.label} ignoreras`, `Unknown record ${rec.label} ignored`);
      continue;
    }
    if (!seen.has(label)) seen.set(label, lineNo);

    const f = new Fields(rec, lineNo, issues);

    if (label === '#TRANS' || label === '#RTRANS' || label === '#BTRANS') {
      if (!open) {
        err(lineNo, 'trans_outside_voucher', `${label} förekommer utanför en verifikation`, `${label} outside a voucher`);
        continue;
      }
      const tx = f.transaction(label === '#TRANS' ? 'trans' : label === '#RTRANS' ? 'added' : 'removed');
      const key = twinKey(rec.fields);
      if (label === '#TRANS' && open.pendingAdded) {
        const p = open.pendingAdded;
        open.pendingAdded = null;
        if (p.key === key) continue; // the compatibility twin of the #RTRANS just read (spec #RTRANS 4, 6)
        err(p.line, 'rtrans_without_trans', '#RTRANS ska direkt följas av en likadan #TRANS (SIE 4B)', '#RTRANS must be followed directly by an identical #TRANS (SIE 4B)');
      } else {
        flushPendingAdded(open);
      }
      if (!tx) continue;
      accountRefs.push({ account: tx.account, line: lineNo, label });
      for (const ref of tx.objects) objectRefs.push({ ref, line: lineNo });
      open.voucher.transactions.push(tx);
      if (label === '#RTRANS') open.pendingAdded = { tx, key, line: lineNo };
      continue;
    }
    if (open) {
      err(lineNo, 'brace_unbalanced', `${label} inuti en verifikation; saknas en avslutande }?`, `${label} inside a voucher; is a closing } missing?`);
      closeVoucher(open);
      open = null;
    }

    switch (label) {
      case '#FLAGGA': {
        const v = f.required(0, 'flagga');
        if (v === '0' || v === '1') file.flag = v;
        else if (v !== null) err(lineNo, 'field_invalid', `#FLAGGA ska vara 0 eller 1, inte "${v}"`, `#FLAGGA must be 0 or 1, not "${v}"`);
        break;
      }
      case '#PROGRAM': {
        const name = f.required(0, 'programnamn');
        if (name !== null) file.program = { name, version: f.optional(1) };
        if (name !== null && f.optional(1) === null) warn(lineNo, 'program_version_missing', 'Programversion saknas i #PROGRAM', 'Program version missing in #PROGRAM');
        break;
      }
      case '#FORMAT': {
        const v = f.required(0, 'format');
        if (v !== null) {
          file.format = v;
          if (v.toUpperCase() !== 'PC8') err(lineNo, 'format_unsupported', `Teckenuppsättningen "${v}" stöds inte; SIE 4B tillåter endast PC8`, `Character set "${v}" is not supported; SIE 4B allows only PC8`);
        }
        break;
      }
      case '#GEN': {
        const d = f.date(0, 'datum', true);
        if (d !== null) file.generated = { date: d, sign: f.optional(1) };
        break;
      }
      case '#SIETYP': {
        const v = f.required(0, 'typnr');
        if (v === '1' || v === '2' || v === '3' || v === '4') { file.sieType = v; sieTypeSeen = true; }
        else if (v !== null) err(lineNo, 'sietyp_invalid', `Okänd SIE-typ "${v}" (ska vara 1–4)`, `Unknown SIE type "${v}" (must be 1–4)`);
        break;
      }
      case '#FNAMN': { const v = f.required(0, 'företagsnamn'); if (v !== null) file.companyName = v; break; }
      case '#ORGNR': {
        const v = f.optional(0);
        if (v === null || v.trim() === '') warn(lineNo, 'orgnr_missing', '#ORGNR saknar organisationsnummer', '#ORGNR has no organisation number');
        else {
          file.orgNumber = v;
          if (!/^\d{6}-\d{4}$/.test(v)) warn(lineNo, 'orgnr_format', `Organisationsnumret "${v}" ska skrivas NNNNNN-NNNN`, `The organisation number "${v}" should be written NNNNNN-NNNN`);
        }
        break;
      }
      case '#FNR': file.companyId = f.required(0, 'företagsid'); break;
      case '#FTYP': file.companyType = f.required(0, 'företagstyp'); break;
      case '#ADRESS':
        file.address = { contact: f.optional(0) ?? '', street: f.optional(1) ?? '', postal: f.optional(2) ?? '', phone: f.optional(3) ?? '' };
        break;
      case '#VALUTA': file.currency = f.required(0, 'valutakod'); break;
      case '#KPTYP': file.chartOfAccountsType = f.required(0, 'kontoplanstyp'); break;
      case '#PROSA': file.prosa = f.optional(0); break;
      case '#BKOD': f.required(0, 'SNI-kod'); break;
      case '#OMFATTN': file.coverageDate = f.date(0, 'datum', true); break;
      case '#TAXAR': {
        const v = f.required(0, 'år');
        if (v !== null && /^\d{4}$/.test(v)) file.taxYear = Number(v);
        else if (v !== null) err(lineNo, 'field_invalid', `Taxeringsåret i #TAXAR ska vara ÅÅÅÅ, inte "${v}"`, `The tax year in #TAXAR must be YYYY, not "${v}"`);
        break;
      }
      case '#RAR': {
        if (!f.has(1) && !f.has(2)) {
          // BL Administration writes `#RAR 0` without dates in 4I files, where #RAR is optional. Ignored here;
          // the type check below still demands #RAR 0 where the spec does.
          warn(lineNo, 'rar_incomplete', '#RAR saknar start- och slutdatum och ignoreras', '#RAR lacks its start and end dates and is ignored');
          break;
        }
        const year = f.int(0, 'årsnr');
        const start = f.date(1, 'start', true);
        const end = f.date(2, 'slut', true);
        if (year !== null && start !== null && end !== null) {
          if (start > end) err(lineNo, 'field_invalid', `Räkenskapsåret slutar före det börjar (${start}–${end})`, `The fiscal year ends before it starts (${start}–${end})`);
          file.fiscalYears.push({ yearIndex: year, start, end } satisfies SieFiscalYear);
        }
        break;
      }
      case '#KONTO': {
        const num = f.account(0);
        const name = f.optional(1);
        if (num === null) break;
        if (accounts.has(num)) warn(lineNo, 'account_duplicate', `Kontot ${num} deklareras mer än en gång`, `Account ${num} is declared more than once`);
        accounts.set(num, { number: num, name: name ?? '', type: accounts.get(num)?.type ?? null, sru: accounts.get(num)?.sru ?? [], unit: null });
        break;
      }
      case '#KTYP': {
        const num = f.account(0);
        const t = f.required(1, 'kontotyp');
        if (num === null || t === null) break;
        const tt = t.toUpperCase();
        if (tt !== 'T' && tt !== 'S' && tt !== 'K' && tt !== 'I') { err(lineNo, 'field_invalid', `Kontotypen "${t}" ska vara T, S, K eller I`, `Account type "${t}" must be T, S, K or I`); break; }
        const a = accounts.get(num);
        if (a) a.type = tt;
        else warn(lineNo, 'account_undeclared_meta', `#KTYP för konto ${num} som inte deklarerats med #KONTO`, `#KTYP for account ${num} not declared with #KONTO`);
        break;
      }
      case '#SRU': {
        const num = f.account(0);
        // SRU codes only serve the tax return; a defective one is warned about, not fatal.
        const code = f.optional(1);
        if (num === null) break;
        if (code === null || !/^\d+$/.test(code.trim())) {
          warn(lineNo, 'sru_invalid', `SRU-koden för konto ${num} saknas eller är inte numerisk ("${code ?? ''}")`, `The SRU code of account ${num} is missing or not numeric ("${code ?? ''}")`);
          break;
        }
        const a = accounts.get(num);
        if (a) a.sru.push(code.trim());
        else warn(lineNo, 'account_undeclared_meta', `#SRU för konto ${num} som inte deklarerats med #KONTO`, `#SRU for account ${num} not declared with #KONTO`);
        break;
      }
      case '#ENHET': {
        const num = f.account(0);
        const unit = f.required(1, 'enhet');
        if (num === null || unit === null) break;
        const a = accounts.get(num);
        if (a) a.unit = unit;
        else warn(lineNo, 'account_undeclared_meta', `#ENHET för konto ${num} som inte deklarerats med #KONTO`, `#ENHET for account ${num} not declared with #KONTO`);
        break;
      }
      case '#DIM':
      case '#UNDERDIM': {
        const num = f.int(0, 'dimensionsnr');
        const name = f.optional(1) ?? '';
        const parent = label === '#UNDERDIM' ? f.int(2, 'superdimension') : null;
        if (num === null || (label === '#UNDERDIM' && parent === null)) break;
        dimensions.set(num, { number: num, name, parent });
        break;
      }
      case '#OBJEKT': {
        const dim = f.int(0, 'dimensionsnr');
        const code = f.required(1, 'objektnr');
        if (dim === null || code === null) break;
        objects.set(`${dim}\u0000${code}`, { dimension: dim, code, name: f.optional(2) ?? '' });
        if (!dimensions.has(dim) && dim > RESERVED_DIMENSION_MAX) warn(lineNo, 'dimension_undeclared', `Dimension ${dim} är inte deklarerad med #DIM`, `Dimension ${dim} is not declared with #DIM`);
        break;
      }
      case '#IB': case '#UB': case '#RES': case '#OIB': case '#OUB': case '#PSALDO': case '#PBUDGET': {
        const b = f.balance(label.slice(1) as SieBalanceKind);
        if (b) {
          file.balances.push(b);
          accountRefs.push({ account: b.account, line: lineNo, label });
        }
        break;
      }
      case '#VER': {
        const v = f.voucher();
        if (v) pendingVer = { voucher: v, line: lineNo };
        else pendingVer = { voucher: { series: '', number: '', date: '', text: '', regDate: null, sign: null, transactions: [] }, line: lineNo };
        if (v) file.vouchers.push(v);
        break;
      }
      default:
        break;
    }
  }
  if (pendingVer) err(pendingVer.line, 'ver_without_block', `Verifikation ${voucherId(pendingVer.voucher)} följs inte av { … }`, `Voucher ${voucherId(pendingVer.voucher)} is not followed by { … }`);
  if (open) {
    err(open.line, 'brace_unbalanced', `Verifikation ${voucherId(open.voucher)} saknar avslutande }`, `Voucher ${voucherId(open.voucher)} lacks its closing }`);
    closeVoucher(open);
  }
  if (ksumState === 'open') {
    err(ksumLine, 'checksum_missing_end', 'Filen har en inledande #KSUMMA men ingen avslutande kontrollsumma; filen kan vara avkortad',
      'The file has an opening #KSUMMA but no closing checksum; it may be truncated');
  }

  // ---- whole-file checks ----
  const last = lines.length;
  for (const [label, what] of [['#FLAGGA', 'flaggpost'], ['#PROGRAM', 'program'], ['#GEN', 'genereringsdatum'], ['#FNAMN', 'företagsnamn']] as const) {
    if (!seen.has(label)) err(last, 'required_missing', `Obligatorisk post ${label} (${what}) saknas`, `Required record ${label} is missing`);
  }
  if (!seen.has('#FORMAT')) warn(last, 'format_missing', '#FORMAT PC8 saknas; filen läses som PC8', '#FORMAT PC8 is missing; the file is read as PC8');
  if (!sieTypeSeen) warn(last, 'sietyp_missing', '#SIETYP saknas; filen antas vara av typ 1', '#SIETYP is missing; type 1 is assumed');
  if (seen.has('#FNAMN') && file.companyName.trim() === '') {
    err(seen.get('#FNAMN') as number, 'required_missing', 'Företagsnamnet i #FNAMN är tomt', 'The company name in #FNAMN is empty');
  }
  const hasBalances = file.balances.length > 0;
  file.variant = file.sieType === '4' ? (hasBalances ? '4E' : '4I') : file.sieType;
  if (file.sieType !== '4') {
    for (const label of TRANSACTION_LABELS) {
      const at = seen.get(label);
      if (at !== undefined) err(at, 'record_not_allowed', `${label} får inte förekomma i en SIE-fil av typ ${file.sieType}`, `${label} is not allowed in a SIE file of type ${file.sieType}`);
    }
  }
  if (file.variant !== '4I') {
    if (accounts.size === 0) err(last, 'required_missing', `Kontoplan (#KONTO) saknas; den är obligatorisk i SIE typ ${file.variant}`, `Chart of accounts (#KONTO) is missing; it is required in SIE type ${file.variant}`);
    if (!file.fiscalYears.some((y) => y.yearIndex === 0)) err(last, 'required_missing', `Räkenskapsår (#RAR 0) saknas; det är obligatoriskt i SIE typ ${file.variant}`, `Fiscal year (#RAR 0) is missing; it is required in SIE type ${file.variant}`);
  }
  // Every account used must be declared — when the file declares accounts at all (optional in 4I, spec 6).
  // In 4I declaring accounts is optional (spec 6), so a partial declaration there is only a warning.
  if (accounts.size > 0) {
    const reported = new Set<string>();
    for (const r of accountRefs) {
      if (accounts.has(r.account) || reported.has(r.account)) continue;
      reported.add(r.account);
      (file.variant === '4I' ? warn : err)(r.line, 'account_undeclared', `Kontot ${r.account} används i ${r.label} men är inte deklarerat med #KONTO`, `Account ${r.account} is used in ${r.label} but not declared with #KONTO`);
    }
  }
  // Objects: declaring them is optional in 4I and a reader may skip undeclared ones (spec #OBJEKT 2) → warning.
  const reportedObj = new Set<string>();
  for (const { ref, line } of objectRefs) {
    const key = `${ref.dimension}\u0000${ref.code}`;
    if (objects.has(key) || reportedObj.has(key)) continue;
    reportedObj.add(key);
    if (objects.size > 0 || file.variant !== '4I') warn(line, 'object_undeclared', `Objekt ${ref.code} i dimension ${ref.dimension} är inte deklarerat med #OBJEKT`, `Object ${ref.code} in dimension ${ref.dimension} is not declared with #OBJEKT`);
  }

  file.accounts = [...accounts.values()];
  file.dimensions = [...dimensions.values()];
  file.objects = [...objects.values()];
  return file;
}

function voucherId(v: SieVoucher): string {
  const s = v.series === '' ? '(utan serie)' : v.series;
  const n = v.number === '' ? '(utan nummer)' : v.number;
  return `${s} ${n}${v.date ? ` (${v.date})` : ''}`;
}

/**
 * What makes a #TRANS the twin of the #RTRANS before it: account, object list and amount. Dates, texts and
 * signatures may differ in real files (BL Administration writes the original date on the #TRANS).
 */
function twinKey(fields: SieField[]): string {
  return JSON.stringify(fields.slice(0, 3).map((f) => (f.kind === 'list' ? f.items : f.value)));
}

/** Typed access to a record's fields, reporting problems as it goes. */
class Fields {
  private readonly label: string;
  constructor(private readonly rec: SieRecord, private readonly line: number, private readonly issues: Issues) {
    this.label = rec.label.toUpperCase();
  }

  has(i: number): boolean {
    const f = this.rec.fields[i];
    return f !== undefined && !(f.kind === 'text' && f.value.trim() === '');
  }

  private fail(code: string, sv: string, en: string): null {
    this.issues.error(this.line, code, { sv: `${this.label}: ${sv}`, en: `${this.label}: ${en}` });
    return null;
  }

  /** Text of field i, or null when absent. A list where text is expected is an error. */
  optional(i: number): string | null {
    const f = this.rec.fields[i];
    if (!f) return null;
    if (f.kind === 'list') return this.fail('field_invalid', `fält ${i + 1} ska inte vara en objektlista`, `field ${i + 1} must not be an object list`);
    return f.value;
  }

  required(i: number, what: string): string | null {
    const f = this.rec.fields[i];
    if (!f || (f.kind === 'text' && f.value.trim() === '')) return this.fail('field_missing', `obligatoriskt fält (${what}) saknas`, `required field (${what}) is missing`);
    return this.optional(i);
  }

  int(i: number, what: string): number | null {
    const v = this.required(i, what);
    if (v === null) return null;
    if (!/^-?\d{1,9}$/.test(v)) return this.fail('field_invalid', `${what} ska vara ett heltal, inte "${v}"`, `${what} must be an integer, not "${v}"`);
    return Number(v);
  }

  account(i: number): string | null {
    const f = this.rec.fields[i];
    if (!f || (f.kind === 'text' && f.value.trim() === '')) return this.fail('account_missing', 'kontonummer saknas', 'account number is missing');
    const v = this.optional(i);
    if (v === null) return null;
    if (!/^\d+$/.test(v)) return this.fail('account_not_numeric', `kontonumret "${v}" är inte numeriskt`, `account number "${v}" is not numeric`);
    return v;
  }

  date(i: number, what: string, required: boolean): string | null {
    if (required && !this.has(i)) return this.fail('date_missing', `datum (${what}) saknas`, `date (${what}) is missing`);
    const v = this.optional(i);
    if (v === null || (!required && v === '')) return null;
    const d = parseSieDate(v);
    if (d.ok) return d.iso;
    if (d.reason === 'iso-form') return this.fail('date_format', `datumet "${v}" ska skrivas ÅÅÅÅMMDD`, `date "${v}" must be written YYYYMMDD`);
    return this.fail('date_invalid', `"${v}" är inte ett giltigt datum (ÅÅÅÅMMDD)`, `"${v}" is not a valid date (YYYYMMDD)`);
  }

  amount(i: number): bigint | null {
    const f = this.rec.fields[i];
    if (!f || (f.kind === 'text' && f.value === '')) return this.fail('amount_missing', 'belopp saknas', 'amount is missing');
    const v = this.optional(i);
    if (v === null) return null;
    const ore = parseAmountOre(v);
    if (ore === null) return this.fail('amount_invalid', `beloppet "${v}" är ogiltigt (punkt som decimaltecken, högst två decimaler)`, `amount "${v}" is invalid (dot as decimal separator, at most two decimals)`);
    return ore;
  }

  quantity(i: number): string | null {
    const v = this.optional(i);
    if (v === null || v === '') return null;
    if (!/^-?\d+(\.\d+)?$/.test(v)) return this.fail('quantity_invalid', `kvantiteten "${v}" är inte ett tal`, `quantity "${v}" is not a number`);
    return v;
  }

  objectList(i: number, required: boolean): SieObjectRef[] | null {
    const f = this.rec.fields[i];
    if (!f) return required ? this.fail('field_missing', 'objektlista saknas', 'object list is missing') : [];
    if (f.kind !== 'list') return this.fail('field_invalid', `fält ${i + 1} ska vara en objektlista {…}`, `field ${i + 1} must be an object list {…}`);
    if (f.items.length % 2 !== 0) return this.fail('field_invalid', 'objektlistan ska bestå av par (dimension, objekt)', 'the object list must consist of (dimension, object) pairs');
    const out: SieObjectRef[] = [];
    for (let k = 0; k < f.items.length; k += 2) {
      const dim = f.items[k] as string;
      if (!/^\d{1,9}$/.test(dim)) return this.fail('field_invalid', `dimensionsnumret "${dim}" i objektlistan är inte ett tal`, `dimension number "${dim}" in the object list is not a number`);
      out.push({ dimension: Number(dim), code: f.items[k + 1] as string });
    }
    return out;
  }

  transaction(kind: SieTransactionKind): SieTransaction | null {
    const account = this.account(0);
    const objects = this.objectList(1, true);
    const amountOre = objects === null && !this.rec.fields[2] ? null : this.amount(2);
    const date = this.date(3, 'transdat', false);
    const text = this.optional(4);
    const quantity = this.quantity(5);
    const sign = this.optional(6);
    if (account === null || objects === null || amountOre === null) return null;
    return { kind, account, objects, amountOre, date, text: text === '' ? null : text, quantity, sign: sign === '' ? null : sign };
  }

  voucher(): SieVoucher | null {
    const series = this.optional(0) ?? '';
    const number = this.optional(1) ?? '';
    const date = this.date(2, 'verdatum', true);
    const text = this.optional(3) ?? '';
    const regDate = this.date(4, 'regdatum', false);
    const sign = this.optional(5);
    if (number !== '' && !/^\d+$/.test(number)) this.issues.warn(this.line, 'voucher_number_format', { sv: `Verifikationsnumret "${number}" är inte numeriskt`, en: `Voucher number "${number}" is not numeric` });
    if (date === null) return null;
    return { series, number, date, text, regDate, sign: sign === '' ? null : sign, transactions: [] };
  }

  balance(kind: SieBalanceKind): SieBalance | null {
    const year = this.int(0, 'årsnr');
    let i = 1;
    let period: string | null = null;
    if (kind === 'PSALDO' || kind === 'PBUDGET') {
      period = this.required(1, 'period');
      if (period !== null && !(/^\d{6}$/.test(period) && Number(period.slice(4)) >= 1 && Number(period.slice(4)) <= 12)) {
        period = this.fail('date_invalid', `perioden "${period}" ska vara ÅÅÅÅMM`, `period "${period}" must be YYYYMM`);
      }
      i = 2;
    }
    const account = this.account(i);
    let objects: SieObjectRef[] | null = [];
    if (kind === 'OIB' || kind === 'OUB' || kind === 'PSALDO' || kind === 'PBUDGET') {
      const next = this.rec.fields[i + 1];
      if ((kind === 'PSALDO' || kind === 'PBUDGET') && next?.kind === 'text') {
        // Some exporters (BL Administration) leave out the empty object list of type-2 period records.
        this.issues.warn(this.line, 'object_list_missing', { sv: `${this.label}: objektlistan {} saknas`, en: `${this.label}: the object list {} is missing` });
      } else {
        objects = this.objectList(i + 1, true);
        i += 1;
      }
    }
    const amountOre = this.amount(i + 1);
    const quantity = this.quantity(i + 2);
    if (year === null || account === null || objects === null || amountOre === null) return null;
    if ((kind === 'PSALDO' || kind === 'PBUDGET') && period === null) return null;
    return { kind, yearIndex: year, period, account, objects, amountOre, quantity };
  }
}
