// The rules the incident screens show (the server decides them; these only say what it said):
// the order of a push's steps, each step's time, holder and due time, whether it is late, the
// flags an incident carries, the parties entered by hand, and the settings form.
import type { Incident, IncidentSettings, PartyInput, Push, PushStage } from '@/api/incidents'
import { INCIDENT_LIMITS, PUSH_STAGES } from '@/api/incidents'
import { normalizePhone } from './validators'

/** The stage after `stage`, or null once fed back. */
export function nextStage(stage: PushStage): Exclude<PushStage, 'pushed'> | null {
  const i = PUSH_STAGES.indexOf(stage)
  return i < 0 || i >= PUSH_STAGES.length - 1 ? null : (PUSH_STAGES[i + 1] as Exclude<PushStage, 'pushed'>)
}

/** Whether a push at `stage` has done `step` already. */
export const stageReached = (stage: PushStage, step: PushStage) => PUSH_STAGES.indexOf(stage) >= PUSH_STAGES.indexOf(step)

export type StepState = 'done' | 'late' | 'next' | 'overdue' | 'todo'

export interface StepRow {
  stage: PushStage
  /** when it was done (null: not yet) */
  at: string | null
  by: string | null
  /** its due time (none for the push itself) */
  due: string | null
  /** done, done after its due time, the next one, the next one and past due, later */
  state: StepState
}

const ms = (iso: string | null | undefined) => {
  const t = iso ? Date.parse(iso) : NaN
  return Number.isNaN(t) ? null : t
}

/** Whether a step due at `due` and done at `at` (null: not yet) is late at `now`. */
export function isLate(due: string | null, at: string | null, now: number): boolean {
  const d = ms(due)
  if (d === null) return false
  const done = ms(at)
  return done === null ? now > d : done > d
}

/** The push's five steps in order, for its timeline. */
export function stepRows(p: Push, now: number): StepRow[] {
  const rows: { stage: PushStage; at: string | null; by: { name: string } | null; due: string | null }[] = [
    { stage: 'pushed', at: p.pushed_at, by: null, due: null },
    { stage: 'acknowledged', at: p.acknowledged_at, by: p.acknowledged_by, due: p.ack_due_at },
    { stage: 'contacted', at: p.contacted_at, by: p.contacted_by, due: p.contact_due_at },
    { stage: 'visited', at: p.visited_at, by: p.visited_by, due: p.visit_due_at },
    { stage: 'fed_back', at: p.fed_back_at, by: p.fed_back_by, due: p.feedback_due_at },
  ]
  const next = nextStage(p.stage)
  return rows.map((r) => {
    let state: StepState
    if (r.at) state = isLate(r.due, r.at, now) ? 'late' : 'done'
    else if (r.stage === next) state = isLate(r.due, null, now) ? 'overdue' : 'next'
    else state = isLate(r.due, null, now) ? 'overdue' : 'todo'
    return { stage: r.stage, at: r.at, by: r.by?.name ?? null, due: r.due, state }
  })
}

/** The due time of a push's next step and whether it has passed (null once fed back). */
export function nextDue(p: Pick<Push, 'next_due_at'>, now: number): { at: string; late: boolean } | null {
  return p.next_due_at ? { at: p.next_due_at, late: isLate(p.next_due_at, null, now) } : null
}

export const RISK_FLAGS = ['injury', 'weapon', 'alcohol', 'threats', 'minors_present'] as const

/** The incident's risk flags that are set, in a fixed order. */
export function riskFlags(i: Pick<Incident, (typeof RISK_FLAGS)[number]>): (typeof RISK_FLAGS)[number][] {
  return RISK_FLAGS.filter((f) => i[f])
}

/** The tag colour of a supervision mark. */
export function markType(mark: string | null | undefined): 'warning' | 'danger' | undefined {
  return mark === 'red' ? 'danger' : mark === 'yellow' ? 'warning' : undefined
}

export interface PartyRow {
  role: string
  name: string
  gender: string
  phone: string
}

export const blankParty = (role = 'victim'): PartyRow => ({ role, name: '', gender: '', phone: '' })

/** The parties' problems as the server names them (`parties[1].phone`, `parties`): message keys. */
export function partyProblems(parties: readonly PartyRow[]): Record<string, string> {
  const out: Record<string, string> = {}
  if (!parties.length) out.parties = 'incidents.partiesRequired'
  else if (parties.length > INCIDENT_LIMITS.max_parties) out.parties = 'incidents.partiesTooMany'
  parties.forEach((p, i) => {
    if (!p.name.trim()) out[`parties[${i}].name`] = 'incidents.partyNameRequired'
    else if ([...p.name.trim()].length > INCIDENT_LIMITS.party_name.maxLength) out[`parties[${i}].name`] = 'incidents.partyNameTooLong'
    if (p.phone.trim() && !normalizePhone(p.phone)) out[`parties[${i}].phone`] = 'incidents.partyPhoneInvalid'
  })
  if (parties.length && !out.parties && !parties.some((p) => p.role === 'victim')) out.parties = 'incidents.victimRequired'
  return out
}

/** The parties as sent: names trimmed, the phone as digits, blank gender and phone left out. */
export function partiesBody(parties: readonly PartyRow[]): PartyInput[] {
  return parties.map((p) => {
    const out: PartyInput = { role: p.role as PartyInput['role'], name: p.name.trim() }
    if (p.gender) out.gender = p.gender
    const phone = p.phone.trim() ? normalizePhone(p.phone) ?? p.phone.trim() : ''
    if (phone) out.phone = phone
    return out
  })
}

/** The settings' time limits: field, unit and most allowed. */
export const SETTING_LIMITS: { field: keyof Omit<IncidentSettings, 'recipients' | 'version'>; unit: 'hours' | 'days'; max: number }[] = [
  { field: 'ack_hours', unit: 'hours', max: 72 },
  { field: 'ack_night_hours', unit: 'hours', max: 72 },
  { field: 'contact_hours', unit: 'hours', max: 240 },
  { field: 'contact_urgent_hours', unit: 'hours', max: 240 },
  { field: 'visit_hours', unit: 'hours', max: 720 },
  { field: 'feedback_days', unit: 'days', max: 60 },
]

/** The tag colour of a stage: not yet acknowledged stands out, fed back is done. */
export function stageType(stage: string): 'warning' | 'primary' | 'success' {
  return stage === 'pushed' ? 'warning' : stage === 'fed_back' ? 'success' : 'primary'
}
