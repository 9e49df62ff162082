import { describe, expect, it } from 'vitest'
import { DESK_MIN_GAP_MS, deskListQuery, deskRefreshDue, deskTodo } from './desk'

const counts = { new_requests: 3, urgent: 1, my_cases: 7, attention: 2, supervised: 1, consultations: 4, consultations_overdue: 1, consultations_mine: 0 }

describe('desk', () => {
  it('counts what waits for someone: new requests, cases needing attention, consultations', () => {
    expect(deskTodo(counts)).toBe(9)
    expect(deskTodo(null)).toBe(0)
    expect(deskTodo({ ...counts, new_requests: 0, attention: 0, consultations: 0 })).toBe(0)
  })

  it('asks again after the gap, or at once when forced (a live alert)', () => {
    expect(deskRefreshDue(1000, null, false)).toBe(true)
    expect(deskRefreshDue(1000 + DESK_MIN_GAP_MS - 1, 1000, false)).toBe(false)
    expect(deskRefreshDue(1000 + DESK_MIN_GAP_MS, 1000, false)).toBe(true)
    expect(deskRefreshDue(1001, 1000, true)).toBe(true)
  })

  it('opens the list each count stands for', () => {
    expect(deskListQuery('urgent')).toEqual({ status: 'registered', urgent: '1' })
    expect(deskListQuery('my_cases')).toEqual({ assigned_to_me: '1' })
    expect(deskListQuery('attention')).toEqual({ attention: '1' })
  })
})
