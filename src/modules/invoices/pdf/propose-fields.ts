// Pure: proposes invoice fields from the text of a PDF invoice, the way Swedish invoices label them.
// Every proposal is only a proposal: the clerk confirms and completes it.
import { luhnValid } from '../../../formats/identifiers/index.ts';

export type PdfProposal = {
  supplierId: string | null; supplierName: string | null;
  orgNumber: string | null; vatNumber: string | null; bankgiro: string | null; plusgiro: string | null;
  invoiceNumber: string | null; issueDate: string | null; dueDate: string | null; currency: string;
  netAmount: string | null; vatAmount: string | null; grossAmount: string | null; ocr: string | null; buyerReference: string | null;
};

/** "1 250,00" / "1.250,00" / "1250.00" / "1 250:-" → "1250.00" */
export function parseSwedishAmount(raw: string): string | null {
  let s = raw.replace(/[\s\u00a0]/g, '').replace(/:-$/, ',00').replace(/kr$/i, '');
  if (/^\d{1,3}(\.\d{3})+,\d{2}$/.test(s)) s = s.replace(/\./g, '');
  const m = /^(-)?(\d+)(?:[.,](\d{1,2}))?$/.exec(s);
  if (!m) return null;
  return `${m[1] ?? ''}${m[2]}.${(m[3] ?? '00').padEnd(2, '0')}`;
}

function normaliseDate(raw: string): string | null {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(raw) ?? /^(\d{2})(\d{2})(\d{2})$/.exec(raw);
  if (!m) return null;
  const y = m[1]!.length === 2 ? `20${m[1]}` : m[1]!;
  const d = new Date(Date.UTC(Number(y), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]) ? `${y}-${m[2]}-${m[3]}` : null;
}

const amountPattern = '(-?\\d{1,3}(?:[ \\u00a0.]\\d{3})*(?:[.,]\\d{2})|-?\\d+(?:[.,]\\d{2})?)';
const datePattern = '(\\d{4}-\\d{2}-\\d{2}|\\d{8})';

function after(text: string, labels: string, value: string, lineStart = false): string | null {
  const re = new RegExp(`${lineStart ? '(?:^|\\n)\\s*' : ''}(?:${labels})\\s*[:.]?\\s*(?:[A-Za-zåäöÅÄÖ ]{0,20}[:]\\s*)?${value}`, 'i');
  return re.exec(text)?.[1] ?? null;
}

export function proposeFields(text: string): Omit<PdfProposal, 'supplierId' | 'supplierName'> {
  const t = text.replace(/\u00a0/g, ' ');
  const org = /\b(\d{6})-?(\d{4})\b(?=[^\d]|$)/.exec(after(t, 'org\\.? ?nr|organisationsnummer|org\\.nummer|orgnr', '(\\d{6}-?\\d{4})') ?? '');
  const orgNumber = org && luhnValid(`${org[1]}${org[2]}`) ? `${org[1]}-${org[2]}` : null;
  const vat = /\bSE\s?(\d{10})\s?01\b/i.exec(t);
  const bg = after(t, 'bankgiro|bg\\.? ?nr|bg', '(\\d{3,4}-\\d{4})');
  const pg = after(t, 'plusgiro|pg\\.? ?nr|pg', '(\\d{1,7}-\\d)');
  const ocrRaw = after(t, 'ocr(?:-?nummer)?|ocr-nr|betalningsreferens', '(\\d{2,25})');
  const gross = after(t, 'att betala|summa att betala|belopp att betala|totalt att betala|att erlägga|totalsumma|summa inkl\\.? moms|totalt inkl\\.? moms', amountPattern);
  const vatAmount = after(t, 'moms(?:belopp)?(?: \\d{1,2} ?%)?|mervärdesskatt(?: \\d{1,2} ?%)?|summa moms|varav moms', amountPattern, true)
    // On one long line (no line breaks): "Moms" not preceded by "exkl."/"inkl."
    ?? (/(?<!exkl\.? |inkl\.? |exklusive |inklusive )\bmoms(?: \d{1,2} ?%)?\s*:?\s*(-?\d{1,3}(?:[ .]\d{3})*(?:[.,]\d{2})|-?\d+(?:[.,]\d{2}))/i.exec(t)?.[1] ?? null);
  const net = after(t, 'summa exkl\\.? moms|netto|belopp exkl\\.? moms|totalt exkl\\.? moms|exkl\\.? moms', amountPattern);
  // An invoice number has at least one digit ("Faktura Arbetskläder AB" names no number).
  const number = after(t, 'fakturanummer|fakturanr\\.?|faktura nr\\.?|faktura', '((?=[A-Z0-9/-]*\\d)[A-Z0-9][A-Z0-9/-]{1,30})\\b');
  const issue = after(t, 'fakturadatum|datum', datePattern);
  const due = after(t, 'förfallodatum|förfallodag|förfaller|att betala senast|betalas senast|sista betalningsdag', datePattern);
  const ref = after(t, 'er referens|ert referensnummer|referens|beställare|ref\\.?', '([^\\n]{2,40})');
  return {
    orgNumber,
    vatNumber: vat ? `SE${vat[1]}01` : null,
    bankgiro: bg && luhnValid(bg.replace('-', '')) ? bg : null,
    plusgiro: pg && luhnValid(pg.replace('-', '')) ? pg : null,
    invoiceNumber: number,
    issueDate: issue ? normaliseDate(issue) : null,
    dueDate: due ? normaliseDate(due) : null,
    currency: /\bEUR\b|€/.test(t) && !/\bSEK\b|\bkr\b/i.test(t) ? 'EUR' : 'SEK',
    netAmount: net ? parseSwedishAmount(net) : null,
    vatAmount: vatAmount ? parseSwedishAmount(vatAmount) : null,
    grossAmount: gross ? parseSwedishAmount(gross) : null,
    ocr: ocrRaw && luhnValid(ocrRaw) ? ocrRaw : null,
    buyerReference: ref ? ref.trim() : null,
  };
}
