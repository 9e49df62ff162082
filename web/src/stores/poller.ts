// What the desk (stores/desk.ts) and the call backs (stores/hotline.ts) share: asked again while
// someone who may see them is signed in — at once when she signs in, every `everyMs` while the
// console is visible, and (unless asked a moment ago: the store decides) when it comes back into
// view — and forgotten when she signs out or someone else signs in.
import { watch } from 'vue'
import { session } from '@/stores/session'

export interface PollerOptions {
  /** Whether the signed-in user (session.user) may see it now. */
  allowed: () => boolean
  /** Asks the server again: `force` at sign-in and on the timer, not when the tab comes back. */
  refresh: (force: boolean) => unknown
  /** How often to ask while the console is visible (ms). */
  everyMs: number
  /** Forgets what was asked (the user changed or signed out). */
  reset: () => void
}

export interface Poller {
  /** Follows the session from now on (once: later calls do nothing). */
  start: () => void
  /** Stops the timer and forgets what was asked (done whenever the user changes). */
  stop: () => void
}

export function sessionPoller({ allowed, refresh, everyMs, reset }: PollerOptions): Poller {
  let timer: ReturnType<typeof setInterval> | null = null
  let started = false

  function stop() {
    if (timer) clearInterval(timer)
    timer = null
    reset()
  }

  function start() {
    if (started) return
    started = true
    watch(
      () => (allowed() ? String(session.user!.id) : ''),
      (who, before) => {
        if (who !== before) stop()
        if (!who) return
        void refresh(true)
        if (typeof window === 'undefined') return
        timer = setInterval(() => {
          if (document.visibilityState === 'visible') void refresh(true)
        }, everyMs)
      },
      { immediate: true },
    )
    if (typeof document !== 'undefined')
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') void refresh(false)
      })
  }

  return { start, stop }
}
