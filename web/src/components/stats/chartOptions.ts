// Pure builders of the statistics page: ECharts options from the server's groups, and the way
// rates and days are shown. No Vue and no ECharts import here, so they are unit-tested alone.
import type { StatsGroup, StatsTotals } from '@/api/stats'

/** The parts of an ECharts option these charts use (kept loose: ECharts' own types are huge). */
export interface ChartOption {
  color: string[]
  tooltip: Record<string, unknown>
  legend: { data: string[]; top: number }
  grid: Record<string, unknown>
  xAxis: Record<string, unknown>
  yAxis: Record<string, unknown> | Record<string, unknown>[]
  series: Record<string, unknown>[]
}

/** Series names in the user's language. */
export interface SeriesNames {
  received: string
  resolved: string
  rate: string
}

// The federation's red first, then calm colours that print well in grey.
export const PALETTE = ['#c0392b', '#2e86c1', '#27ae60', '#f39c12', '#8e44ad']

/** 0.9301 → "93.0%"; null → "—". */
export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return '—'
  return `${(rate * 100).toFixed(1)}%`
}

/** 6.25 → "6.3"; null → "—". */
export function formatDays(days: number | null | undefined): string {
  if (days === null || days === undefined || Number.isNaN(days)) return '—'
  return days.toFixed(1)
}

/** A rate as a percentage number for a chart axis (1 decimal); null stays a gap. */
export function ratePercent(rate: number | null): number | null {
  return rate === null ? null : Math.round(rate * 1000) / 10
}

/** "2026-03" → "3月" (zh) or "Mar" (en); other keys unchanged. */
export function monthLabel(key: string, locale: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(key)
  if (!m) return key
  const month = Number(m[2])
  if (locale.startsWith('zh')) return `${month}月`
  return ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][month - 1] ?? key
}

/** Categories with cases, most received first (empty ones would only crowd the axis). */
export function nonEmptyByReceived(groups: StatsGroup[]): StatsGroup[] {
  return groups.filter((g) => g.received > 0).sort((a, b) => b.received - a.received || a.key.localeCompare(b.key))
}

/** Bars of received and resolved per category, labels from `labelOf(key, serverLabel)`. */
export function categoryBarOption(groups: StatsGroup[], names: SeriesNames,
  labelOf: (key: string, fallback: string) => string = (_k, f) => f): ChartOption {
  const shown = nonEmptyByReceived(groups)
  return {
    color: PALETTE,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { data: [names.received, names.resolved], top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: shown.map((g) => labelOf(g.key, g.label)), axisLabel: { interval: 0, rotate: shown.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: names.received, type: 'bar', data: shown.map((g) => g.received), barMaxWidth: 28 },
      { name: names.resolved, type: 'bar', data: shown.map((g) => g.resolved), barMaxWidth: 28 },
    ],
  }
}

/** Lines of received and resolved per month, with the resolution rate (%) on a second axis. */
export function monthLineOption(groups: StatsGroup[], names: SeriesNames, locale: string): ChartOption {
  return {
    color: PALETTE,
    tooltip: { trigger: 'axis' },
    legend: { data: [names.received, names.resolved, names.rate], top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', boundaryGap: false, data: groups.map((g) => monthLabel(g.key, locale)) },
    yAxis: [
      { type: 'value', minInterval: 1 },
      { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
    ],
    series: [
      { name: names.received, type: 'line', smooth: true, data: groups.map((g) => g.received) },
      { name: names.resolved, type: 'line', smooth: true, data: groups.map((g) => g.resolved) },
      { name: names.rate, type: 'line', yAxisIndex: 1, connectNulls: false, data: groups.map((g) => ratePercent(g.resolution_rate)) },
    ],
  }
}

/** The totals as the page's cards: [key, value shown]. */
export function totalsCards(t: StatsTotals): [string, string][] {
  return [
    ['received', String(t.received)],
    ['resolved', String(t.resolved)],
    ['rate', formatRate(t.resolution_rate)],
    ['days', `${formatDays(t.mean_days_to_resolve)} / ${formatDays(t.median_days_to_resolve)}`],
    ['village', formatRate(t.resolved_at_village_share)],
    ['town', formatRate(t.resolved_at_town_share)],
  ]
}

/** 1 January of the year of `today` (YYYY-MM-DD) and today: the default period. */
export function thisYear(today: string): [string, string] {
  return [`${today.slice(0, 4)}-01-01`, today]
}

/** Today's date in Beijing, YYYY-MM-DD. */
export function beijingToday(now: number = Date.now()): string {
  return new Date(now + 8 * 3600 * 1000).toISOString().slice(0, 10)
}
