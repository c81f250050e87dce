// Every error leaves the API in one shape: {"error": {"code", "message", "details"?}}.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../errors.ts';

function fromFastify(err: FastifyError): AppError | null {
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('validation_failed', { sv: 'Begärans JSON är felaktig.', en: 'The request body is not valid JSON.' }, { issues: [{ path: '', message: err.message }] });
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('unsupported_media_type');
    default:
      if (err.statusCode === 400 || err.statusCode === 413 || err.statusCode === 415) {
        return new AppError(err.statusCode === 413 ? 'payload_too_large' : err.statusCode === 415 ? 'unsupported_media_type' : 'validation_failed', undefined, { issues: [{ path: '', message: err.message }] });
      }
      return null;
  }
}

export function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  const lang = req.lang ?? 'sv';
  let e: AppError;
  if (err instanceof AppError) e = err;
  else if (hasZodFastifySchemaValidationErrors(err)) {
    const issues = err.validation.map((v) => ({
      path: [err.validationContext === 'body' ? '' : err.validationContext, ...String(v.instancePath ?? '').split('/').filter(Boolean)].filter(Boolean).join('.'),
      message: v.message ?? 'invalid',
    }));
    e = new AppError('validation_failed', undefined, { issues });
  } else {
    e = fromFastify(err) ?? new AppError('internal');
    if (e.code === 'internal') req.log.error({ err }, 'unhandled error');
  }
  if (e.code === 'too_many_attempts' && typeof e.details?.retryAfterSeconds === 'number') {
    void reply.header('retry-after', String(e.details.retryAfterSeconds));
  }
  void reply.status(e.status).type('application/json; charset=utf-8').send(e.toBody(lang));
}
