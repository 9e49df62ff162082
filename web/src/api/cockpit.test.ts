import { describe, it, expect } from 'vitest'
import { consoleRoutes } from '@/router/routes'
import { CONSOLE_LIST_PATHS, consoleRouteOf, figureLink, fileNameOf, type CockpitFigure } from './cockpit'

const fig = (list: CockpitFigure['list']): Pick<CockpitFigure, 'list'> => ({ list })
const cases = fig({ path: '/api/v1/cases', permission: 'case.read', query: { from: '2026-01-01', to: '2026-12-05', counted: 'resolved' }, count_of: 'total' })

describe('figureLink', () => {
  it('the total: the list\'s path and query as the server gave them, the cockpit\'s region added when it names none', () => {
    expect(figureLink(cases)).toEqual({ path: '/api/v1/cases', query: { from: '2026-01-01', to: '2026-12-05', counted: 'resolved' } })
    expect(figureLink(cases, null, null, '330784001')?.query).toEqual({ from: '2026-01-01', to: '2026-12-05', counted: 'resolved', region: '330784001' })
    const placed = fig({ ...cases.list!, query: { ...cases.list!.query, region: '330784002' } })
    expect(figureLink(placed, null, null, '330784001')?.query.region).toBe('330784002')
  })

  it('a unit: region=<unit>, and own=1 for the region\'s own row only', () => {
    expect(figureLink(cases, { code: '330784001', own: false })?.query).toEqual({ from: '2026-01-01', to: '2026-12-05', counted: 'resolved', region: '330784001' })
    expect(figureLink(cases, { code: '330784', own: true }, null, '330784001')?.query).toEqual({ from: '2026-01-01', to: '2026-12-05', counted: 'resolved', region: '330784', own: '1' })
    const owned = fig({ ...cases.list!, query: { ...cases.list!.query, own: 1 } })
    expect(figureLink(owned, { code: '330784001', own: false })?.query.own).toBeUndefined()
  })

  it('a month: its days instead of the period\'s, with a unit too', () => {
    const march = { from: '2026-03-01', to: '2026-03-31' }
    expect(figureLink(cases, null, march)?.query).toEqual({ from: '2026-03-01', to: '2026-03-31', counted: 'resolved' })
    expect(figureLink(cases, { code: '330784001', own: false }, march)?.query).toEqual({ from: '2026-03-01', to: '2026-03-31', counted: 'resolved', region: '330784001' })
  })

  it('flags and numbers as text, false and blanks left out; nothing when the caller may not open the records', () => {
    const f = fig({ path: '/api/v1/volunteers', permission: 'volunteer.read', query: { serving_at: '2026-12-05', grid_sister: true, retired: false, member_type: '', year: 2026 }, count_of: 'total' })
    expect(figureLink(f)?.query).toEqual({ serving_at: '2026-12-05', grid_sister: '1', year: '2026' })
    expect(figureLink(fig(null))).toBeNull()
    expect(figureLink(fig(null), { code: '330784001', own: false })).toBeNull()
  })
})

describe('consoleRouteOf', () => {
  it('maps each API list to the console\'s page of it', () => {
    expect(consoleRouteOf('/api/v1/cases')).toBe('cases')
    expect(consoleRouteOf('/api/v1/hotline-calls')).toBe('hotline')
    expect(consoleRouteOf('/api/v1/key-families')).toBe('key-families')
    expect(consoleRouteOf('/api/v1/visits')).toBe('visits')
    expect(consoleRouteOf('/api/v1/visits/households')).toBe('visit-households')
    expect(consoleRouteOf('/api/v1/visits/care-people')).toBe('visit-care-people')
    expect(consoleRouteOf('/api/v1/legal-events/')).toBe('legal-events')
    expect(consoleRouteOf('/cases?status=closed')).toBe('cases')
  })
  it('every one is a console route, whose page lists what the path lists', () => {
    const names = new Map(consoleRoutes.map((r) => [String(r.name), r]))
    for (const p of CONSOLE_LIST_PATHS) {
      const name = consoleRouteOf(p)
      expect(name, p).toBeTruthy()
      expect(names.has(name!), `${p} → ${name}`).toBe(true)
    }
    expect(CONSOLE_LIST_PATHS).toHaveLength(17)
    expect(names.get('visit-households')?.path).toBe('visits/households')
    expect(names.get('incident-pushes')?.path).toBe('incidents/pushes')
    expect(consoleRouteOf('/api/v1/incidents/pushes?judged=1')).toBe('incident-pushes')
    expect(names.get('visit-care-people')?.meta?.anyOf).toEqual(['visit.read'])
  })
  it('an API the console has no page of: none', () => {
    expect(consoleRouteOf('/api/v1/cockpit')).toBeNull()
    expect(consoleRouteOf('/api/v1/visits/summary')).toBeNull()
    expect(consoleRouteOf('')).toBeNull()
  })
})

describe('fileNameOf', () => {
  it('reads the report\'s name from Content-Disposition, the UTF-8 one first', () => {
    expect(fileNameOf('attachment; filename="report-2026-11.pdf"; filename*=UTF-8\'\'%E6%9C%88%E6%8A%A5-2026-11.pdf')).toBe('月报-2026-11.pdf')
    expect(fileNameOf('attachment; filename="report-2026-11.xlsx"')).toBe('report-2026-11.xlsx')
    expect(fileNameOf(null)).toBe('')
  })
})
