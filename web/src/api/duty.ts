// The duty roster: who is on duty for a region, and when (docs/api.md, "Rooms, mediators, duty roster").
import { api, type Page, type Query } from './client'

const enc = encodeURIComponent

export interface DutyShift {
  id: number
  region_code: string
  region_name: string
  region_path: string
  user_id: number
  user_display_name: string
  starts_at: string
  ends_at: string
  note: string
  created_at: string
}

export interface DutyNow {
  region_code: string
  at: string
  on_duty: DutyShift | null
}

export interface DutyCandidate {
  id: number
  display_name: string
  role: string
  region_code: string
  region_name: string
}

export const dutyApi = {
  list: (q: Query) => api.get<Page<DutyShift>>('/duty-shifts', q),
  create: (body: { region_code: string; user_id: number; starts_at: string; ends_at: string; note?: string }) =>
    api.post<DutyShift>('/duty-shifts', body),
  remove: (id: number | string) => api.del<void>(`/duty-shifts/${enc(String(id))}`),
  current: (region?: string | null) => api.get<DutyNow>('/duty-shifts/current', { region }),
  candidates: (region?: string | null) => api.get<DutyCandidate[]>('/duty-shifts/candidates', { region }),
}
