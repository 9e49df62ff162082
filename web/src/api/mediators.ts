// Mediators: who mediates, their specialities and case load (docs/api.md, "Rooms, mediators, duty roster").
import { api, type Page, type Query } from './client'

const enc = encodeURIComponent

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

export const mediatorApi = {
  list: (q: Query) => api.get<Page<Mediator>>('/mediators', q),
  get: (id: number | string) => api.get<Mediator>(`/mediators/${enc(String(id))}`),
  create: (body: Record<string, unknown>) => api.post<Mediator>('/mediators', body),
  update: (id: number | string, body: Record<string, unknown>) => api.patch<Mediator>(`/mediators/${enc(String(id))}`, body),
}
