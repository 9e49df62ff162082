import { describe, it, expect } from 'vitest'
import { FIGURE_MARK, conditionValue, figureFiltersOf, figurePartOf, figureRouteQuery, figureTagParts, sameFigureFilters, withoutFigureFilters } from './figureFilters'

const link = { from: '2026-01-01', to: '2026-12-05', counted: 'resolved', region: '330784001' }

describe('figure filters in a list page\'s address', () => {
  it('carries the figure\'s query with a mark naming its keys, and reads it back', () => {
    const q = figureRouteQuery(link)
    expect(q).toEqual({ ...link, [FIGURE_MARK]: 'from,to,counted,region' })
    expect(figureFiltersOf(q)).toEqual(link)
    expect(figureRouteQuery({})).toEqual({})
  })

  it('reads only the keys the mark names: the page\'s own keys stay the page\'s', () => {
    const q = { ...figureRouteQuery({ from: '2026-03-01', night_clinic: '1' }), tab: 'all', q: '王' }
    expect(figureFiltersOf(q)).toEqual({ from: '2026-03-01', night_clinic: '1' })
    expect(withoutFigureFilters(q)).toEqual({ tab: 'all', q: '王' })
    expect(figurePartOf(q)).toEqual({ from: '2026-03-01', night_clinic: '1', [FIGURE_MARK]: 'from,night_clinic' })
  })

  it('none without the mark (a page\'s own ?region= is not the cockpit\'s), nor with only blank or odd keys', () => {
    expect(figureFiltersOf({ region: '330784001', from: '2026-01-01' })).toBeNull()
    expect(withoutFigureFilters({ region: '330784001' })).toEqual({ region: '330784001' })
    expect(figurePartOf({ region: '330784001' })).toEqual({})
    expect(figureFiltersOf({ [FIGURE_MARK]: 'from,Bad-Key,cockpit', from: '', 'Bad-Key': 'x' })).toBeNull()
    expect(figureFiltersOf({ [FIGURE_MARK]: ['from'], from: ['2026-01-01', '2026-02-01'] })).toEqual({ from: '2026-01-01' })
  })

  it('the same filters whatever their order', () => {
    expect(sameFigureFilters({ a: '1', b: '2' }, { b: '2', a: '1' })).toBe(true)
    expect(sameFigureFilters({ a: '1' }, { a: '2' })).toBe(false)
    expect(sameFigureFilters({ a: '1' }, null)).toBe(false)
    expect(sameFigureFilters(null, null)).toBe(true)
  })

  it('the tag\'s parts: the period, the region (own or all of it) and the other conditions', () => {
    expect(figureTagParts({ ...link, own: '1', night_clinic: '1' })).toEqual({
      from: '2026-01-01', to: '2026-12-05', region: '330784001', own: true, conditions: [['counted', 'resolved'], ['night_clinic', '1']],
    })
    expect(figureTagParts({ serving_at: '2026-12-05' })).toEqual({ from: '', to: '', region: '', own: false, conditions: [['serving_at', '2026-12-05']] })
    const named = (v: string) => ({ resolved: '成功化解' } as Record<string, string>)[v]
    expect(conditionValue('resolved', named, '是', '否')).toBe('成功化解')
    expect(conditionValue('1', named, '是', '否')).toBe('是')
    expect(conditionValue('false', named, '是', '否')).toBe('否')
    expect(conditionValue('2026', named, '是', '否')).toBe('2026')
  })
})
