import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { ApiError, api, setCsrfToken, setUnauthenticatedHandler, buildUrl } from './client'

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  })
}

describe('api client', () => {
  let fetchMock: ReturnType<typeof vi.fn>
  beforeEach(() => {
    fetchMock = vi.fn()
    vi.stubGlobal('fetch', fetchMock)
    setCsrfToken(null)
    setUnauthenticatedHandler(null)
  })
  afterEach(() => vi.unstubAllGlobals())

  it('sends the CSRF token on state-changing calls but not on GET', async () => {
    setCsrfToken('tok-123')
    fetchMock.mockResolvedValue(jsonResponse(200, { items: [], page: 1, page_size: 20, total: 0 }))
    await api.get('/people', { q: '王', page: 1, tag: '' })
    const [getUrl, getInit] = fetchMock.mock.calls[0]
    expect(getUrl).toBe('/api/v1/people?q=%E7%8E%8B&page=1')
    expect(getInit.headers['X-CSRF-Token']).toBeUndefined()
    expect(getInit.credentials).toBe('same-origin')

    fetchMock.mockResolvedValue(jsonResponse(201, { id: 1 }))
    await api.post('/households', { grid_code: 'g' })
    const [, postInit] = fetchMock.mock.calls[1]
    expect(postInit.method).toBe('POST')
    expect(postInit.headers['X-CSRF-Token']).toBe('tok-123')
    expect(postInit.headers['Content-Type']).toBe('application/json')
    expect(JSON.parse(postInit.body)).toEqual({ grid_code: 'g' })

    fetchMock.mockResolvedValue(new Response(null, { status: 204 }))
    await expect(api.del('/session/sessions/7')).resolves.toBeUndefined()
    expect(fetchMock.mock.calls[2][1].headers['X-CSRF-Token']).toBe('tok-123')
  })

  it('parses the error shape into a typed ApiError with field and details', async () => {
    fetchMock.mockResolvedValue(jsonResponse(400, {
      error: { code: 'validation_failed', message: 'bad id', field: 'id_number', details: { hint: 1 } },
    }))
    const err = (await api.post('/people', {}).catch((e: unknown) => e)) as ApiError
    expect(err).toBeInstanceOf(ApiError)
    expect(err.status).toBe(400)
    expect(err.code).toBe('validation_failed')
    expect(err.field).toBe('id_number')
    expect(err.message).toBe('bad id')
    expect(err.details).toEqual({ hint: 1 })
  })

  it('reads Retry-After on 423 account_locked, falling back to details', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(423, { error: { code: 'account_locked', message: 'locked' } }, { 'Retry-After': '900' }))
    const a = (await api.post('/session', {}).catch((e: unknown) => e)) as ApiError
    expect(a.code).toBe('account_locked')
    expect(a.retryAfter).toBe(900)
    fetchMock.mockResolvedValueOnce(jsonResponse(423, { error: { code: 'account_locked', message: 'locked', details: { retry_after_seconds: 120 } } }))
    const b = (await api.post('/session', {}).catch((e: unknown) => e)) as ApiError
    expect(b.retryAfter).toBe(120)
  })

  it('copes with a non-JSON error body', async () => {
    fetchMock.mockResolvedValue(new Response('<html>oops</html>', { status: 502, statusText: 'Bad Gateway' }))
    const err = (await api.get('/healthz').catch((e: unknown) => e)) as ApiError
    expect(err).toBeInstanceOf(ApiError)
    expect(err.code).toBe('internal')
    expect(err.status).toBe(502)
  })

  it('calls the sign-in redirect on 401 unauthenticated only', async () => {
    const handler = vi.fn()
    setUnauthenticatedHandler(handler)
    setCsrfToken('t')
    fetchMock.mockResolvedValueOnce(jsonResponse(401, { error: { code: 'invalid_credentials', message: 'x' } }))
    await api.post('/session', {}).catch(() => undefined)
    expect(handler).not.toHaveBeenCalled()
    fetchMock.mockResolvedValueOnce(jsonResponse(401, { error: { code: 'unauthenticated', message: 'x' } }))
    await api.get('/people').catch(() => undefined)
    expect(handler).toHaveBeenCalledTimes(1)
  })

  it('builds URLs skipping empty values', () => {
    expect(buildUrl('/regions', { root: 1, q: undefined, level: null })).toBe('/api/v1/regions?root=1')
  })
})
