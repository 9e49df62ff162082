// Pure builders of the visit figures' pages (周末公益, 走访概况): the default period, a bar chart of
// counts, and the rows of a by-level or by-category table in a fixed order with zeros. No Vue and
// no ECharts import here, so they are unit-tested alone.
import { PALETTE, type ChartOption } from './chartOptions'

/** The 1st of the month of `today` (YYYY-MM-DD) and today: the default period. */
export function thisMonth(today: string): [string, string] {
  return [`${today.slice(0, 7)}-01`, today]
}

/** Every code of `order` with its count (0 when the server sent none), then any code the server
 *  sent that `order` does not know, as sent. */
export function countsInOrder<R extends { count: number }>(order: readonly string[], rows: readonly R[], keyOf: (r: R) => string): { code: string; count: number }[] {
  const by = new Map<string, number>()
  for (const r of rows) by.set(keyOf(r), (by.get(keyOf(r)) ?? 0) + r.count)
  const known = order.map((code) => ({ code, count: by.get(code) ?? 0 }))
  const other = [...by.entries()].filter(([code]) => !order.includes(code)).map(([code, count]) => ({ code, count }))
  return [...known, ...other]
}

/** One series of bars, a bar per label (long label lists turned). */
export function countBarOption(rows: readonly { label: string; count: number }[], name: string): ChartOption {
  return {
    color: PALETTE,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { data: [name], top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => r.label), axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ name, type: 'bar', data: rows.map((r) => r.count), barMaxWidth: 28 }],
  }
}

/** A share as shown: 3 of 12 → "25.0%"; nothing of nothing → "—". */
export function shareOf(part: number, whole: number): string {
  return whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : '—'
}
