import type { TFunction } from 'i18next';
import { ApiError } from './client.ts';

// Codes whose wording the interface owns (the sign-in flow); for all others the server's message,
// already in the chosen language and usually more specific, is shown.
const OWN_WORDING = new Set(['invalid_credentials', 'totp_required', 'ambiguous_tenant', 'network', 'csrf_failed', 'unauthenticated', 'internal']);
const KNOWN = new Set([...OWN_WORDING, 'forbidden', 'not_found', 'validation_failed', 'conflict', 'too_many_attempts']);

export function retryAfterText(t: TFunction, seconds: number): string {
  if (seconds < 60) return t('errors.seconds', { count: Math.max(1, Math.ceil(seconds)) });
  return t('errors.minutes', { count: Math.ceil(seconds / 60) });
}

/** A human sentence for any error thrown by the API client. */
export function errorText(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'too_many_attempts') {
      const s = Number(error.details?.retryAfterSeconds);
      return Number.isFinite(s) && s > 0 ? t('errors.too_many_attempts', { time: retryAfterText(t, s) }) : t('errors.too_many_attempts_nowait');
    }
    if (OWN_WORDING.has(error.code)) return t(`errors.${error.code}`);
    if (error.message && !error.message.startsWith('HTTP ')) return error.message;
    if (KNOWN.has(error.code)) return t(`errors.${error.code}`);
    return t('errors.unknown');
  }
  return t('errors.unknown');
}

export type FieldErrors = Record<string, string>;

/** Field-level messages from a validation_failed error (details.issues: [{path, message}]). */
export function fieldErrors(error: unknown): FieldErrors {
  const out: FieldErrors = {};
  if (!(error instanceof ApiError) || error.code !== 'validation_failed') return out;
  const issues = error.details?.issues;
  if (!Array.isArray(issues)) return out;
  for (const issue of issues) {
    if (typeof issue !== 'object' || issue === null) continue;
    const rec = issue as { path?: unknown; message?: unknown };
    const raw = Array.isArray(rec.path) ? rec.path.join('.') : typeof rec.path === 'string' ? rec.path : '';
    // schema issues arrive as "body.maxAmount"; the form knows the field as "maxAmount"
    const path = raw.replace(/^(body|query|params)\.?/, '');
    const message = typeof rec.message === 'string' ? rec.message : '';
    if (message && !(path in out)) out[path] = message;
  }
  return out;
}
