// The desk (GET /desk) for the signed-in user with case.read: the home page shows it, and its
// to-do count stands on the menu's 工作台 item, its unanswered questions on 在线咨询. Asked again when a live alert arrives
// (stores/caseAlerts.ts), when she moves between pages (at most every few seconds: an action on a
// case changes the counts), when the tab comes back into view, and every minute while visible.
import { reactive, watch } from 'vue'
import type { Router } from 'vue-router'
import { deskApi, type Desk } from '@/api/desk'
import { menuBadges } from '@/menu'
import { handlesCasesNow, session } from '@/stores/session'
import { DESK_POLL_MS, deskRefreshDue, deskTodo } from '@/utils/desk'

export const desk = reactive({
  data: null as Desk | null,
  loading: false,
  failed: false,
})

let last: number | null = null
let timer: ReturnType<typeof setInterval> | null = null
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

function stop() {
  if (timer) clearInterval(timer)
  timer = null
  desk.data = null
  last = null
  delete menuBadges.home
  delete menuBadges.consultations
}

let installed = false
/** Follows the session (called once, from stores/caseAlerts.ts's install). */
export function installDesk(router: Router): void {
  if (installed) return
  installed = true
  watch(
    () => (allowed() ? String(session.user!.id) : ''),
    (who, before) => {
      if (who !== before) stop()
      if (!who) return
      void refreshDesk(true)
      if (typeof window === 'undefined') return
      timer = setInterval(() => {
        if (document.visibilityState === 'visible') void refreshDesk(true)
      }, DESK_POLL_MS)
    },
    { immediate: true },
  )
  if (typeof document !== 'undefined')
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') void refreshDesk()
    })
  router.afterEach(() => void refreshDesk())
}
