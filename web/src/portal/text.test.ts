import { describe, it, expect } from 'vitest'
import { formatTime, localHalf, telHref } from './text'
import { failureOf } from './failure'
import { PortalError } from './api'

describe('text helpers', () => {
  it('shows the half of a server message in the reader language', () => {
    const m = '请填写 11 位手机号 / an 11-digit mobile number is required'
    expect(localHalf(m, 'zh-CN')).toBe('请填写 11 位手机号')
    expect(localHalf(m, 'en')).toBe('an 11-digit mobile number is required')
    expect(localHalf('只有中文', 'en')).toBe('只有中文')
  })
  it('writes times as Beijing time, 24-hour, to the minute', () => {
    expect(formatTime('2026-11-28T21:30:00+08:00')).toBe('2026-11-28 21:30')
    expect(formatTime('2026-11-28T13:30:00Z')).toBe('2026-11-28 21:30')
    expect(formatTime('2026-12-31T16:05:00Z')).toBe('2027-01-01 00:05')
    expect(formatTime('not a time')).toBe('not a time')
    expect(formatTime(undefined)).toBe('')
  })
  it('builds tel: links from digits only', () => {
    expect(telHref('0579-8712 3456')).toBe('tel:0579-87123456')
    expect(telHref('12338"><script>')).toBe('tel:12338')
  })
})

describe('what a failed call tells her', () => {
  const t = (key: string, named?: Record<string, unknown>) => (named ? `${key}:${JSON.stringify(named)}` : key)
  it('a 400 names the field with the server message in her language', () => {
    const e = new PortalError(400, 'validation_failed', '请填写 11 位手机号 / an 11-digit mobile number is required', 'phone')
    expect(failureOf(e, 'submit', t, 'zh-CN')).toEqual({ field: 'phone', message: '请填写 11 位手机号' })
    expect(failureOf(e, 'submit', t, 'en')).toEqual({ field: 'phone', message: 'an 11-digit mobile number is required' })
  })
  it('a 429 says "too frequent" for a submission and "slowed down" for a lookup, with the wait', () => {
    expect(failureOf(new PortalError(429, 'rate_limited', 'x', undefined, 120), 'submit', t, 'zh-CN')).toEqual({ message: 'err.tooMany', retryAfter: 120 })
    expect(failureOf(new PortalError(429, 'rate_limited', 'x'), 'follow', t, 'zh-CN')).toEqual({ message: 'err.slowDown', retryAfter: 60 })
  })
  it('an unknown code and wrong digits read the same', () => {
    expect(failureOf(new PortalError(404, 'not_found', '未找到，请核对查询码和手机号后四位 / not found'), 'follow', t, 'zh-CN')).toEqual({ message: 'err.notFound' })
    expect(failureOf(new PortalError(404, 'not_found', ''), 'consultation', t, 'zh-CN')).toEqual({ message: 'err.consultNotFound' })
  })
  it('no network and server trouble have their own words', () => {
    expect(failureOf(new PortalError(0, 'network', ''), 'submit', t, 'zh-CN').message).toBe('err.network')
    expect(failureOf(new PortalError(500, 'internal', '服务器内部错误 / internal error'), 'submit', t, 'zh-CN').message).toBe('err.server')
    expect(failureOf(new Error('boom'), 'submit', t, 'zh-CN').message).toBe('err.server')
  })
})
