// The call backs promised in my area and not yet made (GET /hotline-calls/call-backs), for a user
// with hotline.read: 热线来电's 待回拨 tab lists them, and the late ones count on its menu item.
// Asked at sign-in, every minute while the console is visible, when it comes back into view and
// after each change the page makes (refreshCallBacks(true)).
import { reactive } from 'vue'
import { hotlineApi, type CallBacks } from '@/api/hotline'
import { menuBadges } from '@/menu'
import { sessionPoller } from '@/stores/poller'
import { forcedRoute, session } from '@/stores/session'
import { deskRefreshDue } from '@/utils/desk'
import { HOTLINE_POLL_MS, overdueBadge } from '@/utils/hotline'

export const callBacks = reactive({
  data: null as CallBacks | null,
  loading: false,
  failed: false,
})

let last: number | null = null
let inFlight: Promise<void> | null = null

const allowed = (): boolean => {
  const u = session.user
  return !!u && u.permissions.includes('hotline.read') && forcedRoute(u) === null
}

function setBadge(n: number) {
  if (n) menuBadges.hotline = n
  else delete menuBadges.hotline
}

/** Asks the server again (at once when `force`, else unless it was asked a moment ago: the
 *  desk's gap, utils/desk.ts). */
export async function refreshCallBacks(force = false): Promise<void> {
  if (!allowed()) return
  // a change made while an answer is on its way: ask again once that one is in
  if (inFlight) return force ? inFlight.then(() => refreshCallBacks(true)) : inFlight
  if (!deskRefreshDue(Date.now(), last, force)) return
  last = Date.now()
  callBacks.loading = true
  inFlight = hotlineApi
    .callBacks()
    .then((d) => {
      callBacks.data = d
      callBacks.failed = false
      setBadge(overdueBadge(d))
    })
    .catch(() => {
      callBacks.failed = true
    })
    .finally(() => {
      callBacks.loading = false
      inFlight = null
    })
  return inFlight
}

const poller = sessionPoller({
  allowed,
  refresh: refreshCallBacks,
  everyMs: HOTLINE_POLL_MS,
  reset: () => {
    callBacks.data = null
    last = null
    setBadge(0)
  },
})

/** Follows the session (called once, from stores/caseAlerts.ts's install). */
export function installCallBacks(): void {
  poller.start()
}
