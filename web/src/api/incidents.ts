// Police incidents (警情, 一警情三推送; docs/api.md "Police incidents"): the record kit's routes
// (list, one, correct, retire, the address in full) and what incidents add — entering one by
// hand with its parties, its work (parties masked, the three pushes, repeat links, the case),
// the parties in full, a push's next step, placing it in a grid, making a case of it, my to-do
// of pushes, and the city's settings. The incident and the settings are the published shapes
// (src/api/generated, from docs/openapi.json); pushes, parties and my to-do, which the document
// gives only as objects, are written here. The lengths come from the published API
// (API_FIELDS.incident); incidents.test.ts holds the code lists here to what is published.
import { api, buildUrl, type Page, type Query } from './client'
import { recordPath, recordRoutes } from './records'
import { API_FIELDS } from './generated/fields'
import type { paths } from './generated/openapi'

type PublishedArea = Readonly<Record<string, { readonly maxLength?: number; readonly enum?: readonly string[]; readonly values?: readonly string[] } | undefined>>
/** The incident area of the published API, when docs/openapi.json has it. */
export const PUBLISHED_INCIDENT = (API_FIELDS as unknown as Record<string, PublishedArea | undefined>).incident
const len = (field: string, fallback: number) => PUBLISHED_INCIDENT?.[field]?.maxLength ?? fallback

export const INCIDENT_KINDS = ['family_dispute', 'domestic_violence', 'dating_violence', 'support_maintenance', 'other'] as const
export const INCIDENT_SOURCES = ['interface', 'manual', 'import'] as const
export const PUSH_STAGES = ['pushed', 'acknowledged', 'contacted', 'visited', 'fed_back'] as const
export const PUSH_MARKS = ['none', 'yellow', 'red'] as const
export const PUSH_RECIPIENTS = ['town_federation', 'village_federation', 'mediation'] as const
export const PARTY_ROLES = ['victim', 'actor', 'minor'] as const
export const PARTY_GENDERS = ['female', 'male'] as const

export type IncidentKind = (typeof INCIDENT_KINDS)[number]
export type PushStage = (typeof PUSH_STAGES)[number]
export type PushMark = (typeof PUSH_MARKS)[number]
export type PushRecipient = (typeof PUSH_RECIPIENTS)[number]
export type PartyRole = (typeof PARTY_ROLES)[number]

/** The request fields' lengths and choices (the server's domain/incident.hpp, as published). */
export const INCIDENT_LIMITS = {
  incident_no: { maxLength: len('incident_no', 40) },
  station: { maxLength: len('station', 60) },
  officer: { maxLength: len('officer', 30) },
  address: { maxLength: len('address', 120) },
  disposition: { maxLength: len('disposition', 500) },
  warning_letter_no: { maxLength: len('warning_letter_no', 40) },
  kind: { enum: INCIDENT_KINDS },
  region_code: { maxLength: len('region_code', 20) },
  party_name: { maxLength: 30 },
  note: { maxLength: len('note', 500) },
  max_parties: 10,
} as const

/** An incident as the kit answers it (address masked): the published shape. */
export type Incident = paths['/incidents/{id}']['get']['responses']['200']['content']['application/json']

export interface Who {
  id: number
  name: string
}

/** One of the three pushes, with its steps and due times. */
export interface Push {
  id: number
  recipient: PushRecipient
  region_code: string
  region_name: string
  assignee: Who | null
  night: boolean
  stage: PushStage
  mark: PushMark
  next_due_at: string | null
  pushed_at: string
  ack_due_at: string
  contact_due_at: string
  visit_due_at: string
  feedback_due_at: string
  acknowledged_at: string | null
  acknowledged_by: Who | null
  contacted_at: string | null
  contacted_by: Who | null
  visited_at: string | null
  visited_by: Who | null
  fed_back_at: string | null
  fed_back_by: Who | null
  version: number
  /** GET …/work: the caller holds it or works at its unit (may record its steps) */
  mine?: boolean
}

export interface IncidentParty {
  id: number
  role: PartyRole
  name: string
  gender: string | null
  phone: string | null
}

export interface IncidentLink {
  id: number | null
  incident_no: string | null
}

export interface IncidentWork {
  parties: IncidentParty[]
  pushes: Push[]
  repeat_of: IncidentLink | null
  repeats: IncidentLink[]
  case: { id: number; case_no: string } | null
  household_id: number | null
  partner: string | null
}

/** A push of my to-do, with what the list shows of its incident. */
export interface MyPush extends Push {
  incident: { id: number; incident_no: string; kind: IncidentKind; reported_at: string; region_name: string; address: string | null; urgent: boolean }
}

/** A push of GET /incidents/pushes (the records of the cockpit's 推送时限 and 按时办结): its steps,
 *  whether all its limits have passed (`judged`) and it was done in time, and its incident —
 *  never a party or an address. */
export interface ListedPush extends Push {
  on_time: boolean
  judged: boolean
  incident: { id: number; incident_no: string; kind: IncidentKind; reported_at: string; region_code: string; region_name: string }
}

/** The city's time limits and recipients of pushes: the published shape. */
export type IncidentSettings = paths['/incident-settings']['get']['responses']['200']['content']['application/json']

export interface PartyInput {
  role: PartyRole
  name: string
  gender?: string
  phone?: string
}

const incident = recordPath('/incidents')
export const incidentApi = {
  ...recordRoutes<Incident>('/incidents'),
  retire: (id: number) => api.post<Incident>(incident(id, '/retire')),
  reveal: (id: number) => api.get<{ id: number; address: string | null }>(incident(id, '/sensitive')),
  work: (id: number) => api.get<IncidentWork>(incident(id, '/work')),
  revealParties: (id: number) => api.get<{ id: number; parties: { id: number; role: PartyRole; name: string; phone: string | null }[] }>(incident(id, '/parties/sensitive')),
  step: (id: number, pushId: number, body: { stage: Exclude<PushStage, 'pushed'>; note?: string; version: number }) =>
    api.post<Push>(incident(id, `/pushes/${encodeURIComponent(String(pushId))}/steps`), body),
  place: (id: number, body: { region_code: string; version: number }) => api.post<Incident>(incident(id, '/place'), body),
  makeCase: (id: number, version: number) => api.post<{ case_id: number; case_no: string }>(incident(id, '/case'), { version }),
  mine: () => api.get<{ items: MyPush[] }>('/incidents/pushes/mine'),
  /** the pushes of the incidents reported in a period, in my area (from, to, region, own, judged, on_time) */
  pushes: (q: Query) => api.get<Page<ListedPush>>('/incidents/pushes', q),
  /** the spreadsheet template (a link: the browser downloads it with the session cookie) */
  templateUrl: () => buildUrl('/incidents/import/template'),
  /** the filled-in template, base64; all rows or none (400 with details.rows by row and column) */
  import: (xlsx: string) => api.post<{ imported: number }>('/incidents/import', { xlsx }),
  settings: () => api.get<IncidentSettings>('/incident-settings'),
  saveSettings: (body: IncidentSettings) => api.put<IncidentSettings>('/incident-settings', body),
}
