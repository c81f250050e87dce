// Routes of the platform: health, sign-in, the signed-in user, user administration, audit trail.
import { z } from 'zod';
import type { App, AppContext } from './types.ts';
import { VERSION } from './version.ts';
import { login } from '../auth/login.ts';
import { endSession, endUserSessions, SESSION_COOKIE, IDLE_MINUTES, MAX_HOURS } from '../auth/sessions.ts';
import { createUser, getCredentials, getUser, listUsers, setPassword, setTotp, updateUser } from '../auth/users.ts';
import { verifyPassword } from '../auth/passwords.ts';
import { newTotpSecret, totpUrl, verifyTotp } from '../auth/totp.ts';
import { withTenant } from '../db/tenant.ts';
import { listEvents, recordEvent, verifyChain } from '../audit/index.ts';
import { AppError } from '../errors.ts';
import { errorSchema, idParam, isoDate, okSchema, roleSchema, tenantSchema, userSchema } from './schemas.ts';
import { actorOf, auth } from './request-context.ts';

const admin = ['systemforvaltare'] as const;
const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema, 429: errorSchema };

export function registerPlatformRoutes(app: App, ctx: AppContext): void {
  const { db } = ctx;

  app.get('/api/health', {
    config: { access: 'public' },
    schema: { tags: ['system'], summary: 'Hälsokontroll', response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']), version: z.string() }) } },
  }, async () => {
    await db.query('SELECT 1');
    return { status: 'ok' as const, database: db.kind, version: VERSION };
  });

  app.post('/api/auth/login', {
    config: { access: 'public', csrfExempt: true },
    schema: {
      tags: ['auth'], summary: 'Logga in',
      body: z.strictObject({ username: z.string().min(1).max(100), password: z.string().min(1).max(200), tenant: z.string().max(64).optional(), totp: z.string().max(10).optional() }),
      response: { 200: z.object({ csrfToken: z.string(), user: userSchema.extend({ tenant: tenantSchema }) }), ...errors },
    },
  }, async (req, reply) => {
    const r = await login(db, { ...req.body, ip: req.ip, userAgent: String(req.headers['user-agent'] ?? '') });
    void reply.setCookie(SESSION_COOKIE, r.token, { path: '/', httpOnly: true, sameSite: 'lax', secure: ctx.config.secureCookies ? true : 'auto', maxAge: MAX_HOURS * 3600 });
    return { csrfToken: r.session.csrfToken, user: { ...r.user, tenant: r.tenant } };
  });

  app.post('/api/auth/logout', {
    config: { access: 'authenticated' },
    schema: { tags: ['auth'], summary: 'Logga ut', response: { 200: okSchema, ...errors } },
  }, async (req, reply) => {
    const a = auth(req);
    await endSession(db, a.session.id);
    await withTenant(db, a.tenant.id, (tx) => recordEvent(tx, { actor: actorOf(req), action: 'auth.logout', entityType: 'user', entityId: a.user.id }));
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  app.get('/api/me', {
    config: { access: 'authenticated' },
    schema: { tags: ['auth'], summary: 'Inloggad användare', response: { 200: z.object({ csrfToken: z.string(), idleMinutes: z.number(), user: userSchema.extend({ tenant: tenantSchema }) }), ...errors } },
  }, async (req) => {
    const a = auth(req);
    return { csrfToken: a.session.csrfToken, idleMinutes: IDLE_MINUTES, user: { ...a.user, tenant: a.tenant } };
  });

  app.post('/api/me/password', {
    config: { access: 'authenticated' },
    schema: { tags: ['auth'], summary: 'Byt eget lösenord', body: z.strictObject({ currentPassword: z.string().max(200), newPassword: z.string().max(200) }), response: { 200: okSchema, ...errors } },
  }, async (req) => {
    const a = auth(req);
    await withTenant(db, a.tenant.id, async (tx) => {
      const cred = await getCredentials(tx, a.user.id);
      if (!(await verifyPassword(cred.passwordHash, req.body.currentPassword))) {
        throw new AppError('validation_failed', { sv: 'Nuvarande lösenord är fel.', en: 'The current password is wrong.' }, { issues: [{ path: 'currentPassword', message: 'Nuvarande lösenord är fel.' }] });
      }
      await setPassword(tx, actorOf(req), a.user.id, req.body.newPassword);
    });
    await endUserSessions(db, a.user.id, a.session.id);
    return { ok: true as const };
  });

  app.post('/api/me/totp/setup', {
    config: { access: 'authenticated' },
    schema: { tags: ['auth'], summary: 'Förbered tvåstegsverifiering (TOTP)', response: { 200: z.object({ secret: z.string(), otpauthUrl: z.string() }), ...errors } },
  }, async (req) => {
    const a = auth(req);
    return withTenant(db, a.tenant.id, async (tx) => {
      const cred = await getCredentials(tx, a.user.id);
      if (cred.totpEnabled) throw new AppError('conflict', { sv: 'Tvåstegsverifiering är redan påslagen.', en: 'Two-factor authentication is already enabled.' });
      const secret = newTotpSecret();
      await setTotp(tx, actorOf(req), a.user.id, secret, false, '');
      return { secret, otpauthUrl: totpUrl(secret, `${a.user.username}@${a.tenant.orgNumber}`) };
    });
  });

  for (const [path, enable] of [['/api/me/totp/enable', true], ['/api/me/totp/disable', false]] as const) {
    app.post(path, {
      config: { access: 'authenticated' },
      schema: { tags: ['auth'], summary: enable ? 'Slå på tvåstegsverifiering' : 'Slå av tvåstegsverifiering', body: z.strictObject({ code: z.string().max(10) }), response: { 200: okSchema, ...errors } },
    }, async (req) => {
      const a = auth(req);
      await withTenant(db, a.tenant.id, async (tx) => {
        const cred = await getCredentials(tx, a.user.id);
        if (!cred.totpSecret || cred.totpEnabled === enable) {
          throw new AppError('conflict', enable ? { sv: 'Starta inställningen först.', en: 'Start the setup first.' } : { sv: 'Tvåstegsverifiering är inte påslagen.', en: 'Two-factor authentication is not enabled.' });
        }
        if (!verifyTotp(cred.totpSecret, req.body.code)) {
          throw new AppError('validation_failed', { sv: 'Fel engångskod.', en: 'Wrong one-time code.' }, { issues: [{ path: 'code', message: 'Fel engångskod.' }] });
        }
        await setTotp(tx, actorOf(req), a.user.id, enable ? cred.totpSecret : null, enable, enable ? 'user.totp_enable' : 'user.totp_disable');
      });
      return { ok: true as const };
    });
  }

  // --- user administration (systemförvaltare) ---
  const userWithActive = userSchema;
  app.get('/api/users', {
    config: { access: ['systemforvaltare', 'revisor'] },
    schema: { tags: ['users'], summary: 'Användare', querystring: z.object({ q: z.string().max(100).optional() }), response: { 200: z.object({ users: z.array(userWithActive) }), ...errors } },
  }, async (req) => ({ users: await withTenant(db, auth(req).tenant.id, (tx) => listUsers(tx, req.query.q)) }));

  app.get('/api/users/:id', {
    config: { access: ['systemforvaltare', 'revisor'] },
    schema: { tags: ['users'], summary: 'En användare', params: idParam, response: { 200: userWithActive, ...errors } },
  }, async (req) => withTenant(db, auth(req).tenant.id, (tx) => getUser(tx, req.params.id)));

  app.post('/api/users', {
    config: { access: admin },
    schema: {
      tags: ['users'], summary: 'Skapa användare',
      body: z.strictObject({ username: z.string().max(40), displayName: z.string().max(200), email: z.string().max(200).nullable().optional(), roles: z.array(roleSchema), password: z.string().max(200), trainedBuyerAt: isoDate.nullable().optional() }),
      response: { 201: userWithActive, ...errors },
    },
  }, async (req, reply) => {
    const user = await withTenant(db, auth(req).tenant.id, (tx) => createUser(tx, actorOf(req), req.body));
    return reply.status(201).send(user);
  });

  app.patch('/api/users/:id', {
    config: { access: admin },
    schema: {
      tags: ['users'], summary: 'Ändra användare', params: idParam,
      body: z.strictObject({ displayName: z.string().max(200).optional(), email: z.string().max(200).nullable().optional(), roles: z.array(roleSchema).optional(), trainedBuyerAt: isoDate.nullable().optional(), active: z.boolean().optional(), version: z.number().int().optional() }),
      response: { 200: userWithActive, ...errors },
    },
  }, async (req) => {
    const user = await withTenant(db, auth(req).tenant.id, (tx) => updateUser(tx, actorOf(req), req.params.id, req.body));
    if (!user.active) await endUserSessions(db, user.id);
    return user;
  });

  app.post('/api/users/:id/password', {
    config: { access: admin },
    schema: { tags: ['users'], summary: 'Sätt nytt lösenord för användare', params: idParam, body: z.strictObject({ password: z.string().max(200) }), response: { 200: okSchema, ...errors } },
  }, async (req) => {
    await withTenant(db, auth(req).tenant.id, (tx) => setPassword(tx, actorOf(req), req.params.id, req.body.password));
    await endUserSessions(db, req.params.id);
    return { ok: true as const };
  });

  // --- audit trail (revisor, systemförvaltare) ---
  const eventSchema = z.object({
    seq: z.number(), occurredAt: z.string(), actor: z.object({ id: z.string(), username: z.string() }).nullable(),
    action: z.string(), entityType: z.string(), entityId: z.string().nullable(), before: z.unknown(), after: z.unknown(), hash: z.string(),
  });
  app.get('/api/audit', {
    config: { access: ['revisor', 'systemforvaltare'] },
    schema: {
      tags: ['audit'], summary: 'Granskningslogg',
      querystring: z.object({
        action: z.string().max(100).optional(), entityType: z.string().max(100).optional(), entityId: z.string().max(100).optional(),
        actor: z.string().max(100).optional(), from: isoDate.optional(), to: isoDate.optional(),
        cursor: z.coerce.number().int().positive().optional(), limit: z.coerce.number().int().min(1).max(500).optional(),
      }),
      response: { 200: z.object({ events: z.array(eventSchema), nextCursor: z.number().nullable() }), ...errors },
    },
  }, async (req) => withTenant(db, auth(req).tenant.id, (tx) => listEvents(tx, req.query)));

  app.get('/api/audit/verify', {
    config: { access: ['revisor', 'systemforvaltare'] },
    schema: {
      tags: ['audit'], summary: 'Verifiera granskningsloggens hashkedja',
      response: { 200: z.object({ ok: z.boolean(), checked: z.number(), firstBroken: z.object({ seq: z.number(), reason: z.string() }).nullable() }), ...errors },
    },
  }, async (req) => withTenant(db, auth(req).tenant.id, (tx) => verifyChain(tx)));
}
