// HTTP routes of invoice handling: tasks and the workbench, routing (assign), coding, the attests,
// duplicate decisions, and the registers behind them (reference codes, supplier rules, recurring
// templates, classification accounts, settings).
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { App, AppContext } from '../../platform/http/types.ts';
import { withTenant } from '../../platform/db/tenant.ts';
import { actorOf, auth } from '../../platform/http/request-context.ts';
import { decimalAmount, errorSchema, okSchema } from '../../platform/http/schemas.ts';
import { parseOre } from '../../platform/money.ts';
import { todayInStockholm } from '../../platform/dates.ts';
import { validationError } from '../../platform/errors.ts';
import { tasksFor, workbench } from './tasks.ts';
import { assign, approve, decideDuplicate, reject, review } from './attest-flow.ts';
import { saveCoding, type CodingRowIn } from './coding.ts';
import { proposeCoding } from './propose-coding.ts';
import { loadFacts } from './invoice-facts.ts';
import { getSettings, updateSettings } from './settings.ts';
import { createReferenceCode, listReferenceCodes, updateReferenceCode } from './reference-codes.ts';
import { deleteSupplierRule, listSupplierRules, saveSupplierRule } from './supplier-rules.ts';
import { createTemplate, listTemplates, setTemplateActive } from './templates.ts';
import { listNotifications, markNotificationsRead } from './reminders.ts';
import { formatOre } from '../../platform/money.ts';
import type { Person } from './person.ts';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };
const idParam = z.object({ id: z.string().max(64) });
const vatHandling = z.enum(['deductible', 'compensation', 'none']);
const handlers = ['fakturahanterare'] as const;
const admins = ['systemforvaltare', 'ekonom'] as const;
const readers = ['fakturahanterare', 'ekonom', 'revisor', 'systemforvaltare', 'inkopscontroller', 'beslutsattestant'] as const;
const decision = z.strictObject({ comment: z.string().max(2000).nullable().optional(), version: z.number().int().optional() });
const codeText = z.string().trim().min(1).max(30);
const codingRow = z.object({
  konto: codeText, ansvar: codeText, amount: decimalAmount, vatHandling: vatHandling.optional(), linePosition: z.number().int().min(1).nullable().optional(),
  text: z.string().max(200).nullable().optional(), dimensions: z.record(z.string().max(31), z.string().max(30)).optional(),
}).catchall(z.string().max(30));
const taskSchema = z.object({
  type: z.enum(['identify', 'code', 'review', 'approve']), invoiceId: z.string(), invoiceNumber: z.string().nullable(), supplierName: z.string().nullable(),
  dueDate: z.string().nullable(), issueDate: z.string().nullable(), amount: z.string().nullable(), currency: z.string().nullable(), status: z.string(), since: z.string(),
  overdue: z.boolean(), escalated: z.boolean(), ansvar: z.array(z.string()), note: z.string().nullable(),
});
const refCodeSchema = z.object({ id: z.string(), code: z.string(), userId: z.string(), username: z.string(), displayName: z.string(), ansvar: z.string().nullable(), description: z.string().nullable(), active: z.boolean(), version: z.number() });
const ruleSchema = z.object({
  id: z.string(), supplierId: z.string(), supplierName: z.string(), userId: z.string().nullable(), username: z.string().nullable(), displayName: z.string().nullable(),
  ansvar: z.string().nullable(), konto: z.string().nullable(), dimensions: z.record(z.string(), z.string()), vatHandling: vatHandling.nullable(), note: z.string().nullable(), version: z.number(),
});
const templateRow = z.strictObject({ konto: codeText, ansvar: codeText, dimensions: z.record(z.string().max(31), z.string().max(30)).default({}), percent: z.string().max(12), vatHandling: vatHandling.default('compensation') });
const templateSchema = z.object({
  id: z.string(), supplierId: z.string(), supplierName: z.string(), name: z.string(), userId: z.string(), approverUserId: z.string().nullable(),
  rows: z.array(z.object({ konto: z.string(), ansvar: z.string(), dimensions: z.record(z.string(), z.string()), percent: z.string(), vatHandling })),
  tolerancePercent: z.string(), lastAmount: z.string().nullable(), lastInvoiceId: z.string().nullable(), active: z.boolean(), version: z.number(),
});
const settingsSchema = z.object({
  vatDeductibleAccount: z.string(), vatCompensationAccount: z.string(), supplierDebtAccount: z.string(), defaultVatHandling: vatHandling,
  reminderWorkingDays: z.number(), escalationWorkingDays: z.number(), dueSoonWorkingDays: z.number(), version: z.number(),
});

function personOf(req: FastifyRequest): Person {
  const u = auth(req).user;
  return { id: u.id, username: u.username, displayName: u.displayName, roles: u.roles };
}

const known = new Set(['konto', 'ansvar', 'amount', 'vatHandling', 'linePosition', 'text', 'dimensions']);

function toRowsIn(rows: z.infer<typeof codingRow>[]): CodingRowIn[] {
  return rows.map((r, i) => {
    const extra = Object.fromEntries(Object.entries(r).filter(([k]) => !known.has(k)).map(([k, v]) => [k, String(v)]));
    for (const k of Object.keys(extra)) if (!/^[a-z][a-z0-9_]{1,30}$/.test(k)) throw validationError([{ path: `rows.${i}.${k}`, message: `Okänt fält: ${k}.` }]);
    return {
      konto: r.konto, ansvar: r.ansvar, amountOre: parseOre(r.amount, `rows.${i}.amount`), vatHandling: r.vatHandling, linePosition: r.linePosition ?? null, text: r.text ?? null,
      dimensions: { ...(r.dimensions ?? {}), ...extra },
    };
  });
}

export function registerHandlingRoutes(app: App, { db }: AppContext): void {
  const tenant = (req: FastifyRequest) => auth(req).tenant.id;

  app.get('/api/tasks', {
    config: { access: 'authenticated' },
    schema: { tags: ['handling'], summary: 'Mina uppgifter: fakturor att identifiera, kontera, granska och attestera, sorterade på förfallodag', response: { 200: z.array(taskSchema), ...errors } },
  }, async (req) => withTenant(db, tenant(req), (tx) => tasksFor(tx, personOf(req), todayInStockholm())));

  app.get('/api/workbench', {
    config: { access: readers },
    schema: {
      tags: ['handling'], summary: 'Arbetsbänken: köernas storlek och vad som riskerar dröjsmålskostnad',
      response: { 200: z.object({ queues: z.record(z.string(), z.number()), atRisk: z.object({ dueSoon: z.number(), overdue: z.number(), overdueAmount: z.string(), overdueCostIfPaidToday: z.string(), feesIfAllLate: z.string(), dueSoonLimit: z.string() }) }), ...errors },
    },
  }, async (req) => withTenant(db, tenant(req), (tx) => workbench(tx, todayInStockholm())));

  app.get('/api/notifications', {
    config: { access: 'authenticated' },
    schema: { tags: ['handling'], summary: 'Påminnelser och eskaleringar till mig', response: { 200: z.array(z.object({ id: z.string(), invoiceId: z.string().nullable(), kind: z.string(), message: z.string(), createdAt: z.string(), read: z.boolean() })), ...errors } },
  }, async (req) => withTenant(db, tenant(req), (tx) => listNotifications(tx, auth(req).user.id)));

  app.post('/api/notifications/read', {
    config: { access: 'authenticated' },
    schema: { tags: ['handling'], summary: 'Markera mina aviseringar som lästa', response: { 200: okSchema, ...errors } },
  }, async (req) => { await withTenant(db, tenant(req), (tx) => markNotificationsRead(tx, auth(req).user.id)); return { ok: true as const }; });

  app.post('/api/invoices/:id/assign', {
    config: { access: 'authenticated' },
    schema: {
      tags: ['handling'], summary: 'Koppla fakturan till en mottagare (referenskod eller användare), ev. som leverantörsregel', params: idParam,
      body: z.strictObject({ referenceCode: z.string().max(40).optional(), username: z.string().max(40).optional(), createSupplierRule: z.boolean().optional(), comment: z.string().max(2000).nullable().optional(), version: z.number().int().optional() }),
      response: { 200: okSchema, ...errors },
    },
  }, async (req) => { await withTenant(db, tenant(req), (tx) => assign(tx, personOf(req), req.params.id, req.body)); return { ok: true as const }; });

  app.put('/api/invoices/:id/coding', {
    config: { access: 'authenticated' },
    schema: {
      tags: ['handling'], summary: 'Spara konteringen (ersätter alla rader; raderna ska summera till fakturans belopp exkl. moms)', params: idParam,
      body: z.strictObject({ rows: z.array(codingRow).max(5000), version: z.number().int().optional() }), response: { 200: okSchema, ...errors },
    },
  }, async (req) => { await withTenant(db, tenant(req), (tx) => saveCoding(tx, personOf(req), req.params.id, { rows: toRowsIn(req.body.rows), version: req.body.version })); return { ok: true as const }; });

  app.get('/api/invoices/:id/coding/proposal', {
    config: { access: 'authenticated' },
    schema: {
      tags: ['handling'], summary: 'Konteringsförslag (mall, per rad, leverantörsregel, historik, klassificering, referens)', params: idParam,
      response: { 200: z.object({ source: z.string().nullable(), complete: z.boolean(), note: z.string().nullable(), rows: z.array(z.object({ konto: z.string().nullable(), ansvar: z.string().nullable(), dimensions: z.record(z.string(), z.string()), amount: z.string(), vatHandling, linePosition: z.number().nullable(), text: z.string().nullable() })) }), ...errors },
    },
  }, async (req) => withTenant(db, tenant(req), async (tx) => {
    const facts = await loadFacts(tx, req.params.id);
    const code = await tx.query<{ ansvar: string | null }>('SELECT ansvar FROM reference_codes WHERE user_id = $1 AND active ORDER BY code LIMIT 1', [facts.assignedUserId ?? '']);
    const p = await proposeCoding(tx, { facts, defaultAnsvar: code.rows[0]?.ansvar ?? null, vatHandling: (await getSettings(tx)).defaultVatHandling });
    return { source: p.source, complete: p.complete, note: p.note, rows: p.rows.map((r) => ({ ...r, amount: formatOre(r.amountOre), amountOre: undefined })) };
  }));

  for (const [path, fn, summary] of [
    ['review', review, 'Granskningsattest: leverans, belopp och kontering stämmer'],
    ['approve', approve, 'Beslutsattest för de ansvar du har attesträtt för'],
  ] as const) {
    app.post(`/api/invoices/:id/${path}`, {
      config: { access: 'authenticated' },
      schema: { tags: ['handling'], summary, params: idParam, body: decision, response: { 200: okSchema, ...errors } },
    }, async (req) => { await withTenant(db, tenant(req), async (tx) => { await fn(tx, personOf(req), req.params.id, req.body); }); return { ok: true as const }; });
  }

  app.post('/api/invoices/:id/reject', {
    config: { access: 'authenticated' },
    schema: {
      tags: ['handling'], summary: 'Returnera med kommentar: till fakturahanteringen (to: handler) eller bestrid hos leverantören (to: supplier)', params: idParam,
      body: z.strictObject({ comment: z.string().trim().min(1, 'Skriv varför fakturan returneras.').max(2000), to: z.enum(['handler', 'supplier']).optional(), version: z.number().int().optional() }),
      response: { 200: okSchema, ...errors },
    },
  }, async (req) => { await withTenant(db, tenant(req), (tx) => reject(tx, personOf(req), req.params.id, req.body)); return { ok: true as const }; });

  app.post('/api/invoices/:id/duplicate', {
    config: { access: handlers },
    schema: {
      tags: ['handling'], summary: 'Pröva en misstänkt dubblett: dubblett (avförs) eller inte (går vidare)', params: idParam,
      body: z.strictObject({ duplicate: z.boolean(), comment: z.string().max(2000).nullable().optional() }), response: { 200: okSchema, ...errors },
    },
  }, async (req) => { await withTenant(db, tenant(req), (tx) => decideDuplicate(tx, personOf(req), req.params.id, req.body)); return { ok: true as const }; });

  // Registers.
  app.get('/api/reference-codes', {
    config: { access: 'authenticated' },
    schema: { tags: ['handling'], summary: 'Referenskoder', response: { 200: z.array(refCodeSchema), ...errors } },
  }, async (req) => withTenant(db, tenant(req), (tx) => listReferenceCodes(tx)));
  app.post('/api/reference-codes', {
    config: { access: admins },
    schema: { tags: ['handling'], summary: 'Ny referenskod', body: z.strictObject({ code: z.string().max(20), userId: z.string().max(64), ansvar: z.string().max(30).nullable().optional(), description: z.string().max(200).nullable().optional() }), response: { 201: refCodeSchema, ...errors } },
  }, async (req, reply) => reply.status(201).send(await withTenant(db, tenant(req), (tx) => createReferenceCode(tx, actorOf(req), req.body))));
  app.patch('/api/reference-codes/:id', {
    config: { access: admins },
    schema: { tags: ['handling'], summary: 'Ändra referenskod', params: idParam, body: z.strictObject({ userId: z.string().max(64).optional(), ansvar: z.string().max(30).nullable().optional(), description: z.string().max(200).nullable().optional(), active: z.boolean().optional(), version: z.number().int().optional() }), response: { 200: refCodeSchema, ...errors } },
  }, async (req) => withTenant(db, tenant(req), (tx) => updateReferenceCode(tx, actorOf(req), req.params.id, req.body)));

  app.get('/api/supplier-rules', {
    config: { access: readers },
    schema: { tags: ['handling'], summary: 'Leverantörsregler för koppling och kontering', response: { 200: z.array(ruleSchema), ...errors } },
  }, async (req) => withTenant(db, tenant(req), (tx) => listSupplierRules(tx)));
  app.put('/api/supplier-rules', {
    config: { access: ['fakturahanterare', 'ekonom', 'systemforvaltare'] },
    schema: {
      tags: ['handling'], summary: 'Skapa eller ersätt leverantörens regel',
      body: z.strictObject({ supplierId: z.string().max(64), userId: z.string().max(64).nullable().optional(), ansvar: z.string().max(30).nullable().optional(), konto: z.string().max(30).nullable().optional(), dimensions: z.record(z.string().max(31), z.string().max(30)).optional(), vatHandling: vatHandling.nullable().optional(), note: z.string().max(500).nullable().optional() }),
      response: { 200: ruleSchema, ...errors },
    },
  }, async (req) => withTenant(db, tenant(req), (tx) => saveSupplierRule(tx, actorOf(req), req.body)));
  app.delete('/api/supplier-rules/:id', {
    config: { access: ['fakturahanterare', 'ekonom', 'systemforvaltare'] },
    schema: { tags: ['handling'], summary: 'Ta bort leverantörsregel', params: idParam, response: { 200: okSchema, ...errors } },
  }, async (req) => { await withTenant(db, tenant(req), (tx) => deleteSupplierRule(tx, actorOf(req), req.params.id)); return { ok: true as const }; });

  app.get('/api/recurring-templates', {
    config: { access: readers },
    schema: { tags: ['handling'], summary: 'Mallar för återkommande fakturor', response: { 200: z.array(templateSchema), ...errors } },
  }, async (req) => withTenant(db, tenant(req), (tx) => listTemplates(tx)));
  app.post('/api/recurring-templates', {
    config: { access: ['fakturahanterare', 'ekonom'] },
    schema: {
      tags: ['handling'], summary: 'Ny mall för återkommande faktura (kontering i procent, mottagare, beslutsattestant, tolerans)',
      body: z.strictObject({ supplierId: z.string().max(64), name: z.string().max(200), userId: z.string().max(64), approverUserId: z.string().max(64).nullable().optional(), rows: z.array(templateRow).min(1).max(50), tolerancePercent: z.string().regex(/^\d{1,3}(\.\d{1,2})?$/).optional(), lastAmount: decimalAmount.nullable().optional() }),
      response: { 201: templateSchema, ...errors },
    },
  }, async (req, reply) => reply.status(201).send(await withTenant(db, tenant(req), (tx) => createTemplate(tx, actorOf(req), req.body))));
  app.patch('/api/recurring-templates/:id', {
    config: { access: ['fakturahanterare', 'ekonom'] },
    schema: { tags: ['handling'], summary: 'Aktivera eller inaktivera mall', params: idParam, body: z.strictObject({ active: z.boolean() }), response: { 200: templateSchema, ...errors } },
  }, async (req) => withTenant(db, tenant(req), (tx) => setTemplateActive(tx, actorOf(req), req.params.id, req.body.active)));

  app.get('/api/handling-settings', {
    config: { access: 'authenticated' },
    schema: { tags: ['handling'], summary: 'Inställningar för fakturahantering (momskonton, påminnelser)', response: { 200: settingsSchema, ...errors } },
  }, async (req) => withTenant(db, tenant(req), (tx) => getSettings(tx)));
  app.patch('/api/handling-settings', {
    config: { access: admins },
    schema: {
      tags: ['handling'], summary: 'Ändra inställningar för fakturahantering',
      body: z.strictObject({ vatDeductibleAccount: z.string().max(30).optional(), vatCompensationAccount: z.string().max(30).optional(), supplierDebtAccount: z.string().max(30).optional(), defaultVatHandling: vatHandling.optional(), reminderWorkingDays: z.number().int().min(1).max(60).optional(), escalationWorkingDays: z.number().int().min(1).max(60).optional(), dueSoonWorkingDays: z.number().int().min(0).max(60).optional(), version: z.number().int().optional() }),
      response: { 200: settingsSchema, ...errors },
    },
  }, async (req) => withTenant(db, tenant(req), (tx) => updateSettings(tx, actorOf(req), req.body)));
}
