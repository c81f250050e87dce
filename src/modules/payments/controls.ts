// Payment controls (pure): which of the supplier's accounts an invoice is paid to, and what holds it
// until a second person releases it. What municipalities buy as a separate service, built in.
export type RegisteredAccount = { id: string; type: 'bankgiro' | 'plusgiro' | 'bank' | 'iban'; clearing: string; number: string; bic: string | null; verified: boolean; since: string; ended: boolean };
export type StatedAccount = { type: string; id: string };
export type HoldReason = 'unverified_account' | 'account_mismatch' | 'account_changed' | 'giro_mixup' | 'new_supplier_large' | 'duplicate' | 'no_fskatt' | 'over_limit' | 'blocked_supplier';
export type Hold = { reason: HoldReason; detail: string };

export type ControlInput = {
  amountOre: bigint;
  isCreditNote: boolean;
  stated: StatedAccount[];
  supplier: { name: string; blocked: boolean; fSkatt: boolean | null; accounts: RegisteredAccount[] };
  /** Invoices of this supplier paid or in payment before (0 = first). */
  earlierPayments: number;
  /** When the supplier entered the register ('YYYY-MM-DD'): a supplier is new for its first 180 days. */
  supplierSince: string;
  /** Another invoice of the supplier with the same amount and date, or the same OCR, already paid or proposed. */
  duplicateOf: string | null;
  today: string;
  limits: { accountChangeDays: number; newSupplierLimitOre: bigint; maxPaymentOre: bigint };
};

const digits = (s: string) => s.replace(/\D/g, '');
const label: Record<RegisteredAccount['type'], string> = { bankgiro: 'bankgiro', plusgiro: 'plusgiro', bank: 'bankkonto', iban: 'IBAN' };
const kr = (ore: bigint) => `${(ore / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ' ')} kr`;

function sameAccount(r: RegisteredAccount, s: StatedAccount): boolean {
  const t = s.type === 'bank' ? 'bank' : s.type;
  if (t !== r.type) return false;
  if (r.type === 'iban') return s.id.replace(/\s/g, '').toUpperCase() === r.number;
  return digits(s.id) === digits(`${r.type === 'bank' ? r.clearing : ''}${r.number}`) || digits(s.id) === digits(r.number);
}

export const NEW_SUPPLIER_DAYS = 180;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The account to pay and the holds. A credit note is never paid out: it only nets. */
export function paymentControls(i: ControlInput): { account: RegisteredAccount | null; holds: Hold[] } {
  const holds: Hold[] = [];
  const active = i.supplier.accounts.filter((a) => !a.ended);
  const verified = active.filter((a) => a.verified);
  if (i.supplier.blocked) holds.push({ reason: 'blocked_supplier', detail: `Leverantören ${i.supplier.name} är spärrad.` });
  // Giro mix-up: the invoice's bankgiro is the supplier's plusgiro (same digits), or the reverse.
  for (const s of i.stated) {
    const mixed = active.find((a) => (a.type === 'bankgiro' || a.type === 'plusgiro') && (s.type === 'bankgiro' || s.type === 'plusgiro') && s.type !== a.type && digits(s.id) === digits(a.number));
    if (mixed) holds.push({ reason: 'giro_mixup', detail: `Fakturan anger ${s.type} ${s.id}, men leverantörens konto med samma nummer är ett ${label[mixed.type]}.` });
  }
  const matching = verified.find((a) => i.stated.some((s) => sameAccount(a, s)));
  const account: RegisteredAccount | null = matching ?? (verified.length === 1 ? verified[0]! : verified.find((a) => a.type === 'bankgiro') ?? verified[0] ?? null);
  if (!account) {
    holds.push({ reason: 'unverified_account', detail: active.length ? 'Leverantörens betalkonto är inte verifierat av en andra person.' : 'Leverantören har inget registrerat betalkonto.' });
  } else if (i.stated.length && !matching && !holds.some((h) => h.reason === 'giro_mixup')) {
    holds.push({ reason: 'account_mismatch', detail: `Fakturan anger ${i.stated.map((s) => `${s.type} ${s.id}`).join(', ')}, men leverantörens registrerade konto är ${label[account.type]} ${account.type === 'bank' ? `${account.clearing}-` : ''}${account.number}.` });
  }
  if (account && daysBetween(account.since, i.today) < i.limits.accountChangeDays) {
    holds.push({ reason: 'account_changed', detail: `Betalkontot ändrades/verifierades ${account.since}, inom ${i.limits.accountChangeDays} dagar.` });
  }
  if (!i.isCreditNote) {
    if (i.earlierPayments === 0 && daysBetween(i.supplierSince, i.today) < NEW_SUPPLIER_DAYS && i.amountOre > i.limits.newSupplierLimitOre) holds.push({ reason: 'new_supplier_large', detail: `Första betalningen till leverantören är ${kr(i.amountOre)} (gräns ${kr(i.limits.newSupplierLimitOre)}).` });
    if (i.amountOre > i.limits.maxPaymentOre) holds.push({ reason: 'over_limit', detail: `Beloppet ${kr(i.amountOre)} överstiger betalningsgränsen ${kr(i.limits.maxPaymentOre)}.` });
  }
  if (i.duplicateOf) holds.push({ reason: 'duplicate', detail: `Samma belopp och datum eller samma OCR som faktura ${i.duplicateOf}, som redan är betald eller föreslagen.` });
  if (i.supplier.fSkatt === false) holds.push({ reason: 'no_fskatt', detail: 'Leverantören saknar F-skatt: kontrollera skatteavdrag innan betalning.' });
  return { account, holds };
}
