// The desk (GET /desk) for the signed-in user with case.read: the home page shows it, and its
// to-do count stands on the menu's 工作台 item, its unanswered questions on 在线咨询. Asked again when a live alert arrives
// (stores/caseAlerts.ts), when she moves between pages (at most every few seconds: an action on a
// case changes the counts), when the tab comes back into view, and every minute while visible.
import { reactive } from 'vue'
import type { Router } from 'vue-router'
import { deskApi, type Desk } from '@/api/desk'
import { menuBadges } from '@/menu'
import { sessionPoller } from '@/stores/poller'
import { handlesCasesNow, session } from '@/stores/session'
import { DESK_POLL_MS, deskRefreshDue, deskTodo } from '@/utils/desk'

export const desk = reactive({
  data: null as Desk | null,
  loading: false,
  failed: false,
})

let last: number | null = null
let inFlight: Promise<void> | null = null

const allowed = (): boolean => handlesCasesNow(session.user)

/** Asks the server again (at once when `force`, else unless it was asked a moment ago). */
export async function refreshDesk(force = false): Promise<void> {
  if (!allowed()) return
  if (!deskRefreshDue(Date.now(), last, force)) return
  if (inFlight) return inFlight
  last = Date.now()
  desk.loading = true
  inFlight = deskApi
    .get()
    .then((d) => {
      desk.data = d
      desk.failed = false
      menuBadges.home = deskTodo(d.counts)
      menuBadges.consultations = d.counts.consultations
    })
    .catch(() => {
      desk.failed = true
    })
    .finally(() => {
      desk.loading = false
      inFlight = null
    })
  return inFlight
}

const poller = sessionPoller({
  allowed,
  refresh: refreshDesk,
  everyMs: DESK_POLL_MS,
  reset: () => {
    desk.data = null
    last = null
    delete menuBadges.home
    delete menuBadges.consultations
  },
})

let installed = false
/** Follows the session (called once, from stores/caseAlerts.ts's install). */
export function installDesk(router: Router): void {
  if (installed) return
  installed = true
  poller.start()
  router.afterEach(() => void refreshDesk())
}
