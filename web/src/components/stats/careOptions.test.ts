import { describe, it, expect } from 'vitest'
import { countBarOption, countsInOrder, shareOf, thisMonth } from './careOptions'

describe('the visit figures\' builders', () => {
  it('the default period is this month up to today', () => {
    expect(thisMonth('2026-12-04')).toEqual(['2026-12-01', '2026-12-04'])
  })

  it('counts come in the fixed order with zeros, unknown codes after', () => {
    const rows = [{ code: 'low_income', count: 3 }, { code: 'disability', count: 1 }, { code: 'new_tag', count: 2 }]
    expect(countsInOrder(['disability', 'single_parent', 'low_income'], rows, (r: { code: string }) => r.code)).toEqual([
      { code: 'disability', count: 1 }, { code: 'single_parent', count: 0 }, { code: 'low_income', count: 3 }, { code: 'new_tag', count: 2 },
    ])
    expect(countsInOrder(['city', 'town', 'village'], [{ level: 'village', count: 5 }], (r: { level: string }) => r.level).map((r) => r.count)).toEqual([0, 0, 5])
  })

  it('a bar per label, one series', () => {
    const o = countBarOption([{ label: '残疾', count: 2 }, { label: '单亲', count: 0 }], '人次')
    expect(o.xAxis.data).toEqual(['残疾', '单亲'])
    expect(o.series).toEqual([expect.objectContaining({ name: '人次', type: 'bar', data: [2, 0] })])
    expect(o.legend.data).toEqual(['人次'])
  })

  it('a share, or a dash when there is nothing', () => {
    expect(shareOf(3, 12)).toBe('25.0%')
    expect(shareOf(0, 0)).toBe('—')
  })
})
