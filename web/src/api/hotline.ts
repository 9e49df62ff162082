// The 12338 hotline log (热线来电; docs/api.md "12338 hotline log"): the record kit's routes (list,
// one, add, correct, retire, the caller and the summary in full), and what a call adds — making a
// help request of it (POST …/case: the caller the applicant, linked both ways), the call backs
// promised in my area and not yet made, and marking one made. The shapes and the choices are the
// published ones (src/api/generated, from docs/openapi.json), not a copy.
import { api } from './client'
import { recordPath, recordRoutes } from './records'
import type { paths } from './generated/openapi'
import { API_FIELDS } from './generated/fields'

/** A call as the kit answers it (the caller and the summary masked). */
export type HotlineCall = paths['/hotline-calls/{id}']['get']['responses']['200']['content']['application/json']
/** GET …/sensitive (hotline.reveal, audited): the caller and the summary in full. */
export type HotlineSecrets = paths['/hotline-calls/{id}/sensitive']['get']['responses']['200']['content']['application/json']
/** POST …/case: the help request made of a call. */
export type CaseFromCall = paths['/hotline-calls/{id}/case']['post']['responses']['201']['content']['application/json']
export type CaseFromCallBody = paths['/hotline-calls/{id}/case']['post']['requestBody']['content']['application/json']
/** A promised call back as listed (the document gives the items only as objects). */
export type CallBack = HotlineCall & { overdue: boolean }
/** GET /hotline-calls/call-backs: those of my area not yet made, the oldest due first (≤ 100). */
export interface CallBacks { total: number; overdue: number; items: CallBack[] }

export const HOTLINE_LINES = API_FIELDS.hotline_call.line.enum
export const HOTLINE_OUTCOMES = API_FIELDS.hotline_call.outcome.enum
export type HotlineLine = (typeof HOTLINE_LINES)[number]
export type HotlineOutcome = (typeof HOTLINE_OUTCOMES)[number]
/** duration_seconds: at most four hours. */
export const DURATION_MAX = 14_400

const call = recordPath('/hotline-calls')
export const hotlineApi = {
  ...recordRoutes<HotlineCall>('/hotline-calls'),
  retire: (id: number) => api.post<HotlineCall>(call(id, '/retire')),
  reveal: (id: number) => api.get<HotlineSecrets>(call(id, '/sensitive')),
  /** 409 `case_exists` (details.case_id) the second time; 400 field home_code for a call the city
   *  took without a town and no home named */
  makeCase: (id: number, body: CaseFromCallBody) => api.post<CaseFromCall>(call(id, '/case'), body),
  callBacks: () => api.get<CallBacks>('/hotline-calls/call-backs'),
  calledBack: (id: number, version: number) => api.post<HotlineCall>(call(id, '/called-back'), { version }),
}
