// Volunteers (志愿者) and their service records, a grid sister's grids, the grids' coverage
// (一格一姐), replacement tasks, the settings, and the spreadsheet import and export (issue 12).
//
// HAND-WRITTEN for now: docs/openapi.json did not yet carry these routes when this was written
// (the kit routes of src/api/volunteers_api.cpp were added without regenerating it; coverage,
// settings, import and export are being built in parallel). Once the document has them, replace
// the interfaces below by `paths['/volunteers/{id}']['get']['responses']['200']…` of
// ./generated/openapi (as api/teams.ts does) and VOLUNTEER_LIMITS by API_FIELDS.volunteer.
import { ApiError, api, buildUrl, getCsrfToken, parseError, type Page, type Query } from './client'
import { recordPath, recordRoutes } from './records'
import { API_FIELDS } from './generated/fields'
import type { ApiArea } from '@/components/kit/record'

export const MEMBER_TYPES = ['cadre', 'executive_member', 'womens_representative', 'volunteer', 'peace_sister'] as const
export const GENDERS = ['female', 'male'] as const
export const SERVICE_SOURCES = ['hand', 'visit', 'care_visit', 'event'] as const
export type MemberType = (typeof MEMBER_TYPES)[number]
export type ServiceSource = (typeof SERVICE_SOURCES)[number]

/** The kit's common answer fields: the record's region and its meta. */
interface KitRecord {
  id: number
  region_code: string
  region_name: string
  region_path: string
  level: 'city' | 'town' | 'village'
  retired: boolean
  created_at: string
  updated_at: string
  version: number
}

/** GET /volunteers/{id} (masked): src/store/volunteers_table.hpp. */
export interface Volunteer extends KitRecord {
  name: string
  gender: 'female' | 'male'
  /** masked */
  phone: string | null
  /** masked */
  id_number: string | null
  member_type: MemberType
  team_id: number | null
  grid_sister: boolean
  user_id: number | null
  /** ISO time with offset (Beijing) */
  joined_at: string
  left_at: string | null
  skills: string | null
  external_no: string | null
}
export interface VolunteerSecrets { phone: string | null; id_number: string | null }

export interface ServiceRecord extends KitRecord {
  volunteer_id: number
  served_at: string
  minutes: number
  activity: string
  source: ServiceSource
  source_id: number | null
}
export interface NewService { volunteer_id: number; served_at: string; minutes: number; activity: string }

/** The lengths and choices the request bodies accept, until API_FIELDS carries them. */
const VOLUNTEER_LIMITS: ApiArea = {
  name: { maxLength: 30 }, gender: { enum: GENDERS }, phone: { maxLength: 20 }, id_number: { maxLength: 18 },
  member_type: { enum: MEMBER_TYPES }, region_code: { maxLength: 20 }, skills: { maxLength: 100 }, external_no: { maxLength: 40 },
}
export const SERVICE_ACTIVITY_MAX = 100
export const SERVICE_MINUTES_MAX = 24 * 60
/** The generated limits once the document has them, else the hand-written ones. */
export const volunteerLimits = (): ApiArea => (API_FIELDS as unknown as Record<string, ApiArea | undefined>).volunteer ?? VOLUNTEER_LIMITS

const volunteer = recordPath('/volunteers')
export const volunteerApi = {
  ...recordRoutes<Volunteer>('/volunteers'),
  retire: (id: number) => api.post<Volunteer>(volunteer(id, '/retire')),
  reveal: (id: number) => api.get<VolunteerSecrets>(volunteer(id, '/sensitive')),
  /** her grids (a grid sister's) */
  grids: (id: number) => api.get<VolunteerGrids>(volunteer(id, '/grids')),
  setGrids: (id: number, codes: string[]) => api.put<VolunteerGrids>(volunteer(id, '/grids'), { grid_codes: codes }),
  /** the spreadsheet template (a link: the browser downloads it with the session cookie) */
  templateUrl: () => buildUrl('/volunteers/import-template'),
  /** the list as a spreadsheet, with the list's filters */
  exportUrl: (q: Query) => buildUrl('/volunteers/export', q),
  /** The spreadsheet's bytes as the body: checked only (`dryRun`) or stored. `onProgress` gets
   *  0..1 while the file is sent; then the server reads it. */
  import: (file: Blob, dryRun: boolean, onProgress?: (fraction: number) => void) =>
    sendFile<ImportAnswer>(buildUrl('/volunteers/import', { dry_run: dryRun ? 1 : 0 }), file, XLSX_TYPE, onProgress),
}

export const serviceApi = {
  ...recordRoutes<ServiceRecord>('/volunteer-services'),
  create: (body: NewService) => api.post<ServiceRecord>('/volunteer-services', body),
}

// ---- coverage, tasks and settings (src/api/coverage_api.cpp, being built) ----

export interface GridRef { code: string; name: string; path: string }
export interface VolunteerGrids { volunteer_id: number; grids: GridRef[] }
export interface TaskRef { id: number; opened_at: string; due_at: string; overdue: boolean }
export interface UncoveredGrid extends GridRef { village: { code: string; name: string }; task: TaskRef | null }
export interface OverloadedSister { id: number; name: string; region_code: string; region_name: string; grids: number }
export interface Coverage {
  grids: number
  covered: number
  sisters: number
  open_tasks: number
  max_grids_per_sister: number
  uncovered: UncoveredGrid[]
  overloaded: OverloadedSister[]
}
/** One replacement task (a sister left: her grid needs another by `due_at`). The list's row may
 *  carry more than this; these are what the console shows. */
export interface CoverageTask {
  id: number
  grid_code: string
  grid_name?: string
  grid_path: string
  left_volunteer_id?: number | null
  left_volunteer_name?: string | null
  opened_at: string
  due_at: string
  closed_at: string | null
  closed_by_volunteer_id?: number | null
  overdue?: boolean
}
export interface VolunteerSettings { max_grids_per_sister: number; replacement_due_days: number }
/** What the server allows (src/domain/volunteer.hpp). */
export const SETTINGS_LIMITS = { max_grids_per_sister: 20, replacement_due_days: 90 } as const

export const coverageApi = {
  get: (region?: string | null) => api.get<Coverage>('/coverage', { region }),
  tasks: (q: Query) => api.get<Page<CoverageTask>>('/coverage-tasks', q),
  settings: () => api.get<VolunteerSettings>('/volunteer-settings'),
  saveSettings: (s: VolunteerSettings) => api.put<VolunteerSettings>('/volunteer-settings', s),
}

// ---- the spreadsheet import ----

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
export interface ImportProblem { row: number; column: string; field: string; message: string }
export interface ImportAnswer { dry_run: boolean; rows: number; created: number; errors: ImportProblem[] }

/** Sends a file as the raw body through XHR (fetch reports no upload progress); an answer >= 400
 *  becomes the one ApiError like every other call. */
function sendFile<T>(url: string, file: Blob, type: string, onProgress?: (fraction: number) => void) {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', url)
    xhr.setRequestHeader('Content-Type', type)
    xhr.setRequestHeader('Accept', 'application/json')
    const csrf = getCsrfToken()
    if (csrf) xhr.setRequestHeader('X-CSRF-Token', csrf)
    xhr.withCredentials = true
    xhr.upload.onprogress = (e) => { if (e.lengthComputable && e.total > 0) onProgress?.(e.loaded / e.total) }
    xhr.upload.onload = () => onProgress?.(1)
    xhr.onerror = () => reject(new ApiError(0, { code: 'network_error', message: 'network error' }))
    xhr.onload = async () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as T)
        } catch {
          reject(new ApiError(xhr.status, { code: 'bad_answer', message: 'not JSON' }))
        }
        return
      }
      reject(await parseError(new Response(xhr.responseText, { status: xhr.status, statusText: xhr.statusText })))
    }
    xhr.send(file)
  })
}

/** The rows' problems of an import answer, or of a refusal in the API's error shape whose
 *  details list them (`details.errors` or `details.rows`, a problem's column as `column` or
 *  `field`); null when the refusal lists none (a plain error, shown as such). */
export function importProblems(e: unknown): ImportProblem[] | null {
  const list = e instanceof ApiError ? (e.details?.errors ?? e.details?.rows) : (e as Partial<ImportAnswer> | null)?.errors
  if (!Array.isArray(list) || !list.length) return e instanceof ApiError ? null : []
  return list.map((p: Partial<ImportProblem> & { col?: string }) => ({
    row: Number(p.row ?? 0), column: String(p.column ?? p.col ?? ''), field: String(p.field ?? ''), message: String(p.message ?? ''),
  }))
}
