import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import type { Actor } from '../audit/index.ts';
import type { AuthContext } from './types.ts';

/** The signed-in context of a request whose route requires sign-in. */
export function auth(req: FastifyRequest): AuthContext {
  if (!req.auth) throw new AppError('unauthenticated');
  return req.auth;
}

export function actorOf(req: FastifyRequest): Actor {
  const a = auth(req);
  return { id: a.user.id, username: a.user.username };
}
