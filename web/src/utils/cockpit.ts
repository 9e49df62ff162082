// The cockpit's rules (数据驾驶舱, views/CockpitView.vue, views/ScreenView.vue): how a figure is
// shown, its change on last year (同比), the units' rows and shares, which unit drills down,
// where a figure's records open in the console, the report's default month and the trend's
// bars. Pure functions (no Vue component, no ECharts), tested in cockpit.test.ts.
import type { RouteLocationRaw } from 'vue-router'
import { consoleRouteOf, figureLink, type Cockpit, type CockpitFigure, type CockpitMonth, type CockpitUnit, type FigureKind } from '@/api/cockpit'
import { PALETTE, monthLabel, type ChartOption } from '@/components/stats/chartOptions'
import { allowed } from '@/menu'
import { consoleRoutes } from '@/router/routes'
import { figureRouteQuery } from './figureFilters'

/** A tile's or a figure's name in the language shown. */
export const nameOf = (x: { label: string; label_en: string }, locale: string) => (locale.startsWith('en') && x.label_en ? x.label_en : x.label)

const counts = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 })

/** A figure's value as shown: 1,234 (counts), 93.0% (a ratio's fraction), 6.5 (a median's hours);
 *  "—" when there is none. */
export function formatFigure(kind: FigureKind, value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—'
  if (kind === 'ratio') return `${(value * 100).toFixed(1)}%`
  if (kind === 'median') return value.toFixed(1)
  return counts.format(value)
}

/** Counts, stocks and targets add up over the units (a unit's share of the total means something);
 *  ratios and medians do not. */
export const additive = (kind: FigureKind) => kind === 'flow' || kind === 'stock' || kind === 'target'

/** The change on last year: a ratio's in percentage points, any other figure's in percent of last
 *  year's; null when either is missing (or last year's is 0, for a percent). */
export function yearOnYear(kind: FigureKind, value: number | null, lastYear: number | null): { delta: number; points: boolean } | null {
  if (value === null || lastYear === null || value === undefined || lastYear === undefined) return null
  if (kind === 'ratio') return { delta: Math.round((value - lastYear) * 1000) / 10, points: true }
  if (lastYear === 0) return null
  return { delta: Math.round(((value - lastYear) / lastYear) * 1000) / 10, points: false }
}

/** "+8.2" / "-3.0" / "0.0": a change's number with its sign. */
export const signed = (n: number) => `${n > 0 ? '+' : ''}${n.toFixed(1)}`

/** A part of a whole as shown: 3 of 12 → "25.0%"; "—" when the whole is nothing. */
export function shareOf(part: number | null, whole: number | null): string {
  if (part === null || whole === null || !(whole > 0)) return '—'
  return `${((part / whole) * 100).toFixed(1)}%`
}

/** A unit whose own units can be read: a town or the city (not the region's own row). */
export const drillable = (u: Pick<CockpitUnit, 'own' | 'level'>) => !u.own && (u.level === 'city' || u.level === 'town')

export interface UnitRow {
  unit: CockpitUnit
  value: number | null
  lastYear: number | null
  /** of the figure's total, for an additive figure; '' for the others */
  share: string
}

/** The units' rows of one figure: the region's own row first (as the server sends them). */
export function unitRows(fig: CockpitFigure, units: readonly CockpitUnit[]): UnitRow[] {
  return units.map((unit) => {
    const value = unit.values[fig.code] ?? null
    return { unit, value, lastYear: unit.last_year?.[fig.code] ?? null, share: additive(fig.kind) ? shareOf(value, fig.value) : '' }
  })
}

/** Where the console lists a figure's records (a unit's, a month's, or all of them for the
 *  cockpit's `region`): its list page with the figure's filters in the address; null when the
 *  figure has no list for this caller, or the page is not one the caller may open. */
export function figureRoute(fig: CockpitFigure, permissions: readonly string[], opts: { unit?: CockpitUnit | null; month?: CockpitMonth | null; region?: string | null } = {}): RouteLocationRaw | null {
  const link = figureLink(fig, opts.unit, opts.month, opts.region)
  if (!link) return null
  const name = consoleRouteOf(link.path)
  const page = name ? consoleRoutes.find((r) => r.name === name) : undefined
  if (!name || !page || !allowed(page.meta?.anyOf ?? [], permissions)) return null
  return { name, query: figureRouteQuery(link.query) }
}

/** The report's default month: the last whole month before `today` (YYYY-MM-DD) → YYYY-MM. */
export function lastFullMonth(today: string): string {
  const y = Number(today.slice(0, 4))
  const m = Number(today.slice(5, 7))
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
}

/** A value for a chart's axis: a ratio in percent (1 decimal), a median in hours (1 decimal). */
export function chartValue(kind: FigureKind, v: number | null | undefined): number | null {
  if (v === null || v === undefined) return null
  if (kind === 'ratio') return Math.round(v * 1000) / 10
  if (kind === 'median') return Math.round(v * 10) / 10
  return v
}

/** Bars of this year's and last year's value of one figure, month by month. */
export function trendOption(fig: CockpitFigure, months: readonly CockpitMonth[], names: { thisYear: string; lastYear: string }, locale: string): ChartOption {
  const axis = fig.kind === 'ratio' ? { type: 'value', axisLabel: { formatter: '{value}%' } } : { type: 'value', minInterval: fig.kind === 'median' ? 0 : 1 }
  return {
    color: [PALETTE[0], '#aab7c4'],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { data: [names.thisYear, names.lastYear], top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: months.map((m) => monthLabel(m.month, locale)) },
    yAxis: axis,
    series: [
      { name: names.thisYear, type: 'bar', data: months.map((m) => chartValue(fig.kind, m.values[fig.code])), barMaxWidth: 22 },
      { name: names.lastYear, type: 'bar', data: months.map((m) => chartValue(fig.kind, m.last_year[fig.code])), barMaxWidth: 22 },
    ],
  }
}

/** One figure of an answer by code, or null. */
export const figureOf = (a: Cockpit | null | undefined, code: string) => a?.figures.find((f) => f.code === code) ?? null

/** A drill-down's path: the regions from the caller's area down to the one shown. */
export interface Crumb {
  code: string
  name: string
}

/** The path after drilling from `trail` into `unit` (a unit already on it cuts the path there). */
export function drillInto(trail: readonly Crumb[], unit: Crumb): Crumb[] {
  const at = trail.findIndex((c) => c.code === unit.code)
  return at >= 0 ? trail.slice(0, at + 1) : [...trail, { code: unit.code, name: unit.name }]
}

// ---- the big screen (数据大屏) ----

/** A chart's option with the big screen's look: light text and faint lines on the dark page. */
export type ScreenOption = ChartOption & { backgroundColor: string; textStyle: Record<string, unknown> }
const LIGHT = '#c9d6ea'
export function onDark(o: ChartOption, fontSize = 16): ScreenOption {
  const axis = (a: Record<string, unknown>) => ({
    ...a,
    axisLabel: { ...(a.axisLabel as object | undefined), color: LIGHT, fontSize },
    axisLine: { lineStyle: { color: '#3a4a66' } },
    splitLine: { lineStyle: { color: '#1f2b40' } },
  })
  return {
    ...o,
    backgroundColor: 'transparent',
    textStyle: { color: LIGHT, fontSize },
    legend: { ...o.legend, textStyle: { color: LIGHT, fontSize } } as ChartOption['legend'],
    xAxis: axis(o.xAxis),
    yAxis: Array.isArray(o.yAxis) ? o.yAxis.map(axis) : axis(o.yAxis),
  }
}

/** Bars of one figure by unit (the towns below the city), most first at the top; the region's own
 *  row (本级) is not a unit below it and is left out. */
export function unitBarOption(fig: CockpitFigure, units: readonly CockpitUnit[], name: string): ChartOption {
  const rows = units
    .filter((u) => !u.own)
    .map((u) => ({ name: u.name, value: chartValue(fig.kind, u.values[fig.code]) ?? 0 }))
    .sort((a, b) => b.value - a.value)
    .reverse()
  return {
    color: ['#ff7a45'],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { data: [name], top: 0 },
    grid: { left: 8, right: 48, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((r) => r.name) },
    series: [{ name, type: 'bar', data: rows.map((r) => r.value), barMaxWidth: 18, label: { show: true, position: 'right', color: LIGHT } }],
  }
}

/** Beijing's time now: "2026-12-05 08:30:15". */
export function clockText(now: number): string {
  return new Date(now + 8 * 3600 * 1000).toISOString().slice(0, 19).replace('T', ' ')
}

/** How long to wait before asking again for figures the server answered stale (it refreshes them
 *  in the background: a city's year takes a second or two), by how many times it was asked again
 *  already; null: stop asking (the tag stays, the 刷新 button remains). */
export function staleRetryDelay(tries: number): number | null {
  return [3000, 6000, 12000][tries] ?? null
}

