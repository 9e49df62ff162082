// Key families (三色预警, docs/api.md "Key families", docs/design/key_families.md): the list and
// one family (the record kit's shape, staff only), listing a household with its first risk
// assessment, the live suggestion, reassessing, the assessments and the history of colours (both
// audited reads), asking for a step down and deciding it, the contacts, a grid sister's due list
// and the leaders' counts. The shapes are the published ones (src/api/generated, from
// docs/openapi.json); the family page's overview (members, incidents, cases) and the follow-up's
// supervision mark are newer than the document and written here, optional.
import { api } from './client'
import { recordPath } from './records'
import { API_FIELDS } from './generated/fields'
import type { Page, Query } from './client'
import type { paths } from './generated/openapi'

type PublishedArea = Readonly<Record<string, { readonly maxLength?: number; readonly enum?: readonly string[]; readonly values?: readonly string[] } | undefined>>
/** The key-family area of the published API, when docs/openapi.json has it. */
export const PUBLISHED_FAMILY = (API_FIELDS as unknown as Record<string, PublishedArea | undefined>).key_family
const len = (field: string, fallback: number) => PUBLISHED_FAMILY?.[field]?.maxLength ?? fallback

export const COLOURS = ['blue', 'yellow', 'red'] as const
export const ANSWERS = ['yes', 'no', 'unknown'] as const
export const CONTACT_KINDS = ['contact', 'visit', 'city_visit'] as const
export const STEP_DOWN_TARGETS = ['yellow', 'blue', 'delisted'] as const
export const LISTING_SOURCES = ['incident', 'case', 'visit', 'manual'] as const

export type Colour = (typeof COLOURS)[number]
export type Answer = (typeof ANSWERS)[number]
export type ContactKind = (typeof CONTACT_KINDS)[number]
export type StepDownTarget = (typeof STEP_DOWN_TARGETS)[number]
export type ListingSource = (typeof LISTING_SOURCES)[number]
export type SupervisionMark = 'none' | 'yellow' | 'red'

/** The request fields' lengths (the server's domain, as published). */
export const FAMILY_LIMITS = {
  reason: { maxLength: len('reason', 500) },
  notes: { maxLength: len('notes', 1000) },
  listing_reason: { maxLength: len('listing_reason', 500) },
  contact_note: { maxLength: len('note', 1000) },
  /** a colour other than the suggestion needs a reason of at least so many characters */
  reason_min: 10,
} as const

type Json<P extends keyof paths, M extends 'get' | 'post', C extends 200 | 201 = 200> = paths[P][M] extends { responses: { [k in C]: { content: { 'application/json': infer J } } } } ? J : never

/** A key family as the list and the page answer it, with the follow-up's mark when the server sends it. */
export type KeyFamily = Json<'/key-families/{id}', 'get'> & { supervision?: SupervisionMark | null }
export type Answers = Partial<Record<string, Answer>>
export type Suggestion = Json<'/key-families/suggest', 'post'>
export type Assessment = Json<'/key-families/{id}/assessments', 'get'>['items'][number]
export type ColourChange = Json<'/key-families/{id}/history', 'get'>['items'][number]
export type FamilyContact = Json<'/key-families/{id}/contacts', 'get'>['items'][number]
/** A row of a grid sister's due list: names and dates, nothing of the risk. */
export type DueFamily = NonNullable<Json<'/key-families/due', 'get'>['items']>[number]
export type FamilyCounts = Json<'/key-families/counts', 'get'>
export type Assessed = Json<'/key-families/{id}/assessments', 'post', 201>

/** The family page's overview (GET /key-families/{id}/overview): names only, phones masked. */
export interface FamilyOverview {
  members: { id: number; name: string; gender: string | null; relation: string | null; phone_masked: string | null; tags: string[] }[]
  incidents: { id: number; incident_no: string; kind: string; reported_at: string; mark: string; stage: string; repeat: boolean }[]
  cases: { id: number; number: string; status: string; category: string; created_at: string; risk_level: string | null }[]
}

export interface AssessmentBody {
  answers: Answers
  colour: Colour
  reason?: string
  notes?: string
}
export interface ListingBody extends AssessmentBody {
  household_id: number
  source: ListingSource
  source_id?: number | null
  listing_reason?: string
}
export interface ContactBody {
  kind: ContactKind
  at?: string
  finding?: boolean
  note?: string
}

const family = recordPath('/key-families')
export const familyApi = {
  list: (q: Query) => api.get<Page<KeyFamily>>('/key-families', q),
  get: (id: number) => api.get<KeyFamily>(family(id)),
  overview: (id: number) => api.get<FamilyOverview>(family(id, '/overview')),
  listHousehold: (body: ListingBody) => api.post<Assessed>('/key-families', body),
  suggest: (answers: Answers, familyId?: number) => api.post<Suggestion>('/key-families/suggest', familyId ? { answers, family_id: familyId } : { answers }),
  reassess: (id: number, body: AssessmentBody) => api.post<Assessed>(family(id, '/assessments'), body),
  assessments: (id: number) => api.get<{ items: Assessment[] }>(family(id, '/assessments')),
  history: (id: number) => api.get<{ items: ColourChange[] }>(family(id, '/history')),
  askStepDown: (id: number, body: { to: StepDownTarget; reason: string }) => api.post<KeyFamily>(family(id, '/colour-change'), body),
  approve: (id: number, note?: string) => api.post<KeyFamily>(family(id, '/colour-change/approve'), note ? { note } : {}),
  reject: (id: number, note?: string) => api.post<KeyFamily>(family(id, '/colour-change/reject'), note ? { note } : {}),
  contacts: (id: number) => api.get<{ items: FamilyContact[] }>(family(id, '/contacts')),
  addContact: (id: number, body: ContactBody) => api.post<DueFamily>(family(id, '/contacts'), body),
  due: (q: Query) => api.get<Page<DueFamily>>('/key-families/due', q),
  counts: (q: Query = {}) => api.get<FamilyCounts>('/key-families/counts', q),
}
