// API clients: JSON over fetch with the session cookie, the CSRF header on writes, and RFC 9457
// problem details turned into ApiError, which forms read for per-field messages. `api` is the
// admin's (/api/admin/); the customer area makes its own with createClient (/api/store/).

export interface FieldProblem {
  field: string;
  code: string;
  message: string;
  // The 1-based character of the mistake in a text the field holds (a customer filter).
  position?: number;
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
  // Sent as JSON; a Blob (a part of a file) is sent as it is, with its type as Content-Type.
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  // Set for the session check and login, whose 401 is an answer, not an expired session.
  quiet401?: boolean;
  // The body is a file to keep, not JSON to parse (Client.download).
  raw?: boolean;
}

export interface ApiResponse<T> {
  data: T;
  status: number;
  etag: string | null;
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

export interface ClientOptions {
  // Put before every path: '' for the admin (full paths), '/api/store' for the customer area.
  base?: string;
  // The CSRF token to send on writes ('' for none).
  csrfToken: () => string;
  // Sees every failed request before it is thrown (the admin signs out on a 401).
  onError?: (error: ApiError, options: RequestOptions) => void;
}

export interface Download {
  blob: Blob;
  filename: string;
}

export interface Client {
  request: <T>(method: string, path: string, options?: RequestOptions) => Promise<ApiResponse<T>>;
  get: <T>(path: string, options?: RequestOptions) => Promise<ApiResponse<T>>;
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => Promise<ApiResponse<T>>;
  patch: <T>(path: string, body: unknown, options?: RequestOptions) => Promise<ApiResponse<T>>;
  put: <T>(path: string, body: unknown, options?: RequestOptions) => Promise<ApiResponse<T>>;
  del: <T = null>(path: string, options?: RequestOptions) => Promise<ApiResponse<T>>;
  // A GET whose answer is a file (Content-Disposition attachment), not JSON to read.
  // `fallbackName` names the file when the answer does not.
  download: (path: string, fallbackName: string, options?: RequestOptions) => Promise<Download>;
}

function filenameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1]!.trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition);
  return plain?.[1]?.trim() || fallback;
}

// A JSON client for one API: the session cookie, the CSRF header on writes, and problem details
// (RFC 9457) turned into ApiError.
export function createClient(config: ClientOptions): Client {
  const base = config.base ?? '';

  // The response of a successful request; a failed one throws its ApiError.
  async function send(
    method: string,
    path: string,
    options: RequestOptions,
  ): Promise<{ response: Response; text: string; parsed: unknown }> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    let body: string | Blob | undefined;
    if (options.body instanceof Blob) {
      headers['content-type'] = options.body.type || 'application/octet-stream';
      body = options.body;
    } else if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    const csrf = config.csrfToken();
    if (method !== 'GET' && method !== 'HEAD' && csrf) headers['x-csrf-token'] = csrf;

    let response: Response;
    try {
      response = await fetch(base + path + queryString(options.query), {
        method,
        headers,
        body,
        credentials: 'same-origin',
        signal: options.signal,
      });
    } catch (e) {
      if (isAbort(e)) throw e;
      const error = new ApiError({
        status: 0,
        code: 'network_error',
        detail: 'The server cannot be reached. Check the connection and try again.',
      });
      config.onError?.(error, options);
      throw error;
    }

    if (response.ok && options.raw) return { response, text: '', parsed: null };
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
      config.onError?.(error, options);
      throw error;
    }
    return { response, text, parsed };
  }

  async function request<T>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<ApiResponse<T>> {
    const { response, parsed } = await send(method, path, options);
    return { data: parsed as T, status: response.status, etag: response.headers.get('etag') };
  }

  async function download(
    path: string,
    fallbackName: string,
    options: RequestOptions = {},
  ): Promise<Download> {
    const { response } = await send('GET', path, { ...options, raw: true });
    return {
      blob: await response.blob(),
      filename: filenameOf(response.headers.get('content-disposition'), fallbackName),
    };
  }

  return {
    request,
    get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, options),
    post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
      request<T>('POST', path, { ...options, body }),
    patch: <T>(path: string, body: unknown, options?: RequestOptions) =>
      request<T>('PATCH', path, { ...options, body }),
    put: <T>(path: string, body: unknown, options?: RequestOptions) =>
      request<T>('PUT', path, { ...options, body }),
    del: <T = null>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
    download,
  };
}

// Saves a downloaded file the way a link with `download` would.
export function saveFile(file: Download): void {
  const url = URL.createObjectURL(file.blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.filename;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// ---------------------------------------------------------------------------------------------
// The admin API: full paths (/api/admin/...), the admin's CSRF token, and a handler for a session
// that ended.

let csrfToken = '';
let onUnauthorized: (() => void) | null = null;

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

// Called when a request answers 401: the session expired or was signed out elsewhere.
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

export const api: Client = createClient({
  csrfToken: () => csrfToken,
  onError: (error, options) => {
    if (error.status === 401 && !options.quiet401) onUnauthorized?.();
  },
});

// Path segment escaping for ids that come from the server or the URL.
export function seg(id: string): string {
  return encodeURIComponent(id);
}
