// The fetch wrapper every screen uses: same-origin cookies, the CSRF token on every non-GET
// request, Accept-Language from the chosen locale, and the API's error shape turned into ApiError.

export type ErrorDetails = { [key: string]: unknown };

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetails | undefined;

  constructor(status: number, code: string, message: string, details?: ErrorDetails) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

let csrfToken: string | null = null;
let acceptLanguage = 'sv';
let onUnauthenticated: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function setApiLanguage(locale: string): void {
  acceptLanguage = locale;
}

/** Called when a request (other than the session check itself) answers 401 unauthenticated. */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

export type RequestOptions = {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** JSON body; serialised with Content-Type application/json. */
  json?: unknown;
  /** Raw body (e.g. a CSV file) with its content type. */
  raw?: { body: Blob | string; contentType: string };
  query?: Record<string, string | number | undefined | null>;
  signal?: AbortSignal;
  /** Do not call the unauthenticated handler on 401 (used by the session check and sign-in). */
  quiet401?: boolean;
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function parseErrorBody(status: number, body: unknown): ApiError {
  if (isRecord(body) && isRecord(body.error)) {
    const e = body.error;
    const code = typeof e.code === 'string' ? e.code : 'unknown';
    const message = typeof e.message === 'string' ? e.message : `HTTP ${status}`;
    const details = isRecord(e.details) ? e.details : undefined;
    return new ApiError(status, code, message, details);
  }
  return new ApiError(status, status >= 500 ? 'internal' : 'unknown', `HTTP ${status}`);
}

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return `/api${path}${qs ? `?${qs}` : ''}`;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? (options.json !== undefined || options.raw ? 'POST' : 'GET');
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': acceptLanguage };
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.raw) {
    headers['Content-Type'] = options.raw.contentType;
    body = options.raw.body;
  }
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(buildUrl(path, options.query), { method, headers, body, credentials: 'same-origin', signal: options.signal });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', e instanceof Error ? e.message : 'network error');
  }

  const text = await res.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (!res.ok) {
    const err = parseErrorBody(res.status, parsed);
    if (res.status === 401 && err.code === 'unauthenticated' && !options.quiet401) onUnauthenticated?.();
    throw err;
  }
  return parsed as T;
}
