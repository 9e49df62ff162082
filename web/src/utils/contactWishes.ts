// How the applicant wants to be reached (the case's contact_sms_only, contact_call_from,
// contact_call_to; server: domain/contact_wishes.hpp). A woman living with the person who hurts
// her may ask for text messages only, or for calls only while she is alone: the console shows the
// wishes beside every revealed phone number and warns before a call goes against them. The rule
// mirrors domain::CallWelcome; the clock is Beijing time whatever the browser's zone.

export interface ContactWishes {
  sms_only: boolean
  /** "HH:MM"; both "" for any time; the window may pass midnight */
  call_from: string
  call_to: string
}

export const NO_WISHES: ContactWishes = { sms_only: false, call_from: '', call_to: '' }

/** The wishes stored on a case (GET /cases/{id}). */
export function wishesOf(c: { contact_sms_only?: boolean; contact_call_from?: string; contact_call_to?: string }): ContactWishes {
  return { sms_only: c.contact_sms_only === true, call_from: c.contact_call_from ?? '', call_to: c.contact_call_to ?? '' }
}

/** Minutes after midnight of "HH:MM" (00:00–23:59), or -1. */
export function minuteOf(hhmm: string): number {
  const m = /^(\d\d):(\d\d)$/.exec(hhmm)
  if (!m) return -1
  const h = Number(m[1])
  const min = Number(m[2])
  return h > 23 || min > 59 ? -1 : h * 60 + min
}

/** The minute of the day in Beijing (UTC+8, no daylight saving) at `ms`. */
export function beijingMinute(ms: number): number {
  const day = 24 * 60
  const minutes = Math.floor(ms / 60_000) + 8 * 60
  return ((minutes % day) + day) % day
}

/** Whether a call at `minute` (0–1439, Beijing) goes with the wishes (domain::CallWelcome). */
export function callWelcome(w: ContactWishes, minute: number): boolean {
  if (w.sms_only) return false
  const from = minuteOf(w.call_from)
  const to = minuteOf(w.call_to)
  if (from < 0 || to < 0) return true
  if (from < to) return minute >= from && minute < to
  return minute >= from || minute < to // past midnight
}

/** What to warn of before calling now: null when the call goes with her wishes. */
export type CallWarning = 'smsOnly' | 'outsideHours' | null
export function callWarning(w: ContactWishes, nowMs: number): CallWarning {
  if (w.sms_only) return 'smsOnly'
  return callWelcome(w, beijingMinute(nowMs)) ? null : 'outsideHours'
}

export const hasCallHours = (w: ContactWishes): boolean => minuteOf(w.call_from) >= 0 && minuteOf(w.call_to) >= 0

/**
 * The parts of the compact line shown beside a phone: "只发短信", "20:00–07:00 可来电", her own
 * words; `t` gives the two labels.
 */
export function wishParts(w: ContactWishes, safeContact: string | null | undefined, t: (key: string, params?: Record<string, string>) => string): string[] {
  const parts: string[] = []
  if (w.sms_only) parts.push(t('cases.contact.smsOnly'))
  if (hasCallHours(w)) parts.push(t('cases.contact.callHours', { from: w.call_from, to: w.call_to }))
  const own = (safeContact ?? '').trim()
  if (own) parts.push(own)
  return parts
}

/**
 * The field a form's call hours are wrong in, with the message key, as the server would name it
 * (domain::CheckContactWishes): both ends or neither, and not the same time.
 */
export function callHoursProblem(w: ContactWishes): { field: 'contact_call_from' | 'contact_call_to'; key: string } | null {
  if (w.call_from && minuteOf(w.call_from) < 0) return { field: 'contact_call_from', key: 'cases.contact.badTime' }
  if (w.call_to && minuteOf(w.call_to) < 0) return { field: 'contact_call_to', key: 'cases.contact.badTime' }
  if (!w.call_from !== !w.call_to) return { field: w.call_from ? 'contact_call_to' : 'contact_call_from', key: 'cases.contact.bothEnds' }
  if (w.call_from && w.call_from === w.call_to) return { field: 'contact_call_to', key: 'cases.contact.sameTime' }
  return null
}

/** Digits (and a leading +) only, for a tel:/sms: link. */
const dialable = (phone: string): string => phone.replace(/[^\d+]/g, '')
export const telHref = (phone: string): string => `tel:${dialable(phone)}`
export const smsHref = (phone: string): string => `sms:${dialable(phone)}`
