// The partners whose servers call us (the police 110 system; docs/api.md "Police incidents"):
// the system administrator lists them, adds one (its signing key is in the answer, that once),
// sets its feedback callback address, retires it and gives it a new key.
import { api } from './client'
import type { paths } from './generated/openapi'

/** A partner as just added or given a new key (the published shape): `key` is shown this once. */
export type PartnerWithKey = paths['/partners']['post']['responses']['201']['content']['application/json'] & { key: string }
/** A partner as listed. */
export type Partner = Omit<PartnerWithKey, 'key'>

export const PARTNER_LIMITS = { code: { maxLength: 40 }, name: { maxLength: 60 }, callback_url: { maxLength: 300 } } as const

/** A feedback callback to a partner: queued when a push's feedback is recorded, sent, retried with
 *  backoff, or failed for an operator to send again. */
export interface PartnerCallback {
  id: number
  partner_code: string
  incident_no: string
  status: 'pending' | 'sent' | 'failed'
  attempts: number
  last_error: string | null
  next_attempt_at: string
  created_at: string
  sent_at: string | null
}
export const CALLBACK_STATUSES = ['pending', 'sent', 'failed'] as const

const one = (id: number, tail = '') => `/partners/${encodeURIComponent(String(id))}${tail}`
export const partnerApi = {
  list: () => api.get<{ items: Partner[] }>('/partners'),
  create: (body: { code: string; name: string; callback_url?: string }) => api.post<PartnerWithKey>('/partners', body),
  update: (id: number, body: { callback_url?: string | null; retired?: boolean }) => api.patch<Partner>(one(id), body),
  rotateKey: (id: number) => api.post<PartnerWithKey>(one(id, '/key')),
  callbacks: (status?: string) => api.get<{ items: PartnerCallback[] }>('/partners/callbacks', { status }),
  retryCallback: (id: number) => api.post<{ id: number; status: string }>(`/partners/callbacks/${encodeURIComponent(String(id))}/retry`),
}
