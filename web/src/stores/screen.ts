// The big screen's figures (数据大屏, views/ScreenView.vue): GET /cockpit for the caller's area, asked
// when the screen opens, every minute while it is shown and visible (stores/poller.ts), and when it
// comes back into view (unless asked a moment ago). A failed answer keeps the last figures on the
// screen, marked; they are forgotten when the screen closes or someone else signs in.
import { effectScope, reactive, type EffectScope } from 'vue'
import { cockpitApi, type Cockpit } from '@/api/cockpit'
import { sessionPoller } from '@/stores/poller'
import { forcedRoute, session } from '@/stores/session'
import { deskRefreshDue } from '@/utils/desk'

/** How often the screen asks again (ms). */
export const SCREEN_POLL_MS = 60_000

export const screen = reactive({
  data: null as Cockpit | null,
  /** the last ask failed: the figures shown are the ones before */
  failed: false,
  loading: false,
  /** the screen's page is open */
  shown: false,
})

let last: number | null = null
let inFlight: Promise<void> | null = null

const allowed = (): boolean => {
  const u = session.user
  return screen.shown && !!u && u.permissions.includes('cockpit.read') && forcedRoute(u) === null
}

/** Asks the server again (at once when `force`, else unless it was asked a moment ago). */
export async function refreshScreen(force = false): Promise<void> {
  if (!allowed()) return
  if (inFlight) return inFlight
  if (!deskRefreshDue(Date.now(), last, force)) return
  last = Date.now()
  screen.loading = true
  inFlight = cockpitApi
    .get()
    .then((d) => {
      screen.data = d
      screen.failed = false
    })
    .catch(() => {
      screen.failed = true
    })
    .finally(() => {
      screen.loading = false
      inFlight = null
    })
  return inFlight
}

const poller = sessionPoller({
  allowed,
  refresh: refreshScreen,
  everyMs: SCREEN_POLL_MS,
  reset: () => {
    screen.data = null
    screen.failed = false
    last = null
  },
})

// the poller follows the session from the first time the screen opens, outside the page's own
// scope (which ends when it closes)
let scope: EffectScope | null = null
/** The screen's page opened (true) or closed (false): the figures are asked for while it is open. */
export function showScreen(shown: boolean): void {
  if (!scope) {
    scope = effectScope(true)
    scope.run(() => poller.start())
  }
  screen.shown = shown
}
