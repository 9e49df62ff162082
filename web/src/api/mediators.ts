// Mediators: who mediates, their specialities and case load (docs/api.md, "Rooms, mediators, duty roster").
import { recordRoutes } from './records'

export const MEDIATOR_TYPES = [
  'social_worker', 'psychological_counsellor', 'police_officer', 'judge', 'prosecutor', 'lawyer', 'peace_sister',
] as const
export type MediatorType = (typeof MEDIATOR_TYPES)[number]

export interface Mediator {
  id: number
  name: string
  type: MediatorType
  region_code: string
  region_name: string
  region_path: string
  user_id: number | null
  user_display_name: string | null
  person_id: number | null
  specialities: string[]
  /** masked */
  phone: string | null
  active: boolean
  case_load: number
  created_at: string
  updated_at: string
  version: number
}

export const mediatorApi = recordRoutes<Mediator>('/mediators')
