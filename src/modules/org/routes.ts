// HTTP routes of the organisation module: thin wrappers over the use cases.
import { z } from 'zod';
import type { App, AppContext } from '../../platform/http/types.ts';
import { withTenant } from '../../platform/db/tenant.ts';
import { actorOf, auth } from '../../platform/http/request-context.ts';
import { errorSchema, isoDate } from '../../platform/http/schemas.ts';
import { AppError } from '../../platform/errors.ts';
import { createUnit, listUnits, updateUnit } from './units.ts';
import { createValue, listDimensions, listValues, updateValue } from './dimensions.ts';
import { importDimensionValues } from './import-dimension-values.ts';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };
const admin = ['systemforvaltare'] as const;
const unitSchema = z.object({ id: z.string(), parentId: z.string().nullable(), code: z.string(), name: z.string(), kind: z.enum(['namnd', 'forvaltning', 'enhet']), validFrom: isoDate, validTo: isoDate.nullable(), version: z.number() });
const valueSchema = z.object({ id: z.string(), dimension: z.string(), code: z.string(), name: z.string(), validFrom: isoDate, validTo: isoDate.nullable(), unitId: z.string().nullable(), version: z.number() });
const dimParam = z.object({ dim: z.string().regex(/^[a-z][a-z0-9_]{1,30}$/) });

export function registerOrgRoutes(app: App, { db }: AppContext): void {
  app.get('/api/org/units', {
    config: { access: 'authenticated' },
    schema: { tags: ['org'], summary: 'Organisationsträdet', response: { 200: z.object({ units: z.array(unitSchema) }), ...errors } },
  }, async (req) => ({ units: await withTenant(db, auth(req).tenant.id, (tx) => listUnits(tx)) }));

  app.post('/api/org/units', {
    config: { access: admin },
    schema: {
      tags: ['org'], summary: 'Skapa organisationsenhet',
      body: z.strictObject({ parentId: z.string().max(64).nullable(), code: z.string().max(20), name: z.string().max(200), kind: z.enum(['namnd', 'forvaltning', 'enhet']), validFrom: isoDate.optional() }),
      response: { 201: unitSchema, ...errors },
    },
  }, async (req, reply) => reply.status(201).send(await withTenant(db, auth(req).tenant.id, (tx) => createUnit(tx, actorOf(req), req.body))));

  app.patch('/api/org/units/:id', {
    config: { access: admin },
    schema: {
      tags: ['org'], summary: 'Ändra organisationsenhet', params: z.object({ id: z.string().max(64) }),
      body: z.strictObject({ name: z.string().max(200).optional(), code: z.string().max(20).optional(), validTo: isoDate.nullable().optional(), version: z.number().int().optional() }),
      response: { 200: unitSchema, ...errors },
    },
  }, async (req) => withTenant(db, auth(req).tenant.id, (tx) => updateUnit(tx, actorOf(req), req.params.id, req.body)));

  app.get('/api/dimensions', {
    config: { access: 'authenticated' },
    schema: { tags: ['org'], summary: 'Konteringsdimensioner', response: { 200: z.object({ dimensions: z.array(z.object({ code: z.string(), name: z.string(), required: z.boolean(), valueCount: z.number() })) }), ...errors } },
  }, async (req) => ({ dimensions: await withTenant(db, auth(req).tenant.id, (tx) => listDimensions(tx)) }));

  app.get('/api/dimensions/:dim/values', {
    config: { access: 'authenticated' },
    schema: {
      tags: ['org'], summary: 'Värden i en dimension', params: dimParam,
      querystring: z.object({ q: z.string().max(100).optional(), validOn: isoDate.optional() }),
      response: { 200: z.object({ values: z.array(valueSchema) }), ...errors },
    },
  }, async (req) => ({ values: await withTenant(db, auth(req).tenant.id, (tx) => listValues(tx, req.params.dim, req.query)) }));

  app.post('/api/dimensions/:dim/values', {
    config: { access: admin },
    schema: {
      tags: ['org'], summary: 'Skapa dimensionsvärde', params: dimParam,
      body: z.strictObject({ code: z.string().max(30), name: z.string().max(200), validFrom: isoDate, validTo: isoDate.nullable().optional(), unitId: z.string().max(64).nullable().optional() }),
      response: { 201: valueSchema, ...errors },
    },
  }, async (req, reply) => reply.status(201).send(await withTenant(db, auth(req).tenant.id, (tx) => createValue(tx, actorOf(req), req.params.dim, req.body))));

  app.patch('/api/dimensions/:dim/values/:id', {
    config: { access: admin },
    schema: {
      tags: ['org'], summary: 'Ändra dimensionsvärde', params: dimParam.extend({ id: z.string().max(64) }),
      body: z.strictObject({ name: z.string().max(200).optional(), validFrom: isoDate.optional(), validTo: isoDate.nullable().optional(), unitId: z.string().max(64).nullable().optional(), version: z.number().int().optional() }),
      response: { 200: valueSchema, ...errors },
    },
  }, async (req) => withTenant(db, auth(req).tenant.id, (tx) => updateValue(tx, actorOf(req), req.params.dim, req.params.id, req.body)));

  app.post('/api/dimensions/:dim/import', {
    config: { access: admin },
    bodyLimit: 5 * 1024 * 1024,
    schema: {
      tags: ['org'], summary: 'Importera dimensionsvärden från CSV (UTF-8 eller Windows-1252; kolumner kod;namn;giltig_fran;giltig_till;enhet). Allt eller inget.',
      params: dimParam,
      response: { 200: z.object({ imported: z.number(), updated: z.number(), encoding: z.string() }), ...errors },
    },
  }, async (req) => {
    if (!Buffer.isBuffer(req.body)) throw new AppError('unsupported_media_type', { sv: 'Skicka CSV-filen som text/csv.', en: 'Send the CSV file as text/csv.' });
    const body = req.body;
    return withTenant(db, auth(req).tenant.id, (tx) => importDimensionValues(tx, actorOf(req), req.params.dim, body, req.lang));
  });
}
