// Case statistics (docs/api.md, "Statistics, export, attachments, saved filters").
import { api, type Query } from './client'

export type StatsGroupBy = 'category' | 'region' | 'month' | 'level'

export interface StatsTotals {
  received: number
  accepted: number
  resolved: number
  resolution_rate: number | null
  median_days_to_resolve: number | null
  mean_days_to_resolve: number | null
  resolved_at_village_share: number | null
  resolved_at_town_share: number | null
  night_clinic: number
}

export interface StatsGroup {
  key: string
  label: string
  received: number
  accepted: number
  resolved: number
  resolution_rate: number | null
  median_days_to_resolve: number | null
}

export interface CaseStats {
  from: string
  to: string
  group: StatsGroupBy | null
  totals: StatsTotals
  groups: StatsGroup[]
}

export const statsApi = {
  cases: (q: { from?: string; to?: string; group?: StatsGroupBy; region?: string }) =>
    api.get<CaseStats>('/stats/cases', q as Query),
}
