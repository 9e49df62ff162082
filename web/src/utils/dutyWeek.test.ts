import { describe, it, expect } from 'vitest'
import { addDays, buildWeek, byDay, cellOf, covers, dateStartMs, defaultShiftTimes, mondayOf, timeRange } from './dutyWeek'

const shift = (id: number, starts_at: string, ends_at: string) => ({ id, starts_at, ends_at })

describe('duty week grid', () => {
  it('finds the Monday of any day of the week, across months and years', () => {
    expect(mondayOf('2026-11-28')).toBe('2026-11-23') // a Saturday
    expect(mondayOf('2026-11-23')).toBe('2026-11-23')
    expect(mondayOf('2026-11-29')).toBe('2026-11-23') // Sunday closes the week
    expect(mondayOf('2027-01-01')).toBe('2026-12-28')
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01')
    expect(Number.isNaN(dateStartMs('2026-02-30'))).toBe(true)
  })

  it('puts nights and weekend days in the cell of the day they start', () => {
    const week = buildWeek('2026-11-23', [
      shift(1, '2026-11-23T17:30:00+08:00', '2026-11-24T08:30:00+08:00'),
      shift(2, '2026-11-28T08:30:00+08:00', '2026-11-28T17:30:00+08:00'),
      shift(3, '2026-11-28T17:30:00+08:00', '2026-11-29T08:30:00+08:00'),
      // the same night written in UTC still lands on Beijing's Tuesday
      shift(4, '2026-11-24T09:30:00Z', '2026-11-25T00:30:00Z'),
      // a night cover that starts after midnight belongs to the evening before
      shift(5, '2026-11-26T01:00:00+08:00', '2026-11-26T08:30:00+08:00'),
      // outside the week
      shift(6, '2026-11-30T17:30:00+08:00', '2026-12-01T08:30:00+08:00'),
    ])
    expect(week.map((d) => d.date)).toEqual([
      '2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29',
    ])
    expect(week.map((d) => d.weekend)).toEqual([false, false, false, false, false, true, true])
    expect(week[0].night.map((s) => s.id)).toEqual([1])
    expect(week[1].night.map((s) => s.id)).toEqual([4])
    expect(week[2].night.map((s) => s.id)).toEqual([5])
    expect(week[5].day.map((s) => s.id)).toEqual([2])
    expect(week[5].night.map((s) => s.id)).toEqual([3])
    expect(week.flatMap((d) => [...d.day, ...d.night]).map((s) => s.id)).not.toContain(6)
  })

  it('keeps several shifts of one cell in start order', () => {
    const week = buildWeek('2026-11-23', [
      shift(2, '2026-11-23T21:00:00+08:00', '2026-11-24T08:30:00+08:00'),
      shift(1, '2026-11-23T17:30:00+08:00', '2026-11-23T21:00:00+08:00'),
    ])
    expect(week[0].night.map((s) => s.id)).toEqual([1, 2])
  })

  it('offers the usual times for a new night or day shift', () => {
    expect(defaultShiftTimes('2026-11-30', 'night')).toEqual({ starts_at: '2026-11-30T17:30:00+08:00', ends_at: '2026-12-01T08:30:00+08:00' })
    expect(defaultShiftTimes('2026-11-28', 'day')).toEqual({ starts_at: '2026-11-28T08:30:00+08:00', ends_at: '2026-11-28T17:30:00+08:00' })
    expect(cellOf('nonsense')).toBeNull()
  })

  it('tells whether a shift runs now and shows its hours', () => {
    const night = shift(1, '2026-11-27T17:30:00+08:00', '2026-11-28T08:30:00+08:00')
    expect(covers(night, Date.parse('2026-11-27T21:30:00+08:00'))).toBe(true)
    expect(covers(night, Date.parse('2026-11-28T08:30:00+08:00'))).toBe(false)
    expect(covers(night, Date.parse('2026-11-27T17:30:00+08:00'))).toBe(true)
    expect(timeRange(night)).toBe('17:30–08:30 +1')
    expect(timeRange(shift(2, '2026-11-28T00:30:00Z', '2026-11-28T09:30:00Z'))).toBe('08:30–17:30')
  })

  it('groups a room calendar by Beijing day', () => {
    const groups = byDay([
      { id: 2, starts_at: '2026-11-29T09:00:00+08:00' },
      { id: 1, starts_at: '2026-11-28T14:00:00+08:00' },
      { id: 3, starts_at: '2026-11-28T17:00:00Z' }, // 01:00 on the 29th in Beijing
      { id: 0, starts_at: '2026-11-28T09:00:00+08:00' },
    ])
    expect(groups.map((g) => g.date)).toEqual(['2026-11-28', '2026-11-29'])
    expect(groups[0].items.map((s) => s.id)).toEqual([0, 1])
    expect(groups[1].items.map((s) => s.id)).toEqual([3, 2])
  })
})
