import { describe, expect, it } from 'vitest'
import {
  beijingIso, beijingWall, callBackState, elapsedSeconds, formatDuration, hotlineCallOf, isoToWall, outcomeTag, overdueBadge, parseDuration,
  quickDue, wallToIso,
} from './hotline'
import { MENU, filterMenu } from '@/menu'
import { label } from './ui'

const at = (iso: string) => Date.parse(iso)

describe('the call-back buttons, in Beijing time', () => {
  it('two hours on, to the minute', () => {
    expect(quickDue('in2h', at('2026-12-07T21:30:42+08:00'))).toBe('2026-12-07T23:30:00')
    // past midnight, and the instant counts, not the browser's zone
    expect(quickDue('in2h', at('2026-12-07T15:10:05Z'))).toBe('2026-12-08T01:10:00')
  })

  it('today before the office closes at 17:30, and none once that has passed', () => {
    expect(quickDue('today', at('2026-12-07T09:05:00+08:00'))).toBe('2026-12-07T17:30:00')
    expect(quickDue('today', at('2026-12-07T17:29:59+08:00'))).toBe('2026-12-07T17:30:00')
    expect(quickDue('today', at('2026-12-07T17:30:00+08:00'))).toBeNull()
    expect(quickDue('today', at('2026-12-07T21:30:00+08:00'))).toBeNull()
    // 2026-12-07 20:00 UTC is already 12-08 04:00 in Beijing: that day's 17:30
    expect(quickDue('today', at('2026-12-07T20:00:00Z'))).toBe('2026-12-08T17:30:00')
  })

  it('tomorrow at nine, Beijing\'s tomorrow even while UTC is a day behind', () => {
    expect(quickDue('tomorrow', at('2026-12-07T21:30:00+08:00'))).toBe('2026-12-08T09:00:00')
    expect(quickDue('tomorrow', at('2026-12-07T23:50:00Z'))).toBe('2026-12-09T09:00:00')
    expect(quickDue('tomorrow', at('2026-12-31T00:10:00+08:00'))).toBe('2027-01-01T09:00:00')
    expect(quickDue('tomorrow', at('2028-02-28T20:00:00+08:00'))).toBe('2028-02-29T09:00:00')
  })

  it('go to the API with Beijing\'s offset, and come back from it as wall times', () => {
    expect(wallToIso('2026-12-08T09:00:00')).toBe('2026-12-08T09:00:00+08:00')
    expect(wallToIso('')).toBe('')
    expect(beijingIso(at('2026-12-07T13:30:05.600Z'))).toBe('2026-12-07T21:30:05+08:00')
    expect(isoToWall('2026-12-07T13:30:00Z')).toBe('2026-12-07T21:30:00')
    expect(isoToWall('2026-12-07T21:30:00+08:00')).toBe(beijingWall(at('2026-12-07T21:30:00+08:00')))
    expect(isoToWall(null)).toBe('')
    expect(isoToWall('soon')).toBe('')
  })
})

describe('a call\'s length', () => {
  it('reads mm:ss, the minutes going past an hour', () => {
    expect(formatDuration(0)).toBe('00:00')
    expect(formatDuration(9)).toBe('00:09')
    expect(formatDuration(754)).toBe('12:34')
    expect(formatDuration(4503)).toBe('75:03')
    expect(formatDuration(14400)).toBe('240:00')
    expect(formatDuration(null)).toBe('00:00')
    expect(formatDuration(-3)).toBe('00:00')
    expect(formatDuration(61.9)).toBe('01:01')
  })

  it('is typed as mm:ss or whole minutes, within four hours', () => {
    expect(parseDuration('12:34')).toBe(754)
    expect(parseDuration(' 2:05 ')).toBe(125)
    expect(parseDuration('3：00')).toBe(180)
    expect(parseDuration('5')).toBe(300)
    expect(parseDuration('240:00')).toBe(14400)
    expect(parseDuration('240:01')).toBeNull()
    expect(parseDuration('1:75')).toBeNull()
    expect(parseDuration('')).toBeNull()
    expect(parseDuration('abc')).toBeNull()
  })

  it('runs from when the timer started, never below nothing nor past four hours', () => {
    expect(elapsedSeconds(1_000, 76_999)).toBe(75)
    expect(elapsedSeconds(5_000, 1_000)).toBe(0)
    expect(elapsedSeconds(0, 5 * 3600 * 1000)).toBe(14400)
  })
})

describe('a call back', () => {
  const now = at('2026-12-07T21:30:00+08:00')
  const promised = { outcome: 'call_back' as const, call_back_due: '2026-12-07T17:30:00+08:00', called_back_at: null }

  it('is late once its due time passed and it was not made, in red', () => {
    expect(callBackState(promised, now)).toBe('overdue')
    expect(outcomeTag(promised, now)).toBe('danger')
    expect(callBackState({ ...promised, call_back_due: '2026-12-08T09:00:00+08:00' }, now)).toBe('waiting')
    expect(outcomeTag({ ...promised, call_back_due: '2026-12-08T09:00:00+08:00' }, now)).toBe('warning')
    expect(callBackState({ ...promised, called_back_at: '2026-12-07T18:00:00+08:00' }, now)).toBe('done')
    expect(outcomeTag({ ...promised, called_back_at: '2026-12-07T18:00:00+08:00' }, now)).toBe('success')
  })

  it('is no state of another outcome', () => {
    expect(callBackState({ outcome: 'advice', call_back_due: null, called_back_at: null }, now)).toBeNull()
    expect(outcomeTag({ outcome: 'case_opened', call_back_due: null, called_back_at: null }, now)).toBe('primary')
    expect(outcomeTag({ outcome: 'referred', call_back_due: null, called_back_at: null }, now)).toBe('info')
  })
})

describe('the menu\'s item', () => {
  it('is 热线来电 under the cases, for hotline.read only', () => {
    const cases = (perms: string[]) => filterMenu(MENU, ['session.self', ...perms]).find((g) => g.key === 'cases')?.items.map((i) => i.name) ?? []
    expect(cases(['hotline.read'])).toEqual(['hotline'])
    expect(cases(['case.read', 'stats.read'])).not.toContain('hotline')
    expect(MENU.flatMap((g) => g.items).find((i) => i.name === 'hotline')).toMatchObject({ path: '/hotline', icon: 'Phone', label: 'hotline.menu' })
    // the line's code is a number: its name is still found
    expect(label('hotline.lines', '12338')).toBe('12338 热线')
    expect(label('hotline.outcomes', 'call_back')).toBe('约定回拨')
  })

  it('counts the late call backs as the server counts them; none hides it', () => {
    expect(overdueBadge({ overdue: 3 })).toBe(3)
    expect(overdueBadge({ overdue: 0 })).toBe(0)
    expect(overdueBadge(null)).toBe(0)
    expect(overdueBadge(undefined)).toBe(0)
    expect(overdueBadge({ overdue: Number.NaN })).toBe(0)
  })
})

describe('a case made of a call', () => {
  it('names the call in its external reference', () => {
    expect(hotlineCallOf('热线来电 #417')).toBe(417)
    expect(hotlineCallOf(' 热线来电 #5 ')).toBe(5)
    expect(hotlineCallOf('热线来电 #')).toBeNull()
    expect(hotlineCallOf('热线来电 #0')).toBeNull()
    expect(hotlineCallOf('ZJ-2026-001')).toBeNull()
    expect(hotlineCallOf(null)).toBeNull()
  })
})
