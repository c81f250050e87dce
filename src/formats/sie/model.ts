// The parsed content of a SIE file (types 1–4) and the input of the SIE 4I writer.
// Amounts are exact integer öre (bigint); dates are 'YYYY-MM-DD'; account numbers are digit strings.

export type SieIssue = { line: number; code: string; message: string; messageEn: string };

export type SieEncoding = 'cp437' | 'utf-8' | 'iso-8859-15';

export type SieReadOptions = {
  /**
   * 'cp437' (default): the file must be PC8/CP437 as the spec requires; a file that is recognisably UTF-8 or
   * ISO-8859-1/-15 is rejected (error `encoding_utf8` / `encoding_latin`).
   * 'auto': such a file is decoded in the detected encoding and read, with a warning of the same code.
   */
  encoding?: 'cp437' | 'auto';
  /** Default 200 MB. */
  maxBytes?: number;
  /** Longest accepted line in characters (default 10 000). */
  maxLineLength?: number;
};

export type SieObjectRef = { dimension: number; code: string };

export type SieAccount = {
  number: string;
  name: string;
  /** #KTYP: T tillgång, S skuld, K kostnad, I intäkt. */
  type: 'T' | 'S' | 'K' | 'I' | null;
  /** #SRU codes (an account may carry several). */
  sru: string[];
  /** #ENHET */
  unit: string | null;
};

export type SieDimension = { number: number; name: string; parent: number | null };
export type SieObject = { dimension: number; code: string; name: string };
export type SieFiscalYear = { yearIndex: number; start: string; end: string };

export type SieBalanceKind = 'IB' | 'UB' | 'RES' | 'OIB' | 'OUB' | 'PSALDO' | 'PBUDGET';
export type SieBalance = {
  kind: SieBalanceKind;
  /** 0 = current year, -1 previous … (#RAR). */
  yearIndex: number;
  /** 'YYYYMM' for #PSALDO / #PBUDGET, else null. */
  period: string | null;
  account: string;
  objects: SieObjectRef[];
  amountOre: bigint;
  quantity: string | null;
};

/** 'trans' = #TRANS; 'added' = #RTRANS (its twin #TRANS is not listed again); 'removed' = #BTRANS. */
export type SieTransactionKind = 'trans' | 'added' | 'removed';

export type SieTransaction = {
  kind: SieTransactionKind;
  account: string;
  objects: SieObjectRef[];
  amountOre: bigint;
  /** Transaction date, or null (= the voucher date). */
  date: string | null;
  text: string | null;
  /** Decimal string, as written. */
  quantity: string | null;
  sign: string | null;
};

export type SieVoucher = {
  /** May be '' in 4I files (the importing program assigns it). */
  series: string;
  number: string;
  date: string;
  text: string;
  regDate: string | null;
  sign: string | null;
  /** In file order. The voucher balances over kinds 'trans' and 'added'. */
  transactions: SieTransaction[];
};

export type SieChecksum = { status: 'absent' } | { status: 'valid'; value: number };

export type SieFile = {
  encoding: SieEncoding;
  flag: '0' | '1';
  program: { name: string; version: string | null };
  format: string | null;
  generated: { date: string; sign: string | null };
  sieType: '1' | '2' | '3' | '4';
  /** For type 4: '4E' when the file carries balances (#IB/#UB/#RES…), else '4I' (transactions only). */
  variant: '1' | '2' | '3' | '4E' | '4I';
  companyName: string;
  orgNumber: string | null;
  companyId: string | null;
  companyType: string | null;
  address: { contact: string; street: string; postal: string; phone: string } | null;
  currency: string | null;
  chartOfAccountsType: string | null;
  taxYear: number | null;
  coverageDate: string | null;
  prosa: string | null;
  fiscalYears: SieFiscalYear[];
  accounts: SieAccount[];
  dimensions: SieDimension[];
  objects: SieObject[];
  balances: SieBalance[];
  vouchers: SieVoucher[];
  checksum: SieChecksum;
};

export type SieReadResult = { ok: boolean; file: SieFile | null; errors: SieIssue[]; warnings: SieIssue[] };

// ---- writer input ----------------------------------------------------------------------------------------

export type SieExportTransaction = {
  account: string;
  objects: SieObjectRef[];
  amountOre: bigint;
  date?: string;
  text?: string;
};

export type SieExportVoucher = {
  series: string;
  number: string;
  date: string;
  text: string;
  regDate?: string;
  transactions: SieExportTransaction[];
};

export type SieExport = {
  program: { name: string; version: string };
  /** 'YYYY-MM-DD' */
  generatedOn: string;
  generatedBy?: string;
  orgNumber: string;
  companyName: string;
  accounts: { number: string; name: string }[];
  dimensions: { number: number; name: string }[];
  objects: SieObject[];
  vouchers: SieExportVoucher[];
  checksum: boolean;
};
