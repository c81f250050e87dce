// HTTP routes for PDF invoices: upload (text extracted, fields proposed), the draft, the file, confirm.
import { z } from 'zod';
import type { App, AppContext } from '../../../platform/http/types.ts';
import { actorOf, auth } from '../../../platform/http/request-context.ts';
import { decimalAmount, errorSchema, isoDate } from '../../../platform/http/schemas.ts';
import { AppError } from '../../../platform/errors.ts';
import { getPdfDraft, getPdfFile, uploadPdf } from './upload-pdf.ts';
import { confirmPdf } from './confirm-pdf.ts';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema, 413: errorSchema, 415: errorSchema };
const clerks = ['fakturahanterare', 'systemforvaltare'] as const;
const proposal = z.object({
  supplierId: z.string().nullable(), supplierName: z.string().nullable(), orgNumber: z.string().nullable(), vatNumber: z.string().nullable(),
  bankgiro: z.string().nullable(), plusgiro: z.string().nullable(), invoiceNumber: z.string().nullable(), issueDate: z.string().nullable(),
  dueDate: z.string().nullable(), currency: z.string(), netAmount: z.string().nullable(), vatAmount: z.string().nullable(), grossAmount: z.string().nullable(),
  ocr: z.string().nullable(), buyerReference: z.string().nullable(),
});
const draft = z.object({ draftId: z.string(), status: z.enum(['draft', 'confirmed']), invoiceId: z.string().nullable(), proposal, text: z.string(), filename: z.string().nullable() });
const draftParam = z.object({ draftId: z.string().max(64) });

export function registerPdfRoutes(app: App, { db }: AppContext): void {
  app.post('/api/invoices/pdf', {
    config: { access: clerks },
    bodyLimit: 21 * 1024 * 1024,
    schema: {
      tags: ['invoices'], summary: 'Ta emot en PDF-faktura (rå PDF i kroppen): texten läses ut och fält föreslås för fakturahanteraren att bekräfta',
      querystring: z.object({ filename: z.string().max(200).optional() }),
      response: { 201: draft, ...errors },
    },
  }, async (req, reply) => {
    if (!Buffer.isBuffer(req.body)) throw new AppError('unsupported_media_type', { sv: 'Skicka PDF-filen som application/pdf.', en: 'Send the PDF as application/pdf.' });
    return reply.status(201).send(await uploadPdf(db, auth(req).tenant.id, actorOf(req), { bytes: req.body, filename: req.query.filename ?? null }));
  });

  app.get('/api/invoices/pdf/:draftId', {
    config: { access: clerks },
    schema: { tags: ['invoices'], summary: 'Ett PDF-utkast med föreslagna fält och utläst text', params: draftParam, response: { 200: draft, ...errors } },
  }, async (req) => getPdfDraft(db, auth(req).tenant.id, req.params.draftId));

  app.get('/api/invoices/pdf/:draftId/file', {
    config: { access: clerks },
    schema: { tags: ['invoices'], summary: 'PDF-filen, oförändrad', params: draftParam },
  }, async (req, reply) => {
    const f = await getPdfFile(db, auth(req).tenant.id, req.params.draftId);
    void reply.header('content-type', 'application/pdf').header('content-disposition', 'inline; filename="faktura.pdf"')
      .header('x-content-type-options', 'nosniff').header('content-security-policy', "default-src 'none'; sandbox");
    return reply.send(f.bytes);
  });

  app.post('/api/invoices/pdf/:draftId/confirm', {
    config: { access: clerks },
    schema: {
      tags: ['invoices'], summary: 'Bekräfta PDF-fakturans uppgifter: fakturan registreras (märkt PDF)',
      params: draftParam,
      body: z.strictObject({
        supplierId: z.string().max(64), invoiceNumber: z.string().min(1).max(60), issueDate: isoDate, dueDate: isoDate, currency: z.string().length(3),
        netAmount: decimalAmount, vatAmount: decimalAmount, grossAmount: decimalAmount, ocr: z.string().max(30).nullable().optional(),
        buyerReference: z.string().max(100).nullable().optional(), isCreditNote: z.boolean().optional(),
      }),
      response: { 201: z.object({ invoiceId: z.string(), outcome: z.enum(['registered', 'suspected-duplicate']) }), ...errors },
    },
  }, async (req, reply) => reply.status(201).send(await confirmPdf(db, auth(req).tenant.id, actorOf(req), req.params.draftId, req.body)));
}
