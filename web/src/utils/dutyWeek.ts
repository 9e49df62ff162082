// The duty roster's week grid: seven Beijing days from a Monday, each with its day shifts and its
// night shifts. Shifts arrive with ISO 8601 times; everything here works in Beijing time whatever
// the browser's zone, like the rest of the console.

const BEIJING_MS = 8 * 3600 * 1000
const DAY_MS = 24 * 3600 * 1000
const pad = (n: number) => String(n).padStart(2, '0')

/** A shift as the grid needs it (the API's DutyShift fits). */
export interface ShiftLike {
  id: number | string
  starts_at: string
  ends_at: string
}

export interface WeekDay<S extends ShiftLike> {
  /** YYYY-MM-DD */
  date: string
  /** 0 = Monday … 6 = Sunday */
  weekday: number
  weekend: boolean
  /** shifts starting this day between 06:00 and 17:00 */
  day: S[]
  /** shifts starting from 17:00 this day to 06:00 the next morning */
  night: S[]
}

/** Unix millis of a YYYY-MM-DD date's Beijing midnight; NaN when not a real date. */
export function dateStartMs(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!m) return NaN
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  const d = new Date(ms)
  if (d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) return NaN
  return ms - BEIJING_MS
}

/** The Beijing date (YYYY-MM-DD) of an instant. */
export function beijingDate(ms: number): string {
  const d = new Date(ms + BEIJING_MS)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
}

/** Minutes after Beijing midnight of an instant. */
export function beijingMinutes(ms: number): number {
  const d = new Date(ms + BEIJING_MS)
  return d.getUTCHours() * 60 + d.getUTCMinutes()
}

export function addDays(date: string, days: number): string {
  return beijingDate(dateStartMs(date) + days * DAY_MS)
}

/** The Monday of the week holding `date`. */
export function mondayOf(date: string): string {
  const d = new Date(dateStartMs(date) + BEIJING_MS)
  const weekday = (d.getUTCDay() + 6) % 7
  return addDays(date, -weekday)
}

/** "2026-11-28T17:30:00+08:00" for a Beijing date and a time "HH:MM". */
export function isoAt(date: string, hhmm: string): string {
  return `${date}T${hhmm}:00+08:00`
}

/** The usual times of a new shift: a night 17:30 → 08:30 next morning, a day 08:30 → 17:30. */
export function defaultShiftTimes(date: string, kind: 'night' | 'day'): { starts_at: string; ends_at: string } {
  if (kind === 'day') return { starts_at: isoAt(date, '08:30'), ends_at: isoAt(date, '17:30') }
  return { starts_at: isoAt(date, '17:30'), ends_at: isoAt(addDays(date, 1), '08:30') }
}

/** Which cell a shift sits in: the day it starts (a start before 06:00 belongs to the night before). */
export function cellOf(starts_at: string): { date: string; kind: 'day' | 'night' } | null {
  const ms = Date.parse(starts_at)
  if (Number.isNaN(ms)) return null
  const minutes = beijingMinutes(ms)
  if (minutes < 6 * 60) return { date: beijingDate(ms - DAY_MS), kind: 'night' }
  return { date: beijingDate(ms), kind: minutes < 17 * 60 ? 'day' : 'night' }
}

/** Seven days from `monday`, each with its shifts in start order. */
export function buildWeek<S extends ShiftLike>(monday: string, shifts: readonly S[]): WeekDay<S>[] {
  const days: WeekDay<S>[] = []
  for (let i = 0; i < 7; i++) days.push({ date: addDays(monday, i), weekday: i, weekend: i >= 5, day: [], night: [] })
  const sorted = [...shifts].sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at))
  for (const s of sorted) {
    const cell = cellOf(s.starts_at)
    const target = cell && days.find((d) => d.date === cell.date)
    if (target && cell) target[cell.kind].push(s)
  }
  return days
}

/** True while the shift runs at `nowMs`. */
export function covers(shift: ShiftLike, nowMs: number): boolean {
  return Date.parse(shift.starts_at) <= nowMs && nowMs < Date.parse(shift.ends_at)
}

/** "17:30–08:30" (Beijing), with "+1" when it ends on a later day. */
export function timeRange(shift: ShiftLike): string {
  const s = Date.parse(shift.starts_at)
  const e = Date.parse(shift.ends_at)
  if (Number.isNaN(s) || Number.isNaN(e)) return '—'
  const hm = (ms: number) => {
    const m = beijingMinutes(ms)
    return `${pad(Math.floor(m / 60))}:${pad(m % 60)}`
  }
  const days = Math.round((dateStartMs(beijingDate(e)) - dateStartMs(beijingDate(s))) / DAY_MS)
  return `${hm(s)}–${hm(e)}${days > 0 ? ` +${days}` : ''}`
}

/** Sessions of a room calendar grouped by their Beijing start date, dates in order. */
export function byDay<T extends { starts_at: string }>(items: readonly T[]): { date: string; items: T[] }[] {
  const groups = new Map<string, T[]>()
  for (const it of [...items].sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at))) {
    const ms = Date.parse(it.starts_at)
    const date = Number.isNaN(ms) ? it.starts_at.slice(0, 10) : beijingDate(ms)
    if (!groups.has(date)) groups.set(date, [])
    groups.get(date)!.push(it)
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([date, list]) => ({ date, items: list }))
}
