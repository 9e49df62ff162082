// Trainings (培训: mediation lectures, skills, policy …) and who attended: the record kit's routes
// (GET/POST /trainings, GET/PATCH /trainings/{id}), the attendance (GET/PUT
// /trainings/{id}/attendance, replacing the whole set) and a volunteer's trainings.
// hand-written until the OpenAPI is regenerated: then `paths['/trainings/{id}']…` of
// ./generated/openapi replaces the interfaces and API_FIELDS.training the limits below.
import { api } from './client'
import { recordPath, recordRoutes } from './records'
import { API_FIELDS } from './generated/fields'
import type { ApiArea } from '@/components/kit/record'
import type { MemberType } from './volunteers'

export const TRAINING_KINDS = ['mediation_lecture', 'skills', 'policy', 'other'] as const
export type TrainingKind = (typeof TRAINING_KINDS)[number]

export interface Training {
  id: number
  title: string
  kind: TrainingKind
  /** ISO time with offset (Beijing) */
  held_at: string
  region_code: string
  region_name: string
  region_path: string
  level: 'city' | 'town' | 'village'
  speakers: string | null
  topics: string | null
  venue: string | null
  /** how many attended (read-only: the attendance sets it) */
  attendance: number
  retired?: boolean
  created_at: string
  updated_at: string
  version: number
}

export interface Attendee { volunteer_id: number; name: string; member_type: MemberType; level: 'city' | 'town' | 'village' }
export interface Attendance { items: Attendee[]; total: number }
/** PUT /trainings/{id}/attendance: at most this many volunteers. */
export const ATTENDANCE_MAX = 2000

export interface VolunteerTrainings { count: number; items: { id: number; title: string; kind: TrainingKind; held_at: string }[] }

const TRAINING_LIMITS: ApiArea = { title: { maxLength: 80 }, kind: { enum: TRAINING_KINDS }, speakers: { maxLength: 200 }, topics: { maxLength: 200 }, venue: { maxLength: 100 }, region_code: { maxLength: 20 } }
/** The generated limits once the document has them, else the hand-written ones. */
export const trainingLimits = (): ApiArea => (API_FIELDS as unknown as Record<string, ApiArea | undefined>).training ?? TRAINING_LIMITS

const training = recordPath('/trainings')
export const trainingApi = {
  ...recordRoutes<Training>('/trainings'),
  attendance: (id: number) => api.get<Attendance>(training(id, '/attendance')),
  setAttendance: (id: number, version: number, volunteerIds: number[]) => api.put<Training>(training(id, '/attendance'), { version, volunteer_ids: volunteerIds }),
  ofVolunteer: (volunteerId: number) => api.get<VolunteerTrainings>(`/volunteers/${encodeURIComponent(String(volunteerId))}/trainings`),
}
