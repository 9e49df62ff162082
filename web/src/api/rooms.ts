// Mediation rooms and their calendars, and the dispute categories (docs/api.md, "Rooms, mediators,
// duty roster").
import { api } from './client'
import { recordPath, recordRoutes } from './records'

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

/** Dispute categories (纠纷类型), the codes of domain/categories.cpp in their order. */
export const DISPUTE_CATEGORIES = [
  'marriage', 'divorce_property', 'child_support', 'elder_support', 'inheritance', 'bride_price',
  'in_law', 'domestic_violence', 'minors', 'neighbours', 'other',
] as const

const room = recordPath('/rooms')
export const roomApi = {
  ...recordRoutes<Room>('/rooms'),
  retire: (id: number | string) => api.post<Room>(room(id, '/retire')),
  calendar: (id: number | string, from: string, to: string) => api.get<RoomCalendar>(room(id, '/calendar'), { from, to }),
}
