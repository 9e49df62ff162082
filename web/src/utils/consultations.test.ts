import { describe, expect, it } from 'vitest'
import { applicantFrom, clockOffset, isTownCode, openedId, tabOf, tabQuery, timeLeft, timeLeftOf } from './consultations'

const NOW = Date.parse('2026-12-07T21:30:00+08:00')
const S = 1000
const M = 60 * S
const H = 60 * M

describe('the answer limit as time left', () => {
  it('says less than a minute is left when it is due in 59 s', () => {
    expect(timeLeft(NOW + 59 * S, NOW)).toEqual({ overdue: false, key: 'underMinute', parts: [] })
  })
  it('counts whole minutes: due in 1 h 20 min 59 s reads 1 h 20 min', () => {
    expect(timeLeft(NOW + H + 20 * M + 59 * S, NOW)).toEqual({ overdue: false, key: 'left', parts: [{ n: 1, unit: 'h' }, { n: 20, unit: 'm' }] })
  })
  it('is overdue by 1 minute a minute after the limit', () => {
    expect(timeLeft(NOW - M, NOW)).toEqual({ overdue: true, key: 'overdue', parts: [{ n: 1, unit: 'm' }] })
  })
  it('is just due at the limit and for the minute after it', () => {
    expect(timeLeft(NOW, NOW)).toEqual({ overdue: true, key: 'justDue', parts: [] })
    expect(timeLeft(NOW - 59 * S, NOW).key).toBe('justDue')
  })
  it('names the two largest units, 1 day 2 hours, and leaves a zero out', () => {
    expect(timeLeft(NOW + 26 * H + 30 * S, NOW).parts).toEqual([{ n: 1, unit: 'd' }, { n: 2, unit: 'h' }])
    expect(timeLeft(NOW + 26 * H + 45 * M, NOW).parts).toEqual([{ n: 1, unit: 'd' }, { n: 2, unit: 'h' }])
    expect(timeLeft(NOW + 24 * H + 5 * M, NOW).parts).toEqual([{ n: 1, unit: 'd' }])
    expect(timeLeft(NOW - 3 * H, NOW)).toEqual({ overdue: true, key: 'overdue', parts: [{ n: 3, unit: 'h' }] })
  })
  it('reads an ISO time with its offset, and nothing from no time', () => {
    expect(timeLeftOf('2026-12-07T23:30:00+08:00', NOW)?.parts).toEqual([{ n: 2, unit: 'h' }])
    expect(timeLeftOf(null, NOW)).toBeNull()
    expect(timeLeftOf('soon', NOW)).toBeNull()
  })
})

describe('the quick tabs', () => {
  it('asks the unanswered ones by the nearest limit', () => {
    expect(tabQuery('open')).toEqual({ status: 'open', sort: 'answer_due_at' })
    expect(tabQuery('overdue')).toEqual({ overdue: 1, sort: 'answer_due_at' })
    expect(tabQuery('mine')).toEqual({ status: 'open', mine: 1, sort: 'answer_due_at' })
  })
  it('asks the answered, the converted and all of them newest first', () => {
    expect(tabQuery('answered')).toEqual({ status: 'answered' })
    expect(tabQuery('converted')).toEqual({ status: 'converted' })
    expect(tabQuery('all')).toEqual({})
  })
  it('reads a tab and a consultation to open from the address bar', () => {
    expect(tabOf('overdue')).toBe('overdue')
    expect(tabOf('nonsense')).toBe('open')
    expect(tabOf(undefined)).toBe('open')
    expect(openedId('12')).toBe(12)
    expect(openedId('0')).toBeNull()
    expect(openedId('1e3')).toBeNull()
    expect(openedId(['12'])).toBeNull()
  })
})

describe('the applicant of a help request made of a question', () => {
  it('takes the phone when the contact is one', () => {
    expect(applicantFrom('13912340001', '匿名咨询人')).toEqual({ name: '匿名咨询人', phone: '13912340001' })
    expect(applicantFrom(' 139 1234 0001 ', '匿名咨询人').phone).toBe('13912340001')
    expect(applicantFrom('0579-87123456', '匿名咨询人').phone).toBe('057987123456')
  })
  it('leaves the phone empty for a masked contact or one that is not a phone', () => {
    expect(applicantFrom('139****0001', '匿名咨询人')).toEqual({ name: '匿名咨询人', phone: '' })
    expect(applicantFrom('微信 hejia2026', '匿名咨询人').phone).toBe('')
    expect(applicantFrom('王', 'Anonymous').phone).toBe('')
    expect(applicantFrom(null, '匿名咨询人').phone).toBe('')
  })
  it('starts a town\'s question at its town, the city\'s nowhere', () => {
    expect(isTownCode('330784001')).toBe(true)
    expect(isTownCode('330784')).toBe(false)
    expect(isTownCode(null)).toBe(false)
  })
})

describe('the page\'s clock', () => {
  it('is the server\'s time minus this computer\'s when the answer came', () => {
    expect(clockOffset('2026-12-07T21:30:00+08:00', NOW - 3 * H)).toBe(3 * H)
    expect(clockOffset(undefined, NOW)).toBe(0)
    expect(clockOffset('never', NOW)).toBe(0)
  })
})
