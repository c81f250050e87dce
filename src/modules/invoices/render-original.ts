// The human view (fakturabild) of a stored invoice, rendered from its original bytes.
import { renderInvoiceHtml } from '../../formats/peppol/render-html.ts';
import { readDocument } from '../../formats/peppol/document.ts';
import { unwrapSbdh } from '../../formats/sbdh/unwrap.ts';
import { MAX_DOCUMENT_BYTES } from './ingest-document.ts';

export function renderOriginal(bytes: Uint8Array): string | null {
  const env = unwrapSbdh(bytes, MAX_DOCUMENT_BYTES);
  const payload = env.kind === 'envelope' ? env.envelope.payload : bytes;
  const read = readDocument(payload, { maxBytes: MAX_DOCUMENT_BYTES });
  if (!read.ok) return null;
  return renderInvoiceHtml(read.doc.invoice, { syntax: read.doc.syntax });
}
