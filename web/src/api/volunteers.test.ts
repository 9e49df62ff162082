import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { ApiError, setCsrfToken } from './client'
import { coverageApi, importProblems, serviceApi, volunteerApi, volunteerLimits, XLSX_TYPE } from './volunteers'

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

describe('the volunteer calls', () => {
  let fetchMock: ReturnType<typeof vi.fn>
  beforeEach(() => {
    fetchMock = vi.fn(async () => json(200, {}))
    vi.stubGlobal('fetch', fetchMock)
  })
  afterEach(() => vi.unstubAllGlobals())
  const sent = () => fetchMock.mock.calls.map(([url, init]) => [init.method, url, init.body ? JSON.parse(init.body) : undefined])

  it('use the kit routes of /volunteers and /volunteer-services', async () => {
    await volunteerApi.list({ name: '王', grid_sister: '1', team_id: 4, page: 1 })
    await volunteerApi.get(7)
    await volunteerApi.create({ name: '王芳' })
    await volunteerApi.update(7, { name: '王芳', version: 2 })
    await volunteerApi.retire(7)
    await volunteerApi.reveal(7)
    await serviceApi.list({ volunteer_id: 7, sort: '-served_at' })
    await serviceApi.create({ volunteer_id: 7, served_at: '2026-12-01T00:00:00+08:00', minutes: 90, activity: '走访' })
    expect(sent()).toEqual([
      ['GET', '/api/v1/volunteers?name=%E7%8E%8B&grid_sister=1&team_id=4&page=1', undefined],
      ['GET', '/api/v1/volunteers/7', undefined],
      ['POST', '/api/v1/volunteers', { name: '王芳' }],
      ['PATCH', '/api/v1/volunteers/7', { name: '王芳', version: 2 }],
      ['POST', '/api/v1/volunteers/7/retire', undefined],
      ['GET', '/api/v1/volunteers/7/sensitive', undefined],
      ['GET', '/api/v1/volunteer-services?volunteer_id=7&sort=-served_at', undefined],
      ['POST', '/api/v1/volunteer-services', { volunteer_id: 7, served_at: '2026-12-01T00:00:00+08:00', minutes: 90, activity: '走访' }],
    ])
  })

  it('read and set her grids, the coverage, the tasks and the settings', async () => {
    await volunteerApi.grids(7)
    await volunteerApi.setGrids(7, ['330702001001', '330702001002'])
    await coverageApi.get('330702001')
    await coverageApi.get(null)
    await coverageApi.tasks({ status: 'open', region: '', page: 2, page_size: 20 })
    await coverageApi.settings()
    await coverageApi.saveSettings({ max_grids_per_sister: 4, replacement_due_days: 10 })
    expect(sent()).toEqual([
      ['GET', '/api/v1/volunteers/7/grids', undefined],
      ['PUT', '/api/v1/volunteers/7/grids', { grid_codes: ['330702001001', '330702001002'] }],
      ['GET', '/api/v1/coverage?region=330702001', undefined],
      ['GET', '/api/v1/coverage', undefined],
      ['GET', '/api/v1/coverage-tasks?status=open&page=2&page_size=20', undefined],
      ['GET', '/api/v1/volunteer-settings', undefined],
      ['PUT', '/api/v1/volunteer-settings', { max_grids_per_sister: 4, replacement_due_days: 10 }],
    ])
  })

  it('links the template and the export with the list\'s filters', () => {
    expect(volunteerApi.templateUrl()).toBe('/api/v1/volunteers/import-template')
    expect(volunteerApi.exportUrl({ name: '', member_type: 'cadre', grid_sister: '1', team_id: null })).toBe('/api/v1/volunteers/export?member_type=cadre&grid_sister=1')
  })

  it('knows the lengths and choices of the dialog', () => {
    const limits = volunteerLimits()
    expect(limits.name?.maxLength).toBe(30)
    expect(limits.member_type?.enum).toContain('peace_sister')
    expect(limits.gender?.enum).toEqual(['female', 'male'])
  })
})

/** An XMLHttpRequest that records what is sent and answers when told. */
class FakeXhr {
  static last: FakeXhr
  method = ''
  url = ''
  headers: Record<string, string> = {}
  body: unknown
  withCredentials = false
  status = 0
  statusText = ''
  responseText = ''
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null; onload: (() => void) | null } = { onprogress: null, onload: null }
  onload: (() => void) | null = null
  onerror: (() => void) | null = null
  constructor() { FakeXhr.last = this }
  open(method: string, url: string) { this.method = method; this.url = url }
  setRequestHeader(k: string, v: string) { this.headers[k] = v }
  send(body: unknown) { this.body = body }
  answer(status: number, body: unknown) {
    this.status = status
    this.responseText = JSON.stringify(body)
    this.onload?.()
  }
}

describe('the import', () => {
  beforeEach(() => vi.stubGlobal('XMLHttpRequest', FakeXhr))
  afterEach(() => {
    vi.unstubAllGlobals()
    setCsrfToken(null)
  })

  it('sends the spreadsheet as the body, reports the upload, and answers the rows', async () => {
    setCsrfToken('tok')
    const file = new Blob(['xlsx'], { type: XLSX_TYPE })
    const progress: number[] = []
    const done = volunteerApi.import(file, true, (f) => progress.push(f))
    const x = FakeXhr.last
    expect([x.method, x.url]).toEqual(['POST', '/api/v1/volunteers/import?dry_run=1'])
    expect(x.headers).toMatchObject({ 'Content-Type': XLSX_TYPE, 'X-CSRF-Token': 'tok' })
    expect(x.body).toBe(file)
    x.upload.onprogress?.({ lengthComputable: true, loaded: 50, total: 200 })
    x.upload.onprogress?.({ lengthComputable: false, loaded: 0, total: 0 })
    x.upload.onload?.()
    x.answer(200, { dry_run: true, rows: 12, created: 0, errors: [] })
    await expect(done).resolves.toEqual({ dry_run: true, rows: 12, created: 0, errors: [] })
    expect(progress).toEqual([0.25, 1])
    void volunteerApi.import(file, false)
    expect(FakeXhr.last.url).toBe('/api/v1/volunteers/import?dry_run=0')
  })

  it('turns a refusal into the one ApiError, with its details', async () => {
    const done = volunteerApi.import(new Blob(['x']), true)
    FakeXhr.last.answer(400, { error: { code: 'invalid', message: '表格有误 / invalid rows', details: { errors: [{ row: 3, column: 'C', field: 'phone', message: '手机号无效' }] } } })
    const e = await done.catch((x: unknown) => x)
    expect(e).toBeInstanceOf(ApiError)
    expect(importProblems(e)).toEqual([{ row: 3, column: 'C', field: 'phone', message: '手机号无效' }])
  })
})

describe('the problems of an import', () => {
  it('come from the answer or from the error shape\'s details, a column under either name', () => {
    expect(importProblems({ dry_run: true, rows: 2, created: 0, errors: [{ row: 2, column: 'A', field: 'name', message: '必填' }] }))
      .toEqual([{ row: 2, column: 'A', field: 'name', message: '必填' }])
    expect(importProblems({ dry_run: true, rows: 2, created: 0, errors: [] })).toEqual([])
    const e = new ApiError(422, { code: 'invalid', message: 'x', details: { rows: [{ row: 4, field: 'joined_at', message: '日期无效' }] } })
    expect(importProblems(e)).toEqual([{ row: 4, column: '', field: 'joined_at', message: '日期无效' }])
  })
  it('are none of a plain refusal, which is shown as an error', () => {
    expect(importProblems(new ApiError(413, { code: 'payload_too_large', message: '文件过大' }))).toBeNull()
    expect(importProblems(new ApiError(400, { code: 'invalid', message: 'x', details: { errors: [] } }))).toBeNull()
  })
})
