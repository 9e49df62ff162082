// Household plans (一户一策) and each user's to-do (GET /todo): the shapes of the session-13
// contract (/tmp/s13/plan_contract.md; not in docs/openapi.json yet — the lead switches these to
// the generated types once it is), the routes, and the rules the screens show. The server decides
// (domain/household_plan.hpp); these mirror it so that a form says what is missing before it is
// sent: the limits, a measure falling overdue, what a plan's status and the caller's permissions
// allow, how complete a submitted plan must be, a safe contact's phone, and the to-do's order.
import { api } from '@/api/client'
import { normalizePhone } from './validators'

/** A time as the contract sends it (Unix ms); an ISO 8601 text is read too. */
export type Time = number | string

export const PLAN_STATUSES = ['draft', 'awaiting_countersign', 'active', 'superseded', 'closed'] as const
export const MEASURE_TYPES = ['mediation', 'counselling', 'legal_aid', 'protection_order', 'social_support', 'employment', 'school_attention', 'other'] as const
export const RESPONSIBLE_UNITS = ['federation', 'village_committee', 'police_station', 'justice_office', 'school', 'civil_affairs'] as const
export const MEASURE_STATUSES = ['planned', 'in_progress', 'done', 'cancelled'] as const
export const REVIEW_REASONS = ['colour_changed', 'periodic'] as const
export const COLOURS = ['blue', 'yellow', 'red'] as const
/** The to-do's kinds, in the order the page shows their groups. */
export const TODO_KINDS = ['contact', 'city_visit', 'plan', 'review', 'measure', 'countersign', 'approval', 'reassess', 'push'] as const

export type PlanStatus = (typeof PLAN_STATUSES)[number]
export type MeasureType = (typeof MEASURE_TYPES)[number]
export type ResponsibleUnit = (typeof RESPONSIBLE_UNITS)[number]
export type MeasureStatus = (typeof MEASURE_STATUSES)[number]
export type ReviewReason = (typeof REVIEW_REASONS)[number]
export type Colour = (typeof COLOURS)[number]
export type TodoKind = (typeof TODO_KINDS)[number]

/** The limits of domain/household_plan.hpp, in characters (and counts). */
export const PLAN_LIMITS = {
  focus: 500, risks: 500, goals: 500, measures: 30,
  person: 30, detail: 200, result: 500,
  contacts: 5, contact_name: 30, contact_relation: 20, code_word: 20, safe_place: 200, notes: 500,
  note: 500, reason: 500,
} as const

export interface Measure {
  type: MeasureType
  unit: ResponsibleUnit
  /** the responsible person's name */
  person: string
  /** her account, when she has one: the measure is on her to-do and she may update it */
  person_user_id: number | null
  due_at: Time | null
  status: MeasureStatus
  detail: string
  result: string
  /** open and past its due time (the server's word) */
  overdue: boolean
}

export interface Who {
  id: number
  name: string
}

/** One version of a family's plan; never the safety plan's content (has_safety_plan says if any). */
export interface Plan {
  id: number
  family_id: number
  version: number
  status: PlanStatus
  /** the family's colour it was written for */
  colour: Colour
  focus: string
  risks: string
  goals: string
  measures: Measure[]
  has_safety_plan: boolean
  author: Who & { level: string }
  created_at: Time
  updated_at: Time
  row_version: number
  submitted_at: Time | null
  countersigned_by: Who | null
  countersigned_at: Time | null
  returned_reason: string | null
  activated_at: Time | null
  last_review_at: Time | null
  review_due: Time | null
  review_reason: ReviewReason | null
}

export interface SafeContact {
  name: string
  relation: string
  phone: string
}

/** The woman's safety plan (安全计划): sealed by the store, each read audited. */
export interface SafetyPlan {
  contacts: SafeContact[]
  code_word: string
  safe_place: string
  notes: string
}

export interface MeasureBody {
  type: MeasureType
  unit: ResponsibleUnit
  person: string
  person_user_id: number | null
  due_at: string | null
  status: MeasureStatus
  detail: string
  result: string
}

/** POST/PATCH …/plans: what is left out is kept (a new version copies the active one's). */
export interface PlanBody {
  focus?: string
  risks?: string
  goals?: string
  measures?: MeasureBody[]
  safety?: SafetyPlan
}

export interface PlanList {
  /** newest version first */
  items: Plan[]
  /** when a yellow or red family without an active plan must have one */
  plan_due_at: Time | null
}

export interface TodoItem {
  kind: TodoKind
  due_at: Time | null
  overdue: boolean
  /** a grid sister's items carry the family's name and region, never its colour */
  family: { id: number; name: string; region: { code: string; name: string } } | null
  colour: Colour | null
  plan_id: number | null
  measure_index: number | null
  detail: string
  incident: { id: number; incident_no: string; kind: string; step: string; push_id: number } | null
}

export interface Todo {
  items: TodoItem[]
  counts: { overdue: number; total: number }
}

const family = (id: number | string) => `/key-families/${encodeURIComponent(String(id))}`
const plan = (familyId: number | string, planId: number | string, tail = '') => `${family(familyId)}/plans/${encodeURIComponent(String(planId))}${tail}`

export const planApi = {
  list: (familyId: number | string) => api.get<PlanList>(`${family(familyId)}/plans`),
  /** a new draft (version = last + 1); 409 plan_draft_exists while one is open */
  create: (familyId: number | string, body: PlanBody = {}) => api.post<Plan>(`${family(familyId)}/plans`, body),
  /** drafts only (409 plan_not_draft); 409 version_conflict on a stale row_version */
  update: (familyId: number | string, planId: number, body: PlanBody & { row_version: number }) => api.patch<Plan>(plan(familyId, planId), body),
  /** → active, or awaiting_countersign for a red family; 422 naming the first problem */
  submit: (familyId: number | string, planId: number) => api.post<Plan>(plan(familyId, planId, '/submit'), {}),
  countersign: (familyId: number | string, planId: number, note?: string) => api.post<Plan>(plan(familyId, planId, '/countersign'), note ? { note } : {}),
  return: (familyId: number | string, planId: number, reason: string) => api.post<Plan>(plan(familyId, planId, '/return'), { reason }),
  /** the active plan reviewed unchanged; 409 plan_needs_new_version when it must be rewritten */
  review: (familyId: number | string, planId: number, note: string) => api.post<Plan>(plan(familyId, planId, '/review'), { note }),
  measure: (familyId: number | string, planId: number, index: number, body: { row_version: number; status: MeasureStatus; result?: string }) =>
    api.patch<Plan>(plan(familyId, planId, `/measures/${index}`), body),
  /** the safety plan in full: audited as a sensitive read, so asked for only on a click */
  safety: (familyId: number | string, planId: number) => api.get<SafetyPlan>(plan(familyId, planId, '/safety')),
}

export const todoApi = {
  get: () => api.get<Todo>('/todo'),
}

// ---- times ----

/** Unix ms of a time (ms, or an ISO text), or null. */
export function toMs(t: Time | null | undefined): number | null {
  if (t === null || t === undefined || t === '') return null
  if (typeof t === 'number') return Number.isFinite(t) ? t : null
  if (/^\d{10,15}$/.test(t)) return Number(t)
  const ms = Date.parse(t)
  return Number.isNaN(ms) ? null : ms
}

/** The ISO text of a time (for formatDateTime and DueCountdown), or null. */
export function toIso(t: Time | null | undefined): string | null {
  const ms = toMs(t)
  return ms === null ? null : new Date(ms).toISOString()
}

const BEIJING = 8 * 3600 * 1000
/** The Beijing date `YYYY-MM-DD` of a time, or ''. */
export function beijingDay(t: Time | null | undefined): string {
  const ms = toMs(t)
  return ms === null ? '' : new Date(ms + BEIJING).toISOString().slice(0, 10)
}

/** A due date as sent: the day itself, YYYY-MM-DD (the server keeps it as the end of that day in
 *  Beijing), or null for none or a malformed one. */
export function dueOfDay(day: string): string | null {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(Date.parse(`${day}T00:00:00+08:00`)) ? day : null
}

// ---- measures and plans ----

/** Planned or in progress: it can still fall overdue. */
export const isOpen = (s: MeasureStatus) => s === 'planned' || s === 'in_progress'

/** Open and past its due time at `now` (due exactly now is in time), as OverdueMeasures says. */
export function measureOverdue(m: Pick<Measure, 'status' | 'due_at'>, now: number): boolean {
  const due = toMs(m.due_at)
  return isOpen(m.status) && due !== null && now > due
}

/** A result is required once a measure is done (what came of it) or cancelled (why). */
export const resultRequired = (s: MeasureStatus) => s === 'done' || s === 'cancelled'

/** The indexes of the overdue measures: the server's flag, or past due by the clock now. */
export function overdueMeasures(measures: readonly Measure[], now: number): number[] {
  return measures.flatMap((m, i) => ((m.overdue && isOpen(m.status)) || measureOverdue(m, now) ? [i] : []))
}

/** Who is asking: her permissions (`can`) and account id. */
export interface Caller {
  can: (permission: string) => boolean
  me: number | null
}

export type PlanAction = 'edit' | 'submit' | 'countersign' | 'return' | 'review'
/** The actions taken with words (a note, a reason): PlanDecisionDialog. */
export type Decision = Extract<PlanAction, 'countersign' | 'return' | 'review'>

/** What the caller may do with one version: write and submit a draft (family.plan), countersign
 *  or return a plan awaiting it (family.approve, never its author), review the active one
 *  (family.plan). Superseded and closed versions are final. */
export function planActions(p: Pick<Plan, 'status' | 'author'>, caller: Caller, retired = false): PlanAction[] {
  if (retired) return []
  switch (p.status) {
    case 'draft': return caller.can('family.plan') ? ['edit', 'submit'] : []
    case 'awaiting_countersign': return caller.can('family.approve') && caller.me !== p.author.id ? ['countersign', 'return'] : []
    case 'active': return caller.can('family.plan') ? ['review'] : []
    default: return []
  }
}

/** A version not yet in force: a draft, or one awaiting countersigning (at most one). */
export const openVersion = (plans: readonly Plan[]) => plans.find((p) => p.status === 'draft' || p.status === 'awaiting_countersign') ?? null
export const activeVersion = (plans: readonly Plan[]) => plans.find((p) => p.status === 'active') ?? null

/** Whether the caller may start a new version: family.plan, the family listed, no version open. */
export function canStartVersion(plans: readonly Plan[], caller: Caller, retired = false): boolean {
  return !retired && caller.can('family.plan') && !openVersion(plans)
}

/** Whether the caller may update a measure's status: on the active plan, while the measure is
 *  open, with family.plan or as the measure's person. */
export function canUpdateMeasure(p: Pick<Plan, 'status'>, m: Pick<Measure, 'status' | 'person_user_id'>, caller: Caller): boolean {
  if (p.status !== 'active' || !isOpen(m.status)) return false
  return caller.can('family.plan') || (caller.me !== null && m.person_user_id === caller.me)
}

/** A periodic review this near is announced on the plan screen. */
export const REVIEW_NOTICE_MS = 7 * 24 * 3600 * 1000

/** What the plan screen says about a family's plan: due (a yellow or red family without an
 *  active plan, and when), under way (a version open), or a review of the active one needed (a
 *  colour change) or near (within REVIEW_NOTICE_MS) or passed. */
export function planNotice(colour: string, plans: readonly Plan[], planDueAt: Time | null, now: number):
  { kind: 'due'; at: number | null; overdue: boolean; open: Plan | null } | { kind: 'review'; at: number | null; overdue: boolean; reason: ReviewReason | null } | null {
  const active = activeVersion(plans)
  if (!active) {
    if (colour !== 'yellow' && colour !== 'red') return null
    const at = toMs(planDueAt)
    return { kind: 'due', at, overdue: at !== null && now > at, open: openVersion(plans) }
  }
  const at = toMs(active.review_due)
  // a periodic review weeks away is only a date on the plan; it is a notice once near or passed
  if (active.review_reason === null && (at === null || at - now > REVIEW_NOTICE_MS)) return null
  return { kind: 'review', at, overdue: active.review_reason === 'colour_changed' || (at !== null && now > at), reason: active.review_reason }
}

// ---- the editor's form ----

export interface MeasureRow {
  type: MeasureType
  unit: ResponsibleUnit
  person: string
  person_user_id: number | null
  /** the due date `YYYY-MM-DD` (Beijing) or '' (named as the server names its problems) */
  due_at: string
  status: MeasureStatus
  detail: string
  result: string
}

export interface PlanForm {
  focus: string
  risks: string
  goals: string
  measures: MeasureRow[]
}

export const blankMeasure = (): MeasureRow => ({ type: 'mediation', unit: 'federation', person: '', person_user_id: null, due_at: '', status: 'planned', detail: '', result: '' })
export const blankSafety = (): SafetyPlan => ({ contacts: [], code_word: '', safe_place: '', notes: '' })
export const blankContact = (): SafeContact => ({ name: '', relation: '', phone: '' })

/** The form of a version. */
export function planForm(p: Pick<Plan, 'focus' | 'risks' | 'goals' | 'measures'>): PlanForm {
  return {
    focus: p.focus ?? '', risks: p.risks ?? '', goals: p.goals ?? '',
    measures: (p.measures ?? []).map((m) => ({
      type: m.type, unit: m.unit, person: m.person ?? '', person_user_id: m.person_user_id ?? null, due_at: beijingDay(m.due_at),
      status: m.status, detail: m.detail ?? '', result: m.result ?? '',
    })),
  }
}

/** Characters as the server counts them (code points). */
export const chars = (s: string) => [...s].length

export type Check = 'draft' | 'submit'

function text(out: Record<string, string>, field: string, value: string, max: number, required: boolean, lines: boolean) {
  const v = value.trim()
  if (!v) {
    if (required) out[field] = 'plans.problems.required'
  } else if (chars(v) > max) out[field] = 'plans.problems.tooLong'
  else if (!lines && /[\r\n]/.test(v)) out[field] = 'plans.problems.oneLine'
}

/** A safe contact's phone: a mainland mobile or landline (as domain/phone.cpp reads it). */
export const safePhoneOk = (phone: string) => normalizePhone(phone.trim()) !== null

/** The safety plan's problems (fields under `safety.`), as CheckSafetyPlan names them: i18n keys. */
export function safetyProblems(s: SafetyPlan): Record<string, string> {
  const out: Record<string, string> = {}
  if (s.contacts.length > PLAN_LIMITS.contacts) out['safety.contacts'] = 'plans.problems.tooManyContacts'
  s.contacts.slice(0, PLAN_LIMITS.contacts).forEach((c, i) => {
    const p = `safety.contacts[${i}].`
    text(out, p + 'name', c.name, PLAN_LIMITS.contact_name, true, false)
    text(out, p + 'relation', c.relation, PLAN_LIMITS.contact_relation, false, false)
    if (!safePhoneOk(c.phone)) out[p + 'phone'] = c.phone.trim() ? 'plans.problems.phone' : 'plans.problems.phoneRequired'
  })
  text(out, 'safety.code_word', s.code_word, PLAN_LIMITS.code_word, false, false)
  text(out, 'safety.safe_place', s.safe_place, PLAN_LIMITS.safe_place, false, true)
  text(out, 'safety.notes', s.notes, PLAN_LIMITS.notes, false, true)
  return out
}

/** A plan's problems as CheckPlan names them (`measures[2].person`): i18n keys. A draft may be
 *  half-written (limits only); a plan submitted needs focus, goals and a measure, each measure
 *  its person and due date, and a result once done or cancelled. */
export function planProblems(f: PlanForm, check: Check, safety?: SafetyPlan | null): Record<string, string> {
  const whole = check === 'submit'
  const out: Record<string, string> = {}
  text(out, 'focus', f.focus, PLAN_LIMITS.focus, whole, true)
  text(out, 'risks', f.risks, PLAN_LIMITS.risks, false, true)
  text(out, 'goals', f.goals, PLAN_LIMITS.goals, whole, true)
  if (f.measures.length > PLAN_LIMITS.measures) out.measures = 'plans.problems.tooManyMeasures'
  else if (whole && !f.measures.length) out.measures = 'plans.problems.measureRequired'
  f.measures.slice(0, PLAN_LIMITS.measures).forEach((m, i) => {
    const p = `measures[${i}].`
    if (!(MEASURE_TYPES as readonly string[]).includes(m.type)) out[p + 'type'] = 'plans.problems.required'
    if (!(RESPONSIBLE_UNITS as readonly string[]).includes(m.unit)) out[p + 'unit'] = 'plans.problems.required'
    text(out, p + 'person', m.person, PLAN_LIMITS.person, whole, false)
    if (whole && !m.due_at) out[p + 'due_at'] = 'plans.problems.dueRequired'
    text(out, p + 'detail', m.detail, PLAN_LIMITS.detail, false, true)
    const needs = whole && resultRequired(m.status)
    if (needs && !m.result.trim()) out[p + 'result'] = m.status === 'done' ? 'plans.problems.resultRequired' : 'plans.problems.reasonRequired'
    else if (chars(m.result.trim()) > PLAN_LIMITS.result) out[p + 'result'] = 'plans.problems.tooLong'
  })
  if (safety) Object.assign(out, safetyProblems(safety))
  return out
}

/** The safety plan as sent: trimmed, each phone as its digits. */
export function safetyBody(s: SafetyPlan): SafetyPlan {
  return {
    contacts: s.contacts.map((c) => ({ name: c.name.trim(), relation: c.relation.trim(), phone: normalizePhone(c.phone.trim()) ?? c.phone.trim() })),
    code_word: s.code_word.trim(), safe_place: s.safe_place.trim(), notes: s.notes.trim(),
  }
}

/** The form as sent (PATCH …/plans/{id}); the safety plan only when it was opened (else kept). */
export function planBody(f: PlanForm, safety?: SafetyPlan | null): PlanBody {
  const body: PlanBody = {
    focus: f.focus.trim(), risks: f.risks.trim(), goals: f.goals.trim(),
    measures: f.measures.map((m) => ({
      type: m.type, unit: m.unit, person: m.person.trim(), person_user_id: m.person_user_id, due_at: dueOfDay(m.due_at),
      status: m.status, detail: m.detail.trim(), result: m.result.trim(),
    })),
  }
  if (safety) body.safety = safetyBody(safety)
  return body
}

/** Whether a field the server names is one of the editor's (focus, measures[2].person, safety.…). */
export const editorField = (field: string): string | null =>
  /^(focus|risks|goals|measures|measures\[\d+\]\.(type|unit|person|due_at|status|detail|result)|safety\.(contacts|code_word|safe_place|notes)|safety\.contacts\[\d+\]\.(name|relation|phone))$/.test(field) ? field : null

/** The problems a 422 lists (details.problems: [{field, message}]), with the one it names. */
export function serverProblems(e: { field?: string; message: string; details?: Record<string, unknown> }): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = []
  const list = e.details?.problems
  if (Array.isArray(list))
    for (const p of list)
      if (p && typeof p === 'object' && typeof (p as { field?: unknown }).field === 'string')
        out.push({ field: (p as { field: string }).field, message: String((p as { message?: unknown }).message ?? '') })
  if (e.field && !out.some((p) => p.field === e.field)) out.unshift({ field: e.field, message: e.message })
  return out
}

// ---- the to-do ----

/** Overdue first, then by due time (none last), then in the kinds' order. */
export function sortTodo(items: readonly TodoItem[]): TodoItem[] {
  const due = (i: TodoItem) => toMs(i.due_at) ?? Number.POSITIVE_INFINITY
  return [...items].sort((a, b) =>
    Number(b.overdue) - Number(a.overdue) || due(a) - due(b) || TODO_KINDS.indexOf(a.kind) - TODO_KINDS.indexOf(b.kind))
}

export interface TodoGroup {
  kind: TodoKind
  items: TodoItem[]
  overdue: number
}

/** The items by kind, sorted within: groups with something overdue first, then in the kinds'
 *  order; a kind unknown to the page goes last as it is. */
export function groupTodo(items: readonly TodoItem[]): TodoGroup[] {
  const groups = new Map<string, TodoGroup>()
  for (const item of sortTodo(items)) {
    const g = groups.get(item.kind) ?? { kind: item.kind, items: [], overdue: 0 }
    g.items.push(item)
    if (item.overdue) g.overdue++
    groups.set(item.kind, g)
  }
  const rank = (k: string) => { const i = (TODO_KINDS as readonly string[]).indexOf(k); return i < 0 ? TODO_KINDS.length : i }
  return [...groups.values()].sort((a, b) => Number(b.overdue > 0) - Number(a.overdue > 0) || rank(a.kind) - rank(b.kind))
}

/** Where an item opens: the incident, the family's plan tab (plans, reviews, measures,
 *  countersigning), or the family page; null when it names neither (or the caller reads no
 *  family pages: a grid sister opens her contacts list, `contacts`). */
export function todoTarget(item: TodoItem, opts: { readsFamilies: boolean; contacts?: string | null }): string | null {
  if (item.kind === 'push') return item.incident ? `/incidents/${item.incident.id}` : null
  if (!item.family) return null
  if (!opts.readsFamilies) return opts.contacts ?? null
  const page = `/key-families/${item.family.id}`
  return ['plan', 'review', 'measure', 'countersign'].includes(item.kind) ? `${page}?tab=plan` : page
}
