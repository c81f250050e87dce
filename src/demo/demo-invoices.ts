// Demo invoices: real Peppol BIS 3 UBL documents from the demo suppliers to Exempel kommun, spread
// over the last twelve months — several VAT rates, credit notes, allowances and charges, attachments,
// a collective invoice, a few broken ones, an unknown supplier and duplicates — so the intake
// pipeline has something realistic to chew on. Deterministic (seeded) so every demo looks the same.
import { writeUblInvoice, type UblLine, type UblParty } from '../formats/ubl-writer/write-invoice.ts';
import { luhnCheckDigit } from '../formats/identifiers/index.ts';

export type DemoSupplierRef = { name: string; orgNumber: string; vatNumber: string | null; endpoint: { scheme: string; id: string } | null; bankgiro: string | null; plusgiro: string | null; kind: string; city: string | null };
export type DemoDocument = { filename: string; xml: string };

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Item = { name: string; unit: string; min: number; max: number; vat: 0 | 6 | 12 | 25; cls?: string };
const catalogue: Record<string, Item[]> = {
  kontor: [
    { name: 'Kopieringspapper A4 80 g, 500 ark', unit: 'XPK', min: 4500, max: 6500, vat: 25, cls: '44121600' },
    { name: 'Kulspetspenna blå, 10-pack', unit: 'XPK', min: 3900, max: 6900, vat: 25, cls: '44121700' },
    { name: 'Pärm A4 bred', unit: 'EA', min: 2900, max: 4900, vat: 25 },
    { name: 'Toner svart', unit: 'EA', min: 89000, max: 149000, vat: 25, cls: '44103100' },
  ],
  livsmedel: [
    { name: 'Mjölk 3 % 10 liter', unit: 'EA', min: 9900, max: 13900, vat: 12 },
    { name: 'Potatis fast 10 kg', unit: 'EA', min: 8900, max: 12900, vat: 12 },
    { name: 'Kycklingfilé fryst 2,5 kg', unit: 'EA', min: 24900, max: 32900, vat: 12 },
    { name: 'Havregryn 5 kg', unit: 'EA', min: 7900, max: 9900, vat: 12 },
  ],
  bok: [
    { name: 'Matematikbok åk 4', unit: 'EA', min: 29900, max: 39900, vat: 6 },
    { name: 'Läsebok Svenska 2', unit: 'EA', min: 24900, max: 34900, vat: 6 },
    { name: 'Digital läromedelslicens, elev/år', unit: 'EA', min: 9900, max: 19900, vat: 25 },
  ],
  it: [
    { name: 'Bärbar dator 14"', unit: 'EA', min: 899000, max: 1299000, vat: 25, cls: '43211503' },
    { name: 'Drift och support, månad', unit: 'MON', min: 2500000, max: 4500000, vat: 25 },
    { name: 'Licens kontorsprogram, användare/månad', unit: 'EA', min: 9900, max: 14900, vat: 25 },
    { name: 'Dockningsstation USB-C', unit: 'EA', min: 149000, max: 249000, vat: 25 },
  ],
  tjanst: [
    { name: 'Städning enligt avtal, månad', unit: 'MON', min: 4500000, max: 9500000, vat: 25 },
    { name: 'Bevakning, timme', unit: 'HUR', min: 49500, max: 69500, vat: 25 },
    { name: 'Konsulttimme', unit: 'HUR', min: 95000, max: 145000, vat: 25 },
    { name: 'Fönsterputs', unit: 'EA', min: 250000, max: 650000, vat: 25 },
  ],
  energi: [
    { name: 'El, förbrukning', unit: 'KWH', min: 95, max: 185, vat: 25 },
    { name: 'Nätavgift, månad', unit: 'MON', min: 450000, max: 950000, vat: 25 },
  ],
  tele: [
    { name: 'Mobilabonnemang, månad', unit: 'EA', min: 19900, max: 34900, vat: 25 },
    { name: 'Fast bredband 1000/1000, månad', unit: 'MON', min: 299000, max: 599000, vat: 25 },
  ],
  bygg: [
    { name: 'Armatur LED', unit: 'EA', min: 49900, max: 129900, vat: 25 },
    { name: 'Elektrikertimme', unit: 'HUR', min: 59500, max: 79500, vat: 25 },
    { name: 'Färg vit 10 l', unit: 'EA', min: 89900, max: 129900, vat: 25 },
  ],
  vard: [
    { name: 'Inkontinensskydd, kartong', unit: 'EA', min: 39900, max: 69900, vat: 25 },
    { name: 'Rullator', unit: 'EA', min: 249900, max: 399900, vat: 25 },
    { name: 'Engångshandskar nitril, 100 st', unit: 'XPK', min: 6900, max: 11900, vat: 25 },
  ],
  fordon: [
    { name: 'Leasing personbil, månad', unit: 'MON', min: 450000, max: 650000, vat: 25 },
    { name: 'Service personbil', unit: 'EA', min: 250000, max: 450000, vat: 25 },
  ],
};

export function categoryFor(kind: string): keyof typeof catalogue {
  const k = kind.toLowerCase();
  if (/livsmedel|mejeri|kött|bröd|frukt/.test(k)) return 'livsmedel';
  if (/läromedel|bok|bibliotek/.test(k)) return 'bok';
  if (/it|data|program|licens/.test(k)) return 'it';
  if (/städ|bevakning|konsult|tjänst|vikarie|rekryter|utbildning|revision/.test(k)) return 'tjanst';
  if (/(^|[^a-zåäö])el\b|energi|värme|fjärr/.test(k)) return 'energi';
  if (/tele|mobil|bredband/.test(k)) return 'tele';
  if (/bygg|fastighet|måleri|elinstallation|vvs/.test(k)) return 'bygg';
  if (/vård|hjälpmedel|omsorg|sjukvård/.test(k)) return 'vard';
  if (/bil|fordon|leasing|transport/.test(k)) return 'fordon';
  return 'kontor';
}

const references = ['KS4411', 'KS4450', 'KS4440', 'SN5110', 'SN5120', 'UN6110', 'UN6120', 'SB7110', 'SB7210', 'Ref: ks 4411 Anna', 'ks4411', 'Er ref: SN 5110 Maja', 'un-6110', 'KS4411', 'SN5110', 'Anna Berg', 'Skolan'];

/** The expense account each kind of supplier is usually coded to (the demo's supplier rules). */
export const demoKontoByCategory: Record<string, string> = {
  kontor: '6430', livsmedel: '6440', bok: '6450', it: '6510', tjanst: '6620', energi: '6210', tele: '6520', bygg: '6420', vard: '6420', fordon: '6150',
};
const ansvar = ['4401', '4410', '4411', '4420', '4430', '4440', '4450', '5110', '5120', '5210', '6110', '6120', '7110', '7210'];

function addDays(iso: string, n: number): string {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** A minimal valid one-page PDF with text (lines split on \n), Helvetica in WinAnsi so å, ä, ö show. */
export function tinyPdf(text: string): Uint8Array {
  const lines = text.split('\n').flatMap((l) => l.match(/.{1,90}(\s|$)|\S+/g) ?? ['']);
  const body = lines.map((l, i) => `${i === 0 ? '50 790 Td' : '0 -16 Td'} (${l.trim().replace(/[()\\]/g, '')}) Tj`).join('\n');
  const stream = `BT /F1 11 Tf\n${body}\nET`;
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => { offsets.push(Buffer.byteLength(out, 'latin1')); out += `${i + 1} 0 obj\n${o}\nendobj\n`; });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

function ocr(base: string): string {
  const withLength = `${base}${(base.length + 2) % 10}`;
  return `${withLength}${luhnCheckDigit(withLength)}`;
}

export function generateDemoInvoices(suppliers: readonly DemoSupplierRef[], buyer: UblParty, opts: { count: number; today: string; seed?: number }): DemoDocument[] {
  const rand = rng(opts.seed ?? 2411);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const between = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
  const usable = suppliers.filter((s) => s.endpoint && (s.bankgiro || s.plusgiro));
  const docs: DemoDocument[] = [];
  const issued: { number: string; supplier: DemoSupplierRef; xml: string }[] = [];
  const party = (s: DemoSupplierRef): UblParty => ({
    name: s.name, orgNumber: s.orgNumber.replace('-', ''), endpoint: s.endpoint!, vatNumber: s.vatNumber ?? `SE${s.orgNumber.replace('-', '')}01`,
    street: 'Industrigatan 1', city: s.city ?? 'Stockholm', postalCode: '11122', fSkatt: true,
  });
  for (let i = 0; i < opts.count; i++) {
    const s = pick(usable);
    const cat = catalogue[categoryFor(s.kind)]!;
    const issueDate = addDays(opts.today, -between(0, 360));
    const lineCount = rand() < 0.7 ? between(1, 4) : between(5, 12);
    const lines: UblLine[] = [];
    for (let l = 0; l < lineCount; l++) {
      const it = pick(cat);
      const unitEl = it.unit === 'KWH';
      lines.push({
        description: it.name, unitCode: it.unit, vatRate: it.vat, unitPriceOre: BigInt(between(it.min, it.max)),
        quantity: unitEl ? String(between(800, 9000)) : it.unit === 'HUR' ? String(between(1, 40)) : String(between(1, 20)),
        sellersItemId: `ART-${between(1000, 9999)}`, ...(it.cls ? { classification: { code: it.cls, listId: 'STI' } } : {}),
      });
    }
    const number = `${s.name.slice(0, 2).toUpperCase()}${issueDate.replace(/-/g, '').slice(2, 6)}-${1000 + i}`;
    const withCharges = rand() < 0.15;
    const withAttachment = rand() < 0.1;
    const xml = writeUblInvoice({
      number, issueDate, dueDate: addDays(issueDate, 30), buyerReference: pick(references) || undefined, seller: party(s), buyer,
      ...(rand() < 0.2 ? { orderReference: `EK-${between(10000, 99999)}` } : {}),
      payment: { ...(s.bankgiro ? { bankgiro: s.bankgiro.replace(/\D/g, '') } : { plusgiro: s.plusgiro!.replace(/\D/g, '') }), ocr: ocr(String(100000 + i)), terms: '30 dagar netto' },
      ...(withCharges ? { allowancesCharges: [{ charge: true, reason: 'Frakt', amountOre: BigInt(between(4900, 29900)), vatRate: 25 }, { charge: false, reason: 'Avtalsrabatt', amountOre: BigInt(between(1000, 5000)), vatRate: lines[0]!.vatRate }] } : {}),
      ...(withAttachment ? { attachments: [{ id: 'Specifikation', description: 'Specifikation', filename: `specifikation-${number}.pdf`, mimeCode: 'application/pdf', content: tinyPdf(`Specifikation till faktura ${number}`) }] } : {}),
      lines,
    });
    issued.push({ number, supplier: s, xml });
    docs.push({ filename: `${number}.xml`, xml });
  }
  // Credit notes for a few earlier invoices.
  for (let i = 0; i < Math.max(1, Math.floor(opts.count / 30)); i++) {
    const orig = issued[between(0, issued.length - 1)]!;
    const issueDate = addDays(opts.today, -between(0, 60));
    docs.push({
      filename: `KREDIT-${orig.number}.xml`,
      xml: writeUblInvoice({
        kind: 'creditnote', number: `K-${orig.number}`, issueDate, dueDate: addDays(issueDate, 30), precedingInvoice: orig.number, buyerReference: 'KS4411',
        seller: party(orig.supplier), buyer, payment: orig.supplier.bankgiro ? { bankgiro: orig.supplier.bankgiro.replace(/\D/g, '') } : { plusgiro: orig.supplier.plusgiro!.replace(/\D/g, '') },
        note: 'Kreditering av felaktigt debiterad vara', lines: [{ description: 'Kreditering, returnerad vara', quantity: '1', unitPriceOre: BigInt(between(10000, 90000)), vatRate: 25 }],
      }),
    });
  }
  // A collective invoice (samlingsfaktura) with many lines coded per line.
  const coll = usable.find((s) => categoryFor(s.kind) === 'kontor') ?? usable[0]!;
  const collDate = addDays(opts.today, -12);
  docs.push({
    filename: 'SAMLINGSFAKTURA-kontor.xml',
    xml: writeUblInvoice({
      number: `SAML-${collDate.replace(/-/g, '')}`, issueDate: collDate, dueDate: addDays(collDate, 30), buyerReference: 'Samlingsfaktura', seller: party(coll), buyer,
      payment: coll.bankgiro ? { bankgiro: coll.bankgiro.replace(/\D/g, ''), ocr: ocr('777001') } : { plusgiro: coll.plusgiro!.replace(/\D/g, '') },
      lines: Array.from({ length: 120 }, (_, k) => {
        const it = pick(catalogue.kontor!);
        return { description: it.name, unitCode: it.unit, quantity: String(between(1, 10)), unitPriceOre: BigInt(between(it.min, it.max)), vatRate: it.vat, accountingCost: pick(ansvar), note: `Beställare ${k % 7 + 1}` };
      }),
    }),
  });
  // Broken documents: wrong totals, missing buyer reference and order reference (Peppol R003).
  const broken = issued[0]!;
  docs.push({ filename: `FEL-summa-${broken.number}.xml`, xml: broken.xml.replace(/<cbc:PayableAmount currencyID="SEK">([\d.]+)</, (_m, v: string) => `<cbc:PayableAmount currencyID="SEK">${(Number(v.split('.')[0]) + 100)}.${v.split('.')[1]}<`).replace(`<cbc:ID>${broken.number}</cbc:ID>`, `<cbc:ID>${broken.number}-F</cbc:ID>`) });
  const noRef = issued[1]!;
  docs.push({ filename: `FEL-referens-${noRef.number}.xml`, xml: noRef.xml.replace(/\s*<cbc:BuyerReference>[^<]*<\/cbc:BuyerReference>/, '').replace(/\s*<cac:OrderReference>.*?<\/cac:OrderReference>/, '').replace(`<cbc:ID>${noRef.number}</cbc:ID>`, `<cbc:ID>${noRef.number}-R</cbc:ID>`) });
  // A supplier that is not in the register: intake registers the invoice and opens an onboarding task.
  const stranger: UblParty = { name: 'Nya Hantverkarna i Exempelby AB', orgNumber: '5590123450', endpoint: { scheme: '0007', id: '5590123450' }, vatNumber: 'SE559012345001', city: 'Exempelby', postalCode: '95281', street: 'Verkstadsvägen 2', fSkatt: true };
  const strangerDate = addDays(opts.today, -5);
  docs.push({ filename: 'NY-LEVERANTOR.xml', xml: writeUblInvoice({ number: 'NH-2026-001', issueDate: strangerDate, dueDate: addDays(strangerDate, 30), buyerReference: 'SB7210', seller: stranger, buyer, payment: { bankgiro: '56771231' }, lines: [{ description: 'Reparation av trappräcke', quantity: '6', unitCode: 'HUR', unitPriceOre: 65000n, vatRate: 25 }] }) });
  // The same document delivered twice, and a corrected resend with the same invoice number.
  docs.push({ filename: `OMSANT-${issued[2]!.number}.xml`, xml: issued[2]!.xml });
  docs.push({ filename: `DUBBLETT-${issued[3]!.number}.xml`, xml: issued[3]!.xml.replace('<cbc:Note>', '<cbc:Note>Omsändning. ').replace('</cbc:DocumentCurrencyCode>', '</cbc:DocumentCurrencyCode>').replace('<cbc:DocumentCurrencyCode>', '<cbc:Note>Omsänd faktura</cbc:Note>\n  <cbc:DocumentCurrencyCode>') });
  return docs;
}
