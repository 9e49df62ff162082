// Online consultations (在线咨询, docs/api.md "Public portal and consultations", staff side): the
// questions citizens ask on the portal, listed with their answer limits (masked excerpts), one read
// in full (audited), answered, or turned into a help request. The shapes are the published ones
// (src/api/generated, from docs/openapi.json), every field present, with the codes narrowed.
import { api, type Page, type Query } from './client'
import { API_FIELDS } from './generated/fields'
import type { paths } from './generated/openapi'
import type { PartyInput } from './cases'

const FIELDS = API_FIELDS.consultations
export const CONSULTATION_STATUSES = FIELDS.status.values
export const CONSULTATION_CATEGORIES = FIELDS.category.values
export const SUPERVISION_MARKS = FIELDS.supervision.values
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number]
export type SupervisionMark = (typeof SUPERVISION_MARKS)[number]
/** POST /consultations/{id}/answer: 1 to this many characters. */
export const ANSWER_MAX = 2000

type Json<P extends keyof paths, M extends 'get' | 'post', C extends 200 | 201 = 200> =
  paths[P][M] extends { responses: { [k in C]: { content: { 'application/json': infer J } } } } ? J : never
type Narrowed<T> = Omit<Required<T>, 'status' | 'supervision'> & { status: ConsultationStatus; supervision: SupervisionMark | null }

/** A row of GET /consultations: a masked excerpt instead of the question, the contact masked. */
export type ConsultationItem = Narrowed<NonNullable<Json<'/consultations', 'get'>['items']>[number]>
/** GET /consultations/{id} (audited): the question and the answer in full; the contact in full
 *  for a caller with case.reveal. */
export type Consultation = Narrowed<Json<'/consultations/{id}', 'get'>>
export type Converted = Required<Json<'/consultations/{id}/convert', 'post', 201>>

export interface ConvertBody {
  category: string
  severity?: string
  /** an active town or village in my area: the applicant's home */
  home_code: string
  parties: PartyInput[]
  title?: string
  version?: number
}

const path = (id: number | string, tail = '') => `/consultations/${encodeURIComponent(String(id))}${tail}`

export const consultationApi = {
  list: (q: Query) => api.get<Page<ConsultationItem>>('/consultations', q),
  get: (id: number | string) => api.get<Consultation>(path(id)),
  answer: (id: number | string, answer: string, version: number) => api.post<Consultation>(path(id, '/answer'), { answer, version }),
  convert: (id: number | string, body: ConvertBody) => api.post<Converted>(path(id, '/convert'), body),
}
