// The partners whose servers call us (the police 110 system; docs/api.md "Police incidents"; and
// the provincial online dispute-resolution platform, 在线矛盾纠纷多元化解平台): the system
// administrator lists them, adds one (its signing key is in the answer, that once), sets its
// callback address, retires it and gives it a new key; the callbacks that failed are sent again.
import { api } from './client'
import type { paths } from './generated/openapi'

/** A partner as just added or given a new key (the published shape): `key` is shown this once. */
export type PartnerWithKey = paths['/partners']['post']['responses']['201']['content']['application/json'] & { key: string }
/** A partner as listed. */
export type Partner = Omit<PartnerWithKey, 'key'>

/** A partner's kind: the police 110 system (the default) or the provincial ODR platform. */
export const PARTNER_KINDS = ['police', 'odr_platform'] as const
export type PartnerKind = (typeof PARTNER_KINDS)[number]

export const PARTNER_LIMITS = { code: { maxLength: 40 }, name: { maxLength: 60 }, callback_url: { maxLength: 300 } } as const

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never
type ListItem<P extends keyof paths> = paths[P] extends { get: { responses: { 200: infer R } } } ? Json<R> extends { items: (infer I)[] } ? I : never : never

/** A feedback callback to a partner: queued when a push's feedback is recorded, sent, retried with
 *  backoff, or failed for an operator to send again (the published shape). */
export type PartnerCallback = ListItem<'/partners/callbacks'>
export const CALLBACK_STATUSES = ['pending', 'sent', 'failed'] as const

/** The platform's case events, in the order a case may have them (rejected instead of accepted). */
export const ODR_EVENTS = ['accepted', 'rejected', 'agreed', 'terminated', 'closed'] as const
export type OdrEvent = (typeof ODR_EVENTS)[number]
/** A status callback to the ODR platform about one of its cases (`code`, its 解纷码): sent in order
 *  per case; a failed one holds back the later ones of its case until an operator sends it again
 *  (the published shape). */
export type OdrCallback = ListItem<'/partners/odr-callbacks'>
/** The body of POST /partners (the published shape; `kind` police when left out). */
export type PartnerCreate = Json<paths['/partners']['post']['requestBody']>

const one = (id: number, tail = '') => `/partners/${encodeURIComponent(String(id))}${tail}`
export const partnerApi = {
  list: () => api.get<{ items: Partner[] }>('/partners'),
  create: (body: PartnerCreate) => api.post<PartnerWithKey>('/partners', body),
  update: (id: number, body: { callback_url?: string | null; retired?: boolean }) => api.patch<Partner>(one(id), body),
  rotateKey: (id: number) => api.post<PartnerWithKey>(one(id, '/key')),
  callbacks: (status?: string) => api.get<{ items: PartnerCallback[] }>('/partners/callbacks', { status }),
  retryCallback: (id: number) => api.post<{ id: number; status: string }>(`/partners/callbacks/${encodeURIComponent(String(id))}/retry`),
  odrCallbacks: (status?: string) => api.get<{ items: OdrCallback[] }>('/partners/odr-callbacks', { status }),
  /** 404 when no such failed callback (already sent again) */
  retryOdrCallback: (id: number) => api.post<{ id: number; status: 'pending' }>(`/partners/odr-callbacks/${encodeURIComponent(String(id))}/retry`),
}
