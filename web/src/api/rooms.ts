// Mediation rooms, mediators and the duty roster (docs/api.md, "Rooms, mediators, duty roster").
import { api, type Page, type Query } from './client'

const enc = encodeURIComponent

export type RoomLevel = 'city' | 'town' | 'village'

export interface Room {
  id: number
  name: string
  region_code: string
  region_name: string
  region_path: string
  level: RoomLevel
  address: string
  hours: string
  phone: string
  demonstration: boolean
  retired: boolean
  created_at: string
  updated_at: string
  version: number
}

/** One booking of a room; `case_id` is null for a case outside my area (shown as busy). */
export interface RoomSession {
  id: number
  case_id: number | null
  starts_at: string
  ends_at: string
  online: boolean
  status: string
}

export interface RoomCalendar {
  room_id: number
  from: string
  to: string
  sessions: RoomSession[]
}

export const MEDIATOR_TYPES = [
  'social_worker', 'psychological_counsellor', 'police_officer', 'judge', 'prosecutor', 'lawyer', 'peace_sister',
] as const
export type MediatorType = (typeof MEDIATOR_TYPES)[number]

/** Dispute categories (纠纷类型), the codes of domain/categories.cpp in their order. */
export const DISPUTE_CATEGORIES = [
  'marriage', 'divorce_property', 'child_support', 'elder_support', 'inheritance', 'bride_price',
  'in_law', 'domestic_violence', 'minors', 'neighbours', 'other',
] as const

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

export const roomApi = {
  list: (q: Query) => api.get<Page<Room>>('/rooms', q),
  get: (id: number | string) => api.get<Room>(`/rooms/${enc(String(id))}`),
  create: (body: Record<string, unknown>) => api.post<Room>('/rooms', body),
  update: (id: number | string, body: Record<string, unknown>) => api.patch<Room>(`/rooms/${enc(String(id))}`, body),
  retire: (id: number | string) => api.post<Room>(`/rooms/${enc(String(id))}/retire`),
  calendar: (id: number | string, from: string, to: string) =>
    api.get<RoomCalendar>(`/rooms/${enc(String(id))}/calendar`, { from, to }),
}

export const mediatorApi = {
  list: (q: Query) => api.get<Page<Mediator>>('/mediators', q),
  get: (id: number | string) => api.get<Mediator>(`/mediators/${enc(String(id))}`),
  create: (body: Record<string, unknown>) => api.post<Mediator>('/mediators', body),
  update: (id: number | string, body: Record<string, unknown>) => api.patch<Mediator>(`/mediators/${enc(String(id))}`, body),
}

export const dutyApi = {
  list: (q: Query) => api.get<Page<DutyShift>>('/duty-shifts', q),
  create: (body: { region_code: string; user_id: number; starts_at: string; ends_at: string; note?: string }) =>
    api.post<DutyShift>('/duty-shifts', body),
  remove: (id: number | string) => api.del<void>(`/duty-shifts/${enc(String(id))}`),
  current: (region?: string | null) => api.get<DutyNow>('/duty-shifts/current', { region }),
  candidates: (region?: string | null) => api.get<DutyCandidate[]>('/duty-shifts/candidates', { region }),
}
