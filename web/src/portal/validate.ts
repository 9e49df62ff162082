// Checks the public forms before anything is sent, with the same limits the server enforces
// (docs/design/cases.md), so a woman in a hurry learns at once what to fix, field by field.
// Pure functions: the views show the message keys through i18n, the tests call them directly.
import type { ChallengeAnswer, ConsultationBody, HelpRequestBody } from './api'
import { API_FIELDS } from '@/api/generated/fields'

// The limits the server enforces, read from its OpenAPI document (src/api/generated).
const PUBLIC = API_FIELDS.public
export const LIMITS = {
  facts: PUBLIC.facts.maxLength,
  wish: PUBLIC.wish.maxLength,
  address: PUBLIC.address.maxLength,
  name: PUBLIC.name.maxLength,
  safe_contact: PUBLIC.safe_contact.maxLength,
  question: PUBLIC.question.maxLength,
  contact: PUBLIC.contact.maxLength,
  reply: PUBLIC.text.maxLength,
} as const

/** An i18n key under `err.` and its parameters. */
export interface FieldError {
  key: 'required' | 'tooLong' | 'phone' | 'last4' | 'code' | 'contactOther' | 'callBoth' | 'callSame'
  max?: number
}
export type Errors<F extends string> = Partial<Record<F, FieldError>>

/** The fields a form may leave empty by mistake; each has its own message under `missing.`. */
export const REQUIRED_FIELDS = ['category', 'safe_now', 'town_code', 'facts', 'phone', 'safe_contact', 'code', 'last4', 'question'] as const

/**
 * The i18n key of a field's message: an empty field says what is missing ("请写下发生了什么",
 * not "必填"), the other mistakes say what is wrong.
 */
export const messageKey = (field: string, e: FieldError): string =>
  e.key === 'required' && (REQUIRED_FIELDS as readonly string[]).includes(field) ? `missing.${field}` : `err.${e.key}`

/** Characters as a person counts them (code points), which is what the server limits. */
export const charCount = (s: string): number => [...s].length

/** Digits only: people type phones with spaces, dashes or a +86 in front. */
export function normalizePhone(raw: string): string {
  let p = raw.replace(/[\s\-()]/g, '')
  if (/^\+?86\d{11}$/.test(p)) p = p.slice(-11)
  return p
}

/** An 11-digit mainland mobile number (starts 13–19). */
export const isMainlandMobile = (p: string): boolean => /^1[3-9]\d{9}$/.test(p)

/**
 * Tracking codes ("7KQ3-M9XD-2HTP") are typed or pasted by hand: spaces dropped, capitals (the
 * server ignores case and dashes too).
 */
export const normalizeCode = (raw: string): string => raw.replace(/\s+/g, '').toUpperCase()

/** Twelve letters and digits once the dashes are set aside. */
const looksLikeCode = (code: string): boolean => /^[A-Z0-9]{12}$/.test(code.replace(/-/g, ''))

export type ContactPreset = '' | 'sms' | 'day' | 'evening' | 'other'
export const CONTACT_PRESETS: Exclude<ContactPreset, ''>[] = ['sms', 'day', 'evening', 'other']

/** "您现在安全吗？", asked when the request is about domestic violence: "no" makes it urgent. */
export type SafeNow = '' | 'yes' | 'no' | 'unsure'
export const SAFE_NOW_ANSWERS: Exclude<SafeNow, ''>[] = ['no', 'yes', 'unsure']
/** The category whose form asks whether she is safe now. */
export const DOMESTIC_VIOLENCE = 'domestic_violence'

export interface HelpForm {
  category: string
  safe_now: SafeNow
  facts: string
  wish: string
  town_code: string
  village_code: string
  address: string
  name: string
  phone: string
  contact_preset: ContactPreset
  contact_text: string
  /** "text messages only, no calls" (the 'sms' preset says the same) */
  sms_only: boolean
  /** optional hours she may be called, "HH:MM" (both or neither) */
  call_from: string
  call_to: string
  disclose_identity: boolean
}

export type HelpField = 'category' | 'safe_now' | 'facts' | 'wish' | 'town_code' | 'village_code' | 'address' | 'name' | 'phone' | 'safe_contact'
  | 'contact_call_from' | 'contact_call_to'
/** The order the fields appear on the page (the first error is scrolled into view). */
export const HELP_FIELDS: HelpField[] = ['category', 'safe_now', 'town_code', 'village_code', 'address', 'facts', 'wish', 'name', 'phone', 'safe_contact',
  'contact_call_from', 'contact_call_to']

export function emptyHelpForm(): HelpForm {
  return {
    category: '',
    safe_now: '',
    facts: '',
    wish: '',
    town_code: '',
    village_code: '',
    address: '',
    name: '',
    phone: '',
    contact_preset: '',
    contact_text: '',
    sms_only: false,
    call_from: '',
    call_to: '',
    // the other party learns nothing unless she says so
    disclose_identity: false,
  }
}

/**
 * What the staff read as "how and when it is safe to contact you": the chosen preset's label (in
 * Chinese, the staff's language) and her own words. "Other" is only her words.
 */
export function safeContactText(preset: ContactPreset, presetLabel: string, text: string): string {
  const own = text.trim()
  if (preset === '' || preset === 'other') return own
  return own ? `${presetLabel}；${own}` : presetLabel
}

function text(errors: Errors<string>, field: string, value: string, max: number, required: boolean): void {
  const v = value.trim()
  if (required && v === '') errors[field] = { key: 'required' }
  else if (charCount(v) > max) errors[field] = { key: 'tooLong', max }
}

/** Field errors of the help-request form; empty when it may be sent. */
export function validateHelpForm(f: HelpForm, presetLabel = ''): Errors<HelpField> {
  const e: Errors<HelpField> = {}
  if (!f.category) e.category = { key: 'required' }
  if (f.category === DOMESTIC_VIOLENCE && !f.safe_now) e.safe_now = { key: 'required' }
  if (!f.town_code) e.town_code = { key: 'required' }
  text(e, 'address', f.address, LIMITS.address, false)
  text(e, 'facts', f.facts, LIMITS.facts, true)
  text(e, 'wish', f.wish, LIMITS.wish, false)
  text(e, 'name', f.name, LIMITS.name, false)
  const phone = normalizePhone(f.phone)
  if (phone === '') e.phone = { key: 'required' }
  else if (!isMainlandMobile(phone)) e.phone = { key: 'phone' }
  if (f.contact_preset === '') e.safe_contact = { key: 'required' }
  else if (f.contact_preset === 'other' && f.contact_text.trim() === '') e.safe_contact = { key: 'contactOther' }
  else if (charCount(safeContactText(f.contact_preset, presetLabel, f.contact_text)) > LIMITS.safe_contact)
    e.safe_contact = { key: 'tooLong', max: LIMITS.safe_contact }
  if (!smsOnly(f)) {
    // both ends or neither, and not the same time (the server's rule, domain::CheckContactWishes)
    if (f.call_from && !f.call_to) e.contact_call_to = { key: 'callBoth' }
    else if (!f.call_from && f.call_to) e.contact_call_from = { key: 'callBoth' }
    else if (f.call_from && f.call_from === f.call_to) e.contact_call_to = { key: 'callSame' }
  }
  return e
}

/** She asked for text messages only: with the switch, or with the "只发短信" choice. */
export const smsOnly = (f: HelpForm): boolean => f.sms_only || f.contact_preset === 'sms'

/**
 * Keeps the switch and the choices saying the same: choosing "只发短信" turns the switch on, a
 * choice of call times turns it off; turning it on with nothing chosen chooses "只发短信", turning
 * it off takes that choice back. Returns the form's new preset and switch.
 */
export function syncSmsOnly(f: HelpForm, changed: 'preset' | 'switch'): { contact_preset: ContactPreset; sms_only: boolean } {
  if (changed === 'preset') {
    if (f.contact_preset === 'sms') return { contact_preset: 'sms', sms_only: true }
    if (f.contact_preset === 'day' || f.contact_preset === 'evening') return { contact_preset: f.contact_preset, sms_only: false }
    return { contact_preset: f.contact_preset, sms_only: f.sms_only }
  }
  if (f.sms_only && f.contact_preset === '') return { contact_preset: 'sms', sms_only: true }
  if (!f.sms_only && f.contact_preset === 'sms') return { contact_preset: '', sms_only: false }
  return { contact_preset: f.contact_preset, sms_only: f.sms_only }
}

/** The request body, trimmed, optional fields left out when empty. */
export function helpRequestBody(f: HelpForm, presetLabel: string, challenge: ChallengeAnswer): HelpRequestBody {
  const body: HelpRequestBody = {
    category: f.category,
    facts: f.facts.trim(),
    wish: f.wish.trim(),
    town_code: f.town_code,
    phone: normalizePhone(f.phone),
    safe_contact: safeContactText(f.contact_preset, presetLabel, f.contact_text),
    disclose_identity: f.disclose_identity,
    challenge,
  }
  if (f.category === DOMESTIC_VIOLENCE && f.safe_now) body.safe_now = f.safe_now
  if (smsOnly(f)) body.contact_sms_only = true
  else if (f.call_from && f.call_to) {
    body.contact_call_from = f.call_from
    body.contact_call_to = f.call_to
  }
  if (f.village_code) body.village_code = f.village_code
  if (f.address.trim()) body.address = f.address.trim()
  if (f.name.trim()) body.name = f.name.trim()
  return body
}

export interface FollowForm {
  code: string
  last4: string
}
export function validateFollowForm(f: FollowForm): Errors<'code' | 'last4'> {
  const e: Errors<'code' | 'last4'> = {}
  const code = normalizeCode(f.code)
  if (code === '') e.code = { key: 'required' }
  else if (!looksLikeCode(code)) e.code = { key: 'code' }
  if (f.last4.trim() === '') e.last4 = { key: 'required' }
  else if (!/^\d{4}$/.test(f.last4.trim())) e.last4 = { key: 'last4' }
  return e
}

export function validateCodeOnly(code: string): Errors<'code'> {
  const c = normalizeCode(code)
  if (c === '') return { code: { key: 'required' } }
  if (!looksLikeCode(c)) return { code: { key: 'code' } }
  return {}
}

export interface ConsultationForm {
  category: string
  /** optional: routes the question to that town's federation */
  town_code: string
  question: string
  contact: string
}
export function validateConsultationForm(f: ConsultationForm): Errors<'question' | 'contact'> {
  const e: Errors<'question' | 'contact'> = {}
  text(e, 'question', f.question, LIMITS.question, true)
  text(e, 'contact', f.contact, LIMITS.contact, false)
  return e
}

export function consultationBody(f: ConsultationForm, challenge: ChallengeAnswer): ConsultationBody {
  const body: ConsultationBody = { question: f.question.trim(), challenge }
  if (f.category) body.category = f.category
  if (f.town_code) body.town_code = f.town_code
  if (f.contact.trim()) body.contact = f.contact.trim()
  return body
}

export const hasErrors = (e: Errors<string>): boolean => Object.keys(e).length > 0
