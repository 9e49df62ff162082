// Visits (走访, issue 12, point 2; src/api/visits_api.cpp): recording one (idempotent by the
// phone's client_id: 201 the new visit, 200 replayed the one already made), the five must-visits
// due in my area (a grid sister's: her grid), and the list of visits (the record kit's: filters,
// sort=-visited_at). Not yet in docs/openapi.json at this commit: written by hand.
import { api, type Page, type Query } from './client'

export const VISIT_KINDS = ['must_visit', 'key_family_contact', 'incident_follow_up', 'care', 'case_follow_up'] as const
export const VISIT_MODES = ['home', 'phone', 'video'] as const
export const VISIT_ACTIONS = ['none', 'settled', 'case_opened', 'assessment_requested', 'referral'] as const
/** The five must-visits' situations (the server's default setting). */
export const SITUATIONS = ['family_conflict', 'domestic_violence', 'hardship', 'illness_or_loss', 'left_behind_or_alone'] as const

/** Who went, by the level of her account (city, town or village). */
export const VISITOR_LEVELS = ['city', 'town', 'village'] as const

export type VisitKind = (typeof VISIT_KINDS)[number]
export type VisitMode = (typeof VISIT_MODES)[number]
export type VisitAction = (typeof VISIT_ACTIONS)[number]

/** The server's limits (src/domain/visit.hpp, volunteer.hpp). */
export const VISIT_LIMITS = { people_met: 100, findings: 2000, problem: 200, referral_to: 50, client_id: 64, minutes: 24 * 60 } as const

/** What a care visit gave a person met (issue 12, point 7). */
export const GIFTS = ['money', 'goods', 'counselling', 'policy_advice', 'errands', 'referral_civil_affairs', 'referral_disability_federation', 'referral_medical_insurance'] as const
export type Gift = (typeof GIFTS)[number]
/** The difficulty categories (people's tags) a care visit is counted by. */
export const CARE_CATEGORIES = ['two_cancers', 'disability', 'loss_of_self_care', 'single_parent', 'left_behind_woman', 'left_behind_child', 'low_income', 'elderly_alone', 'other'] as const
export type CareCategory = (typeof CARE_CATEGORIES)[number]
export type VisitorLevel = (typeof VISITOR_LEVELS)[number]

// hand-written until the OpenAPI is regenerated: people, campaign, team_id, whole_team
/** A person of the household met on a visit and what she was given. */
export interface PersonMet { person_id: number; given: Gift[] }
/** The limits of the care fields (the server's). */
export const CARE_LIMITS = { people: 50, campaign: 60 } as const

export interface VisitBody {
  household_id: number
  visited_at: string
  kind: VisitKind
  situations: string
  mode: VisitMode
  people_met?: string
  findings?: string
  problem_found: boolean
  problem?: string
  action: VisitAction
  referral_to?: string
  case_category?: string
  minutes?: number
  volunteer_ids?: number[]
  client_id: string
  /** the people met; at least one for a care visit */
  people?: PersonMet[]
  campaign?: string
  /** a team leader records one visit for her whole team: each active member is credited */
  team_id?: number
  whole_team?: boolean
}

export interface Visit {
  id: number
  household_id: number
  region_code: string
  region_name?: string
  visited_at: string
  kind: VisitKind
  situations: string
  mode: VisitMode
  people_met: string
  problem_found: boolean
  action: VisitAction
  referral_to: string
  referral_due_at: string | null
  case_id: number | null
  late: boolean
  version: number
  replayed?: boolean
  volunteers?: { id: number; name: string }[]
  /** the accounts who went, with their names (GET /visits/{id}; an older server leaves it out) */
  visitor_users?: { id: number; name: string }[]
  // hand-written until the OpenAPI is regenerated (optional: an older server leaves them out)
  people?: { person_id: number; name: string; tags: string[]; given: Gift[] }[]
  campaign?: string
  team_id?: number | null
  visitor_level?: VisitorLevel
  // the record kit's fields of a visit read (GET /visits, /visits/{id}); optional: the answer to
  // POST /visits is written by hand above and an older server leaves some out
  region_path?: string
  /** sealed: the masked excerpt (GET …/sensitive gives it in full, audited) */
  findings?: string | null
  problem?: string | null
  referral_answered_at?: string | null
  recorded_by?: number | null
  client_id?: string | null
  /** the police incident this visit followed up (not in docs/openapi.json yet) */
  incident_id?: number | null
  retired?: boolean
  created_at?: string
  updated_at?: string
}

/** GET /visits/{id}/sensitive (visit.reveal, audited): the sealed texts in full. */
export interface VisitSensitive { id: number; findings: string | null; problem: string | null }

export interface DueVisit {
  household: { id: number; head_name: string; address: string; grid: { code: string; name: string } }
  /** the full house address: only a grid sister's own grid (an audited read); null or absent
   *  for everyone else (hand-written until the OpenAPI is regenerated) */
  address?: string | null
  situations: string[]
  last_visit_at: string | null
  due_at: string
  overdue: boolean
}

// hand-written until the OpenAPI is regenerated: the batch upload, the care figures, the
// never-visited list, the leaders' summary and my service
/** POST /visits/batch: at most this many visits in one request. */
export const BATCH_MAX = 200
export interface BatchResult {
  client_id: string
  status: 'created' | 'replayed' | 'error'
  id?: number
  error?: { code: string; message: string; field?: string }
}
export interface BatchAnswer { results: BatchResult[]; created: number; replayed: number; failed: number }

/** A period and an area: from/to YYYY-MM-DD (inclusive), region a code in scope. */
export interface PeriodQuery { from?: string; to?: string; region?: string }

export interface CareStats {
  from: string
  to: string
  visits: number
  person_visits: number
  people: number
  late: number
  by_category: { code: CareCategory; count: number }[]
  by_level: { level: VisitorLevel; count: number }[]
  by_town: { code: string; name: string; count: number }[]
}
export interface UnvisitedPerson {
  person_id: number
  name: string
  tags: string[]
  household_id: number
  region_path: string
  grid: { code: string; name: string }
}
export interface VisitSummary {
  from: string
  to: string
  visits: number
  households: number
  must_visit_households: number
  problems_found: number
  settled_on_spot: number
  cases_opened: number
  referrals_open: number
  late: number
  care_person_visits: number
  by_town: { code: string; name: string; visits: number; households: number }[]
}
export interface MyService {
  /** her volunteer record; `team_id` (her team, when she leads one) is not in the contract yet:
   *  read when the server gives it, the visit form's "whole team" shown only then */
  volunteer: { id: number; name: string; team_id?: number | null } | null
  minutes_total: number
  minutes_this_month: number
  visits_total: number
  visits_this_month: number
  recent: { served_at: string; minutes: number; activity: string; source: string }[]
}

const period = (q: PeriodQuery): Query => ({ ...q })

/** A household visited in a period (GET /visits/households: the records of the cockpit's 走访户数),
 *  by its number and grid only. */
export interface VisitedHousehold {
  household_id: number
  grid_code: string
  grid_name: string
  visits: number
  last_visited_at: string
}

/** A person met on a care visit (GET /visits/care-people: the records of the cockpit's 关爱帮扶):
 *  her name masked by the server, her difficulty category and what she was given. */
export interface CarePersonVisit {
  visit_id: number
  visited_at: string
  person_id: number
  name: string
  category: string
  given: string[]
  grid_code: string
}

export const visitApi = {
  create: (body: VisitBody) => api.post<Visit>('/visits', body),
  get: (id: number | string) => api.get<Visit>(`/visits/${encodeURIComponent(String(id))}`),
  batch: (visits: VisitBody[]) => api.post<BatchAnswer>('/visits/batch', { visits }),
  due: (q?: Query) => api.get<Page<DueVisit>>('/visits/due', q),
  list: (q: Query) => api.get<Page<Visit>>('/visits', q),
  sensitive: (id: number) => api.get<VisitSensitive>(`/visits/${encodeURIComponent(String(id))}/sensitive`),
  /** closes an open referral (409 with the current visit on a stale version) */
  answerReferral: (id: number, version: number) => api.post<Visit>(`/visits/${encodeURIComponent(String(id))}/referral-answer`, { version }),
  careStats: (q: PeriodQuery) => api.get<CareStats>('/visits/care-stats', period(q)),
  careUnvisited: (q: PeriodQuery & { tag?: string; page?: number; page_size?: number }) => api.get<Page<UnvisitedPerson>>('/visits/care-unvisited', { ...q }),
  summary: (q: PeriodQuery) => api.get<VisitSummary>('/visits/summary', period(q)),
  households: (q: Query) => api.get<Page<VisitedHousehold>>('/visits/households', q),
  carePeople: (q: Query) => api.get<Page<CarePersonVisit>>('/visits/care-people', q),
}

export const meApi = {
  service: () => api.get<MyService>('/me/service'),
}
