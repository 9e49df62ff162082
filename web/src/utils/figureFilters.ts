// The filters a cockpit figure's records are listed with (数据驾驶舱 → 查看清单), carried in a
// console list page's address: the figure's query as the API takes it (from, to, region, own,
// counted, colour …) and `cockpit` naming those keys, so that the page tells them from its own
// (`/cases?from=2026-01-01&to=2026-12-05&counted=resolved&cockpit=from,to,counted`). A list page
// that honours them (useListQuery's `figures`) sends them with every request, keeps them when it
// writes its own filters to the address, and shows them as one removable tag
// (components/cockpit/FigureFilterTag.vue); removing it drops them all. Pure functions, tested
// in figureFilters.test.ts.
import type { LocationQuery, LocationQueryRaw } from 'vue-router'

/** The query key that names the figure's keys. */
export const FIGURE_MARK = 'cockpit'

/** A query key a figure may carry: a plain name. */
const KEY = /^[a-z][a-z0-9_]{0,39}$/

export type FigureFilters = Record<string, string>

const first = (v: unknown): string => {
  const s = Array.isArray(v) ? v[0] : v
  return typeof s === 'string' ? s : ''
}

/** The address's query of a list page opened for a figure's records (`apiQuery`: figureLink's). */
export function figureRouteQuery(apiQuery: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(apiQuery)) if (k !== FIGURE_MARK && KEY.test(k) && v !== '') out[k] = v
  const keys = Object.keys(out)
  return keys.length ? { ...out, [FIGURE_MARK]: keys.join(',') } : {}
}

/** The figure's filters the address carries (the keys `cockpit` names that have a value), or null. */
export function figureFiltersOf(query: LocationQuery): FigureFilters | null {
  const mark = first(query[FIGURE_MARK])
  if (!mark) return null
  const out: FigureFilters = {}
  for (const k of mark.split(',')) {
    if (k === FIGURE_MARK || !KEY.test(k)) continue
    const v = first(query[k])
    if (v) out[k] = v
  }
  return Object.keys(out).length ? out : null
}

/** The address's query without the figure's filters and their mark (what the page itself owns). */
export function withoutFigureFilters(query: LocationQuery): LocationQuery {
  const mark = first(query[FIGURE_MARK])
  if (!mark) return query
  const drop = new Set([FIGURE_MARK, ...mark.split(',')])
  return Object.fromEntries(Object.entries(query).filter(([k]) => !drop.has(k)))
}

/** The figure's filters with their mark, as the address has them (kept when a page writes its own
 *  filters to the address); {} when there are none. */
export function figurePartOf(query: LocationQuery): LocationQueryRaw {
  const f = figureFiltersOf(query)
  return f ? figureRouteQuery(f) : {}
}

/** The same filters, whatever the order of their keys (a change of the address that leaves them
 *  as they were must not reload the list). */
export function sameFigureFilters(a: FigureFilters | null, b: FigureFilters | null): boolean {
  if (!a || !b) return a === b
  const ka = Object.keys(a).sort()
  const kb = Object.keys(b).sort()
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k])
}

/** What the tag says, in parts: the period (from, to: either may be missing), the region and
 *  whether only its own records (own=1), and the other conditions in the order given. */
export interface FigureTagParts {
  from: string
  to: string
  region: string
  own: boolean
  conditions: [string, string][]
}

export function figureTagParts(f: FigureFilters): FigureTagParts {
  const conditions = Object.entries(f).filter(([k]) => !['from', 'to', 'region', 'own'].includes(k))
  return { from: f.from ?? '', to: f.to ?? '', region: f.region ?? '', own: f.own === '1' || f.own === 'true', conditions }
}

/** A condition's value as said: yes and no for flags, else the `named` label (undefined: as sent). */
export function conditionValue(value: string, named: (v: string) => string | undefined, yes: string, no: string): string {
  if (value === '1' || value === 'true') return yes
  if (value === '0' || value === 'false') return no
  return named(value) ?? value
}
