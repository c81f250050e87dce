// Access to every API route is decided here, in one place: the route declares who may call it
// (`config.access`), this hook checks the session, the role and the CSRF token. Tenant separation
// is the database's job (row-level security), so another tenant's object simply is not found.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors.ts';
import { findSession, SESSION_COOKIE } from '../auth/sessions.ts';
import { getUser } from '../auth/users.ts';
import { withTenant } from '../db/tenant.ts';
import type { AppContext } from './types.ts';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function accessHook(ctx: AppContext) {
  return async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    req.auth = null;
    if (!req.url.startsWith('/api/')) return;
    const access = req.routeOptions.config.access;
    if (access === undefined) {
      if (req.routeOptions.url === undefined) return; // unknown route: the not-found handler answers
      if (req.url.startsWith('/api/docs')) return;     // the OpenAPI browser
      throw new AppError('internal', 'route without access rule');
    }
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      const session = await findSession(ctx.db, token);
      if (session) {
        const loaded = await withTenant(ctx.db, session.tenantId, async (tx) => {
          const user = await getUser(tx, session.userId).catch(() => null);
          const t = await tx.query<{ id: string; name: string; org_number: string }>('SELECT id, name, org_number FROM tenants WHERE id = $1', [session.tenantId]);
          return { user, tenant: t.rows[0] };
        });
        if (loaded.user?.active && loaded.tenant) {
          req.auth = { session, user: loaded.user, tenant: { id: loaded.tenant.id, name: loaded.tenant.name, orgNumber: loaded.tenant.org_number } };
        }
      }
    }
    if (access === 'public') return;
    if (!req.auth) throw new AppError('unauthenticated');
    if (!safeMethods.has(req.method) && !req.routeOptions.config.csrfExempt) {
      const header = req.headers['x-csrf-token'];
      if (typeof header !== 'string' || !sameToken(header, req.auth.session.csrfToken)) throw new AppError('csrf_failed');
    }
    if (access !== 'authenticated' && !access.some((r) => req.auth!.user.roles.includes(r))) {
      throw new AppError('forbidden');
    }
  };
}
