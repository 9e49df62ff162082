// The five must-visits' situations as the federation set them (GET /visit-settings), read online
// and kept sealed on the phone, so the visit form offers them with no signal too. The article's
// five (with the app's own labels) until the phone has read the setting once.
import { reactive } from 'vue'
import { SITUATIONS } from '@/api/visits'
import { situationLabel, visitSettingsApi, type Situation } from '@/api/visitSettings'
import { cacheGet, cachePut } from './vault'

const KEY = 'visit-settings'

export const situations = reactive<{ list: Situation[] | null }>({ list: null })

/** The codes a must-visit may name now. */
export function situationCodes(): readonly string[] {
  return situations.list ? situations.list.map((s) => s.code) : SITUATIONS
}

/** A code's label: the setting's in the language shown, else the app's own (`fallback`). */
export function situationText(code: string, locale: string, fallback: (code: string) => string): string {
  const s = situations.list?.find((x) => x.code === code)
  return s ? situationLabel(s, locale) : fallback(code)
}

/** Reads the setting (online) or what the phone kept; leaves the defaults when neither answers. */
export async function loadSituations(): Promise<void> {
  try {
    const s = await visitSettingsApi.get()
    situations.list = s.situations
    await cachePut(KEY, s.situations).catch(() => undefined)
  } catch {
    const kept = await cacheGet<Situation[]>(KEY).catch(() => null)
    if (kept?.length) situations.list = kept
  }
}
