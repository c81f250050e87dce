// HTTP routes of invoice intake and the invoice views.
import { z } from 'zod';
import type { App, AppContext } from '../../platform/http/types.ts';
import { withTenant, type TenantTx } from '../../platform/db/tenant.ts';
import { actorOf, auth } from '../../platform/http/request-context.ts';
import { errorSchema, isoDate, decimalAmount } from '../../platform/http/schemas.ts';
import { AppError } from '../../platform/errors.ts';
import { todayInStockholm } from '../../platform/dates.ts';
import { parseOre } from '../../platform/money.ts';
import { ingestDocument } from './ingest-document.ts';
import { getAttachment, getInvoice, getOriginal, listInvoices } from './queries.ts';
import { renderOriginal } from './render-original.ts';
import { runInvoiceJobs } from './jobs.ts';
import { registerPdfRoutes } from './pdf/routes.ts';
import { assertMayReadInvoice, handlingView, handlingViewSchema } from '../handling/index.ts';
import { invoicePayment } from '../payments/index.ts';
import type { FastifyRequest } from 'fastify';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema, 413: errorSchema, 415: errorSchema };
const readers = ['fakturahanterare', 'ekonom', 'revisor', 'systemforvaltare', 'inkopscontroller', 'beslutsattestant'] as const;
const receivers = ['fakturahanterare', 'systemforvaltare'] as const;
const statusSchema = z.enum(['to_identify', 'to_code', 'to_review', 'to_approve', 'approved', 'disputed', 'rejected', 'suspected_duplicate', 'dismissed_duplicate']);
const findingSchema = z.object({ rule: z.string(), severity: z.enum(['fatal', 'warning']), message: z.string(), location: z.string() });
const listItem = z.object({
  id: z.string(), status: statusSchema, source: z.string(), format: z.string(), isCreditNote: z.boolean(), invoiceNumber: z.string().nullable(),
  issueDate: z.string().nullable(), dueDate: z.string().nullable(), daysToDue: z.number().nullable(), overdue: z.boolean(), currency: z.string().nullable(),
  supplierId: z.string().nullable(), sellerName: z.string().nullable(), sellerOrgNumber: z.string().nullable(), buyerReference: z.string().nullable(),
  orderReference: z.string().nullable(), netAmount: z.string().nullable(), vatAmount: z.string().nullable(), grossAmount: z.string().nullable(),
  payableAmount: z.string().nullable(), fatalCount: z.number(), warningCount: z.number(), receivedAt: z.string(), assignedTo: z.string().nullable(), assignedToName: z.string().nullable(),
});
const detail = listItem.extend({
  typeCode: z.string().nullable(), contractReference: z.string().nullable(), accountingReference: z.string().nullable(), sellerVatNumber: z.string().nullable(),
  sellerEndpoint: z.string().nullable(), buyerEndpoint: z.string().nullable(), paymentReference: z.string().nullable(),
  paymentAccounts: z.array(z.object({ type: z.string(), id: z.string(), scheme: z.string(), bic: z.string().nullable(), name: z.string().nullable() })),
  duplicateOf: z.string().nullable(), duplicateReason: z.string().nullable(), findings: z.array(findingSchema), version: z.number(),
  responseStatus: z.enum(['pending', 'written', 'not_sent']).nullable(),
  document: z.object({ id: z.string(), filename: z.string().nullable(), contentType: z.string(), sha256: z.string(), size: z.number(), source: z.string() }),
  lines: z.array(z.object({
    position: z.number(), lineId: z.string().nullable(), description: z.string().nullable(), note: z.string().nullable(), quantity: z.string().nullable(),
    unitCode: z.string().nullable(), netPrice: z.string().nullable(), netAmount: z.string().nullable(), vatCategory: z.string().nullable(), vatRate: z.string().nullable(),
    sellersItemId: z.string().nullable(), standardItemId: z.string().nullable(), classifications: z.array(z.object({ code: z.string(), listId: z.string().nullable() })),
    accountingReference: z.string().nullable(), orderLineReference: z.string().nullable(), periodStart: z.string().nullable(), periodEnd: z.string().nullable(),
  })),
  vat: z.array(z.object({ position: z.number(), category: z.string().nullable(), rate: z.string().nullable(), taxableAmount: z.string().nullable(), taxAmount: z.string().nullable(), exemptionReason: z.string().nullable() })),
  attachments: z.array(z.object({ position: z.number(), referenceId: z.string().nullable(), description: z.string().nullable(), filename: z.string().nullable(), mimeCode: z.string().nullable(), externalUri: z.string().nullable(), size: z.number().nullable() })),
}).merge(handlingViewSchema).extend({
  ledger: z.object({
    voucher: z.string().nullable(), accountingDate: z.string().nullable(), openItem: z.object({ amount: z.string(), status: z.enum(['open', 'paid']), paidOn: z.string().nullable() }).nullable(),
    payment: z.object({ proposal: z.number(), status: z.string(), endToEndId: z.string(), paidOn: z.string().nullable(), returnReason: z.string().nullable() }).nullable(),
    holds: z.array(z.object({ id: z.string(), reason: z.string(), detail: z.string() })),
  }),
});
const idParam = z.object({ id: z.string().max(64) });

/** The receiver, the approvers and the reader roles may read an invoice (its page, original, attachments). */
async function mayRead(tx: TenantTx, req: FastifyRequest & { params: { id: string } }): Promise<void> {
  const u = auth(req).user;
  await assertMayReadInvoice(tx, { id: u.id, username: u.username, roles: u.roles }, req.params.id);
}

const safeFilename = (s: string | null, fallback: string) => (s ?? fallback).replace(/[^\w.\-åäöÅÄÖ ]+/g, '_').slice(0, 120) || fallback;

export function registerInvoiceRoutes(app: App, ctx: AppContext): void {
  const { db, config } = ctx;
  registerPdfRoutes(app, ctx);
  app.get('/api/invoices', {
    config: { access: readers },
    schema: {
      tags: ['invoices'], summary: 'Fakturor (filtrerbar, sidindelad; sorteras på förfallodag)',
      querystring: z.object({
        status: statusSchema.optional(), supplierId: z.string().max(64).optional(), q: z.string().max(100).optional(), buyerReference: z.string().max(100).optional(), ansvar: z.string().max(30).optional(), assignedTo: z.string().max(40).optional(),
        issuedFrom: isoDate.optional(), issuedTo: isoDate.optional(), dueFrom: isoDate.optional(), dueTo: isoDate.optional(),
        minAmount: decimalAmount.optional(), maxAmount: decimalAmount.optional(), sort: z.enum(['due', 'received', 'amount']).optional(),
        limit: z.coerce.number().int().min(1).max(500).optional(), offset: z.coerce.number().int().min(0).optional(),
      }),
      response: { 200: z.object({ invoices: z.array(listItem), total: z.number() }), ...errors },
    },
  }, async (req) => {
    const q = req.query;
    return withTenant(db, auth(req).tenant.id, (tx) => listInvoices(tx, {
      ...q, minAmount: q.minAmount ? parseOre(q.minAmount) : undefined, maxAmount: q.maxAmount ? parseOre(q.maxAmount) : undefined, today: todayInStockholm(),
    }));
  });

  app.get('/api/invoices/:id', {
    config: { access: 'authenticated' },
    schema: { tags: ['invoices'], summary: 'En faktura med rader, moms, bilagor och valideringsresultat', params: idParam, response: { 200: detail, ...errors } },
  }, async (req) => {
    const today = todayInStockholm();
    const [inv, handling] = await withTenant(db, auth(req).tenant.id, async (tx) => { await mayRead(tx, req); return [await getInvoice(tx, req.params.id, today), { ...await handlingView(tx, req.params.id, today), ledger: await invoicePayment(tx, req.params.id) }] as const; });
    return { ...inv, ...handling, findings: inv.findings.map((f) => ({ rule: f.rule, severity: f.severity, message: req.lang === 'en' ? f.messageEn : f.message, location: f.location })) };
  });

  app.get('/api/invoices/:id/original', {
    config: { access: 'authenticated' },
    schema: { tags: ['invoices'], summary: 'Originaldokumentet, oförändrat (byte för byte)', params: idParam },
  }, async (req, reply) => {
    const o = await withTenant(db, auth(req).tenant.id, async (tx) => { await mayRead(tx, req); return getOriginal(tx, req.params.id); });
    void reply.header('content-type', o.contentType).header('content-disposition', `attachment; filename="${safeFilename(o.filename, `${req.params.id}.xml`)}"`)
      .header('x-content-type-options', 'nosniff');
    return reply.send(o.bytes);
  });

  app.get('/api/invoices/:id/attachments/:position', {
    config: { access: 'authenticated' },
    schema: { tags: ['invoices'], summary: 'En bilaga till fakturan', params: idParam.extend({ position: z.coerce.number().int().min(1) }), querystring: z.object({ inline: z.enum(['1', '0']).optional() }) },
  }, async (req, reply) => {
    const a = await withTenant(db, auth(req).tenant.id, async (tx) => { await mayRead(tx, req); return getAttachment(tx, req.params.id, req.params.position); });
    const inlineOk = req.query.inline === '1' && /^(application\/pdf|image\/(png|jpeg))$/.test(a.mimeCode ?? '');
    void reply.header('content-type', inlineOk ? a.mimeCode! : 'application/octet-stream')
      .header('content-disposition', `${inlineOk ? 'inline' : 'attachment'}; filename="${safeFilename(a.filename, `bilaga-${req.params.position}`)}"`)
      .header('x-content-type-options', 'nosniff').header('content-security-policy', "default-src 'none'; sandbox");
    return reply.send(a.bytes);
  });

  app.get('/api/invoices/:id/view', {
    config: { access: 'authenticated' },
    schema: { tags: ['invoices'], summary: 'Fakturabild: fakturan som läsbar HTML (svenska); för PDF-fakturor själva PDF-filen', params: idParam },
  }, async (req, reply) => {
    const o = await withTenant(db, auth(req).tenant.id, async (tx) => { await mayRead(tx, req); return getOriginal(tx, req.params.id); });
    if (o.contentType === 'application/pdf') {
      void reply.header('content-type', 'application/pdf').header('content-disposition', 'inline').header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox");
      return reply.send(o.bytes);
    }
    const html = renderOriginal(o.bytes);
    if (!html) throw new AppError('not_found', { sv: 'Dokumentet kan inte visas som faktura (se valideringsresultatet).', en: 'The document cannot be shown as an invoice (see the validation result).' });
    void reply.header('content-type', 'text/html; charset=utf-8').header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    return reply.send(html);
  });

  app.post('/api/invoices/inbound', {
    config: { access: receivers },
    bodyLimit: 110 * 1024 * 1024,
    schema: {
      tags: ['invoices'],
      summary: 'Ta emot en e-faktura (rå XML i kroppen: UBL, CII eller SBDH-kuvert). Samma dokument två gånger ger en faktura.',
      querystring: z.object({ filename: z.string().max(200).optional() }),
      response: {
        200: z.object({ outcome: z.enum(['registered', 'duplicate', 'suspected-duplicate', 'rejected', 'unknown-recipient']), invoiceId: z.string().nullable(), tenant: z.string().nullable(), findings: z.array(findingSchema) }),
        201: z.object({ outcome: z.enum(['registered', 'duplicate', 'suspected-duplicate', 'rejected', 'unknown-recipient']), invoiceId: z.string().nullable(), tenant: z.string().nullable(), findings: z.array(findingSchema) }),
        ...errors,
      },
    },
  }, async (req, reply) => {
    if (!Buffer.isBuffer(req.body)) throw new AppError('unsupported_media_type', { sv: 'Skicka fakturan som application/xml.', en: 'Send the invoice as application/xml.' });
    const a = auth(req);
    const r = await ingestDocument(db, { bytes: req.body, filename: req.query.filename ?? null, source: 'api', tenant: a.tenant.id, actor: actorOf(req) });
    if (r.outcome === 'rejected') await runInvoiceJobs(db, config.dataDir);
    const body = {
      outcome: r.outcome, invoiceId: r.invoiceId, tenant: r.tenant,
      findings: r.findings.map((f) => ({ rule: f.rule, severity: f.severity, message: req.lang === 'en' ? f.messageEn : f.message, location: f.location })),
    };
    return reply.status(r.outcome === 'duplicate' || r.outcome === 'unknown-recipient' ? 200 : 201).send(body);
  });
}
