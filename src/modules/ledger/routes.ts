// HTTP routes of the ledger: reskontra, vouchers, export batches (SIE 4I / CSV), SIE import, periods, settings.
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { App, AppContext } from '../../platform/http/types.ts';
import { withTenant } from '../../platform/db/tenant.ts';
import { actorOf, auth } from '../../platform/http/request-context.ts';
import { errorSchema, okSchema } from '../../platform/http/schemas.ts';
import { AppError } from '../../platform/errors.ts';
import { todayInStockholm } from '../../platform/dates.ts';
import { formatOre } from '../../platform/money.ts';
import { ageing, openItems } from './reskontra.ts';
import { exportVouchers, getExportFile, listExportBatches, storeExportFile } from './export-vouchers.ts';
import { importSie } from './import-sie.ts';
import { listPeriods, setPeriodClosed } from './periods.ts';
import { getLedgerSettings, updateLedgerSettings } from './settings.ts';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema, 413: errorSchema, 415: errorSchema };
const readers = ['ekonom', 'revisor', 'fakturahanterare', 'systemforvaltare', 'inkopscontroller'] as const;
const finance = ['ekonom'] as const;
const batchSchema = z.object({ id: z.string(), number: z.number(), format: z.enum(['sie4i', 'csv']), filename: z.string(), vouchers: z.number(), sha256: z.string(), createdAt: z.string(), createdBy: z.string().nullable() });

export function registerLedgerRoutes(app: App, { db, config }: AppContext): void {
  const tenant = (req: FastifyRequest) => auth(req).tenant.id;

  app.get('/api/ledger/open-items', {
    config: { access: readers },
    schema: {
      tags: ['ledger'], summary: 'Leverantörsreskontra: öppna poster (förfallodag först)', querystring: z.object({ supplierId: z.string().max(64).optional() }),
      response: { 200: z.array(z.object({ invoiceId: z.string(), invoiceNumber: z.string().nullable(), supplierId: z.string().nullable(), supplierName: z.string().nullable(), amount: z.string(), accountingDate: z.string(), dueDate: z.string().nullable(), daysOverdue: z.number(), voucher: z.string(), inPayment: z.boolean() })), ...errors },
    },
  }, async (req) => withTenant(db, tenant(req), (tx) => openItems(tx, todayInStockholm(), req.query)));

  app.get('/api/ledger/ageing', {
    config: { access: readers },
    schema: {
      tags: ['ledger'], summary: 'Reskontra per leverantör efter förfallen tid',
      response: { 200: z.array(z.object({ supplierId: z.string().nullable(), supplierName: z.string().nullable(), open: z.string(), notDue: z.string(), overdue1to30: z.string(), overdue31to60: z.string(), overdue61to90: z.string(), overdueOver90: z.string(), items: z.number() })), ...errors },
    },
  }, async (req) => withTenant(db, tenant(req), (tx) => ageing(tx, todayInStockholm())));

  app.get('/api/ledger/vouchers', {
    config: { access: readers },
    schema: {
      tags: ['ledger'], summary: 'Verifikationer (senaste först)', querystring: z.object({ source: z.string().max(64).optional(), limit: z.coerce.number().int().min(1).max(500).optional() }),
      response: { 200: z.array(z.object({ id: z.string(), series: z.string(), year: z.number(), number: z.number(), date: z.string(), text: z.string(), sourceType: z.string(), sourceId: z.string(), exportBatch: z.number().nullable(), rows: z.array(z.object({ konto: z.string(), ansvar: z.string().nullable(), dimensions: z.record(z.string(), z.string()), debit: z.string(), credit: z.string(), text: z.string().nullable() })) })), ...errors },
    },
  }, async (req) => withTenant(db, tenant(req), async (tx) => {
    const v = await tx.query<{ id: string; series: string; year: number; number: number; accounting_date: string; text: string; source_type: string; source_id: string; batch: number | null }>(
      `SELECT v.id, v.series, v.year, v.number, v.accounting_date, v.text, v.source_type, v.source_id, b.number AS batch FROM vouchers v LEFT JOIN export_batches b ON b.id = v.export_batch_id
        ${req.query.source ? 'WHERE v.source_id = $1' : ''} ORDER BY v.created_at DESC, v.number DESC LIMIT ${req.query.limit ?? 50}`, req.query.source ? [req.query.source] : []);
    const rows = await tx.query<{ voucher_id: string; konto: string; ansvar: string | null; dimensions: Record<string, string>; amount_ore: string; text: string | null }>(
      'SELECT voucher_id, konto, ansvar, dimensions, amount_ore, text FROM voucher_rows WHERE voucher_id = ANY($1::text[]) ORDER BY voucher_id, position', [v.rows.map((x) => x.id)]);
    return v.rows.map((x) => ({
      id: x.id, series: x.series, year: x.year, number: x.number, date: x.accounting_date, text: x.text, sourceType: x.source_type, sourceId: x.source_id, exportBatch: x.batch,
      rows: rows.rows.filter((r) => r.voucher_id === x.id).map((r) => { const a = BigInt(r.amount_ore); return { konto: r.konto, ansvar: r.ansvar, dimensions: r.dimensions, debit: a > 0n ? formatOre(a) : '0.00', credit: a < 0n ? formatOre(-a) : '0.00', text: r.text }; }),
    }));
  }));

  app.get('/api/ledger/exports', {
    config: { access: readers },
    schema: { tags: ['ledger'], summary: 'Exportbatcher till ekonomisystemet', response: { 200: z.array(batchSchema), ...errors } },
  }, async (req) => withTenant(db, tenant(req), (tx) => listExportBatches(tx)));

  app.post('/api/ledger/exports', {
    config: { access: finance },
    schema: {
      tags: ['ledger'], summary: 'Exportera alla ej exporterade verifikationer som en ny batch (SIE 4I eller CSV)', body: z.strictObject({ format: z.enum(['sie4i', 'csv']).default('sie4i') }),
      response: { 201: batchSchema.extend({ file: z.string() }), ...errors },
    },
  }, async (req, reply) => {
    const b = await withTenant(db, tenant(req), (tx) => exportVouchers(tx, actorOf(req), req.body.format));
    const file = await storeExportFile(config.dataDir, b.filename, b.bytes);
    const { bytes: _bytes, ...rest } = b;
    return reply.status(201).send({ ...rest, file });
  });

  app.get('/api/ledger/exports/:id/file', {
    config: { access: readers },
    schema: { tags: ['ledger'], summary: 'Hämta batchens fil igen (byte för byte samma)', params: z.object({ id: z.string().max(64) }) },
  }, async (req, reply) => {
    const f = await withTenant(db, tenant(req), (tx) => getExportFile(tx, req.params.id));
    void reply.header('content-type', f.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/octet-stream').header('content-disposition', `attachment; filename="${f.filename}"`);
    return reply.send(f.bytes);
  });

  app.post('/api/ledger/import-sie', {
    config: { access: ['ekonom', 'systemforvaltare'] },
    bodyLimit: 200 * 1024 * 1024,
    schema: {
      tags: ['ledger'], summary: 'Läs in kontoplan och dimensionsvärden från ekonomisystemets SIE-fil (rå fil i kroppen)',
      response: { 200: z.object({ company: z.string(), orgNumber: z.string().nullable(), accounts: z.object({ created: z.number(), updated: z.number(), unchanged: z.number() }), objects: z.object({ created: z.number(), updated: z.number(), unchanged: z.number() }), skippedDimensions: z.array(z.number()), warnings: z.array(z.string()) }), ...errors },
    },
  }, async (req) => {
    if (!Buffer.isBuffer(req.body)) throw new AppError('unsupported_media_type', { sv: 'Skicka SIE-filen som application/octet-stream.', en: 'Send the SIE file as application/octet-stream.' });
    const body = req.body;
    return withTenant(db, tenant(req), (tx) => importSie(tx, actorOf(req), body, todayInStockholm()));
  });

  app.get('/api/ledger/periods', {
    config: { access: readers },
    schema: { tags: ['ledger'], summary: 'Stängda perioder', response: { 200: z.array(z.object({ period: z.string(), closedAt: z.string(), closedBy: z.string().nullable() })), ...errors } },
  }, async (req) => withTenant(db, tenant(req), (tx) => listPeriods(tx)));

  app.put('/api/ledger/periods/:period', {
    config: { access: finance },
    schema: { tags: ['ledger'], summary: 'Stäng eller öppna en period (ÅÅÅÅ-MM)', params: z.object({ period: z.string().max(7) }), body: z.strictObject({ closed: z.boolean() }), response: { 200: okSchema, ...errors } },
  }, async (req) => { await withTenant(db, tenant(req), (tx) => setPeriodClosed(tx, actorOf(req), req.params.period, req.body.closed)); return { ok: true as const }; });

  const settingsSchema = z.object({ accountingDateRule: z.enum(['invoice_date', 'receipt_date', 'posting_date']), invoiceSeries: z.string(), paymentSeries: z.string(), bankAccount: z.string(), csvLayout: z.object({ separator: z.string(), decimal: z.enum(['.', ',']), columns: z.array(z.string()) }), version: z.number() });
  app.get('/api/ledger/settings', { config: { access: readers }, schema: { tags: ['ledger'], summary: 'Bokföringsinställningar', response: { 200: settingsSchema, ...errors } } },
    async (req) => withTenant(db, tenant(req), (tx) => getLedgerSettings(tx)));
  app.patch('/api/ledger/settings', {
    config: { access: ['ekonom', 'systemforvaltare'] },
    schema: {
      tags: ['ledger'], summary: 'Ändra bokföringsinställningar (bokföringsdatum, serier, CSV-layout)',
      body: z.strictObject({ accountingDateRule: z.enum(['invoice_date', 'receipt_date', 'posting_date']).optional(), invoiceSeries: z.string().max(10).optional(), paymentSeries: z.string().max(10).optional(), bankAccount: z.string().max(30).optional(), csvLayout: z.object({ separator: z.string().max(1), decimal: z.enum(['.', ',']), columns: z.array(z.string().max(30)).max(30) }).optional(), version: z.number().int().optional() }),
      response: { 200: settingsSchema, ...errors },
    },
  }, async (req) => withTenant(db, tenant(req), (tx) => updateLedgerSettings(tx, actorOf(req), req.body)));
}
