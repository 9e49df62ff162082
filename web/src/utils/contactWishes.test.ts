import { describe, expect, it } from 'vitest'
import { beijingMinute, callHoursProblem, callWarning, callWelcome, minuteOf, smsHref, telHref, wishParts, wishesOf, NO_WISHES } from './contactWishes'

// 2026-12-01 12:00 UTC is 20:00 in Beijing.
const at = (hhmmBeijing: string) => Date.UTC(2026, 11, 1, 0, 0) + (minuteOf(hhmmBeijing) - 8 * 60) * 60_000

describe('the applicant\'s contact wishes', () => {
  it('reads HH:MM and nothing else', () => {
    expect(minuteOf('00:00')).toBe(0)
    expect(minuteOf('23:59')).toBe(1439)
    expect(minuteOf('24:00')).toBe(-1)
    expect(minuteOf('8:00')).toBe(-1)
    expect(minuteOf('')).toBe(-1)
  })

  it('tells the minute in Beijing whatever the browser\'s zone', () => {
    expect(beijingMinute(Date.UTC(2026, 11, 1, 12, 0))).toBe(20 * 60)
    expect(beijingMinute(Date.UTC(2026, 11, 1, 16, 30))).toBe(30) // 00:30 the next day
  })

  it('never welcomes a call when she asked for text messages only', () => {
    const w = { sms_only: true, call_from: '20:00', call_to: '22:00' }
    expect(callWelcome(w, 21 * 60)).toBe(false)
    expect(callWarning(w, at('21:00'))).toBe('smsOnly')
  })

  it('welcomes calls inside her hours, a window past midnight included', () => {
    const evening = { sms_only: false, call_from: '20:00', call_to: '07:00' }
    expect(callWarning(evening, at('20:00'))).toBeNull()
    expect(callWarning(evening, at('06:59'))).toBeNull()
    expect(callWarning(evening, at('07:00'))).toBe('outsideHours')
    expect(callWarning(evening, at('12:00'))).toBe('outsideHours')
    const lunch = { sms_only: false, call_from: '12:00', call_to: '13:30' }
    expect(callWelcome(lunch, 12 * 60 + 15)).toBe(true)
    expect(callWelcome(lunch, 13 * 60 + 30)).toBe(false)
  })

  it('welcomes calls at any time without wishes', () => {
    expect(callWarning(NO_WISHES, at('03:00'))).toBeNull()
    expect(callWarning(wishesOf({}), at('03:00'))).toBeNull()
  })

  it('says them in one line with her own words', () => {
    const t = (key: string, p?: Record<string, string>) => (key === 'cases.contact.smsOnly' ? '只发短信' : `${p?.from}–${p?.to} 可来电`)
    expect(wishParts({ sms_only: true, call_from: '20:00', call_to: '07:00' }, ' 响两声就挂 ', t)).toEqual(['只发短信', '20:00–07:00 可来电', '响两声就挂'])
    expect(wishParts(NO_WISHES, null, t)).toEqual([])
  })

  it('names the field of call hours that are wrong, as the server does', () => {
    expect(callHoursProblem({ sms_only: false, call_from: '20:00', call_to: '' })?.field).toBe('contact_call_to')
    expect(callHoursProblem({ sms_only: false, call_from: '', call_to: '07:00' })?.field).toBe('contact_call_from')
    expect(callHoursProblem({ sms_only: false, call_from: '20:00', call_to: '20:00' })?.field).toBe('contact_call_to')
    expect(callHoursProblem({ sms_only: false, call_from: '20:00', call_to: '07:00' })).toBeNull()
    expect(callHoursProblem(NO_WISHES)).toBeNull()
  })

  it('dials digits only', () => {
    expect(telHref('138 1234-5678')).toBe('tel:13812345678')
    expect(smsHref('13812345678')).toBe('sms:13812345678')
  })
})
