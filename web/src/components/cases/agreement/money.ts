// Pure rules of the agreement screens: yuan amounts as typed and shown (the same rules as
// domain::ParseYuan / FormatYuan on the server), how an obligation's standing is shown, what the
// confirmations of the parties still need, and the schedule in words.
import type { Agreement, Confirmation, Obligation, Standing } from '@/api/agreements'

/** The largest amount of one installment or payment (domain::kMaxAmountFen): 1,000,000 yuan. */
export const MAX_AMOUNT_FEN = 100_000_000
/** The most installments of one obligation (domain::kMaxInstallments). */
export const MAX_INSTALLMENTS = 240

/** 50000 → "500.00"; -1230 → "-12.30". */
export function formatYuan(fen: number): string {
  const negative = fen < 0
  const abs = Math.abs(Math.trunc(fen))
  const s = `${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
  return negative ? `-${s}` : s
}

/** "12345.6" → "12,345.60" for reading (the API always takes and gives plain "12345.60"). */
export function groupYuan(yuan: string): string {
  const m = /^(-?)(\d+)\.(\d{2})$/.exec(yuan)
  if (!m) return yuan
  return `${m[1]}${m[2].replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${m[3]}`
}

/** Fen from yuan as typed: "500", "500.5", "500.50", "0.05" (spaces around are ignored, a
 * full-width "．" counts as a point). null for signs, more than two decimals, "." alone, "500.",
 * more than 13 integer digits, or anything else. */
export function parseYuan(text: string): number | null {
  const s = text.trim().replace('．', '.')
  const m = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(s)
  if (!m) return null
  const frac = (m[2] ?? '').padEnd(2, '0')
  return Number(m[1]) * 100 + Number(frac)
}

/** Why an amount cannot be sent, as an i18n key under agreement.money, or null when it can. */
export function amountProblem(text: string): 'required' | 'format' | 'positive' | 'tooLarge' | null {
  if (!text.trim()) return 'required'
  const fen = parseYuan(text)
  if (fen === null) return 'format'
  if (fen <= 0) return 'positive'
  if (fen > MAX_AMOUNT_FEN) return 'tooLarge'
  return null
}

/** The yuan text the API takes for what was typed ("500.5" → "500.50"); null when invalid. */
export function normaliseYuan(text: string): string | null {
  const fen = parseYuan(text)
  return fen === null ? null : formatYuan(fen)
}

export type StandingKind = 'fulfilled' | 'arrears' | 'dueToday' | 'onTrack'

/** How a standing is shown: fulfilled (green), in arrears (red: a missed installment or money
 * due and unpaid), due today (orange) or on track (blue). */
export function standingKind(st: Standing): StandingKind {
  if (st.fulfilled) return 'fulfilled'
  if (st.missed.length > 0) return 'arrears'
  if (st.arrears_fen > 0) return st.next_due === st.today ? 'dueToday' : 'arrears'
  return 'onTrack'
}

export const STANDING_TAG: Record<StandingKind, 'success' | 'danger' | 'warning' | 'primary'> = {
  fulfilled: 'success',
  arrears: 'danger',
  dueToday: 'warning',
  onTrack: 'primary',
}

/** Paid share of the total, 0–100 (overpayment shows as 100). */
export function paidPercent(st: Standing): number {
  const total = parseYuan(st.total) ?? 0
  const paid = parseYuan(st.paid) ?? 0
  if (total <= 0) return 0
  return Math.min(100, Math.round((paid * 100) / total))
}

/** The schedule in words: the i18n key under agreement.obligation and its parameters. */
export function scheduleWords(o: Pick<Obligation, 'schedule' | 'amount' | 'first_due' | 'installments' | 'standing'>):
  { key: 'onceSummary' | 'monthlySummary'; params: Record<string, string | number> } {
  if (o.schedule === 'monthly') {
    return {
      key: 'monthlySummary',
      params: { day: Number(o.first_due.slice(8, 10)), amount: o.amount, count: o.installments, from: o.first_due, total: o.standing.total },
    }
  }
  return { key: 'onceSummary', params: { amount: o.amount, date: o.first_due } }
}

/** The total of an obligation as it will be: installment amount × count; null when invalid. */
export function plannedTotal(amountText: string, installments: number): string | null {
  const fen = parseYuan(amountText)
  if (fen === null || !Number.isInteger(installments) || installments < 1) return null
  return formatYuan(fen * installments)
}

// ---- confirmations ----

export type ConfirmationState = 'confirmed' | 'codeSent' | 'codeExpired' | 'waiting'

export function confirmationState(k: Confirmation, nowMs: number): ConfirmationState {
  if (k.confirmed_at) return 'confirmed'
  if (k.code_expires_at && Date.parse(k.code_expires_at) > nowMs) return 'codeSent'
  if (k.code_sent_at) return 'codeExpired'
  return 'waiting'
}

/** Seconds until another code may be sent (0: now). */
export function resendWait(k: Confirmation, nowMs: number): number {
  if (!k.resend_after) return 0
  return Math.max(0, Math.ceil((Date.parse(k.resend_after) - nowMs) / 1000))
}

/** Who has still to confirm, and whether the mediator has signed: what stands between the
 * agreement and its effect. */
export function missingForEffect(a: Pick<Agreement, 'status' | 'confirmations' | 'mediator_signed_at'>): { parties: string[]; mediator: boolean } {
  if (a.status !== 'awaiting_confirmation') return { parties: [], mediator: false }
  return {
    parties: a.confirmations.filter((k) => !k.confirmed_at).map((k) => k.name),
    mediator: !a.mediator_signed_at,
  }
}

/** A six-digit code as typed (spaces and full-width digits tolerated) → "123456", or null. */
export function normaliseCode(text: string): string | null {
  const s = text.replace(/[\s-]/g, '').replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10))
  return /^\d{6}$/.test(s) ? s : null
}

/** `2026-05-03T10:20:00+08:00` or `2026-05-03` → `2026年5月3日` (the document's date form);
 * empty → the blank form to fill by hand. */
export function chineseDate(iso: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '')
  if (!m) return '　　　　年　　月　　日'
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`
}
