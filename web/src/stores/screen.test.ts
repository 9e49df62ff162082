import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import type { SessionUser } from '@/api/types'
import type { Cockpit } from '@/api/cockpit'
import { session, screenOnly } from './session'

const get = vi.fn<() => Promise<Cockpit>>()
vi.mock('@/api/cockpit', () => ({ cockpitApi: { get: () => get() } }))

const MINUTE = 60_000
const user = (id: number, permissions: string[]): SessionUser => ({
  id, login: `u${id}`, display_name: `用户${id}`, role: 'screen', region_code: '330784', region_name: '永康市',
  permissions, must_change_password: false, totp_enabled: false, totp_required: false,
})
const answer = (asOf: string) => ({ as_of: asOf, figures: [] }) as unknown as Cockpit

describe('the big screen\'s figures', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.stubGlobal('document', Object.assign(new EventTarget(), { visibilityState: 'visible' }))
    vi.stubGlobal('window', globalThis)
    get.mockReset()
    session.user = null
  })
  afterEach(async () => {
    const { showScreen } = await import('./screen')
    showScreen(false)
    session.user = null
    await nextTick()
    vi.unstubAllGlobals()
    vi.useRealTimers()
  })

  it('are asked while the screen is open, every minute, and kept when an ask fails', async () => {
    const { screen, showScreen } = await import('./screen')
    get.mockResolvedValue(answer('08:30'))
    session.user = user(1, ['session.self', 'cockpit.read'])
    await nextTick()
    expect(get).not.toHaveBeenCalled() // not before the screen opens
    showScreen(true)
    await nextTick()
    await vi.waitFor(() => expect(screen.data?.as_of).toBe('08:30'))
    get.mockRejectedValue(new Error('down'))
    await vi.advanceTimersByTimeAsync(MINUTE)
    expect(get).toHaveBeenCalledTimes(2)
    expect(screen.failed).toBe(true)
    expect(screen.data?.as_of).toBe('08:30')
    get.mockResolvedValue(answer('08:32'))
    await vi.advanceTimersByTimeAsync(MINUTE)
    expect(screen.data?.as_of).toBe('08:32')
    expect(screen.failed).toBe(false)
    showScreen(false)
    await nextTick()
    expect(screen.data).toBeNull()
    await vi.advanceTimersByTimeAsync(3 * MINUTE)
    expect(get).toHaveBeenCalledTimes(3)
  })

  it('are never asked for a user without cockpit.read', async () => {
    const { showScreen } = await import('./screen')
    session.user = user(2, ['session.self', 'case.read'])
    showScreen(true)
    await nextTick()
    await vi.advanceTimersByTimeAsync(2 * MINUTE)
    expect(get).not.toHaveBeenCalled()
  })

  it('a wall screen\'s account is one with cockpit.read and nothing else', () => {
    expect(screenOnly(user(1, ['session.self', 'cockpit.read']))).toBe(true)
    expect(screenOnly(user(1, ['cockpit.read']))).toBe(true)
    expect(screenOnly(user(1, ['cockpit.read', 'stats.read']))).toBe(false)
    expect(screenOnly(user(1, ['session.self']))).toBe(false)
    expect(screenOnly(null)).toBe(false)
  })
})
