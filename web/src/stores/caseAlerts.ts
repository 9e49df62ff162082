// Live case alerts: while someone with case.read is signed in, one EventSource on
// /api/v1/cases/stream (the session cookie authenticates it; utils/caseAlerts.ts reconnects with
// backoff). An `assignment` (or `escalation`, or the applicant's `reply` from the portal) shows a notification that stays until clicked, plays
// a short tone made with the Web Audio API, and counts on the menu badge until the case is opened.
// An `incident` (a police incident's push for me, new or overdue) does the same for the incident,
// counted on 我的警情. A `consultation` (a portal question routed to me, or late) notifies and opens
// it (stores/consultationAlerts.ts). A `key_family_upgrade` (a key family of my area now yellow or red: its id
// and colour only) notifies and opens the family (stores/familyAlerts.ts).
import { h, reactive, watch } from 'vue'
import type { Router } from 'vue-router'
import { ElNotification } from 'element-plus'
import { caseApi } from '@/api/cases'
import { menuBadges } from '@/menu'
import { installDesk, refreshDesk } from '@/stores/desk'
import { closeFamilyAlerts, markFamilySeen, onFamilyUpgrade } from '@/stores/familyAlerts'
import { closeConsultationAlerts, onConsultation } from '@/stores/consultationAlerts'
import { handlesCasesNow, session } from '@/stores/session'
import { t } from '@/i18n'
import { AlertConnection, alertMessage, incidentAlertMessage, type CaseAlert, type ConnectionState, type EventSourceLike, type IncidentAlert } from '@/utils/caseAlerts'
import { formatDateTime } from '@/utils/format'
import { parseFamilyUpgrade } from '@/utils/families'
import { label } from '@/utils/ui'
import { installCallBacks } from '@/stores/hotline'

export const caseAlerts = reactive({
  state: 'stopped' as ConnectionState,
  /** unseen alerts, newest first */
  unread: [] as CaseAlert[],
  /** unseen police-incident pushes, newest first */
  incidents: [] as IncidentAlert[],
  /** bumped by each `family_todo` and `key_family_upgrade` event: the to-do refreshes on it */
  todoTick: 0,
})

let connection: AlertConnection | null = null
let routerRef: Router | null = null
const open = new Map<number, { close: () => void }>()

function updateBadge() {
  const ids = new Set(caseAlerts.unread.map((a) => a.case_id))
  menuBadges.cases = ids.size
}

/** The case was opened: its alerts are read and their notifications closed. */
export function markCaseSeen(caseId: number): void {
  caseAlerts.unread = caseAlerts.unread.filter((a) => a.case_id !== caseId)
  open.get(caseId)?.close()
  open.delete(caseId)
  updateBadge()
}

export function markAllSeen(): void {
  caseAlerts.unread = []
  caseAlerts.incidents = []
  updateBadge()
  updateIncidentBadge()
}

// ---- police incidents (event `incident`) ----

const openIncidents = new Map<number, { close: () => void }>()
function updateIncidentBadge() {
  const n = new Set(caseAlerts.incidents.map((a) => a.incident_id)).size
  if (n) menuBadges['my-incidents'] = n
  else delete menuBadges['my-incidents']
}

/** The incident was opened: its alerts are read and their notifications closed. */
export function markIncidentSeen(incidentId: number): void {
  caseAlerts.incidents = caseAlerts.incidents.filter((a) => a.incident_id !== incidentId)
  openIncidents.get(incidentId)?.close()
  openIncidents.delete(incidentId)
  updateIncidentBadge()
}

/** A notification naming the incident by number and kind (never a name or an address), with its
 *  link; a red or yellow mark says the push is overdue. */
function notifyIncident(alert: IncidentAlert) {
  const { key, params } = incidentAlertMessage(alert, label)
  // one notification per incident: the pushes of it that came for me are named together
  const mine = caseAlerts.incidents.filter((a) => a.incident_id === alert.incident_id && a.mark === alert.mark && a.recipient)
  if (mine.length > 1) params.recipient = [...new Set(mine.map((a) => label('incidents.recipients', a.recipient)))].join(t('incidents.alerts.and'))
  const go = () => {
    markIncidentSeen(alert.incident_id)
    void routerRef?.push({ name: 'incident', params: { id: String(alert.incident_id) } })
  }
  openIncidents.get(alert.incident_id)?.close()
  const overdue = alert.mark !== 'none'
  const handle = ElNotification({
    title: t(overdue ? 'incidents.alerts.overdueTitle' : 'incidents.alerts.title'),
    type: alert.mark === 'red' ? 'error' : overdue || alert.night ? 'warning' : 'info',
    duration: 0,
    position: 'top-right',
    customClass: `case-alert incident-alert mark-${alert.mark}`,
    message: h('div', { 'data-testid': 'incident-alert' }, [
      h('div', t(key, params)),
      h('div', { class: 'muted' }, formatDateTime(alert.at)),
      h('a', { href: `/incidents/${alert.incident_id}`, class: 'case-alert-link', 'data-testid': 'incident-alert-open', onClick: (e: Event) => { e.preventDefault(); e.stopPropagation(); handle.close(); go() } }, t('incidents.alerts.open')),
    ]),
    onClick: () => { handle.close(); go() },
  })
  openIncidents.set(alert.incident_id, handle)
}

function onIncident(alert: IncidentAlert) {
  void refreshDesk(true)
  caseAlerts.incidents = [alert, ...caseAlerts.incidents.filter((a) => !(a.incident_id === alert.incident_id && a.recipient === alert.recipient))].slice(0, 50)
  updateIncidentBadge()
  playAlertTone()
  notifyIncident(alert)
}

// ---- sound: two short tones, generated (no audio file, nothing from a third party) ----

let audio: AudioContext | null = null
function audioContext(): AudioContext | null {
  if (audio) return audio
  const Ctor = (globalThis as { AudioContext?: typeof AudioContext; webkitAudioContext?: typeof AudioContext }).AudioContext ??
    (globalThis as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext
  if (!Ctor) return null
  try {
    audio = new Ctor()
  } catch {
    audio = null
  }
  return audio
}

// Browsers keep audio silent until the page had a gesture: unlock the context on the first one.
function unlockAudioOnGesture() {
  if (typeof window === 'undefined') return
  const unlock = () => {
    const ctx = audioContext()
    void ctx?.resume().catch(() => {})
    window.removeEventListener('pointerdown', unlock)
    window.removeEventListener('keydown', unlock)
  }
  window.addEventListener('pointerdown', unlock)
  window.addEventListener('keydown', unlock)
}

export function playAlertTone(): void {
  const ctx = audioContext()
  if (!ctx) return
  try {
    if (ctx.state === 'suspended') void ctx.resume().catch(() => {})
    const start = ctx.currentTime + 0.02
    ;[[880, 0], [1175, 0.18]].forEach(([freq, offset]) => {
      const osc = ctx.createOscillator()
      const gain = ctx.createGain()
      osc.type = 'sine'
      osc.frequency.value = freq
      const t0 = start + offset
      gain.gain.setValueAtTime(0.0001, t0)
      gain.gain.exponentialRampToValueAtTime(0.25, t0 + 0.02)
      gain.gain.exponentialRampToValueAtTime(0.0001, t0 + 0.16)
      osc.connect(gain).connect(ctx.destination)
      osc.start(t0)
      osc.stop(t0 + 0.18)
    })
  } catch {
    // no sound is not worth an error
  }
}

// ---- notifications ----

function categoryLabel(code: string): string {
  const key = `cases.category.${code}`
  const s = t(key)
  return s === key ? code : s
}

function notify(alert: CaseAlert) {
  const { key, params } = alertMessage(alert, categoryLabel)
  const go = () => {
    markCaseSeen(alert.case_id)
    void routerRef?.push({ name: 'case', params: { id: String(alert.case_id) } })
  }
  open.get(alert.case_id)?.close()
  const handle = ElNotification({
    title: t(alert.urgent ? 'cases.alerts.urgentTitle' : alert.kind === 'escalation' ? 'cases.alerts.escalationTitle' : alert.kind === 'reply' ? 'cases.alerts.replyTitle' : 'cases.alerts.title'),
    type: alert.urgent ? 'error' : alert.kind === 'escalation' || alert.night_clinic ? 'warning' : 'info',
    duration: 0,
    position: 'top-right',
    customClass: 'case-alert',
    message: h('div', { 'data-testid': 'case-alert' }, [
      h('div', t(key, params)),
      h('div', { class: 'muted' }, formatDateTime(alert.at)),
      h('a', { href: `/cases/${alert.case_id}`, class: 'case-alert-link', onClick: (e: Event) => { e.preventDefault(); e.stopPropagation(); handle.close(); go() } }, t('cases.alerts.open')),
    ]),
    onClick: () => { handle.close(); go() },
  })
  open.set(alert.case_id, handle)
}

function onAlert(alert: CaseAlert) {
  void refreshDesk(true)
  caseAlerts.unread = [alert, ...caseAlerts.unread.filter((a) => !(a.case_id === alert.case_id && a.kind === alert.kind))].slice(0, 50)
  updateBadge()
  playAlertTone()
  notify(alert)
}

function start() {
  if (typeof window === 'undefined' || typeof EventSource === 'undefined') return
  if (!connection) {
    connection = new AlertConnection({
      url: caseApi.streamUrl(),
      create: (url) => new EventSource(url, { withCredentials: true }) as unknown as EventSourceLike,
      onAlert,
      onIncident,
      onConsultation: (a) => {
        void refreshDesk(true)
        playAlertTone()
        onConsultation(a, routerRef)
      },
      onOther: (type, data) => {
        caseAlerts.todoTick++
        const upgrade = type === 'key_family_upgrade' ? parseFamilyUpgrade(data) : null
        if (upgrade) {
          playAlertTone()
          onFamilyUpgrade(upgrade, routerRef)
        }
      },
      onState: (s) => { caseAlerts.state = s },
    })
  }
  connection.start()
}

function stop() {
  connection?.stop()
  for (const n of open.values()) n.close()
  open.clear()
  for (const n of openIncidents.values()) n.close()
  openIncidents.clear()
  closeFamilyAlerts()
  closeConsultationAlerts()
  markAllSeen()
}

let installed = false

/**
 * Follows the session: the stream runs while a user with case.read is signed in (and no forced
 * password change or TOTP enrolment is pending), and stops on sign-out. Opening a case page marks
 * its alerts read. Called once, from the router.
 */
export function installCaseAlerts(router: Router): void {
  if (installed) return
  installed = true
  routerRef = router
  installDesk(router)
  installCallBacks()
  unlockAudioOnGesture()
  watch(
    () => (handlesCasesNow(session.user) ? String(session.user!.id) : ''),
    (who, before) => {
      if (who !== before) stop()
      if (who) start()
    },
    { immediate: true },
  )
  router.afterEach((to) => {
    if (to.name === 'case') {
      const id = Number(to.params.id)
      if (Number.isSafeInteger(id)) markCaseSeen(id)
    }
    if (to.name === 'incident') {
      const id = Number(to.params.id)
      if (Number.isSafeInteger(id)) markIncidentSeen(id)
    }
    if (to.name === 'key-family') {
      const id = Number(to.params.id)
      if (Number.isSafeInteger(id)) markFamilySeen(id)
    }
  })
}
