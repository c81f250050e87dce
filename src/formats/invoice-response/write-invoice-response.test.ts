import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseXml } from '../xml/parse.ts';
import { reasonForRule, writeInvoiceResponse } from './write-invoice-response.ts';

test('writes a well-formed T111 rejection with escaped reasons', () => {
  const xml = writeInvoiceResponse({
    id: 'ir-1', issueDate: '2026-11-26', issueTime: '12:00:00',
    sender: { endpointId: '2120002411', endpointScheme: '0007', name: 'Exempel kommun' },
    receiver: { endpointId: '5567321707', endpointScheme: '0007', name: 'Kontor & Papper AB' },
    responseCode: 'RE',
    statuses: [{ reason: 'LEG', text: 'BR-CO-15: <summan> stämmer inte & "fel"' }, { reason: 'REF', text: 'Referens saknas' }],
    invoice: { id: 'F-100', issueDate: '2026-11-20', typeCode: '380' },
  });
  const parsed = parseXml(xml);
  assert.ok(parsed.ok);
  if (!parsed.ok) return;
  assert.equal(parsed.root.local, 'ApplicationResponse');
  const find = (el: typeof parsed.root, local: string): typeof parsed.root[] => [
    ...el.children.filter((c) => c.local === local), ...el.children.flatMap((c) => find(c, local)),
  ];
  assert.deepEqual(find(parsed.root, 'StatusReasonCode').map((e) => e.text), ['LEG', 'REF']);
  assert.equal(find(parsed.root, 'StatusReason')[0]!.text, 'BR-CO-15: <summan> stämmer inte & "fel"');
  assert.equal(find(parsed.root, 'ResponseCode')[0]!.text, 'RE');
  assert.equal(find(parsed.root, 'CustomizationID')[0]!.text, 'urn:fdc:peppol.eu:poacc:trns:invoice_response:3');
});

test('maps rules to status reasons', () => {
  assert.equal(reasonForRule('PEPPOL-EN16931-R003'), 'REF');
  assert.equal(reasonForRule('BR-S-08'), 'LEG');
  assert.equal(reasonForRule('BR-CO-15'), 'OTH');
  assert.equal(reasonForRule('AVROP-XML-001'), 'UNR');
});
