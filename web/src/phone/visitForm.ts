// The visit form's draft and its rules, the same as the server's (src/domain/visit.cpp): a
// must-visit names at least one situation and other kinds none; a problem found needs an action
// (and an action a problem); a referral names its receiver; a case opened names its dispute
// category; it took place by now; a care visit names the people met (at least one, at most 50),
// each with what she was given; a campaign is short; a whole-team visit names the team. Errors
// are i18n keys by field.
import { CARE_LIMITS, GIFTS, SITUATIONS, VISIT_LIMITS, type Gift, type VisitAction, type VisitBody, type VisitKind, type VisitMode } from '@/api/visits'

/** A person of the household ticked on a care visit: her name kept for showing offline. */
export interface DraftPerson {
  person_id: number
  name: string
  given: Gift[]
}

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
  /** a care visit's people met (a draft sealed before these fields existed has none) */
  people?: DraftPerson[]
  campaign?: string
  /** her team (a team leader's), when the visit is recorded for the whole team */
  team_id?: number | null
  whole_team?: boolean
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
    minutes: 60, client_id: newClientId(), people: [], campaign: '', team_id: null, whole_team: false,
  }
}

/** A phone's clock may run a little ahead of the server's (the server allows ten minutes). */
const SKEW_MS = 10 * 60 * 1000

/** What is wrong with the draft: field → i18n key; empty when it may be sent. `known`: the
 *  situations the federation set (phone/situations.ts). */
export function visitProblems(d: VisitDraft, now = Date.now(), known: readonly string[] = SITUATIONS): Record<string, string> {
  const e: Record<string, string> = {}
  if (!d.household_id) e.household_id = 'phone.rules.household'
  const at = d.visited_at ? millisOf(d.visited_at) : NaN
  if (Number.isNaN(at)) e.visited_at = 'phone.rules.visitedAt'
  else if (at > now + SKEW_MS) e.visited_at = 'phone.rules.future'
  if (d.kind === 'must_visit') {
    if (!d.situations.some((s) => known.includes(s))) e.situations = 'phone.rules.situation'
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
  if (d.kind === 'care') {
    const people = d.people ?? []
    if (!people.length) e.people = 'phone.rules.peopleCare'
    else if (people.length > CARE_LIMITS.people) e.people = 'phone.rules.tooManyPeople'
    else if (people.some((p) => p.given.some((g) => !(GIFTS as readonly string[]).includes(g)))) e.people = 'phone.rules.gift'
    if ((d.campaign ?? '').trim().length > CARE_LIMITS.campaign) e.campaign = 'phone.rules.tooLong'
    if (d.whole_team && !d.team_id) e.whole_team = 'phone.rules.team'
  }
  return e
}

/** The request body of a draft with no problems. */
export function visitBody(d: VisitDraft, known: readonly string[] = SITUATIONS): VisitBody {
  const b: VisitBody = {
    household_id: d.household_id!, visited_at: beijingIso(d.visited_at), kind: d.kind,
    situations: d.kind === 'must_visit' ? known.filter((s) => d.situations.includes(s)).join(',') : '',
    mode: d.mode, problem_found: d.problem_found, action: d.problem_found ? d.action : 'none', minutes: d.minutes, client_id: d.client_id,
  }
  if (d.people_met.trim()) b.people_met = d.people_met.trim()
  if (d.findings.trim()) b.findings = d.findings.trim()
  if (d.problem_found) {
    b.problem = d.problem.trim()
    if (d.action === 'referral') b.referral_to = d.referral_to.trim()
    if (d.action === 'case_opened') b.case_category = d.case_category
  }
  if (d.kind === 'care') {
    b.people = (d.people ?? []).map((p) => ({ person_id: p.person_id, given: GIFTS.filter((g) => p.given.includes(g)) }))
    const campaign = (d.campaign ?? '').trim()
    if (campaign) b.campaign = campaign
    if (d.whole_team && d.team_id) {
      b.team_id = d.team_id
      b.whole_team = true
    }
  }
  return b
}
