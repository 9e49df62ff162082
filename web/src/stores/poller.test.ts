import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick, type EffectScope } from 'vue'
import type { SessionUser } from '@/api/types'
import { sessionPoller } from './poller'
import { session } from './session'

const MINUTE = 60_000

function user(id: number, permissions = ['case.read']): SessionUser {
  return {
    id, login: `u${id}`, display_name: `用户${id}`, role: 'town_staff', region_code: '330784001', region_name: '东城街道',
    permissions, must_change_password: false, totp_enabled: false, totp_required: false,
  }
}

/** The page: its visibility changed as a browser would, with the event. */
class FakeDocument extends EventTarget {
  visibilityState: DocumentVisibilityState = 'visible'
  show(state: DocumentVisibilityState) {
    this.visibilityState = state
    this.dispatchEvent(new Event('visibilitychange'))
  }
}

describe('sessionPoller', () => {
  let doc: FakeDocument
  let scope: EffectScope
  const refresh = vi.fn<(force: boolean) => void>()
  const reset = vi.fn()

  /** A poller for users with case.read, started (its watch in a scope the test ends). */
  function started() {
    const poller = sessionPoller({ allowed: () => !!session.user?.permissions.includes('case.read'), refresh, everyMs: MINUTE, reset })
    scope.run(() => poller.start())
    return poller
  }

  beforeEach(() => {
    vi.useFakeTimers()
    doc = new FakeDocument()
    vi.stubGlobal('document', doc)
    vi.stubGlobal('window', globalThis)
    session.user = null
    scope = effectScope()
    refresh.mockReset()
    reset.mockReset()
  })

  afterEach(() => {
    scope.stop()
    session.user = null
    vi.unstubAllGlobals()
    vi.useRealTimers()
  })

  it('has no timer while nobody who may see it is signed in', async () => {
    started()
    session.user = user(1, ['session.self'])
    await nextTick()
    vi.advanceTimersByTime(3 * MINUTE)
    expect(refresh).not.toHaveBeenCalled()
    // coming back into view asks, not forced: the store's refresh checks who may see it
    doc.show('hidden')
    doc.show('visible')
    expect(refresh.mock.calls).toEqual([[false]])
  })

  it('asks at sign-in, then every interval while the page is visible', async () => {
    started()
    session.user = user(1)
    await nextTick()
    expect(refresh.mock.calls).toEqual([[true]])
    vi.advanceTimersByTime(MINUTE - 1)
    expect(refresh).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(1)
    expect(refresh.mock.calls).toEqual([[true], [true]])
    vi.advanceTimersByTime(2 * MINUTE)
    expect(refresh).toHaveBeenCalledTimes(4)
  })

  it('is quiet while the page is hidden and asks (not forced) when it comes back into view', async () => {
    started()
    session.user = user(1)
    await nextTick()
    refresh.mockClear()
    doc.show('hidden')
    vi.advanceTimersByTime(3 * MINUTE)
    expect(refresh).not.toHaveBeenCalled()
    doc.show('visible')
    expect(refresh.mock.calls).toEqual([[false]])
    vi.advanceTimersByTime(MINUTE)
    expect(refresh.mock.calls).toEqual([[false], [true]])
  })

  it('forgets what was asked and stops the timer at sign-out; starts again for the next user', async () => {
    started()
    expect(reset).toHaveBeenCalledTimes(1) // started with nobody signed in
    session.user = user(1)
    await nextTick()
    expect(reset).toHaveBeenCalledTimes(2)
    session.user = null
    await nextTick()
    expect(reset).toHaveBeenCalledTimes(3)
    refresh.mockClear()
    vi.advanceTimersByTime(3 * MINUTE)
    expect(refresh).not.toHaveBeenCalled()

    session.user = user(2)
    await nextTick()
    expect(reset).toHaveBeenCalledTimes(4)
    expect(refresh.mock.calls).toEqual([[true]])
    // one timer only: the first user's is gone
    vi.advanceTimersByTime(MINUTE)
    expect(refresh).toHaveBeenCalledTimes(2)
  })

  it('asks at once when started with a user signed in, and starts only once', async () => {
    session.user = user(1)
    const poller = started()
    scope.run(() => poller.start())
    expect(refresh.mock.calls).toEqual([[true]])
    vi.advanceTimersByTime(MINUTE)
    expect(refresh).toHaveBeenCalledTimes(2)
    doc.show('visible')
    expect(refresh).toHaveBeenCalledTimes(3)
  })

  it('stop ends the timer and forgets', async () => {
    session.user = user(1)
    const poller = started()
    reset.mockClear()
    poller.stop()
    expect(reset).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(3 * MINUTE)
    expect(refresh).toHaveBeenCalledTimes(1)
  })
})
