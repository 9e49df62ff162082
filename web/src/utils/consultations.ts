// The consultations desk's rules (views/ConsultationsView.vue): the answer limit as time left, the
// quick tabs as the list's query, the applicant a help request made of a question starts with, and
// the page's clock set by the server's. Pure functions, tested in consultations.test.ts.
import type { Query } from '@/api/client'
import { normalizePhone } from './validators'

// ---- the answer limit ----

export interface LimitPart {
  n: number
  unit: 'd' | 'h' | 'm'
}

/** The limit as words: `left` ("还剩 1 小时 20 分"), `underMinute` (less than a minute left),
 *  `overdue` ("已逾期 3 小时"), `justDue` (past it by less than a minute); `parts` the two largest
 *  units of the time, whole minutes, zeros left out ("1 天 2 小时", not "1 天 0 小时"). */
export interface TimeLeft {
  overdue: boolean
  key: 'left' | 'underMinute' | 'overdue' | 'justDue'
  parts: LimitPart[]
}

const MINUTE = 60_000

export function timeLeft(dueMs: number, nowMs: number): TimeLeft {
  const diff = dueMs - nowMs
  const overdue = diff <= 0
  let minutes = Math.floor(Math.abs(diff) / MINUTE)
  const d = Math.floor(minutes / 1440)
  minutes -= d * 1440
  const h = Math.floor(minutes / 60)
  const m = minutes - h * 60
  const all: LimitPart[] = [{ n: d, unit: 'd' }, { n: h, unit: 'h' }, { n: m, unit: 'm' }]
  const first = all.findIndex((p) => p.n > 0)
  const parts = first < 0 ? [] : all.slice(first, first + 2).filter((p) => p.n > 0)
  if (!parts.length) return { overdue, key: overdue ? 'justDue' : 'underMinute', parts }
  return { overdue, key: overdue ? 'overdue' : 'left', parts }
}

/** The limit of an ISO time, or null when there is none (or it does not parse). */
export function timeLeftOf(dueIso: string | null | undefined, nowMs: number): TimeLeft | null {
  const due = dueIso ? Date.parse(dueIso) : NaN
  return Number.isNaN(due) ? null : timeLeft(due, nowMs)
}

// ---- the quick tabs ----

export const CONSULTATION_TABS = ['open', 'overdue', 'mine', 'answered', 'converted', 'all'] as const
export type ConsultationTab = (typeof CONSULTATION_TABS)[number]
/** 待答复 first: the oldest limit on top. */
export const DEFAULT_TAB: ConsultationTab = 'open'

/** What a tab asks GET /consultations for (with the sort): the unanswered ones by the nearest
 *  limit, the others newest first (the server's default order). */
export function tabQuery(tab: ConsultationTab): Query {
  switch (tab) {
    case 'open':
      return { status: 'open', sort: 'answer_due_at' }
    case 'overdue':
      return { overdue: 1, sort: 'answer_due_at' }
    case 'mine':
      return { status: 'open', mine: 1, sort: 'answer_due_at' }
    case 'answered':
      return { status: 'answered' }
    case 'converted':
      return { status: 'converted' }
    case 'all':
      return {}
  }
}

/** A tab named in the address bar (`?tab=overdue`), else the default. */
export function tabOf(value: unknown): ConsultationTab {
  return (CONSULTATION_TABS as readonly unknown[]).includes(value) ? (value as ConsultationTab) : DEFAULT_TAB
}

/** The consultation a link asks to open (`?open=12`), or null. */
export function openedId(value: unknown): number | null {
  const n = typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : NaN
  return Number.isSafeInteger(n) && n > 0 ? n : null
}

// ---- a help request made of a question ----

export interface ApplicantDraft {
  name: string
  phone: string
}

/** The applicant as the 转为求助 form starts: the suggested name (匿名咨询人: the portal asks for
 *  no name) and the phone when the contact, as shown in full, is a phone number; a masked one
 *  (139****0001) or anything else (a WeChat id, an email) leaves the phone empty. */
export function applicantFrom(contact: string | null | undefined, suggestedName: string): ApplicantDraft {
  const phone = contact ? normalizePhone(contact.trim()) : null
  return { name: suggestedName, phone: phone ?? '' }
}

/** Whether a region code is a town's (9 digits): a question of a town starts its help request
 *  there; a question of the city leaves the home to be chosen. */
export const isTownCode = (code: string | null | undefined): code is string => /^\d{9}$/.test(code ?? '')

// ---- the page's clock ----

/** The server's clock minus this page's, learnt from a time the server stamped (the desk's `at`,
 *  whole seconds) when the answer arrived here: the limits count from the server's time, whatever
 *  this computer's clock says. 0 when the time does not parse. */
export function clockOffset(serverAt: string | null | undefined, receivedMs: number): number {
  const at = serverAt ? Date.parse(serverAt) : NaN
  return Number.isNaN(at) ? 0 : at - receivedMs
}
