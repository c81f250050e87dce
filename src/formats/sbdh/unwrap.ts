// Peppol access-point operators deliver business documents in an SBDH envelope
// (StandardBusinessDocument). This unwraps it: the payload document as text, and the envelope's
// sender and receiver participant ids. Pure: no I/O.
import { decodeXmlBytes, parseXml } from '../xml/parse.ts';
import type { XmlElement } from '../xml/types.ts';

export const SBDH_NS = 'http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader';

export type Envelope = {
  /** The payload document, exactly as it stands in the envelope. */
  payload: string;
  /** Participant ids such as `0007:2120002411` (scheme:value), or null when absent. */
  sender: string | null;
  receiver: string | null;
  instanceIdentifier: string | null;
  documentType: string | null;
};

export type UnwrapResult =
  | { kind: 'plain' }
  | { kind: 'envelope'; envelope: Envelope }
  | { kind: 'broken'; message: string; messageEn: string };

const child = (el: XmlElement | undefined, local: string): XmlElement | undefined => el?.children.find((c) => c.local === local);

/** Looks for an SBDH envelope. Anything that is not one is `plain` (the validator judges it). */
export function unwrapSbdh(bytes: Uint8Array, maxBytes?: number): UnwrapResult {
  // Cheap test first: only parse when the document could be an envelope.
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 2048));
  if (!head.includes('StandardBusinessDocument')) return { kind: 'plain' };
  const decoded = decodeXmlBytes(bytes, maxBytes);
  if (!decoded.ok) return { kind: 'plain' };
  const parsed = parseXml(decoded.text, maxBytes !== undefined ? { maxBytes } : {});
  if (!parsed.ok) return { kind: 'plain' };
  const root = parsed.root;
  if (root.local !== 'StandardBusinessDocument' || root.ns !== SBDH_NS) return { kind: 'plain' };
  const header = child(root, 'StandardBusinessDocumentHeader');
  const payloadEl = root.children.find((c) => c.local !== 'StandardBusinessDocumentHeader');
  if (!header || !payloadEl) {
    return { kind: 'broken', message: 'SBDH-kuvertet saknar huvud eller innehåll.', messageEn: 'The SBDH envelope lacks a header or a payload.' };
  }
  const text = parsed.text;
  const rootClose = text.lastIndexOf('</');
  const payload = text.slice(payloadEl.offset, rootClose).trimEnd();
  const participant = (el: XmlElement | undefined): string | null => {
    const id = child(el, 'Identifier');
    const value = id?.text.trim();
    return value ? value : null;
  };
  const docId = child(header, 'DocumentIdentification');
  return {
    kind: 'envelope',
    envelope: {
      payload,
      sender: participant(child(header, 'Sender')),
      receiver: participant(child(header, 'Receiver')),
      instanceIdentifier: child(docId, 'InstanceIdentifier')?.text.trim() || null,
      documentType: child(docId, 'Type')?.text.trim() || null,
    },
  };
}

/** Wraps a document in an SBDH envelope (for the outbox and for tests). */
export function wrapSbdh(payload: string, opts: { sender: string; receiver: string; instanceIdentifier: string; standard: string; type: string; createdAt: string }): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const body = payload.replace(/^<\?xml[^>]*\?>\s*/, '');
  return `<?xml version="1.0" encoding="UTF-8"?>
<StandardBusinessDocument xmlns="${SBDH_NS}">
  <StandardBusinessDocumentHeader>
    <HeaderVersion>1.0</HeaderVersion>
    <Sender><Identifier Authority="iso6523-actorid-upis">${esc(opts.sender)}</Identifier></Sender>
    <Receiver><Identifier Authority="iso6523-actorid-upis">${esc(opts.receiver)}</Identifier></Receiver>
    <DocumentIdentification>
      <Standard>${esc(opts.standard)}</Standard>
      <TypeVersion>2.1</TypeVersion>
      <InstanceIdentifier>${esc(opts.instanceIdentifier)}</InstanceIdentifier>
      <Type>${esc(opts.type)}</Type>
      <CreationDateAndTime>${esc(opts.createdAt)}</CreationDateAndTime>
    </DocumentIdentification>
  </StandardBusinessDocumentHeader>
  ${body}
</StandardBusinessDocument>
`;
}
