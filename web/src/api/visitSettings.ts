// The five must-visits' situations, a setting of the city federation (GET/PUT /visit-settings,
// src/api/visits_api.cpp): the codes a must-visit may name and the due list reads, with their
// labels in both languages. The article's five by default.
import { api } from './client'
import type { Locale } from '@/i18n'

export interface Situation { code: string; label_zh: string; label_en: string }
export interface VisitSettings { situations: Situation[] }

export const SITUATION_LIMITS = { count: 12, code: 30, label: 60 } as const
export const SITUATION_CODE = /^[a-z0-9_]{1,30}$/

export const visitSettingsApi = {
  get: () => api.get<VisitSettings>('/visit-settings'),
  save: (s: VisitSettings) => api.put<VisitSettings>('/visit-settings', s),
}

/** A situation's label in the language shown. */
export function situationLabel(s: Situation, locale: Locale | string): string {
  return locale === 'en' ? s.label_en : s.label_zh
}

/** What is wrong with a list before it is sent (the server checks the same): null when fine. */
export function checkSituations(list: Situation[]): string | null {
  if (list.length < 1 || list.length > SITUATION_LIMITS.count) return 'visitSettings.rules.count'
  const seen = new Set<string>()
  for (const s of list) {
    if (!SITUATION_CODE.test(s.code)) return 'visitSettings.rules.code'
    if (seen.has(s.code)) return 'visitSettings.rules.twice'
    seen.add(s.code)
    for (const label of [s.label_zh, s.label_en])
      if (!label.trim() || [...label].length > SITUATION_LIMITS.label || /[\t\r\n]/.test(label)) return 'visitSettings.rules.label'
  }
  return null
}
