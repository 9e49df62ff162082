// The rules the key-family screens show (the server decides them; these only say what it said, or
// check a form before it is sent): the checklist's factors and weights, the colours' order and
// names, when a contact is overdue, the reason a colour other than the suggestion needs, the flag
// of an incident since the last contact, the steps down a colour may ask for, and the filters the
// list applies itself (a step down waiting, an incident since the last contact).
import { ANSWERS, COLOURS, FAMILY_LIMITS, type Answer, type Answers, type Colour, type KeyFamily, type StepDownTarget } from '@/api/families'
import { eventObject } from '@/utils/caseAlerts'

/** The twelve factors in the checklist's order (docs/design/key_families.md), with their weights. */
export const FACTORS = [
  { code: 'threats_to_kill', weight: 5 },
  { code: 'strangulation', weight: 5 },
  { code: 'weapon', weight: 5 },
  { code: 'protection_order_broken', weight: 5 },
  { code: 'escalation', weight: 3 },
  { code: 'separation', weight: 3 },
  { code: 'stalking', weight: 3 },
  { code: 'victim_fear', weight: 3 },
  { code: 'pregnancy', weight: 2 },
  { code: 'children', weight: 2 },
  { code: 'alcohol_drugs', weight: 2 },
  { code: 'earlier_police_calls', weight: 2 },
] as const
export type FactorCode = (typeof FACTORS)[number]['code']

/** A new checklist: every factor unknown. */
export const blankAnswers = (): Record<FactorCode, Answer> =>
  Object.fromEntries(FACTORS.map((f) => [f.code, 'unknown'])) as Record<FactorCode, Answer>

/** A stored checklist as the form edits it: a factor left out or unreadable is unknown. */
export function answersOf(stored: Answers | null | undefined): Record<FactorCode, Answer> {
  const out = blankAnswers()
  for (const f of FACTORS) {
    const v = stored?.[f.code]
    if (v && (ANSWERS as readonly string[]).includes(v)) out[f.code] = v
  }
  return out
}

/** 0 blue, 1 yellow, 2 red; -1 for anything else. */
export const colourRank = (c: string | null | undefined) => (COLOURS as readonly string[]).indexOf(c ?? '')

export const isColour = (c: unknown): c is Colour => typeof c === 'string' && colourRank(c) >= 0

/** The i18n key of a colour's name (蓝色 / 黄色 / 红色), or of 已销号 for a delisting. */
export const colourKey = (c: string | null | undefined) => (isColour(c) ? `families.colours.${c}` : c === 'delisted' ? 'families.colours.delisted' : 'families.colours.none')

/** The steps down a family of `colour` may ask for: each lower colour, and delisting. */
export function stepDownTargets(colour: string): StepDownTarget[] {
  const r = colourRank(colour)
  if (r < 0) return []
  return [...(r > 1 ? (['yellow'] as const) : []), ...(r > 0 ? (['blue'] as const) : []), 'delisted']
}

const ms = (iso: string | null | undefined) => {
  const t = iso ? Date.parse(iso) : NaN
  return Number.isNaN(t) ? null : t
}

/** Whether a contact due at `due` is overdue at `now`: exactly at the due time is in time, a
 *  millisecond later is overdue (as the server counts it). */
export function contactOverdue(due: string | null | undefined, now: number): boolean {
  const d = ms(due)
  return d !== null && now > d
}

/** Whole days until `due` (negative: days overdue, counting a started day), null without a date. */
export function daysUntil(due: string | null | undefined, now: number): number | null {
  const d = ms(due)
  if (d === null) return null
  const diff = d - now
  return diff >= 0 ? Math.floor(diff / 86_400_000) : -Math.ceil(-diff / 86_400_000)
}

/** The contact's state for the list and the phone cards: overdue by n days, due today, due in n days. */
export function dueState(due: string | null | undefined, now: number): { key: string; n: number; overdue: boolean } | null {
  const days = daysUntil(due, now)
  if (days === null) return null
  if (contactOverdue(due, now)) return { key: 'families.due.overdueDays', n: Math.max(1, -days), overdue: true }
  if (days === 0) return { key: 'families.due.today', n: 0, overdue: false }
  return { key: 'families.due.inDays', n: days, overdue: false }
}

/** Whether the police reported an incident at the household after the last contact (or before
 *  any contact at all): the family may need a visit and a reassessment. */
export function incidentSinceContact(f: Pick<KeyFamily, 'last_incident_at' | 'last_contact_at'>): boolean {
  const incident = ms(f.last_incident_at)
  if (incident === null) return false
  const contact = ms(f.last_contact_at)
  return contact === null || incident > contact
}

/** A colour other than the suggestion (up or down) needs a reason. */
export const reasonNeeded = (suggested: string | null | undefined, chosen: string | null | undefined) =>
  isColour(suggested) && isColour(chosen) && suggested !== chosen

/** The reason's length as the server counts it: trimmed, in characters (a Chinese character is one). */
export const reasonLength = (reason: string) => [...reason.trim()].length

/** The i18n key of what is wrong with the reason for choosing `chosen` over `suggested`, or null:
 *  an override needs at least 10 characters; any reason at most 500. */
export function reasonProblem(suggested: string | null | undefined, chosen: string | null | undefined, reason: string): string | null {
  const n = reasonLength(reason)
  if (n > FAMILY_LIMITS.reason.maxLength) return 'families.reasonTooLong'
  if (!reasonNeeded(suggested, chosen)) return null
  if (n === 0) return 'families.reasonRequired'
  if (n < FAMILY_LIMITS.reason_min) return 'families.reasonTooShort'
  return null
}

/** The supervision mark to show (督办), when the server sends one. */
export function supervisionOf(f: { supervision?: string | null } | null | undefined): 'yellow' | 'red' | null {
  const s = f?.supervision
  return s === 'yellow' || s === 'red' ? s : null
}

/** The filters the list applies itself, the server having none for them. */
export interface LocalFilters {
  /** only families with a step down waiting for approval */
  pending?: boolean
  /** only families with a police incident since their last contact */
  incident?: boolean
}

export const hasLocalFilter = (f: LocalFilters) => !!(f.pending || f.incident)

/** The families that pass the list's own filters. */
export function applyLocalFilters<T extends Pick<KeyFamily, 'pending_change' | 'last_incident_at' | 'last_contact_at'>>(items: readonly T[], f: LocalFilters): T[] {
  return items.filter((x) => (!f.pending || !!x.pending_change) && (!f.incident || incidentSinceContact(x)))
}

/** One page of a list held whole: the project's pagination shape. */
export function pageOf<T>(items: readonly T[], page: number, pageSize: number): { items: T[]; page: number; page_size: number; total: number } {
  const size = Math.max(1, pageSize)
  const p = Math.max(1, page)
  return { items: items.slice((p - 1) * size, p * size), page: p, page_size: size, total: items.length }
}

/** The tally of a checklist: yes, no, unknown. */
export function tally(answers: Record<string, Answer>): { yes: number; no: number; unknown: number } {
  const out = { yes: 0, no: 0, unknown: 0 }
  for (const f of FACTORS) out[answers[f.code] ?? 'unknown']++
  return out
}

/** A family upgraded (or listed yellow or red) in my area, heard on the live stream (event
 *  `key_family_upgrade`): its id and colour only, never a name. */
export interface FamilyUpgradeAlert {
  kind: 'key_family_upgrade'
  family_id: number
  colour: Colour
}

/** The alert of an SSE event `key_family_upgrade`, or null for anything malformed. */
export function parseFamilyUpgrade(data: string): FamilyUpgradeAlert | null {
  const r = eventObject(data)
  if (!r) return null
  const id = typeof r.id === 'number' ? r.id : typeof r.family_id === 'number' ? r.family_id : NaN
  if (!Number.isSafeInteger(id) || id <= 0 || !isColour(r.colour)) return null
  return { kind: 'key_family_upgrade', family_id: id, colour: r.colour }
}
