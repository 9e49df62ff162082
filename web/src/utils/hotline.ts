// The hotline log's rules the console applies (views/HotlineView.vue, components/hotline/, the
// menu's badge): times in Beijing whatever the browser's zone, a call's length as mm:ss, a call
// back's state, the count on the menu and the case a call was made into. Pure functions, tested
// in hotline.test.ts.
import { DURATION_MAX, type CallBacks, type HotlineCall } from '@/api/hotline'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const BEIJING = 8 * HOUR
const pad = (n: number) => String(n).padStart(2, '0')

/** The wall time in Beijing at `ms`, to the second, as a date picker holds it: `2026-12-07T21:30:00`. */
export function beijingWall(ms: number): string {
  const d = new Date(Math.floor(ms / 1000) * 1000 + BEIJING)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
}

/** A Beijing wall time (a picker's value) as the API takes it; '' stays ''. */
export const wallToIso = (wall: string | null | undefined): string => (wall ? `${wall.slice(0, 19)}+08:00` : '')

/** The instant `ms` as the API takes it (Beijing's offset). */
export const beijingIso = (ms: number): string => wallToIso(beijingWall(ms))

/** An ISO time of the API as a picker's wall time in Beijing; '' when none or unreadable. */
export function isoToWall(iso: string | null | undefined): string {
  const ms = iso ? Date.parse(iso) : NaN
  return Number.isFinite(ms) ? beijingWall(ms) : ''
}

/** The call-back buttons: in two hours, before the office closes today, tomorrow morning. */
export const QUICK_DUES = ['in2h', 'today', 'tomorrow'] as const
export type QuickDue = (typeof QUICK_DUES)[number]

/** The due time (a Beijing wall time) a call-back button gives at `now`: two hours on, to the
 *  minute; today 17:30, null once that has passed; tomorrow 09:00. */
export function quickDue(kind: QuickDue, now: number): string | null {
  const midnight = Math.floor((now + BEIJING) / DAY) * DAY - BEIJING
  if (kind === 'in2h') return beijingWall(Math.floor(now / MINUTE) * MINUTE + 2 * HOUR)
  if (kind === 'tomorrow') return beijingWall(midnight + DAY + 9 * HOUR)
  const closing = midnight + 17 * HOUR + 30 * MINUTE
  return closing > now ? beijingWall(closing) : null
}

/** A call's length as mm:ss (the minutes go past 59: 75:03). */
export function formatDuration(seconds: number | null | undefined): string {
  const s = typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0
  return `${pad(Math.floor(s / 60))}:${pad(s % 60)}`
}

/** A length as typed, in seconds: mm:ss (a full-width colon too), or whole minutes ("5"); null
 *  when it reads as neither or passes the server's four hours. */
export function parseDuration(text: string): number | null {
  const s = text.trim().replace('：', ':')
  const mmss = /^(\d{1,3}):([0-5]\d)$/.exec(s)
  const seconds = mmss ? Number(mmss[1]) * 60 + Number(mmss[2]) : /^\d{1,3}$/.test(s) ? Number(s) * 60 : null
  return seconds !== null && seconds <= DURATION_MAX ? seconds : null
}

/** The timer's seconds from `started` to `now`, within the server's bound. */
export function elapsedSeconds(started: number, now: number): number {
  return Math.min(DURATION_MAX, Math.max(0, Math.floor((now - started) / 1000)))
}

type CallBackFields = Pick<HotlineCall, 'outcome' | 'call_back_due' | 'called_back_at'>

/** A promised call back's state: still to make (late once its due time passed at `now`), or made;
 *  null for another outcome. */
export function callBackState(c: CallBackFields, now: number): 'overdue' | 'waiting' | 'done' | null {
  if (c.outcome !== 'call_back') return null
  if (c.called_back_at) return 'done'
  const due = c.call_back_due ? Date.parse(c.call_back_due) : NaN
  return Number.isFinite(due) && due < now ? 'overdue' : 'waiting'
}

export type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info'
/** The outcome's tag in the list: a late call back red, one to make orange, one made green. */
export function outcomeTag(c: CallBackFields, now: number): TagType {
  const state = callBackState(c, now)
  if (state) return state === 'overdue' ? 'danger' : state === 'waiting' ? 'warning' : 'success'
  return c.outcome === 'case_opened' ? 'primary' : 'info'
}

/** The number on the menu item: the call backs of my area past their due time (the server counts
 *  them all, not only the hundred it lists); 0 shows none. */
export function overdueBadge(answer: Pick<CallBacks, 'overdue'> | null | undefined): number {
  const n = answer?.overdue
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.floor(n) : 0
}

/** Ask for the call backs every minute while the console is visible (ms). */
export const HOTLINE_POLL_MS = 60_000

/** The call a case was made of: its `external_ref` is `热线来电 #<call id>` (written by the call's
 *  make-a-case route); the call's id, else null. */
export function hotlineCallOf(externalRef: string | null | undefined): number | null {
  const m = /^热线来电 #(\d{1,15})$/.exec(externalRef?.trim() ?? '')
  const id = m ? Number(m[1]) : NaN
  return Number.isSafeInteger(id) && id > 0 ? id : null
}
