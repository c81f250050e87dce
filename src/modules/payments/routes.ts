// HTTP routes of payments: proposals (four eyes), payment files, holds and releases, reconciliation
// imports (camt.054, pain.002), the late-payment report, and the settings.
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { App, AppContext } from '../../platform/http/types.ts';
import { withTenant } from '../../platform/db/tenant.ts';
import { actorOf, auth } from '../../platform/http/request-context.ts';
import { decimalAmount, errorSchema, isoDate, okSchema } from '../../platform/http/schemas.ts';
import { AppError } from '../../platform/errors.ts';
import { approveProposal, cancelProposal, getProposal, listProposals, proposeInOwnTransaction } from './proposals.ts';
import { createPaymentFile, getPaymentFile, storePaymentFile } from './payment-file.ts';
import { listHolds, releaseHold } from './holds.ts';
import { importCamt054, importPain002 } from './reconcile.ts';
import { lateCostReport } from './late-cost-report.ts';
import { getPaymentSettings, updatePaymentSettings } from './settings.ts';
import type { Person } from './person.ts';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema, 413: errorSchema, 415: errorSchema };
const readers = ['ekonom', 'revisor', 'fakturahanterare', 'systemforvaltare', 'inkopscontroller'] as const;
const finance = ['ekonom'] as const;
const idParam = z.object({ id: z.string().max(64) });
const proposalHead = z.object({ id: z.string(), number: z.number(), untilDate: z.string(), status: z.string(), createdBy: z.string(), createdAt: z.string(), approvedBy: z.string().nullable(), approvedAt: z.string().nullable(), total: z.string(), invoiceCount: z.number() });
const importResult = z.object({
  import: z.string(), kind: z.enum(['camt054', 'pain002']), messageId: z.string().nullable(), paid: z.number(), returned: z.number(), rejected: z.number(), unknown: z.number(),
  items: z.array(z.object({ endToEndId: z.string().nullable(), amount: z.string().nullable(), bookingDate: z.string().nullable(), reference: z.string().nullable(), outcome: z.string(), detail: z.string().nullable(), invoiceIds: z.array(z.string()) })),
});

function personOf(req: FastifyRequest): Person {
  const u = auth(req).user;
  return { id: u.id, username: u.username, roles: u.roles };
}

export function registerPaymentRoutes(app: App, { db, config }: AppContext): void {
  const tenant = (req: FastifyRequest) => auth(req).tenant.id;

  app.get('/api/payments/proposals', { config: { access: readers }, schema: { tags: ['payments'], summary: 'Betalningsförslag', response: { 200: z.array(proposalHead), ...errors } } },
    async (req) => withTenant(db, tenant(req), (tx) => listProposals(tx)));

  app.post('/api/payments/proposals', {
    config: { access: finance },
    schema: {
      tags: ['payments'], summary: 'Gör ett betalningsförslag: attesterade, bokförda fakturor som förfaller senast ett datum, efter betalningskontrollerna',
      body: z.strictObject({ until: isoDate }), response: { 201: z.object({ proposal: z.string(), number: z.number(), invoices: z.number(), total: z.string(), held: z.number() }), ...errors },
    },
  }, async (req, reply) => reply.status(201).send(await proposeInOwnTransaction(db, tenant(req), personOf(req), req.body)));

  app.get('/api/payments/proposals/:id', {
    config: { access: readers },
    schema: {
      tags: ['payments'], summary: 'Ett betalningsförslag med sina betalningar', params: idParam,
      response: { 200: proposalHead.extend({ items: z.array(z.object({ invoiceId: z.string(), invoiceNumber: z.string().nullable(), supplierName: z.string(), amount: z.string(), dueDate: z.string().nullable(), endToEndId: z.string(), account: z.string(), reference: z.string(), status: z.string(), paidOn: z.string().nullable() })), file: z.object({ id: z.string(), filename: z.string(), payments: z.number(), total: z.string(), createdAt: z.string() }).nullable() }), ...errors },
    },
  }, async (req) => withTenant(db, tenant(req), (tx) => getProposal(tx, req.params.id)));

  app.post('/api/payments/proposals/:id/approve', {
    config: { access: finance },
    schema: { tags: ['payments'], summary: 'Godkänn betalningsförslaget (en annan person än den som gjorde det)', params: idParam, response: { 200: okSchema, ...errors } },
  }, async (req) => { await withTenant(db, tenant(req), (tx) => approveProposal(tx, personOf(req), req.params.id)); return { ok: true as const }; });

  app.post('/api/payments/proposals/:id/cancel', {
    config: { access: finance },
    schema: { tags: ['payments'], summary: 'Makulera betalningsförslaget (fakturorna går tillbaka till kön)', params: idParam, response: { 200: okSchema, ...errors } },
  }, async (req) => { await withTenant(db, tenant(req), (tx) => cancelProposal(tx, personOf(req), req.params.id)); return { ok: true as const }; });

  app.post('/api/payments/proposals/:id/file', {
    config: { access: finance },
    schema: { tags: ['payments'], summary: 'Skapa betalfilen (ISO 20022 pain.001.001.03) för ett godkänt förslag', params: idParam, response: { 201: z.object({ file: z.string(), filename: z.string(), payments: z.number(), total: z.string() }), ...errors } },
  }, async (req, reply) => {
    const f = await withTenant(db, tenant(req), (tx) => createPaymentFile(tx, personOf(req), req.params.id));
    const path = await storePaymentFile(config.dataDir, f.filename, f.bytes);
    return reply.status(201).send({ file: path, filename: f.filename, payments: f.payments, total: f.total });
  });

  app.get('/api/payments/proposals/:id/file', {
    config: { access: finance },
    schema: { tags: ['payments'], summary: 'Hämta betalfilen igen (byte för byte samma)', params: idParam },
  }, async (req, reply) => {
    const f = await withTenant(db, tenant(req), (tx) => getPaymentFile(tx, req.params.id));
    void reply.header('content-type', 'application/xml').header('content-disposition', `attachment; filename="${f.filename}"`);
    return reply.send(f.bytes);
  });

  app.get('/api/payments/holds', {
    config: { access: readers },
    schema: {
      tags: ['payments'], summary: 'Betalningsspärrar (öppna först)', querystring: z.object({ open: z.enum(['1', '0']).optional(), invoiceId: z.string().max(64).optional() }),
      response: { 200: z.array(z.object({ id: z.string(), invoiceId: z.string(), invoiceNumber: z.string().nullable(), supplierName: z.string().nullable(), amount: z.string().nullable(), reason: z.string(), detail: z.string(), raisedBy: z.string().nullable(), raisedAt: z.string(), releasedBy: z.string().nullable(), releasedAt: z.string().nullable(), releaseComment: z.string().nullable() })), ...errors },
    },
  }, async (req) => withTenant(db, tenant(req), (tx) => listHolds(tx, { open: req.query.open === '1', ...(req.query.invoiceId ? { invoiceId: req.query.invoiceId } : {}) })));

  app.post('/api/payments/holds/:id/release', {
    config: { access: finance },
    schema: { tags: ['payments'], summary: 'Släpp en spärr med dokumenterad motivering (en andra person)', params: idParam, body: z.strictObject({ comment: z.string().max(2000) }), response: { 200: okSchema, ...errors } },
  }, async (req) => { await withTenant(db, tenant(req), (tx) => releaseHold(tx, personOf(req), req.params.id, req.body.comment)); return { ok: true as const }; });

  for (const [kind, fn, summary] of [
    ['camt054', importCamt054, 'Läs in bankens camt.054 (debiteringsavisering): fakturor blir betalda, returer går tillbaka, okända listas'],
    ['pain002', importPain002, 'Läs in bankens pain.002 (statusrapport): avvisade betalningar går tillbaka till kön'],
  ] as const) {
    app.post(`/api/payments/imports/${kind}`, {
      config: { access: finance },
      bodyLimit: 50 * 1024 * 1024,
      schema: { tags: ['payments'], summary, querystring: z.object({ filename: z.string().max(200).optional() }), response: { 200: importResult, ...errors } },
    }, async (req) => {
      if (!Buffer.isBuffer(req.body)) throw new AppError('unsupported_media_type', { sv: 'Skicka filen som application/xml.', en: 'Send the file as application/xml.' });
      const body = req.body;
      return withTenant(db, tenant(req), (tx) => fn(tx, personOf(req), body, req.query.filename ?? null));
    });
  }

  app.get('/api/payments/late-cost', {
    config: { access: readers },
    schema: {
      tags: ['payments'], summary: 'Kostnad för sena betalningar per förvaltning och månad, och andel betalda i tid', querystring: z.object({ from: isoDate, to: isoDate }),
      response: { 200: z.object({ from: z.string(), to: z.string(), rows: z.array(z.object({ forvaltning: z.string(), forvaltningName: z.string(), month: z.string(), paid: z.number(), onTime: z.number(), late: z.number(), interest: z.string(), fees: z.string(), total: z.string() })), totals: z.object({ paid: z.number(), onTime: z.number(), late: z.number(), shareOnTime: z.number().nullable(), interest: z.string(), fees: z.string(), total: z.string() }) }), ...errors },
    },
  }, async (req) => withTenant(db, tenant(req), (tx) => lateCostReport(tx, req.query.from, req.query.to)));

  const settingsSchema = z.object({ debtorName: z.string().nullable(), debtorBankgiro: z.string().nullable(), accountChangeDays: z.number(), newSupplierLimit: z.string(), maxPayment: z.string(), netting: z.boolean(), version: z.number() });
  app.get('/api/payments/settings', { config: { access: readers }, schema: { tags: ['payments'], summary: 'Betalningsinställningar', response: { 200: settingsSchema, ...errors } } },
    async (req) => withTenant(db, tenant(req), (tx) => getPaymentSettings(tx)));
  app.patch('/api/payments/settings', {
    config: { access: ['ekonom', 'systemforvaltare'] },
    schema: {
      tags: ['payments'], summary: 'Ändra betalningsinställningar (eget bankgiro, kontrollgränser, kvittning)',
      body: z.strictObject({ debtorName: z.string().max(70).nullable().optional(), debtorBankgiro: z.string().max(12).nullable().optional(), accountChangeDays: z.number().int().min(0).max(365).optional(), newSupplierLimit: decimalAmount.optional(), maxPayment: decimalAmount.optional(), netting: z.boolean().optional(), version: z.number().int().optional() }),
      response: { 200: settingsSchema, ...errors },
    },
  }, async (req) => withTenant(db, tenant(req), (tx) => updatePaymentSettings(tx, actorOf(req), req.body)));
}
