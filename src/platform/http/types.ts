import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Role } from '../auth/roles.ts';
import type { User } from '../auth/users.ts';
import type { Session } from '../auth/sessions.ts';
import type { Tenant } from '../auth/login.ts';
import type { Database } from '../db/types.ts';
import type { Config } from '../config.ts';

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

/** Who may call a route: anyone, any signed-in user, or holders of one of the roles. */
export type Access = 'public' | 'authenticated' | readonly Role[];

export type AuthContext = { session: Session; user: User; tenant: Tenant };

export type AppContext = { db: Database; config: Config };

// Module augmentation needs interfaces.
/* eslint-disable @typescript-eslint/consistent-type-definitions */
declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** Skip the CSRF check (sign-in: there is no session yet). */
    csrfExempt?: boolean;
  }
  interface FastifyRequest {
    auth: AuthContext | null;
    lang: 'sv' | 'en';
  }
}
/* eslint-enable @typescript-eslint/consistent-type-definitions */
