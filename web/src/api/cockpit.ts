// 数据驾驶舱 (the leaders' cockpit): GET /cockpit answers the figures of a period and a region —
// each figure's total, last year's, the units below the region and the months — and, where the
// caller may open them, where its records are listed (`list`). GET /cockpit/report is the month's
// report (月报) as a PDF or a spreadsheet. Written by hand until the OpenAPI is regenerated.
import { API_BASE, buildUrl, api, parseError, type Query } from './client'

export type FigureKind = 'flow' | 'stock' | 'ratio' | 'median' | 'target'
export type CockpitLevel = 'city' | 'town' | 'village' | 'grid'

/** Whole days, both inclusive (YYYY-MM-DD). */
export interface DayPeriod {
  from: string
  to: string
}

export interface CockpitTile {
  code: string
  label: string
  label_en: string
}

/** Where a figure's records are listed: GET `path` with `query` answers a page whose `count_of`
 *  (its `total`) is the figure. Null when the caller may not open them (a leader never may). */
export interface FigureList {
  path: string
  permission: string
  query: Record<string, string | number | boolean>
  count_of: string
}

export interface CockpitFigure {
  code: string
  tile: string
  label: string
  label_en: string
  unit: string
  kind: FigureKind
  /** stocks: taken at the period's end, or now (no history kept) */
  stock_at: 'period_end' | 'now' | null
  /** ratios: a fraction 0..1; medians: hours; null when there is none (a ratio over zero) */
  value: number | null
  last_year: number | null
  /** medians: how many durations */
  n: number | null
  /** ratios: [numerator's code, denominator's code] */
  of: [string, string] | null
  has_months: boolean
  list: FigureList | null
}

export interface CockpitUnit {
  code: string
  name: string
  level: CockpitLevel
  /** the region's own row: the records placed at the region itself, not below it */
  own: boolean
  values: Record<string, number | null>
  /** last year's values, when the server sends them */
  last_year?: Record<string, number | null>
}

export interface CockpitMonth {
  /** YYYY-MM */
  month: string
  from: string
  to: string
  values: Record<string, number | null>
  last_year: Record<string, number | null>
}

export interface Cockpit {
  period: DayPeriod
  /** the same days last year */
  compare: DayPeriod
  region: { code: string; name: string; level: CockpitLevel }
  as_of: string
  /** the figures are older than they should be (being recomputed) */
  stale: boolean
  tiles: CockpitTile[]
  figures: CockpitFigure[]
  units: CockpitUnit[]
  months: CockpitMonth[]
}

export interface CockpitQuery {
  from?: string
  to?: string
  region?: string
}

export type ReportFormat = 'pdf' | 'xlsx'

export const cockpitApi = {
  get: (q: CockpitQuery = {}) => api.get<Cockpit>('/cockpit', q as Query),
  reportUrl: (month: string, format: ReportFormat, region?: string) => buildUrl('/cockpit/report', { month, region, format }),
}

/** Fetches a file and hands it to the browser as a download named by the server (else
 *  `fallback`); an error answer is thrown as an ApiError, so the page can say why. */
export async function downloadFile(url: string, fallback: string): Promise<void> {
  const res = await fetch(url, { credentials: 'same-origin' })
  if (!res.ok) throw await parseError(res)
  const blob = await res.blob()
  const a = document.createElement('a')
  a.href = URL.createObjectURL(blob)
  a.download = fileNameOf(res.headers.get('Content-Disposition')) || fallback
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000)
}

/** The file name of a Content-Disposition header (RFC 6266: filename* first), '' when none. */
export function fileNameOf(header: string | null): string {
  if (!header) return ''
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header)
  if (star) {
    try {
      return decodeURIComponent(star[1].trim())
    } catch {
      // a malformed escape: the plain name below
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header)
  return plain ? plain[1].trim() : ''
}

// ---- where a figure's records are ----

/** The records' request of a figure: its list's path and query, narrowed to a unit (`region`,
 *  and `own=1` for the region's own row) or a month (its days instead of the period's). Without a
 *  unit, `region` (the cockpit's region) is added when the list's query names none. Null when the
 *  caller may not open the records. */
export function figureLink(fig: Pick<CockpitFigure, 'list'>, unit?: Pick<CockpitUnit, 'code' | 'own'> | null,
  month?: Pick<CockpitMonth, 'from' | 'to'> | null, region?: string | null): { path: string; query: Record<string, string> } | null {
  if (!fig.list) return null
  const query: Record<string, string> = {}
  for (const [k, v] of Object.entries(fig.list.query ?? {})) {
    if (v === null || v === undefined || v === '' || v === false) continue
    query[k] = v === true ? '1' : String(v)
  }
  if (unit) {
    query.region = unit.code
    if (unit.own) query.own = '1'
    else delete query.own
  } else if (region && !query.region) {
    query.region = region
  }
  if (month) {
    query.from = month.from
    query.to = month.to
  }
  return { path: fig.list.path, query }
}

/** The console's list page of each API list a figure names (router/routes.ts). */
const CONSOLE_ROUTES: Record<string, string> = {
  '/cases': 'cases',
  '/volunteers': 'volunteers',
  '/rooms': 'rooms',
  '/key-families': 'key-families',
  '/visits': 'visits',
  '/visits/households': 'visit-households',
  '/visits/care-people': 'visit-care-people',
  '/trainings': 'trainings',
  '/legal-events': 'legal-events',
  '/legal-contents': 'legal-contents',
  '/legal-campaigns': 'legal-campaigns',
  '/consultations': 'consultations',
  '/hotline-calls': 'hotline',
  '/incidents': 'incidents',
  '/incidents/pushes': 'incident-pushes',
  '/coverage': 'coverage',
  '/regions': 'regions',
}

/** The console route (its name) listing what GET `apiPath` lists ("/api/v1/cases" → "cases");
 *  null for a path the console has no page of. */
export function consoleRouteOf(apiPath: string): string | null {
  let p = apiPath.split('?')[0].replace(/\/+$/, '')
  if (p.startsWith(API_BASE + '/')) p = p.slice(API_BASE.length)
  return CONSOLE_ROUTES[p] ?? null
}

/** Every API path the console lists (for the tests). */
export const CONSOLE_LIST_PATHS = Object.keys(CONSOLE_ROUTES).map((p) => API_BASE + p)
