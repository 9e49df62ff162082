import { describe, it, expect } from 'vitest'
import type { StatsGroup } from '@/api/stats'
import {
  beijingToday, categoryBarOption, formatDays, formatRate, monthLabel, monthLineOption, ratePercent, thisYear, totalsCards,
} from './chartOptions'

const g = (key: string, received: number, resolved: number, rate: number | null, label = key): StatsGroup => ({
  key, label, received, accepted: received, resolved, resolution_rate: rate, median_days_to_resolve: null,
})
const names = { received: '受理', resolved: '化解', rate: '化解率' }

describe('statistics charts', () => {
  it('shows rates as percentages with one decimal and gaps as a dash', () => {
    expect(formatRate(0.9301)).toBe('93.0%')
    expect(formatRate(1)).toBe('100.0%')
    expect(formatRate(null)).toBe('—')
    expect(formatDays(6.25)).toBe('6.3')
    expect(formatDays(null)).toBe('—')
    expect(ratePercent(0.5)).toBe(50)
    expect(ratePercent(0.6667)).toBe(66.7)
    expect(ratePercent(null)).toBeNull()
  })

  it('bars only the categories with cases, most received first, with both series', () => {
    const option = categoryBarOption([
      g('marriage', 2, 1, 0.5, '婚姻家庭'), g('inheritance', 0, 0, null, '继承'), g('child_support', 5, 4, 0.8, '抚养与探望'),
    ], names)
    expect(option.xAxis.data).toEqual(['抚养与探望', '婚姻家庭'])
    expect(option.series.map((s) => s.name)).toEqual(['受理', '化解'])
    expect(option.series[0].data).toEqual([5, 2])
    expect(option.series[1].data).toEqual([4, 1])
    expect(option.legend.data).toEqual(['受理', '化解'])
    // The label may come from the client's own translations.
    const en = categoryBarOption([g('marriage', 1, 1, 1, '婚姻家庭')], names, (k) => `EN:${k}`)
    expect(en.xAxis.data).toEqual(['EN:marriage'])
  })

  it('draws every month, the rate on its own percent axis with gaps for empty months', () => {
    const option = monthLineOption([g('2026-01', 3, 2, 0.6667), g('2026-02', 0, 0, null), g('2026-03', 2, 1, 0.5)], names, 'zh-CN')
    expect(option.xAxis.data).toEqual(['1月', '2月', '3月'])
    expect(option.series[2].yAxisIndex).toBe(1)
    expect(option.series[2].data).toEqual([66.7, null, 50])
    expect(option.series[0].data).toEqual([3, 0, 2])
    expect(monthLabel('2026-12', 'en')).toBe('Dec')
    expect(monthLabel('330784001', 'zh-CN')).toBe('330784001')
  })

  it('turns the totals into the six cards of the page', () => {
    const cards = totalsCards({
      received: 249, accepted: 240, resolved: 223, resolution_rate: 0.9292, median_days_to_resolve: 6,
      mean_days_to_resolve: 7.46, resolved_at_village_share: 0.7, resolved_at_town_share: 0.25, night_clinic: 31,
    })
    expect(cards).toEqual([
      ['received', '249'], ['resolved', '223'], ['rate', '92.9%'], ['days', '7.5 / 6.0'], ['village', '70.0%'], ['town', '25.0%'],
    ])
  })

  it('defaults to this year in Beijing time', () => {
    // 2026-12-31 20:00 UTC is already 1 January 2027 in Beijing.
    expect(beijingToday(Date.UTC(2026, 11, 31, 20, 0))).toBe('2027-01-01')
    expect(thisYear('2026-11-28')).toEqual(['2026-01-01', '2026-11-28'])
  })
})
