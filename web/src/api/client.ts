// The one way the console talks to the server: same-origin cookies, the CSRF header on
// every state-changing call, and one typed error for every non-2xx answer.

export const API_BASE = '/api/v1'

export interface ApiErrorBody {
  code: string
  message: string
  field?: string
  details?: Record<string, unknown>
}

export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly field?: string
  readonly details?: Record<string, unknown>
  /** Seconds from the Retry-After header (423, 429), if any. */
  readonly retryAfter?: number

  constructor(status: number, body: ApiErrorBody, retryAfter?: number) {
    super(body.message || body.code)
    this.name = 'ApiError'
    this.status = status
    this.code = body.code
    this.field = body.field
    this.details = body.details
    this.retryAfter = retryAfter
  }
}

export interface Page<T> {
  items: T[]
  page: number
  page_size: number
  total: number
}

export type Query = Record<string, string | number | boolean | undefined | null>

let csrfToken: string | null = null
let onUnauthenticated: (() => void) | null = null
let onBlocked: ((code: string) => void) | null = null

/** The token lives only in memory; a reload fetches it again through GET /session. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token
}
export function getCsrfToken(): string | null {
  return csrfToken
}
/** Called when any call answers 401 `unauthenticated` (session gone or expired). */
export function setUnauthenticatedHandler(fn: (() => void) | null): void {
  onUnauthenticated = fn
}
/** Called on 403 `password_change_required` / `totp_enrolment_required`. */
export function setBlockedHandler(fn: ((code: string) => void) | null): void {
  onBlocked = fn
}

export function buildUrl(path: string, query?: Query): string {
  let url = API_BASE + path
  if (query) {
    const params = new URLSearchParams()
    for (const [k, v] of Object.entries(query)) {
      if (v === undefined || v === null || v === '') continue
      params.append(k, String(v))
    }
    const s = params.toString()
    if (s) url += (url.includes('?') ? '&' : '?') + s
  }
  return url
}

function parseRetryAfter(res: Response, body: ApiErrorBody): number | undefined {
  const h = res.headers.get('Retry-After')
  if (h && /^\d+$/.test(h.trim())) return Number(h.trim())
  const d = body.details?.retry_after_seconds
  if (typeof d === 'number') return d
  return undefined
}

/** Turns any non-2xx response into an ApiError, whatever its body looks like. */
export async function parseError(res: Response): Promise<ApiError> {
  let body: ApiErrorBody = { code: statusCode(res.status), message: res.statusText || `HTTP ${res.status}` }
  try {
    const text = await res.text()
    if (text) {
      const json = JSON.parse(text)
      const e = json && typeof json === 'object' ? json.error : undefined
      if (e && typeof e === 'object' && typeof e.code === 'string') {
        body = {
          code: e.code,
          message: typeof e.message === 'string' ? e.message : e.code,
          field: typeof e.field === 'string' && e.field ? e.field : undefined,
          details: e.details && typeof e.details === 'object' ? e.details : undefined,
        }
      }
    }
  } catch {
    // not JSON: keep the status-derived code
  }
  return new ApiError(res.status, body, parseRetryAfter(res, body))
}

function statusCode(status: number): string {
  switch (status) {
    case 400: return 'bad_request'
    case 401: return 'unauthenticated'
    case 403: return 'forbidden'
    case 404: return 'not_found'
    case 409: return 'conflict'
    case 413: return 'payload_too_large'
    case 423: return 'account_locked'
    case 429: return 'rate_limited'
    default: return status >= 500 ? 'internal' : 'bad_request'
  }
}

/** An error answer's consequences for the whole app (signed out, a forced page), then the error. */
function noticed(err: ApiError): ApiError {
  if (err.status === 401 && err.code === 'unauthenticated') {
    csrfToken = null
    onUnauthenticated?.()
  } else if (err.status === 403 && (err.code === 'password_change_required' || err.code === 'totp_enrolment_required')) {
    onBlocked?.(err.code)
  }
  return err
}

export async function request<T>(method: string, path: string, opts: { query?: Query; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  const m = method.toUpperCase()
  if (m !== 'GET' && m !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken
  let body: string | undefined
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(opts.body)
  }
  let res: Response
  try {
    res = await fetch(buildUrl(path, opts.query), { method: m, headers, body, credentials: 'same-origin' })
  } catch (e) {
    throw new ApiError(0, { code: 'network_error', message: e instanceof Error ? e.message : String(e) })
  }
  if (!res.ok) throw noticed(await parseError(res))
  if (res.status === 204) return undefined as T
  const text = await res.text()
  return (text ? JSON.parse(text) : undefined) as T
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  del: <T>(path: string) => request<T>('DELETE', path),
}

export interface SendFileOptions {
  /** the Content-Type sent (the file's own type by default) */
  type?: string
  query?: Query
  /** 0..1 while the body goes up */
  onProgress?: (fraction: number) => void
  /** aborts the upload (the promise then fails with code `aborted`) */
  signal?: AbortSignal
}

/**
 * Sends a file (or any blob) as the raw body of `method path`, with the CSRF token, through
 * XMLHttpRequest, the one way a page can follow an upload's progress. Answers the JSON the server
 * sent (undefined for an empty answer); an error answer is an ApiError as with `request`.
 */
export function sendFile<T>(method: string, path: string, file: Blob, opts: SendFileOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open(method.toUpperCase(), buildUrl(path, opts.query))
    xhr.setRequestHeader('Content-Type', opts.type ?? (file.type || 'application/octet-stream'))
    xhr.setRequestHeader('Accept', 'application/json')
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken)
    xhr.withCredentials = true
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) opts.onProgress?.(e.loaded / e.total)
    }
    xhr.onerror = () => reject(new ApiError(0, { code: 'network_error', message: 'network error' }))
    xhr.onabort = () => reject(new ApiError(0, { code: 'aborted', message: 'aborted' }))
    xhr.onload = async () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve((xhr.responseText ? JSON.parse(xhr.responseText) : undefined) as T)
        } catch (e) {
          reject(e)
        }
        return
      }
      reject(noticed(await parseError(new Response(xhr.responseText, { status: xhr.status, statusText: xhr.statusText }))))
    }
    opts.signal?.addEventListener('abort', () => xhr.abort(), { once: true })
    xhr.send(file)
  })
}

export function isApiError(e: unknown, code?: string): e is ApiError {
  return e instanceof ApiError && (code === undefined || e.code === code)
}
