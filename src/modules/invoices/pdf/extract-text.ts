// Text from a PDF invoice (PDF.js, Mozilla). Nothing in the file is executed: no eval, no fonts
// loaded from the system, no scripts; size and page count are capped.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export const MAX_PDF_BYTES = 20 * 1024 * 1024;
export const MAX_PDF_PAGES = 30;

export type PdfText = { ok: true; text: string; pages: number } | { ok: false; reason: 'not-pdf' | 'too-large' | 'unreadable' | 'encrypted' };

export function looksLikePdf(bytes: Uint8Array): boolean {
  // "%PDF-" within the first kilobyte, as readers accept.
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  return head.includes('%PDF-');
}

export async function extractPdfText(bytes: Uint8Array): Promise<PdfText> {
  if (bytes.length > MAX_PDF_BYTES) return { ok: false, reason: 'too-large' };
  if (!looksLikePdf(bytes)) return { ok: false, reason: 'not-pdf' };
  try {
    const doc = await getDocument({
      data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0, stopAtErrors: false,
    }).promise;
    const pages = Math.min(doc.numPages, MAX_PDF_PAGES);
    const out: string[] = [];
    for (let p = 1; p <= pages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      // Keep line structure: an item that ends a line (hasEOL) or jumps vertically starts a new line.
      let line = '';
      let lastY: number | null = null;
      for (const item of content.items) {
        if (!('str' in item)) continue;
        const y = item.transform[5] as number;
        if (lastY !== null && Math.abs(y - lastY) > 2 && line) { out.push(line.trim()); line = ''; }
        line += (line && !line.endsWith(' ') ? ' ' : '') + item.str;
        lastY = y;
        if (item.hasEOL) { out.push(line.trim()); line = ''; lastY = null; }
      }
      if (line.trim()) out.push(line.trim());
      page.cleanup();
    }
    await doc.destroy();
    return { ok: true, text: out.join('\n'), pages };
  } catch (e) {
    return { ok: false, reason: (e as { name?: string }).name === 'PasswordException' ? 'encrypted' : 'unreadable' };
  }
}
