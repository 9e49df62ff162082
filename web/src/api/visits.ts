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

export type VisitKind = (typeof VISIT_KINDS)[number]
export type VisitMode = (typeof VISIT_MODES)[number]
export type VisitAction = (typeof VISIT_ACTIONS)[number]

/** The server's limits (src/domain/visit.hpp, volunteer.hpp). */
export const VISIT_LIMITS = { people_met: 100, findings: 2000, problem: 200, referral_to: 50, client_id: 64, minutes: 24 * 60 } as const

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
}

export interface DueVisit {
  household: { id: number; head_name: string; address: string; grid: { code: string; name: string } }
  situations: string[]
  last_visit_at: string | null
  due_at: string
  overdue: boolean
}

export const visitApi = {
  create: (body: VisitBody) => api.post<Visit>('/visits', body),
  due: (q?: Query) => api.get<Page<DueVisit>>('/visits/due', q),
  list: (q: Query) => api.get<Page<Visit>>('/visits', q),
}
