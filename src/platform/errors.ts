// One error type with a closed list of codes, mapped to HTTP status in one place. Clients switch on
// `code`, never on message text. Messages are Swedish first, English on request.
export type ErrorCode =
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'validation_failed'
  | 'conflict'
  | 'csrf_failed'
  | 'invalid_credentials'
  | 'totp_required'
  | 'too_many_attempts'
  | 'ambiguous_tenant'
  | 'database_busy'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'internal';

export const httpStatus: Record<ErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  validation_failed: 400,
  conflict: 409,
  csrf_failed: 403,
  invalid_credentials: 401,
  totp_required: 401,
  too_many_attempts: 429,
  ambiguous_tenant: 409,
  database_busy: 503,
  payload_too_large: 413,
  unsupported_media_type: 415,
  internal: 500,
};

export type Message = { sv: string; en: string };

const defaults: Record<ErrorCode, Message> = {
  unauthenticated: { sv: 'Du är inte inloggad.', en: 'You are not signed in.' },
  forbidden: { sv: 'Du saknar behörighet för detta.', en: 'You are not allowed to do this.' },
  not_found: { sv: 'Hittades inte.', en: 'Not found.' },
  validation_failed: { sv: 'Uppgifterna är inte giltiga.', en: 'The input is not valid.' },
  conflict: { sv: 'Ändringen krockar med befintliga uppgifter.', en: 'The change conflicts with existing data.' },
  csrf_failed: { sv: 'Begäran saknar giltig CSRF-token. Ladda om sidan och försök igen.', en: 'The request lacks a valid CSRF token. Reload the page and try again.' },
  invalid_credentials: { sv: 'Fel användarnamn eller lösenord.', en: 'Wrong user name or password.' },
  totp_required: { sv: 'Ange engångskoden från din autentiseringsapp.', en: 'Enter the one-time code from your authenticator app.' },
  too_many_attempts: { sv: 'För många misslyckade inloggningsförsök. Vänta en stund och försök igen.', en: 'Too many failed sign-in attempts. Wait a while and try again.' },
  ambiguous_tenant: { sv: 'Användarnamnet finns i flera kommuner. Välj kommun.', en: 'The user name exists in several municipalities. Choose one.' },
  database_busy: { sv: 'Databasen används av en annan process.', en: 'The database is in use by another process.' },
  payload_too_large: { sv: 'Filen eller begäran är för stor.', en: 'The file or request is too large.' },
  unsupported_media_type: { sv: 'Fel innehållstyp.', en: 'Unsupported content type.' },
  internal: { sv: 'Ett oväntat fel inträffade. Försök igen eller kontakta systemförvaltaren.', en: 'An unexpected error occurred. Try again or contact the administrator.' },
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly messages: Message;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message?: Message | string, details?: Record<string, unknown>) {
    const messages = typeof message === 'string' ? { sv: message, en: message } : message ?? defaults[code];
    super(messages.en);
    this.name = 'AppError';
    this.code = code;
    this.messages = messages;
    this.details = details;
  }

  get status(): number {
    return httpStatus[this.code];
  }

  toBody(lang: 'sv' | 'en' = 'sv'): { error: { code: ErrorCode; message: string; details?: Record<string, unknown> } } {
    return { error: { code: this.code, message: this.messages[lang], ...(this.details ? { details: this.details } : {}) } };
  }
}

export function defaultMessage(code: ErrorCode): Message {
  return defaults[code];
}

export type FieldIssue = { path: string; message: string };

export function validationError(issues: FieldIssue[], message?: Message): AppError {
  return new AppError('validation_failed', message, { issues });
}

export const notFound = (what?: Message): AppError => new AppError('not_found', what);
export const conflict = (message: Message, details?: Record<string, unknown>): AppError => new AppError('conflict', message, details);
export const forbidden = (message?: Message): AppError => new AppError('forbidden', message);
