// The admin API client: JSON over fetch with the session cookie, the CSRF header on writes, and
// RFC 9457 problem details turned into ApiError, which forms read for per-field messages.

export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  code: string;
  detail?: string;
  request_id?: string;
  errors?: FieldProblem[];
}

// A failed request: an HTTP problem from the server, or status 0 for a network failure.
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly requestId: string;
  readonly errors: FieldProblem[];

  constructor(problem: Problem) {
    const detail = problem.detail || problem.title || `Request failed (${problem.status}).`;
    super(detail);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.detail = detail;
    this.requestId = problem.request_id ?? '';
    this.errors = problem.errors ?? [];
  }

  // The message for one form field ("email"), or for nested fields ("custom_fields.size").
  field(name: string): string | undefined {
    const hit = this.errors.find((e) => e.field === name || e.field.startsWith(`${name}.`));
    return hit?.message;
  }

  // Messages keyed by field name (the first one wins).
  get fields(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.errors) out[e.field] ??= e.message;
    return out;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

// `e` as an ApiError: itself, or an 'unknown' one carrying its text (a bug, not a server answer).
export function asApiError(e: unknown): ApiError {
  return e instanceof ApiError
    ? e
    : new ApiError({ status: 0, code: 'unknown', detail: String(e) });
}

export function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  // Set for the session check and login, whose 401 is an answer, not an expired session.
  quiet401?: boolean;
}

export interface ApiResponse<T> {
  data: T;
  status: number;
  etag: string | null;
}

let csrfToken = '';
let onUnauthorized: (() => void) | null = null;

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

// Called when a request answers 401: the session expired or was signed out elsewhere.
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

// "?a=1&b=x" from the non-empty values of `query`.
export function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export async function request<T>(
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(path + queryString(options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (e) {
    if (isAbort(e)) throw e;
    throw new ApiError({
      status: 0,
      code: 'network_error',
      detail: 'The server cannot be reached. Check the connection and try again.',
    });
  }

  const type = response.headers.get('content-type') ?? '';
  const text = response.status === 204 ? '' : await response.text();
  let parsed: unknown = null;
  if (text && type.includes('json')) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }

  if (!response.ok) {
    const p = (parsed && typeof parsed === 'object' ? parsed : {}) as Partial<Problem>;
    const error = new ApiError({
      ...p,
      status: response.status,
      code: p.code ?? `http_${response.status}`,
      detail: p.detail ?? (text && !type.includes('html') ? text.slice(0, 300) : undefined),
    });
    if (response.status === 401 && !options.quiet401) onUnauthorized?.();
    throw error;
  }
  return { data: parsed as T, status: response.status, etag: response.headers.get('etag') };
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) =>
    request<T>('PATCH', path, { ...options, body }),
  put: <T>(path: string, body: unknown, options?: RequestOptions) =>
    request<T>('PUT', path, { ...options, body }),
  del: <T = null>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
};

// Path segment escaping for ids that come from the server or the URL.
export function seg(id: string): string {
  return encodeURIComponent(id);
}
