// HTTP routes of the supplier register: thin wrappers over the use cases.
import { z } from 'zod';
import type { App, AppContext } from '../../platform/http/types.ts';
import { withTenant } from '../../platform/db/tenant.ts';
import { actorOf, auth } from '../../platform/http/request-context.ts';
import { errorSchema, isoDate } from '../../platform/http/schemas.ts';
import { AppError } from '../../platform/errors.ts';
import { blockSupplier, createSupplier, getSupplier, searchSuppliers, unblockSupplier, updateSupplier } from './suppliers.ts';
import { addAccount, endAccount, verifyAccount } from './accounts.ts';
import { importSuppliers } from './import-suppliers.ts';
import { listOnboardingTasks, resolveOnboardingTask } from './onboarding.ts';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };
export const supplierReaders = ['fakturahanterare', 'inkopscontroller', 'ekonom', 'revisor', 'systemforvaltare', 'bestallare'] as const;
export const supplierWriters = ['inkopscontroller', 'fakturahanterare', 'systemforvaltare'] as const;
/** Onboarding tasks are back-office work: not for beställare. */
export const onboardingReaders = ['fakturahanterare', 'inkopscontroller', 'ekonom', 'revisor', 'systemforvaltare'] as const;
export const accountVerifiers = ['ekonom', 'systemforvaltare', 'fakturahanterare'] as const;

const tags = ['suppliers'];
const userRef = z.object({ id: z.string(), username: z.string() }).nullable();
const addressSchema = z.object({ street: z.string().nullable(), street2: z.string().nullable(), postalCode: z.string().nullable(), city: z.string().nullable(), country: z.string().nullable() });
const contactSchema = z.object({ name: z.string(), role: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable() });
const accountType = z.enum(['bankgiro', 'plusgiro', 'bank', 'iban']);
const accountSchema = z.object({
  id: z.string(), type: accountType, number: z.string(), clearing: z.string().nullable(), bic: z.string().nullable(), display: z.string(),
  status: z.enum(['unverified', 'verified']), addedBy: userRef, addedAt: z.string(), verifiedBy: userRef, verifiedAt: z.string().nullable(),
  endedBy: userRef, endedAt: z.string().nullable(),
});
export const supplierSchema = z.object({
  id: z.string(), name: z.string(), orgNumber: z.string().nullable(), vatNumber: z.string().nullable(), country: z.string(),
  fSkatt: z.boolean().nullable(), fSkattCheckedOn: isoDate.nullable(),
  postalAddress: addressSchema, visitingAddress: addressSchema, contacts: z.array(contactSchema), email: z.string().nullable(), phone: z.string().nullable(), note: z.string().nullable(),
  blocked: z.boolean(), blockedReason: z.string().nullable(), blockedAt: z.string().nullable(),
  endpoints: z.array(z.object({ id: z.string(), scheme: z.string(), identifier: z.string(), participantId: z.string() })),
  accounts: z.array(accountSchema),
  createdAt: z.string(), updatedAt: z.string(), version: z.number(),
});
const taskSchema = z.object({
  id: z.string(), status: z.enum(['open', 'done', 'dismissed']), name: z.string(), orgNumber: z.string().nullable(), vatNumber: z.string().nullable(), endpointId: z.string().nullable(),
  invoiceIds: z.array(z.string()), warnings: z.array(z.string()), createdBy: userRef, createdAt: z.string(), resolvedBy: userRef, resolvedAt: z.string().nullable(),
  resolution: z.string().nullable(), supplierId: z.string().nullable(),
});

const s200 = z.string().max(200);
const opt = (s: z.ZodString) => s.nullable().optional();
const addressInput = z.strictObject({ street: opt(s200), street2: opt(s200), postalCode: opt(z.string().max(20)), city: opt(z.string().max(100)), country: opt(z.string().max(2)) });
const contactInput = z.strictObject({ name: s200, role: opt(z.string().max(100)), email: opt(s200), phone: opt(z.string().max(40)) });
const accountInput = z.strictObject({ type: accountType, number: z.string().max(60), clearing: opt(z.string().max(10)), bic: opt(z.string().max(20)) });
const fields = {
  name: s200, orgNumber: opt(z.string().max(20)), vatNumber: opt(z.string().max(20)), country: z.string().max(2).optional(),
  fSkatt: z.boolean().nullable().optional(), fSkattCheckedOn: isoDate.nullable().optional(),
  postalAddress: addressInput.optional(), visitingAddress: addressInput.optional(), contacts: z.array(contactInput).max(20).optional(),
  email: opt(s200), phone: opt(z.string().max(40)), note: opt(z.string().max(2000)), endpoints: z.array(z.string().max(120)).max(20).optional(),
};
const createBody = z.strictObject({ ...fields, accounts: z.array(accountInput).max(20).optional() });
const updateBody = z.strictObject({ ...fields, name: s200.optional(), version: z.number().int() });
const idParams = z.object({ id: z.string().max(64) });
const accountParams = z.object({ id: z.string().max(64), accountId: z.string().max(64) });
const reasonBody = z.strictObject({ reason: z.string().max(500) });
const xlsxMime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const boolQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export function registerSupplierRoutes(app: App, { db }: AppContext): void {
  const tenant = (req: Parameters<typeof auth>[0]) => auth(req).tenant.id;
  // Excel files arrive as Buffers like CSV (the platform already does so for text/csv and octet-stream).
  if (!app.hasContentTypeParser(xlsxMime)) app.addContentTypeParser(xlsxMime, { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  app.get('/api/suppliers', {
    config: { access: supplierReaders },
    schema: {
      tags, summary: 'Sök leverantörer (namn, organisationsnummer, momsregnr, bankgiro, plusgiro)',
      querystring: z.object({ q: z.string().max(100).optional(), blocked: boolQuery.optional(), limit: z.coerce.number().int().min(1).max(500).optional(), offset: z.coerce.number().int().min(0).optional() }),
      response: { 200: z.object({ suppliers: z.array(supplierSchema), total: z.number() }), ...errors },
    },
  }, async (req) => withTenant(db, tenant(req), (tx) => searchSuppliers(tx, req.query)));

  app.get('/api/suppliers/:id', {
    config: { access: supplierReaders },
    schema: { tags, summary: 'En leverantör', params: idParams, response: { 200: supplierSchema, ...errors } },
  }, async (req) => withTenant(db, tenant(req), (tx) => getSupplier(tx, req.params.id)));

  app.post('/api/suppliers', {
    config: { access: supplierWriters },
    schema: { tags, summary: 'Lägg upp leverantör (betalkonton blir overifierade)', body: createBody, response: { 201: supplierSchema, ...errors } },
  }, async (req, reply) => reply.status(201).send(await withTenant(db, tenant(req), (tx) => createSupplier(tx, actorOf(req), req.body))));

  app.patch('/api/suppliers/:id', {
    config: { access: supplierWriters },
    schema: { tags, summary: 'Ändra leverantör (version krävs: optimistisk låsning)', params: idParams, body: updateBody, response: { 200: supplierSchema, ...errors } },
  }, async (req) => withTenant(db, tenant(req), (tx) => updateSupplier(tx, actorOf(req), req.params.id, req.body)));

  app.post('/api/suppliers/:id/block', {
    config: { access: supplierWriters },
    schema: { tags, summary: 'Spärra leverantör', params: idParams, body: reasonBody, response: { 200: supplierSchema, ...errors } },
  }, async (req) => withTenant(db, tenant(req), (tx) => blockSupplier(tx, actorOf(req), req.params.id, req.body)));

  app.post('/api/suppliers/:id/unblock', {
    config: { access: supplierWriters },
    schema: { tags, summary: 'Häv spärr av leverantör', params: idParams, body: reasonBody, response: { 200: supplierSchema, ...errors } },
  }, async (req) => withTenant(db, tenant(req), (tx) => unblockSupplier(tx, actorOf(req), req.params.id, req.body)));

  app.post('/api/suppliers/:id/accounts', {
    config: { access: supplierWriters },
    schema: { tags, summary: 'Lägg till betalkonto (overifierat tills en annan person verifierar)', params: idParams, body: accountInput, response: { 201: supplierSchema, ...errors } },
  }, async (req, reply) => reply.status(201).send(await withTenant(db, tenant(req), (tx) => addAccount(tx, actorOf(req), req.params.id, req.body))));

  app.post('/api/suppliers/:id/accounts/:accountId/verify', {
    config: { access: accountVerifiers },
    schema: { tags, summary: 'Verifiera betalkonto (fyraögonsprincipen: inte den som lade in det)', params: accountParams, response: { 200: supplierSchema, ...errors } },
  }, async (req) => withTenant(db, tenant(req), (tx) => verifyAccount(tx, actorOf(req), req.params.id, req.params.accountId)));

  app.delete('/api/suppliers/:id/accounts/:accountId', {
    config: { access: supplierWriters },
    schema: { tags, summary: 'Avsluta betalkonto (sparas för historik)', params: accountParams, response: { 200: supplierSchema, ...errors } },
  }, async (req) => withTenant(db, tenant(req), (tx) => endAccount(tx, actorOf(req), req.params.id, req.params.accountId)));

  app.post('/api/suppliers/import', {
    config: { access: supplierWriters },
    bodyLimit: 10 * 1024 * 1024,
    schema: {
      tags,
      summary: 'Importera leverantörer från CSV (UTF-8 eller Windows-1252) eller XLSX. Kolumner: namn;organisationsnummer;momsregnr;bankgiro;plusgiro;clearing;bankkonto;iban;bic;peppol_id;adress;postnummer;ort;land;epost;telefon;kontaktperson;f_skatt;anteckning. Allt eller inget; ?dryRun=true ger bara rapporten.',
      querystring: z.object({ dryRun: boolQuery.optional() }),
      response: {
        200: z.object({
          dryRun: z.boolean(), ok: z.boolean(), format: z.enum(['csv', 'xlsx']), encoding: z.string().nullable(), rows: z.number(), created: z.number(),
          suppliers: z.array(z.object({ row: z.number(), name: z.string(), orgNumber: z.string().nullable(), id: z.string().nullable() })),
          errors: z.array(z.object({ row: z.number(), column: z.string(), message: z.string() })),
        }),
        ...errors,
      },
    },
  }, async (req) => {
    if (!Buffer.isBuffer(req.body)) throw new AppError('unsupported_media_type', { sv: 'Skicka filen som text/csv eller application/octet-stream (XLSX).', en: 'Send the file as text/csv or application/octet-stream (XLSX).' });
    const body = req.body;
    return withTenant(db, tenant(req), (tx) => importSuppliers(tx, actorOf(req), body, { dryRun: req.query.dryRun === true, lang: req.lang }));
  });

  app.get('/api/supplier-onboarding', {
    config: { access: onboardingReaders },
    schema: {
      tags, summary: 'Uppgifter: nya leverantörer att lägga upp (från fakturainläsningen)',
      querystring: z.object({ status: z.enum(['open', 'done', 'dismissed']).optional() }),
      response: { 200: z.object({ tasks: z.array(taskSchema) }), ...errors },
    },
  }, async (req) => ({ tasks: await withTenant(db, tenant(req), (tx) => listOnboardingTasks(tx, req.query)) }));

  app.post('/api/supplier-onboarding/:id/resolve', {
    config: { access: supplierWriters },
    schema: {
      tags, summary: 'Avsluta uppgift: lägg upp leverantören, koppla till befintlig eller avfärda',
      params: idParams,
      body: z.discriminatedUnion('action', [
        z.strictObject({ action: z.literal('create'), supplier: createBody.partial().optional() }),
        z.strictObject({ action: z.literal('link'), supplierId: z.string().max(64) }),
        z.strictObject({ action: z.literal('dismiss'), reason: z.string().max(500) }),
      ]),
      response: { 200: z.object({ task: taskSchema, supplier: supplierSchema.nullable() }), ...errors },
    },
  }, async (req) => withTenant(db, tenant(req), (tx) => resolveOnboardingTask(tx, actorOf(req), req.params.id, req.body)));
}
