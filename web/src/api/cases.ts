// Help requests and mediation cases (docs/api.md, "Cases"; docs/design/cases.md). The field
// names are those of src/api/cases_api.cpp, src/api/case_work_api.cpp and store/case_repo.cpp.
import { api, buildUrl, type Page, type Query } from './client'
import { API_FIELDS } from './generated/fields'

const enc = (v: number | string) => encodeURIComponent(String(v))

// The codes, which statuses are final and what each action asks for come from the server's
// OpenAPI document (domain/case_flow.hpp, domain/case_fields.hpp), never from a copy here.
const CASES = API_FIELDS.cases

/** The statuses of domain/case_flow.cpp, in the order of the design table. */
export const CASE_STATUSES = CASES.status.values
export type CaseStatus = (typeof CASE_STATUSES)[number]

/** Nothing more can happen to a case in these statuses. */
export const FINAL_STATUSES: readonly string[] = CASES.status['x-final']

export const CASE_ACTIONS = CASES.action.enum
export type CaseAction = (typeof CASE_ACTIONS)[number]
/** What each action carries (domain::NeedsOf). */
export const ACTION_NEEDS = CASES.action['x-needs']

/** The channels staff record an intake under (the portal and the police push have their own doors). */
export const STAFF_CHANNELS = CASES.channel.enum
/** Every channel a case may carry. */
export const ALL_CHANNELS = CASES.channel.values

export const SEVERITIES = CASES.severity.values
export const RISK_LEVELS = CASES.risk_level.values
export const CASE_LEVELS = CASES.level.values
export const ADVISED_ROUTES = CASES.advised_routes.enum
export const PARTY_ROLES = CASES.role.values
export const CONTACT_CHANNELS = CASES.contact_channel.enum

export type CaseLevel = (typeof CASE_LEVELS)[number]
export type Supervision = 'yellow' | 'red'
export type MissedLimit = 'first_contact' | 'decision' | 'mediation'

/** A row of GET /cases. */
export interface CaseItem {
  id: number
  case_no: string
  channel: string
  category: string
  severity: string
  status: CaseStatus
  level: CaseLevel
  region_code: string
  region_name: string
  night_clinic: boolean
  /** the applicant said she is not safe now: first on every desk */
  urgent: boolean
  supervision: Supervision | null
  assignee: { id: number; display_name: string } | null
  mediator: { id: number; name: string } | null
  title: string
  /** masked, "王**" */
  applicant_name: string | null
  due_first_contact_at: string | null
  overdue: boolean
  created_at: string
  updated_at: string
  version: number
}

/** A party of a case; phone, ID number and address are masked. */
export interface CaseParty {
  id: number
  role: 'applicant' | 'respondent' | 'other'
  name: string
  gender: 'female' | 'male' | null
  phone: string | null
  id_number: string | null
  address: string | null
  relation: string
  person_id: number | null
  household_id: number | null
}

export interface PartySensitive {
  id: number
  phone: string | null
  id_number: string | null
  address: string | null
}

export interface Protection {
  police_reported_at: string | null
  police_ref: string
  warning_letter_no: string
  order_applied_at: string | null
  order_urgent: boolean
  /** applied + 72 h (24 h when urgent) */
  order_due_at: string | null
  order_court: string
  order_decided_at: string | null
  order_result: 'granted' | 'refused' | null
  order_valid_until: string | null
  updated_at: string
}

export interface CaseSession {
  id: number
  case_id: number
  room: { id: number; name: string } | null
  online: boolean
  starts_at: string
  ends_at: string
  mediator: { id: number; name: string } | null
  status: 'scheduled' | 'held' | 'cancelled'
  has_summary: boolean
  /** only in the PATCH answer */
  summary?: string | null
  version: number
}

export interface CaseTimers {
  due_first_contact_at: string | null
  first_contact_at: string | null
  due_decision_at: string | null
  decided_at: string | null
  mediation_started_at: string | null
  due_mediation_at: string | null
  extensions: number
  resolved_at: string | null
  closed_at: string | null
  missed: MissedLimit | null
}

/** GET /cases/{id}: the list item plus the texts, parties, protection, timers and sessions. */
export interface CaseDetail extends CaseItem {
  /** null where the case is only followed (sight 'follow') */
  facts: string | null
  wish: string | null
  safe_contact: string | null
  /** how the applicant wants to be reached (utils/contactWishes.ts): not secret, always there */
  contact_sms_only: boolean
  /** calls welcome from/until "HH:MM" Beijing time; both "" for any time */
  contact_call_from: string
  contact_call_to: string
  /** 'handle': inside my jurisdiction; 'follow': a case I took in or hold, handled by my unit
   *  but outside my area: its progress only, masked, no texts and no actions */
  sight?: 'handle' | 'follow'
  external_ref: string
  home_code: string | null
  region_path: string
  risk_level: string | null
  reason: string
  outcome: string
  satisfaction: number | null
  disclose_identity: boolean
  consultation_id: number | null
  parties: CaseParty[]
  protection: Protection | null
  allowed_actions: CaseAction[]
  timers: CaseTimers
  sessions: CaseSession[]
}

/** The answer of POST /cases: the detail plus what is shown once. */
export interface CreatedCase extends CaseDetail {
  tracking_code: string
  possible_duplicates: DuplicateCase[]
}

export interface DuplicateCase {
  id: number
  case_no: string
  status: CaseStatus
}

export interface CaseEvent {
  id: number
  at: string
  actor: { id: number | null; name: string } | null
  kind: string
  from_status: CaseStatus | null
  to_status: CaseStatus | null
  text: string | null
  shared: boolean
  data: Record<string, unknown> | null
  integrity_failed?: boolean
}

export interface PartyInput {
  role: 'applicant' | 'respondent' | 'other'
  name: string
  gender?: 'female' | 'male'
  phone?: string
  id_number?: string
  address?: string
  relation?: string
  person_id?: number
}

export interface IntakeBody {
  channel: string
  category: string
  severity?: string
  title?: string
  facts: string
  wish?: string
  safe_contact?: string
  disclose_identity?: boolean
  contact_sms_only?: boolean
  contact_call_from?: string
  contact_call_to?: string
  home_code: string
  external_ref?: string
  consultation_id?: number
  parties: PartyInput[]
  confirm_duplicate?: boolean
  /** she said she is not safe now: critical, alerted at once */
  urgent?: boolean
}

export interface CaseEdit {
  version: number
  title?: string
  category?: string
  severity?: string
  facts?: string
  wish?: string
  safe_contact?: string
  contact_sms_only?: boolean
  contact_call_from?: string
  contact_call_to?: string
}

export interface TransitionBody {
  action: CaseAction
  version: number
  reason?: string
  risk_level?: string
  mediator_id?: number
  outcome?: string
  satisfaction?: number
  consent_recorded?: boolean
  advised_routes?: string[]
  /** accept only: who handles the case (default: whoever accepts, when nobody holds it) */
  assignee_id?: number
}

export interface EventBody {
  kind: 'contact' | 'note' | 'message'
  text: string
  channel?: string
  party_id?: number
  shared?: boolean
}

export interface ProtectionBody {
  police_reported_at?: string | null
  police_ref?: string
  warning_letter_no?: string
  order_applied_at?: string | null
  order_urgent?: boolean
  order_court?: string
  order_decided_at?: string | null
  order_result?: 'granted' | 'refused' | null
  order_valid_until?: string | null
}

export interface SessionBody {
  room_id?: number
  online?: boolean
  starts_at: string
  ends_at: string
  mediator_id?: number
}

export interface CaseSettings {
  night_start: string
  night_end: string
  weekends_night: boolean
  first_contact_night_minutes: number
  first_contact_day_minutes: number
  decision_hours: number
  mediation_days: number
  extension_days: number
  town_categories: string[]
  city_categories: string[]
  town_severities: string[]
  city_severities: string[]
  follow_up_days: number
  /** minutes before an unopened night request is texted to its on-duty assignee (then the level above) */
  night_ack_minutes: number
  /** the portal's questions: answered within so many working days (1–10) */
  consultation_answer_days: number
  /** a question about violence asked during night-clinic hours: answered within so many minutes (10–1440) */
  consultation_night_minutes: number
  /** public holidays (法定节假日), "YYYY-MM-DD": days off like a weekend (no working day for a question's limit; night clinic all day) */
  holidays: string[]
  /** weekend days worked instead (调休上班), "YYYY-MM-DD", each a Saturday or Sunday: working days */
  workdays: string[]
  /** 0: the defaults, never saved */
  version: number
  updated_at: string | null
}

export const caseApi = {
  list: (q: Query) => api.get<Page<CaseItem>>('/cases', q),
  get: (id: number | string) => api.get<CaseDetail>(`/cases/${enc(id)}`),
  create: (body: IntakeBody) => api.post<CreatedCase>('/cases', body),
  update: (id: number | string, body: CaseEdit) => api.patch<CaseDetail>(`/cases/${enc(id)}`, body),
  transition: (id: number | string, body: TransitionBody) => api.post<CaseDetail>(`/cases/${enc(id)}/transitions`, body),
  setAssignee: (id: number | string, user_id: number, version: number) =>
    api.post<CaseDetail>(`/cases/${enc(id)}/assignee`, { user_id, version }),
  /** 认领: I handle this case nobody handles yet (409 already_assigned) */
  claim: (id: number | string) => api.post<CaseDetail>(`/cases/${enc(id)}/claim`, {}),
  /** A case by the tracking code she reads out and her phone's last four digits (audited). */
  findByCode: (tracking_code: string, phone_last4: string) =>
    api.post<{ id: number; case_no: string }>('/cases/find', { tracking_code, phone_last4 }),
  clearSupervision: (id: number | string, reason: string) =>
    api.post<CaseDetail>(`/cases/${enc(id)}/supervision/clear`, { reason }),
  events: (id: number | string, q: Query) => api.get<Page<CaseEvent>>(`/cases/${enc(id)}/events`, q),
  addEvent: (id: number | string, body: EventBody) => api.post<CaseEvent>(`/cases/${enc(id)}/events`, body),
  addParty: (id: number | string, body: PartyInput) => api.post<CaseParty>(`/cases/${enc(id)}/parties`, body),
  partySensitive: (id: number | string, pid: number | string) =>
    api.get<PartySensitive>(`/cases/${enc(id)}/parties/${enc(pid)}/sensitive`),
  putProtection: (id: number | string, body: ProtectionBody) => api.put<Protection>(`/cases/${enc(id)}/protection`, body),
  addSession: (id: number | string, body: SessionBody) => api.post<CaseSession>(`/cases/${enc(id)}/sessions`, body),
  updateSession: (id: number | string, sid: number | string, body: { status: 'held' | 'cancelled'; summary?: string; version: number }) =>
    api.patch<CaseSession>(`/cases/${enc(id)}/sessions/${enc(sid)}`, body),
  settings: () => api.get<CaseSettings>('/case-settings'),
  saveSettings: (body: Partial<CaseSettings> & { version: number }) => api.put<CaseSettings>('/case-settings', body),
  /** The XLSX of the list with the same filters (no paging). */
  exportUrl: (q: Query) => buildUrl('/cases/export', q),
  /** The live stream of assignments and escalations for me (text/event-stream). */
  streamUrl: () => buildUrl('/cases/stream'),
}
