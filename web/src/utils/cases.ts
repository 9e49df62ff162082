// The pure rules of the case screens: status colours, the list filters and their query, saved
// filters, the due times and countdowns, what each workflow action asks for, stale-edit
// comparison and Beijing-time inputs. No Vue, no network: tested in cases.test.ts.
import {
  ACTION_NEEDS, ADVISED_ROUTES, CASE_LEVELS, CASE_STATUSES, type CaseAction, type CaseDetail, type CaseStatus,
  type PartyInput, type TransitionBody, FINAL_STATUSES,
} from '@/api/cases'
import { idNumberFacts, idNumberProblem, normalizePhone } from './validators'
import { API_FIELDS } from '@/api/generated/fields'

// ---- status colours ----

/** One colour per status (el-tag `color`, dark effect): waiting amber, in progress blues,
 *  agreement teal, trouble red, done green, final greys. */
export const STATUS_COLORS: Record<CaseStatus, string> = {
  registered: '#e6a23c',
  accepted: '#409eff',
  screened: '#2f7fd8',
  assigned: '#6f5ef9',
  mediating: '#1677ff',
  agreed: '#13a8a8',
  performing: '#08979c',
  breached: '#f56c6c',
  fulfilled: '#67c23a',
  terminated: '#9254de',
  rejected: '#909399',
  withdrawn: '#a8abb2',
  referred: '#d48806',
  closed: '#4e5969',
}

export function statusColor(status: string): string {
  return STATUS_COLORS[status as CaseStatus] ?? '#909399'
}

export function isFinal(status: string): boolean {
  return (FINAL_STATUSES as readonly string[]).includes(status)
}

// ---- list filters ----

export type SupervisionFilter = '' | 'yellow' | 'red' | 'any'

export interface CaseFilters {
  statuses: string[]
  category: string
  level: string
  region: string
  overdue: boolean
  supervision: SupervisionFilter
  night_clinic: boolean
  assigned_to_me: boolean
  /** the applicant said she is not safe now */
  urgent: boolean
  /** past a limit or under a supervision mark (the desk's list) */
  attention: boolean
  q: string
}

export function emptyFilters(): CaseFilters {
  return {
    statuses: [], category: '', level: '', region: '', overdue: false, supervision: '',
    night_clinic: false, assigned_to_me: false, urgent: false, attention: false, q: '',
  }
}

/** The query of GET /cases (and of the export): only what is set, flags as "1". */
export function filtersToQuery(f: CaseFilters): Record<string, string> {
  const q: Record<string, string> = {}
  const statuses = f.statuses.filter((s) => (CASE_STATUSES as readonly string[]).includes(s))
  if (statuses.length) q.status = statuses.join(',')
  if (f.category) q.category = f.category
  if (f.level) q.level = f.level
  if (f.region) q.region = f.region
  if (f.overdue) q.overdue = '1'
  if (f.supervision) q.supervision = f.supervision
  if (f.night_clinic) q.night_clinic = '1'
  if (f.assigned_to_me) q.assigned_to_me = '1'
  if (f.urgent) q.urgent = '1'
  if (f.attention) q.attention = '1'
  const text = f.q.trim()
  if (text) q.q = text
  return q
}

function first(v: unknown): string {
  if (Array.isArray(v)) return first(v[0])
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : ''
}

/** The filters from a query (the address bar or a saved filter); unknown values are dropped. */
export function queryToFilters(query: Record<string, unknown>): CaseFilters {
  const f = emptyFilters()
  f.statuses = first(query.status).split(',').map((s) => s.trim())
    .filter((s, i, all) => (CASE_STATUSES as readonly string[]).includes(s) && all.indexOf(s) === i)
  f.category = /^[a-z_]{1,40}$/.test(first(query.category)) ? first(query.category) : ''
  f.level = (CASE_LEVELS as readonly string[]).includes(first(query.level)) ? first(query.level) : ''
  f.region = /^\d{6,15}$/.test(first(query.region)) ? first(query.region) : ''
  f.overdue = first(query.overdue) === '1'
  const sup = first(query.supervision)
  f.supervision = sup === 'yellow' || sup === 'red' || sup === 'any' ? sup : ''
  f.night_clinic = first(query.night_clinic) === '1'
  f.assigned_to_me = first(query.assigned_to_me) === '1'
  f.urgent = first(query.urgent) === '1'
  f.attention = first(query.attention) === '1'
  f.q = first(query.q).slice(0, 50)
  return f
}

/** How many filters are set (shown on the collapsed search form). */
export function activeFilterCount(f: CaseFilters): number {
  return Object.keys(filtersToQuery(f)).length
}

// ---- due times and countdowns ----

export type DueKind = 'first_contact' | 'decision' | 'mediation' | 'protection_order'

export interface DueTime {
  kind: DueKind
  due_at: string
  overdue: boolean
}

function ms(iso: string | null | undefined): number | null {
  if (!iso) return null
  const t = Date.parse(iso)
  return Number.isNaN(t) ? null : t
}

/** The limits still running on a case (met or finished ones are left out), soonest first. */
export function pendingDueTimes(c: Pick<CaseDetail, 'status' | 'timers' | 'protection'>, nowMs: number): DueTime[] {
  const out: DueTime[] = []
  const add = (kind: DueKind, due: string | null | undefined) => {
    const t = ms(due)
    if (t !== null) out.push({ kind, due_at: due as string, overdue: t <= nowMs })
  }
  const tm = c.timers
  if (!isFinal(c.status)) {
    if (!tm.first_contact_at) add('first_contact', tm.due_first_contact_at)
    if (!tm.decided_at && c.status === 'registered') add('decision', tm.due_decision_at)
    if (c.status === 'mediating' && !tm.resolved_at) add('mediation', tm.due_mediation_at)
  }
  const p = c.protection
  if (p && p.order_applied_at && !p.order_decided_at) add('protection_order', p.order_due_at)
  return out.sort((a, b) => (ms(a.due_at) ?? 0) - (ms(b.due_at) ?? 0))
}

export interface CountdownPart {
  n: number
  unit: 'd' | 'h' | 'm' | 's'
}

/** The two largest units of |dueMs − nowMs| ("2 d 3 h", "45 m 12 s"), and whether it passed. */
export function countdown(dueMs: number, nowMs: number): { overdue: boolean; parts: CountdownPart[] } {
  const diff = dueMs - nowMs
  let s = Math.floor(Math.abs(diff) / 1000)
  const d = Math.floor(s / 86400)
  s -= d * 86400
  const h = Math.floor(s / 3600)
  s -= h * 3600
  const m = Math.floor(s / 60)
  s -= m * 60
  const all: CountdownPart[] = [{ n: d, unit: 'd' }, { n: h, unit: 'h' }, { n: m, unit: 'm' }, { n: s, unit: 's' }]
  const start = all.findIndex((p) => p.n > 0)
  const parts = start < 0 ? [{ n: 0, unit: 's' as const }] : all.slice(start, start + 2)
  return { overdue: diff <= 0, parts }
}

// ---- Beijing-time inputs ----

const pad = (n: number) => String(n).padStart(2, '0')

/** `2026-11-28T21:30:00+08:00` (any offset) → `2026-11-28 21:30` in Beijing time; '' when empty. */
export function isoToBeijingInput(iso: string | null | undefined): string {
  const t = ms(iso)
  if (t === null) return ''
  const d = new Date(t + 8 * 3600 * 1000)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

/** `2026-11-28 21:30` read as Beijing time → ISO 8601 with +08:00; null when empty or malformed. */
export function beijingInputToIso(value: string | null | undefined): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec((value ?? '').trim())
  if (!m) return null
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}+08:00`
}

/** ISO with +08:00 `hours` after `iso` (the protection order's decision deadline). */
export function addHoursIso(iso: string, hours: number): string | null {
  const t = ms(iso)
  if (t === null) return null
  return toBeijingIso(t + hours * 3600 * 1000)
}

/** A Unix time in ms as ISO 8601 Beijing time, `2026-11-28T21:30:00+08:00`. */
export function toBeijingIso(t: number): string {
  const d = new Date(t + 8 * 3600 * 1000)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+08:00`
}

/** When a protection order applied for at `appliedIso` must be decided: 72 h, 24 h if urgent. */
export function protectionOrderDue(appliedIso: string | null, urgent: boolean): string | null {
  return appliedIso ? addHoursIso(appliedIso, urgent ? 24 : 72) : null
}

// ---- what each workflow action asks for ----

export interface ActionInput {
  reason: string
  risk_level: string
  mediator_id: number | null
  outcome: string
  satisfaction: number
  consent_recorded: boolean
  advised_routes: string[]
}

export function emptyActionInput(): ActionInput {
  return { reason: '', risk_level: '', mediator_id: null, outcome: '', satisfaction: 0, consent_recorded: false, advised_routes: [] }
}

export type ReasonNeed = 'required' | 'optional' | 'none'

export interface ActionNeeds {
  reason: ReasonNeed
  risk: boolean
  mediator: boolean
  routes: boolean
  consent: boolean
  outcome: boolean
  /** the action changes much or cannot be undone: the dialog says so */
  weighty: boolean
}

/** The inputs of each action: the server's own table (domain::NeedsOf, published as x-needs). */
export function actionNeeds(action: CaseAction): ActionNeeds {
  const n = ACTION_NEEDS[action]
  return {
    reason: n.reason, risk: n.risk_levels.length > 0, mediator: n.mediator, routes: n.advised_routes,
    consent: n.consent, outcome: n.outcome, weighty: n.weighty,
  }
}

/** `close` asks for satisfaction except after `terminated` (no agreement to be satisfied with). */
export function satisfactionRequired(action: CaseAction, fromStatus: string): boolean {
  return action === 'close' && fromStatus !== 'terminated'
}

/** The risk levels an action records (screen: not `high`, which calls for refer). */
export function riskChoices(action: CaseAction): string[] {
  return [...ACTION_NEEDS[action].risk_levels]
}

/** Field → i18n key of what is missing or wrong, checked before sending. */
export function actionProblems(action: CaseAction, input: ActionInput, fromStatus: string): Record<string, string> {
  const n = actionNeeds(action)
  const out: Record<string, string> = {}
  if (n.reason === 'required' && !input.reason.trim()) out.reason = 'cases.action.reasonRequired'
  if (input.reason.length > 500) out.reason = 'cases.action.tooLong'
  if (action === 'screen' && !riskChoices('screen').includes(input.risk_level)) out.risk_level = 'cases.action.riskRequired'
  if (n.mediator && !input.mediator_id) out.mediator_id = 'cases.action.mediatorRequired'
  if (n.routes && !input.advised_routes.some((r) => (ADVISED_ROUTES as readonly string[]).includes(r))) out.advised_routes = 'cases.action.routesRequired'
  if (n.consent && !input.consent_recorded) out.consent_recorded = 'cases.action.consentRequired'
  if (n.outcome && !input.outcome.trim()) out.outcome = 'cases.action.outcomeRequired'
  if (input.outcome.length > 500) out.outcome = 'cases.action.tooLong'
  if (satisfactionRequired(action, fromStatus) && !(input.satisfaction >= 1 && input.satisfaction <= 5)) out.satisfaction = 'cases.action.satisfactionRequired'
  return out
}

/** The body of POST /cases/{id}/transitions with only what the action uses. */
export function transitionBody(action: CaseAction, version: number, input: ActionInput): TransitionBody {
  const n = actionNeeds(action)
  const b: TransitionBody = { action, version }
  if (n.reason !== 'none' && input.reason.trim()) b.reason = input.reason.trim()
  if (n.risk && input.risk_level) b.risk_level = input.risk_level
  if (n.mediator && input.mediator_id) b.mediator_id = input.mediator_id
  if (n.routes) b.advised_routes = input.advised_routes.filter((r) => (ADVISED_ROUTES as readonly string[]).includes(r))
  if (n.consent) b.consent_recorded = input.consent_recorded
  if (n.outcome) {
    b.outcome = input.outcome.trim()
    if (input.satisfaction >= 1 && input.satisfaction <= 5) b.satisfaction = input.satisfaction
  }
  return b
}

// ---- stale edits ----

/** Fields of a case a user may care about when it changed under them. */
export const CASE_COMPARE_FIELDS = [
  'status', 'title', 'category', 'severity', 'facts', 'wish', 'safe_contact', 'level', 'region_code',
  'supervision', 'assignee', 'mediator', 'risk_level', 'reason', 'outcome', 'satisfaction', 'parties',
  'protection', 'sessions', 'timers',
] as const

/** The coded values of a case field, by field: the i18n prefix of their labels. */
export const CASE_VALUE_LABELS: Record<string, string> = {
  status: 'cases.status', category: 'cases.category', severity: 'cases.severity', level: 'cases.level',
  supervision: 'cases.supervision', risk_level: 'cases.risk', town_categories: 'cases.category',
  city_categories: 'cases.category', town_severities: 'cases.severity', city_severities: 'cases.severity',
}

export { changedFields, mergeOnReload } from './conflict'

// ---- regions ----

/** A region code's level by its length: city 6, town 9, village 12, grid 15 digits. */
export function levelOfCode(code: string | null | undefined): 'city' | 'town' | 'village' | 'grid' | null {
  switch (code?.length) {
    case 6: return 'city'
    case 9: return 'town'
    case 12: return 'village'
    case 15: return 'grid'
    default: return null
  }
}

// ---- parties of an intake ----

export interface PartyForm {
  role: 'applicant' | 'respondent' | 'other'
  name: string
  gender: '' | 'female' | 'male'
  phone: string
  id_number: string
  address: string
  relation: string
}

export function emptyParty(role: PartyForm['role']): PartyForm {
  return { role, name: '', gender: '', phone: '', id_number: '', address: '', relation: '' }
}

/** `prefix + field` → i18n key, the same keys as the server's `parties[i].phone`. */
export function partyProblems(p: PartyForm, prefix: string): Record<string, string> {
  const out: Record<string, string> = {}
  const name = p.name.trim()
  if (!name) out[prefix + 'name'] = 'cases.party.nameRequired'
  else if ([...name].length > API_FIELDS.cases.name.maxLength) out[prefix + 'name'] = 'cases.party.nameTooLong'
  if (p.phone.trim() && !normalizePhone(p.phone.trim())) out[prefix + 'phone'] = 'cases.party.phoneInvalid'
  if (p.id_number.trim()) {
    if (idNumberProblem(p.id_number)) out[prefix + 'id_number'] = 'cases.party.idInvalid'
    else if (p.gender && idNumberFacts(p.id_number)?.gender !== p.gender) out[prefix + 'id_number'] = 'cases.party.idGenderMismatch'
  }
  if ([...p.address.trim()].length > 200) out[prefix + 'address'] = 'cases.party.addressTooLong'
  if ([...p.relation.trim()].length > 20) out[prefix + 'relation'] = 'cases.party.relationTooLong'
  return out
}

/** The party as POST /cases and POST /cases/{id}/parties take it: empty values left out. */
export function partyBody(p: PartyForm): PartyInput {
  const b: PartyInput = { role: p.role, name: p.name.trim() }
  if (p.gender) b.gender = p.gender
  if (p.phone.trim()) b.phone = p.phone.trim()
  if (p.id_number.trim()) b.id_number = p.id_number.trim().toUpperCase()
  if (p.address.trim()) b.address = p.address.trim()
  if (p.relation.trim()) b.relation = p.relation.trim()
  return b
}
