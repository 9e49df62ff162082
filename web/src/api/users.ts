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
  resetPassword: (id: string | number, password: string) => api.post<void>(`/users/${enc(String(id))}/reset-password`, { password }),
}
