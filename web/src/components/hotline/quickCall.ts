// The quick form a worker fills while she talks (QuickCallForm.vue): what it holds, what it asks
// before sending, what it sends, what it keeps for the next call, and the towns it offers. Pure
// functions, tested in quickCall.test.ts.
import type { HotlineLine, HotlineOutcome } from '@/api/hotline'
import type { Region } from '@/api/types'
import { beijingIso, wallToIso } from '@/utils/hotline'
import { normalizePhone } from '@/utils/validators'

export interface QuickForm {
  line: HotlineLine
  /** the caller's town, or the worker's own region when she did not say (未说明) */
  region_code: string
  category: string
  summary: string
  /** case_opened here is 转为求助: the call is saved as advice and its case made at once */
  outcome: HotlineOutcome
  referred_to: string
  /** a Beijing wall time (the picker's value) */
  call_back_due: string
  caller_phone: string
  caller_name: string
  /** 转为求助 of a call the city took without a town: the applicant's town or village */
  home_code: string | null
  /** the length as shown and edited (mm:ss) */
  duration: string
}

/** A blank form for the next call. The line and the town stay (the same worker takes the next call
 *  on the same line, often from the same town); everything said in the call goes. */
export function nextCallForm(keep: Pick<QuickForm, 'line' | 'region_code'>): QuickForm {
  return {
    line: keep.line, region_code: keep.region_code, category: '', summary: '', outcome: 'advice', referred_to: '',
    call_back_due: '', caller_phone: '', caller_name: '', home_code: null, duration: '00:00',
  }
}

/** 转为求助 of a call whose town is the city (`cityCode`): the applicant's home must be named. */
export const needsHome = (f: Pick<QuickForm, 'outcome' | 'region_code'>, cityCode: string | null) =>
  f.outcome === 'case_opened' && !!cityCode && f.region_code === cityCode

/** The form's problems before sending: field → i18n key. `durationOk`: the length typed reads. */
export function quickProblems(f: QuickForm, cityCode: string | null, durationOk: boolean): Record<string, string> {
  const out: Record<string, string> = {}
  if (!f.region_code) out.region_code = 'hotline.townRequired'
  if (!f.category) out.category = 'hotline.categoryRequired'
  if (!f.summary.trim()) out.summary = 'hotline.summaryRequired'
  if (f.outcome === 'referred' && !f.referred_to.trim()) out.referred_to = 'hotline.referred_toRequired'
  if (f.outcome === 'call_back' && !f.call_back_due) out.call_back_due = 'hotline.call_back_dueRequired'
  if (f.caller_phone.trim() && !normalizePhone(f.caller_phone)) out.caller_phone = 'hotline.phoneInvalid'
  if (needsHome(f, cityCode) && !f.home_code) out.home_code = 'hotline.homeRequired'
  if (!durationOk) out.duration = 'hotline.durationInvalid'
  return out
}

/** POST /hotline-calls: 转为求助 goes as advice (its own route then makes the case); received when
 *  the timer started (else the server's now); the referral and the due time only with their
 *  outcome; the caller only when given. */
export function quickBody(f: QuickForm, started: number | null, seconds: number): Record<string, unknown> {
  const body: Record<string, unknown> = {
    line: f.line, region_code: f.region_code, category: f.category, summary: f.summary.trim(),
    outcome: f.outcome === 'case_opened' ? 'advice' : f.outcome, duration_seconds: seconds,
  }
  if (started !== null) body.received_at = beijingIso(started)
  if (f.outcome === 'referred') body.referred_to = f.referred_to.trim()
  if (f.outcome === 'call_back') body.call_back_due = wallToIso(f.call_back_due)
  const phone = f.caller_phone.trim()
  if (phone) body.caller_phone = normalizePhone(phone) ?? phone
  if (f.caller_name.trim()) body.caller_name = f.caller_name.trim()
  return body
}

export interface TownChoice { code: string; name: string; unsaid: boolean }
/** The caller's town as offered: 未说明 first — the worker's own region — then, for a city worker,
 *  the active towns under it. */
export function townChoices(home: Pick<Region, 'code' | 'name'>, below: readonly Pick<Region, 'code' | 'name' | 'level' | 'retired'>[]): TownChoice[] {
  const towns = below.filter((r) => r.level === 'town' && !r.retired && r.code !== home.code)
  return [{ code: home.code, name: home.name, unsaid: true }, ...towns.map((r) => ({ code: r.code, name: r.name, unsaid: false }))]
}

/** What the record dialog sends as the API takes it: a blank time or length left out (the server
 *  keeps or defaults it), the referral and the due time cleared (null) for an outcome without one. */
export function correctionBody(body: Record<string, unknown>): Record<string, unknown> {
  const out = { ...body }
  for (const k of ['received_at', 'duration_seconds']) if (out[k] === '' || out[k] === null) delete out[k]
  if (out.outcome !== 'referred' || out.referred_to === '') out.referred_to = null
  if (out.outcome !== 'call_back' || out.call_back_due === '') out.call_back_due = null
  return out
}
