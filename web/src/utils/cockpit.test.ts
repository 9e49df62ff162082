import { describe, it, expect } from 'vitest'
import type { CockpitFigure, CockpitMonth, CockpitUnit } from '@/api/cockpit'
import {
  additive, chartValue, clockText, drillInto, drillable, figureRoute, formatFigure, lastFullMonth, nameOf, onDark, shareOf, signed,
  staleRetryDelay, trendOption, unitBarOption, unitRows, yearOnYear,
} from './cockpit'

const received: CockpitFigure = {
  code: 'requests.received', tile: 'requests', label: '受理求助', label_en: 'Requests received', unit: '件', kind: 'flow', stock_at: null,
  value: 249, last_year: 231, n: null, of: null, has_months: true,
  list: { path: '/api/v1/cases', permission: 'case.read', query: { from: '2026-01-01', to: '2026-12-05', counted: 'received' }, count_of: 'total' },
}
const rate: CockpitFigure = { ...received, code: 'requests.resolution_rate', kind: 'ratio', unit: '%', value: 0.93, last_year: 0.9, of: ['requests.resolved', 'requests.accepted'], list: null }
const units: CockpitUnit[] = [
  { code: '330784', name: '永康市（本级）', level: 'city', own: true, values: { 'requests.received': 9, 'requests.resolution_rate': null } },
  { code: '330784001', name: '东城街道', level: 'town', own: false, values: { 'requests.received': 60, 'requests.resolution_rate': 0.95 } },
  { code: '330784002', name: '西城街道', level: 'town', own: false, values: { 'requests.received': 180, 'requests.resolution_rate': 0.92 } },
]
const months: CockpitMonth[] = [
  { month: '2026-01', from: '2026-01-01', to: '2026-01-31', values: { 'requests.received': 20, 'requests.resolution_rate': 0.5 }, last_year: { 'requests.received': 18 } },
  { month: '2026-02', from: '2026-02-01', to: '2026-02-28', values: { 'requests.received': 25 }, last_year: {} },
]
const CITY_STAFF = ['case.read', 'cockpit.read', 'visit.read']

describe('a figure as shown', () => {
  it('counts grouped, ratios in percent, medians in hours, nothing as a dash', () => {
    expect(formatFigure('flow', 1234)).toBe('1,234')
    expect(formatFigure('stock', 0)).toBe('0')
    expect(formatFigure('ratio', 0.9301)).toBe('93.0%')
    expect(formatFigure('median', 6.25)).toBe('6.3')
    expect(formatFigure('flow', null)).toBe('—')
    expect(nameOf(received, 'en')).toBe('Requests received')
    expect(nameOf(received, 'zh-CN')).toBe('受理求助')
  })

  it('the change on last year: percent of last year\'s, a ratio\'s in points; none without both or over 0', () => {
    expect(yearOnYear('flow', 249, 231)).toEqual({ delta: 7.8, points: false })
    expect(yearOnYear('ratio', 0.93, 0.9)).toEqual({ delta: 3, points: true })
    expect(yearOnYear('flow', 5, 0)).toBeNull()
    expect(yearOnYear('flow', null, 3)).toBeNull()
    expect(signed(7.8)).toBe('+7.8')
    expect(signed(-3)).toBe('-3.0')
  })

  it('the units\' rows: a share of the total for what adds up, none for a ratio', () => {
    expect(additive('flow') && additive('stock')).toBe(true)
    expect(additive('ratio') || additive('median')).toBe(false)
    const rows = unitRows(received, units)
    expect(rows.map((r) => [r.unit.code, r.value, r.share])).toEqual([['330784', 9, '3.6%'], ['330784001', 60, '24.1%'], ['330784002', 180, '72.3%']])
    expect(unitRows(rate, units).map((r) => r.share)).toEqual(['', '', ''])
    expect(unitRows(rate, units)[0].value).toBeNull()
    expect(shareOf(3, 0)).toBe('—')
  })

  it('drills into a town or the city, never the region\'s own row or a village', () => {
    expect(units.map(drillable)).toEqual([false, true, true])
    expect(drillable({ own: false, level: 'village' })).toBe(false)
  })
})

describe('where a figure\'s records open', () => {
  it('the list page with the figure\'s filters and their mark: the total (of the cockpit\'s region), a unit, a month', () => {
    expect(figureRoute(received, CITY_STAFF, { region: '330784' })).toEqual({
      name: 'cases', query: { from: '2026-01-01', to: '2026-12-05', counted: 'received', region: '330784', cockpit: 'from,to,counted,region' },
    })
    expect(figureRoute(received, CITY_STAFF, { unit: units[0] })).toMatchObject({ name: 'cases', query: { region: '330784', own: '1' } })
    expect(figureRoute(received, CITY_STAFF, { month: months[1], region: '330784001' })).toMatchObject({ query: { from: '2026-02-01', to: '2026-02-28', region: '330784001' } })
  })
  it('nowhere when the figure has no list (a leader), or the page is not one the caller may open', () => {
    expect(figureRoute(rate, CITY_STAFF)).toBeNull()
    expect(figureRoute(received, ['cockpit.read', 'stats.read'])).toBeNull()
    const regions = { ...received, list: { ...received.list!, path: '/api/v1/regions', permission: 'region.read' } }
    expect(figureRoute(regions, ['region.read', 'cockpit.read'])).toBeNull()
    expect(figureRoute(regions, ['region.read', 'region.write'])).toMatchObject({ name: 'regions' })
    expect(figureRoute({ ...received, list: { ...received.list!, path: '/api/v1/unknown' } }, CITY_STAFF)).toBeNull()
  })
})

describe('the cockpit\'s other rules', () => {
  it('the report\'s default month is the last whole one', () => {
    expect(lastFullMonth('2026-12-05')).toBe('2026-11')
    expect(lastFullMonth('2026-01-31')).toBe('2025-12')
    expect(lastFullMonth('2026-10-01')).toBe('2026-09')
  })

  it('a drill-down\'s path grows by the unit, or goes back to it when it is on the path', () => {
    const home = [{ code: '330784', name: '永康市' }]
    const town = drillInto(home, { code: '330784001', name: '东城街道' })
    expect(town).toEqual([...home, { code: '330784001', name: '东城街道' }])
    expect(drillInto([...town, { code: '330784001001', name: '一村' }], { code: '330784001', name: '东城街道' })).toEqual(town)
  })

  it('the trend: this year\'s and last year\'s bars by month, a ratio in percent, a gap for nothing', () => {
    const o = trendOption(received, months, { thisYear: '今年', lastYear: '去年同期' }, 'zh-CN')
    expect(o.xAxis.data).toEqual(['1月', '2月'])
    expect(o.series.map((s) => s.data)).toEqual([[20, 25], [18, null]])
    expect(trendOption(rate, months, { thisYear: 'a', lastYear: 'b' }, 'en').series[0].data).toEqual([50, null])
    expect(chartValue('median', 6.25)).toBe(6.3)
  })

  it('the big screen\'s bars by town, most first at the top, without the region\'s own row; light on dark', () => {
    const o = unitBarOption(received, units, '受理求助')
    expect(o.yAxis).toMatchObject({ data: ['东城街道', '西城街道'] })
    expect(o.series[0].data).toEqual([60, 180])
    const none = unitBarOption(received, [units[0], { ...units[1], values: {} }], 'x')
    expect((none.yAxis as { data: string[] }).data).toEqual(['东城街道'])
    expect(none.series[0].data).toEqual([0])
    const dark = onDark(o)
    expect(dark.backgroundColor).toBe('transparent')
    expect((dark.xAxis.axisLabel as { color: string }).color).toBe('#c9d6ea')
    expect(clockText(Date.UTC(2026, 11, 5, 0, 30, 15))).toBe('2026-12-05 08:30:15')
  })
})

describe('staleRetryDelay', () => {
  it('asks again for stale figures three times, waiting longer each time, then stops', () => {
    expect([0, 1, 2, 3].map(staleRetryDelay)).toEqual([3000, 6000, 12000, null])
  })
})

