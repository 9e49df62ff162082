import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { ApiError, api, sendFile, setCsrfToken, setUnauthenticatedHandler, buildUrl } from './client'

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

  describe('sendFile (a raw upload through XMLHttpRequest)', () => {
    class FakeXhr {
      static last: FakeXhr
      method = ''
      url = ''
      headers: Record<string, string> = {}
      body: unknown = null
      withCredentials = false
      status = 0
      statusText = ''
      responseText = ''
      upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null }
      onload: (() => void) | null = null
      onerror: (() => void) | null = null
      onabort: (() => void) | null = null
      constructor() { FakeXhr.last = this }
      open(m: string, u: string) { this.method = m; this.url = u }
      setRequestHeader(k: string, v: string) { this.headers[k] = v }
      send(b: unknown) { this.body = b }
      abort() { this.onabort?.() }
      answer(status: number, text: string) { this.status = status; this.responseText = text; this.onload?.() }
    }
    beforeEach(() => vi.stubGlobal('XMLHttpRequest', FakeXhr))

    it('sends the blob as the body with its type, the CSRF token and the query; reports progress; answers the JSON', async () => {
      setCsrfToken('tok')
      const seen: number[] = []
      const file = new Blob(['x'.repeat(10)], { type: 'video/webm' })
      const done = sendFile<{ id: number }>('put', '/legal-contents/4/media', file, { query: { a: 1 }, onProgress: (f) => seen.push(f) })
      const x = FakeXhr.last
      expect([x.method, x.url, x.body, x.withCredentials]).toEqual(['PUT', '/api/v1/legal-contents/4/media?a=1', file, true])
      expect(x.headers).toMatchObject({ 'Content-Type': 'video/webm', 'X-CSRF-Token': 'tok', Accept: 'application/json' })
      x.upload.onprogress?.({ lengthComputable: true, loaded: 5, total: 10 })
      x.upload.onprogress?.({ lengthComputable: false, loaded: 7, total: 0 })
      x.answer(200, '{"id":4}')
      await expect(done).resolves.toEqual({ id: 4 })
      expect(seen).toEqual([0.5])
    })

    it('names the type it is told, and turns an error answer into an ApiError (401 signs out)', async () => {
      const handler = vi.fn()
      setUnauthenticatedHandler(handler)
      const done = sendFile('PUT', '/legal-contents/4/poster', new Blob(['j']), { type: 'image/jpeg' })
      expect(FakeXhr.last.headers['Content-Type']).toBe('image/jpeg')
      FakeXhr.last.answer(409, '{"error":{"code":"invalid_state","message":"审核中 / in review","field":"status"}}')
      const err = (await done.catch((e: unknown) => e)) as ApiError
      expect([err.status, err.code, err.field]).toEqual([409, 'invalid_state', 'status'])
      const gone = sendFile('POST', '/x', new Blob(['j']), { type: 'image/png' })
      FakeXhr.last.answer(401, '{"error":{"code":"unauthenticated","message":"x"}}')
      await gone.catch(() => undefined)
      expect(handler).toHaveBeenCalledTimes(1)
    })

    it('is aborted by its signal', async () => {
      const stop = new AbortController()
      const done = sendFile('PUT', '/x', new Blob(['j']), { type: 'video/mp4', signal: stop.signal })
      stop.abort()
      expect(((await done.catch((e: unknown) => e)) as ApiError).code).toBe('aborted')
    })
  })
})
