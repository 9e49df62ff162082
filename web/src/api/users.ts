// Accounts and roles (docs/api.md, "Users").
import { api, type Page, type Query } from './client'
import type { RoleInfo, UserRow } from './types'

const enc = encodeURIComponent

export const userApi = {
  roles: () => api.get<RoleInfo[]>('/roles'),
  list: (q: Query) => api.get<Page<UserRow>>('/users', q),
  create: (body: Record<string, unknown>) => api.post<UserRow>('/users', body),
  update: (id: string | number, body: Record<string, unknown>) => api.patch<UserRow>(`/users/${enc(String(id))}`, body),
  lock: (id: string | number) => api.post<void>(`/users/${enc(String(id))}/lock`),
  unlock: (id: string | number) => api.post<void>(`/users/${enc(String(id))}/unlock`),
  /** Texts a one-time password to the account's own phone; the answer says only where it went. */
  resetPassword: (id: string | number) => api.post<{ secret_sent_to: string }>(`/users/${enc(String(id))}/reset-password`, {}),
  securitySettings: () => api.get<SecuritySettings>('/security-settings'),
  saveSecuritySettings: (body: { staff_totp_required: boolean; version: number }) => api.put<SecuritySettings>('/security-settings', body),
}

/** Whether staff who see people's data must use a second factor (on unless the security administrator turns it off). */
export interface SecuritySettings {
  staff_totp_required: boolean
  version: number
  updated_at: string | null
}
