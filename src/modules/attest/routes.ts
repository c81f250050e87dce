// HTTP routes for attest rights and substitutes.
import { z } from 'zod';
import type { App, AppContext } from '../../platform/http/types.ts';
import { withTenant } from '../../platform/db/tenant.ts';
import { actorOf, auth } from '../../platform/http/request-context.ts';
import { decimalAmount, errorSchema, isoDate, okSchema } from '../../platform/http/schemas.ts';
import { createRight, listRights, updateRight } from './rights.ts';
import { createSubstitute, deleteSubstitute, listSubstitutes } from './substitutes.ts';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };
const admin = ['systemforvaltare'] as const;
const readers = ['systemforvaltare', 'revisor', 'ekonom', 'fakturahanterare'] as const;
const rightSchema = z.object({ id: z.string(), userId: z.string(), username: z.string(), displayName: z.string(), ansvar: z.string(), ansvarName: z.string().nullable(), maxAmount: z.string(), validFrom: isoDate, validTo: isoDate.nullable(), version: z.number() });
const subSchema = z.object({ id: z.string(), userId: z.string(), username: z.string(), substituteUserId: z.string(), substituteUsername: z.string(), validFrom: isoDate, validTo: isoDate });

export function registerAttestRoutes(app: App, { db }: AppContext): void {
  app.get('/api/attest-rights', {
    config: { access: readers },
    schema: { tags: ['attest'], summary: 'Attesträtter (attestförteckning)', querystring: z.object({ userId: z.string().max(64).optional(), ansvar: z.string().max(30).optional() }), response: { 200: z.object({ rights: z.array(rightSchema) }), ...errors } },
  }, async (req) => ({ rights: await withTenant(db, auth(req).tenant.id, (tx) => listRights(tx, req.query)) }));

  app.post('/api/attest-rights', {
    config: { access: admin },
    schema: {
      tags: ['attest'], summary: 'Ge attesträtt',
      body: z.strictObject({ userId: z.string().max(64), ansvar: z.string().max(30), maxAmount: decimalAmount, validFrom: isoDate, validTo: isoDate.nullable().optional() }),
      response: { 201: rightSchema, ...errors },
    },
  }, async (req, reply) => reply.status(201).send(await withTenant(db, auth(req).tenant.id, (tx) => createRight(tx, actorOf(req), req.body))));

  app.patch('/api/attest-rights/:id', {
    config: { access: admin },
    schema: {
      tags: ['attest'], summary: 'Ändra eller avsluta attesträtt', params: z.object({ id: z.string().max(64) }),
      body: z.strictObject({ maxAmount: decimalAmount.optional(), validFrom: isoDate.optional(), validTo: isoDate.nullable().optional(), version: z.number().int().optional() }),
      response: { 200: rightSchema, ...errors },
    },
  }, async (req) => withTenant(db, auth(req).tenant.id, (tx) => updateRight(tx, actorOf(req), req.params.id, req.body)));

  app.get('/api/substitutes', {
    config: { access: readers },
    schema: { tags: ['attest'], summary: 'Ersättare', response: { 200: z.object({ substitutes: z.array(subSchema) }), ...errors } },
  }, async (req) => ({ substitutes: await withTenant(db, auth(req).tenant.id, (tx) => listSubstitutes(tx)) }));

  app.post('/api/substitutes', {
    config: { access: admin },
    schema: {
      tags: ['attest'], summary: 'Utse ersättare för en period',
      body: z.strictObject({ userId: z.string().max(64), substituteUserId: z.string().max(64), validFrom: isoDate, validTo: isoDate }),
      response: { 201: subSchema, ...errors },
    },
  }, async (req, reply) => reply.status(201).send(await withTenant(db, auth(req).tenant.id, (tx) => createSubstitute(tx, actorOf(req), req.body))));

  app.delete('/api/substitutes/:id', {
    config: { access: admin },
    schema: { tags: ['attest'], summary: 'Ta bort ersättare', params: z.object({ id: z.string().max(64) }), response: { 200: okSchema, ...errors } },
  }, async (req) => {
    await withTenant(db, auth(req).tenant.id, (tx) => deleteSubstitute(tx, actorOf(req), req.params.id));
    return { ok: true as const };
  });
}
