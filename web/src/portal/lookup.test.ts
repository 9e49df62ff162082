import { describe, it, expect, vi } from 'vitest'
import { PortalError } from './api'
import { useLookup } from './lookup'

vi.mock('vue-i18n', () => ({ useI18n: () => ({ t: (k: string) => k, locale: { value: 'zh-CN' } }) }))

describe('looking a request up by its code', () => {
  it('checks the code first and asks nothing while it is wrong', async () => {
    const ask = vi.fn(async () => ({ status: 'accepted' }))
    const l = useLookup('follow', () => ({ code: { key: 'required' } }), ask)
    await l.lookUp()
    expect(ask).not.toHaveBeenCalled()
    expect(l.errors.value).toEqual({ code: { key: 'required' } })
  })

  it('shows the answer, busy meanwhile', async () => {
    let busyMeanwhile = false
    const l = useLookup('consultation', () => ({}), async () => {
      busyMeanwhile = l.busy.value
      return { status: 'answered' }
    })
    await l.lookUp()
    expect(busyMeanwhile).toBe(true)
    expect(l.busy.value).toBe(false)
    expect(l.result.value).toEqual({ status: 'answered' })
    expect(l.failure.value).toBe('')
  })

  it('a refusal drops the last answer, says why under the form and is passed on (the wait of a 429)', async () => {
    const refused = vi.fn()
    let answer: Promise<{ status: string }> = Promise.resolve({ status: 'accepted' })
    const l = useLookup('follow', () => ({}), () => answer, refused)
    await l.lookUp()
    answer = Promise.reject(new PortalError(429, 'rate_limited', 'slow down', undefined, 30))
    await l.lookUp()
    expect(l.result.value).toBeNull()
    expect(l.failure.value).toBe('err.slowDown')
    expect(refused).toHaveBeenCalledWith({ message: 'err.slowDown', retryAfter: 30 })
  })
})
