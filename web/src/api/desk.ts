// The desk (工作台): what to do next (docs/api.md, GET /desk).
import { api } from './client'
import type { CaseItem, MissedLimit } from './cases'

export interface DeskCounts {
  new_requests: number
  urgent: number
  my_cases: number
  /** past a limit or under a supervision mark */
  attention: number
  supervised: number
  consultations: number
  /** of those, past their answer limit */
  consultations_overdue: number
  /** of those, routed to me (a night question about violence) */
  consultations_mine: number
}

/** One of my open cases with the next time limit that still counts. */
export interface DeskCase extends CaseItem {
  next_due: { limit: MissedLimit; at: string; missed: boolean } | null
}

export interface WaitingConsultation {
  id: number
  category: string
  region_name: string
  created_at: string
  answer_due_at: string | null
  overdue: boolean
  /** a question about violence asked at night */
  urgent: boolean
}

export interface Desk {
  at: string
  counts: DeskCounts
  /** registered in my area, urgent first, then the oldest */
  new_requests: CaseItem[]
  /** mine, by the next limit */
  my_cases: DeskCase[]
  /** marked for supervision first, then past a limit */
  attention: CaseItem[]
  /** unanswered online consultations, the nearest limit first */
  consultations: WaitingConsultation[]
}

export const deskApi = {
  get: () => api.get<Desk>('/desk'),
}
