// The visit form's draft and its rules, the same as the server's (src/domain/visit.cpp): a
// must-visit names at least one situation and other kinds none; a problem found needs an action
// (and an action a problem); a referral names its receiver; a case opened names its dispute
// category; it took place by now. Errors are i18n keys by field.
import { SITUATIONS, VISIT_LIMITS, type VisitAction, type VisitBody, type VisitKind, type VisitMode } from '@/api/visits'

export interface VisitDraft {
  household_id: number | null
  /** the household as shown when picked (head of household, masked address): read offline */
  household_label: string
  /** datetime-local value in Beijing time: 2026-05-01T09:30 */
  visited_at: string
  kind: VisitKind
  situations: string[]
  mode: VisitMode
  people_met: string
  findings: string
  problem_found: boolean
  problem: string
  action: VisitAction
  referral_to: string
  case_category: string
  minutes: number
  client_id: string
}

const BEIJING_MS = 8 * 60 * 60 * 1000
/** A moment as a datetime-local value in Beijing time. */
export function beijingLocal(ms: number): string {
  return new Date(ms + BEIJING_MS).toISOString().slice(0, 16)
}
/** A datetime-local value (Beijing) as the API's time: 2026-05-01T09:30:00+08:00. */
export function beijingIso(local: string): string {
  return `${local.length === 16 ? `${local}:00` : local}+08:00`
}
function millisOf(local: string): number {
  return Date.parse(beijingIso(local))
}

export function newClientId(): string {
  return crypto.randomUUID()
}

export function emptyDraft(now = Date.now()): VisitDraft {
  return {
    household_id: null, household_label: '', visited_at: beijingLocal(now), kind: 'must_visit', situations: [], mode: 'home',
    people_met: '', findings: '', problem_found: false, problem: '', action: 'none', referral_to: '', case_category: '',
    minutes: 60, client_id: newClientId(),
  }
}

/** A phone's clock may run a little ahead of the server's (the server allows ten minutes). */
const SKEW_MS = 10 * 60 * 1000

/** What is wrong with the draft: field → i18n key; empty when it may be sent. */
export function visitProblems(d: VisitDraft, now = Date.now()): Record<string, string> {
  const e: Record<string, string> = {}
  if (!d.household_id) e.household_id = 'phone.rules.household'
  const at = d.visited_at ? millisOf(d.visited_at) : NaN
  if (Number.isNaN(at)) e.visited_at = 'phone.rules.visitedAt'
  else if (at > now + SKEW_MS) e.visited_at = 'phone.rules.future'
  if (d.kind === 'must_visit') {
    if (!d.situations.some((s) => (SITUATIONS as readonly string[]).includes(s))) e.situations = 'phone.rules.situation'
  }
  if (d.problem_found) {
    if (!d.problem.trim()) e.problem = 'phone.rules.problem'
    if (d.action === 'none') e.action = 'phone.rules.action'
    if (d.action === 'referral' && !d.referral_to.trim()) e.referral_to = 'phone.rules.referralTo'
    if (d.action === 'case_opened' && !d.case_category) e.case_category = 'phone.rules.category'
  } else if (d.action !== 'none') {
    e.action = 'phone.rules.noProblemNoAction'
  }
  if (d.people_met.length > VISIT_LIMITS.people_met) e.people_met = 'phone.rules.tooLong'
  if (d.findings.length > VISIT_LIMITS.findings) e.findings = 'phone.rules.tooLong'
  if (d.problem.length > VISIT_LIMITS.problem) e.problem = 'phone.rules.tooLong'
  if (d.referral_to.length > VISIT_LIMITS.referral_to) e.referral_to = 'phone.rules.tooLong'
  if (!Number.isInteger(d.minutes) || d.minutes < 1 || d.minutes > VISIT_LIMITS.minutes) e.minutes = 'phone.rules.minutes'
  return e
}

/** The request body of a draft with no problems. */
export function visitBody(d: VisitDraft): VisitBody {
  const b: VisitBody = {
    household_id: d.household_id!, visited_at: beijingIso(d.visited_at), kind: d.kind,
    situations: d.kind === 'must_visit' ? SITUATIONS.filter((s) => d.situations.includes(s)).join(',') : '',
    mode: d.mode, problem_found: d.problem_found, action: d.problem_found ? d.action : 'none', minutes: d.minutes, client_id: d.client_id,
  }
  if (d.people_met.trim()) b.people_met = d.people_met.trim()
  if (d.findings.trim()) b.findings = d.findings.trim()
  if (d.problem_found) {
    b.problem = d.problem.trim()
    if (d.action === 'referral') b.referral_to = d.referral_to.trim()
    if (d.action === 'case_opened') b.case_category = d.case_category
  }
  return b
}
