// The console's list of visits (走访记录, views/VisitsView.vue): the search form's filters, the
// links other pages open it with (/visits?incident_id=12, ?household_id=, ?case_id=) and what the
// list asks the server for; the situations' names; a referral's state; the sealed texts of one
// visit, read in full only when asked (GET /visits/{id}/sensitive, audited by the server).
import { reactive } from 'vue'
import type { LocationQuery } from 'vue-router'
import type { Query } from '@/api/client'
import type { Situation } from '@/api/visitSettings'
import type { Visit, VisitSensitive } from '@/api/visits'

/** The filters another page links the list with: one record's visits. */
export const LINK_FILTERS = ['household_id', 'incident_id', 'case_id'] as const
export type LinkFilter = (typeof LINK_FILTERS)[number]
export type LinkFilters = Partial<Record<LinkFilter, number>>

/** The search form's filters: '' (or null) is 全部. problem_found and late are 'true' / 'false'. */
export interface VisitFilters {
  kind: string
  mode: string
  problem_found: string
  action: string
  late: string
  visitor_level: string
  region: string | null
}

export const blankFilters = (): VisitFilters => ({ kind: '', mode: '', problem_found: '', action: '', late: '', visitor_level: '', region: null })

/** The list's order: the newest visit first. */
export const VISIT_SORT = '-visited_at'

const positiveId = (v: unknown): number | null => {
  const s = Array.isArray(v) ? v[0] : v
  if (typeof s !== 'string' || !/^\d{1,15}$/.test(s)) return null
  const n = Number(s)
  return n > 0 && Number.isSafeInteger(n) ? n : null
}

/** The link filters of the page's address (whole positive numbers only; anything else ignored). */
export function linkFiltersOf(query: LocationQuery): LinkFilters {
  const out: LinkFilters = {}
  for (const name of LINK_FILTERS) {
    const id = positiveId(query[name])
    if (id) out[name] = id
  }
  return out
}

/** What GET /visits is asked: the form's filters that are set, and the link filters. */
export function visitQuery(filters: VisitFilters, links: LinkFilters): Query {
  const q: Query = {}
  for (const [k, v] of Object.entries(filters)) if (typeof v === 'string' && v) q[k] = v
  for (const name of LINK_FILTERS) if (links[name]) q[name] = links[name]
  return q
}

/** ",hardship,domestic_violence," → ['hardship', 'domestic_violence'] */
export const situationCodes = (s: string | null | undefined): string[] => (s ?? '').split(',').filter(Boolean)

/** The situations' names: the federation's setting, else the messages' (`fallback`), else the code. */
export function situationNames(codes: string | null | undefined, settings: readonly Situation[], locale: string, fallback: (code: string) => string): string[] {
  return situationCodes(codes).map((code) => {
    const s = settings.find((x) => x.code === code)
    if (s) return locale === 'en' ? s.label_en : s.label_zh
    return fallback(code)
  })
}

/** A referral's state: open until the receiver answered; null when the visit made none. */
export function referralState(v: Pick<Visit, 'action'> & { referral_answered_at?: string | null }): 'open' | 'answered' | null {
  if (v.action !== 'referral') return null
  return v.referral_answered_at ? 'answered' : 'open'
}

/** Whether the open referral's due time has passed. */
export const referralOverdue = (v: Pick<Visit, 'action' | 'referral_due_at'> & { referral_answered_at?: string | null }, now = Date.now()) =>
  referralState(v) === 'open' && !!v.referral_due_at && Date.parse(v.referral_due_at) < now

/** The sealed texts of the visits opened: the mask until asked for, then in full. The server is
 *  asked only by `reveal` (a click), never when a visit is shown. */
export function useVisitSecrets(fetch: (id: number) => Promise<VisitSensitive>) {
  const full = reactive<Record<number, VisitSensitive>>({})
  const revealed = (v: { id: number }) => !!full[v.id]
  const shown = (v: Pick<Visit, 'id' | 'findings' | 'problem'>, field: 'findings' | 'problem') => (full[v.id] ? full[v.id][field] : v[field]) ?? ''
  /** there is something sealed to show (a mask) and it was not asked for yet */
  const hidden = (v: Pick<Visit, 'id' | 'findings' | 'problem'>) => !full[v.id] && !!(v.findings || v.problem)
  async function reveal(v: { id: number }) {
    full[v.id] = await fetch(v.id)
  }
  const forget = () => {
    for (const k of Object.keys(full)) delete full[Number(k)]
  }
  return { full, revealed, shown, hidden, reveal, forget }
}
