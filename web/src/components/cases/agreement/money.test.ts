import { describe, expect, it } from 'vitest'
import type { Confirmation, Standing } from '@/api/agreements'
import {
  amountProblem, chineseDate, confirmationState, formatYuan, groupYuan, missingForEffect, normaliseCode, normaliseYuan,
  paidPercent, parseYuan, plannedTotal, resendWait, scheduleWords, standingKind,
} from './money'

const standing = (over: Partial<Standing>): Standing => ({
  today: '2026-06-10', due: '0.00', paid: '0.00', arrears: '0.00', arrears_fen: 0, total: '1500.00',
  outstanding: '1500.00', missed: [], next_due: '2026-07-05', fulfilled: false, ...over,
})

const confirmation = (over: Partial<Confirmation>): Confirmation => ({
  party_id: 1, name: '王晓丽', role: 'applicant', phone: '137****0001', has_phone: true, method: null,
  confirmed_at: null, code_sent_at: null, code_expires_at: null, tries_left: null, resend_after: null, ...over,
})

describe('yuan', () => {
  it('formats fen with two decimals, like the server', () => {
    expect(formatYuan(50000)).toBe('500.00')
    expect(formatYuan(5)).toBe('0.05')
    expect(formatYuan(-1230)).toBe('-12.30')
    expect(formatYuan(100_000_000)).toBe('1000000.00')
    expect(groupYuan('1234567.50')).toBe('1,234,567.50')
    expect(groupYuan('500.00')).toBe('500.00')
  })
  it('parses what a person types by the rules of domain::ParseYuan', () => {
    expect(parseYuan('500')).toBe(50000)
    expect(parseYuan('500.5')).toBe(50050)
    expect(parseYuan('500.50')).toBe(50050)
    expect(parseYuan(' 0.05 ')).toBe(5)
    expect(parseYuan('500．5')).toBe(50050)
    for (const bad of ['', '.', '500.', '.5', '-5', '+5', '5.001', '1,000', '五百', '1e3', '12345678901234'])
      expect(parseYuan(bad), bad).toBeNull()
    expect(normaliseYuan('500.5')).toBe('500.50')
  })
  it('names what is wrong with an amount', () => {
    expect(amountProblem('')).toBe('required')
    expect(amountProblem('abc')).toBe('format')
    expect(amountProblem('0')).toBe('positive')
    expect(amountProblem('1000000.01')).toBe('tooLarge')
    expect(amountProblem('1000000')).toBeNull()
    expect(plannedTotal('500', 12)).toBe('6000.00')
    expect(plannedTotal('x', 12)).toBeNull()
  })
})

describe('standing', () => {
  it('shows arrears in red, today in orange, the rest as on track or fulfilled', () => {
    expect(standingKind(standing({}))).toBe('onTrack')
    expect(standingKind(standing({ missed: ['2026-06-05'], arrears: '500.00', arrears_fen: 50000 }))).toBe('arrears')
    expect(standingKind(standing({ arrears_fen: 50000, next_due: '2026-06-10' }))).toBe('dueToday')
    expect(standingKind(standing({ fulfilled: true, paid: '1500.00' }))).toBe('fulfilled')
  })
  it('counts the paid share, an overpayment as everything', () => {
    expect(paidPercent(standing({ paid: '500.00' }))).toBe(33)
    expect(paidPercent(standing({ paid: '2000.00' }))).toBe(100)
    expect(paidPercent(standing({ total: '0.00' }))).toBe(0)
  })
  it('puts the schedule in words', () => {
    const monthly = scheduleWords({ schedule: 'monthly', amount: '500.00', first_due: '2026-06-05', installments: 12, standing: standing({ total: '6000.00' }) })
    expect(monthly).toEqual({ key: 'monthlySummary', params: { day: 5, amount: '500.00', count: 12, from: '2026-06-05', total: '6000.00' } })
    expect(scheduleWords({ schedule: 'once', amount: '1500.00', first_due: '2026-06-05', installments: 1, standing: standing({}) }).key).toBe('onceSummary')
  })
})

describe('confirmations', () => {
  const now = Date.parse('2026-06-10T10:00:00+08:00')
  it('tells confirmed, a live code, an expired one and waiting apart', () => {
    expect(confirmationState(confirmation({ confirmed_at: '2026-06-10T09:00:00+08:00', method: 'otp' }), now)).toBe('confirmed')
    expect(confirmationState(confirmation({ code_sent_at: '2026-06-10T09:55:00+08:00', code_expires_at: '2026-06-10T10:05:00+08:00' }), now)).toBe('codeSent')
    expect(confirmationState(confirmation({ code_sent_at: '2026-06-10T09:40:00+08:00' }), now)).toBe('codeExpired')
    expect(confirmationState(confirmation({}), now)).toBe('waiting')
  })
  it('counts down to the next code', () => {
    expect(resendWait(confirmation({ resend_after: '2026-06-10T10:00:42+08:00' }), now)).toBe(42)
    expect(resendWait(confirmation({ resend_after: '2026-06-10T09:59:00+08:00' }), now)).toBe(0)
    expect(resendWait(confirmation({}), now)).toBe(0)
  })
  it('lists who still has to confirm before the agreement takes effect', () => {
    const a = {
      status: 'awaiting_confirmation' as const,
      mediator_signed_at: null,
      confirmations: [confirmation({ confirmed_at: '2026-06-10T09:00:00+08:00' }), confirmation({ party_id: 2, name: '胡某某' })],
    }
    expect(missingForEffect(a)).toEqual({ parties: ['胡某某'], mediator: true })
    expect(missingForEffect({ ...a, status: 'effective' })).toEqual({ parties: [], mediator: false })
  })
  it('reads a code typed with spaces or full-width digits', () => {
    expect(normaliseCode(' 123 456 ')).toBe('123456')
    expect(normaliseCode('１２３４５６')).toBe('123456')
    expect(normaliseCode('12345')).toBeNull()
    expect(normaliseCode('12a456')).toBeNull()
  })
  it('writes dates the way the document does', () => {
    expect(chineseDate('2026-05-03T10:20:00+08:00')).toBe('2026年5月3日')
    expect(chineseDate(null)).toBe('　　　　年　　月　　日')
  })
})
