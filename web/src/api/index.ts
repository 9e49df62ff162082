// Thin typed wrappers over the endpoints in docs/api.md.
import { api, type Page, type Query } from './client'
import type {
  AuditEntry, AuditVerify, Household, MySession, Person, PersonSensitive, Region, RoleInfo,
  SessionAnswer, SignIn, UserRow,
} from './types'

const enc = encodeURIComponent

export const sessionApi = {
  signIn: (body: { login: string; password: string; totp?: string }) => api.post<SessionAnswer>('/session', body),
  current: () => api.get<SessionAnswer>('/session'),
  signOut: () => api.del<void>('/session'),
  changePassword: (old_password: string, new_password: string) => api.post<void>('/session/password', { old_password, new_password }),
  totpSetup: () => api.post<{ secret: string; otpauth_uri: string }>('/session/totp/setup'),
  totpEnable: (code: string) => api.post<void>('/session/totp/enable', { code }),
  sessions: (q?: Query) => api.get<Page<MySession>>('/session/sessions', q),
  revoke: (id: string | number) => api.del<void>(`/session/sessions/${enc(String(id))}`),
  signIns: (q?: Query) => api.get<Page<SignIn>>('/session/sign-ins', q),
}

export const regionApi = {
  list: (q: Query) => api.get<Page<Region>>('/regions', q),
  get: (code: string) => api.get<Region>(`/regions/${enc(code)}`),
  create: (body: { code: string; name: string; parent_code: string }) => api.post<Region>('/regions', body),
  update: (code: string, body: { name?: string; parent_code?: string }) => api.patch<Region>(`/regions/${enc(code)}`, body),
  retire: (code: string) => api.post<Region>(`/regions/${enc(code)}/retire`),
  import: (csv: string) => api.post<{ imported: number }>('/regions/import', { csv }),
}

export const householdApi = {
  list: (q: Query) => api.get<Page<Household>>('/households', q),
  get: (id: string | number) => api.get<Household>(`/households/${enc(String(id))}`),
  create: (body: Record<string, unknown>) => api.post<Household>('/households', body),
  update: (id: string | number, body: Record<string, unknown>) => api.patch<Household>(`/households/${enc(String(id))}`, body),
}

export const personApi = {
  list: (q: Query) => api.get<Page<Person>>('/people', q),
  get: (id: string | number) => api.get<Person>(`/people/${enc(String(id))}`),
  create: (body: Record<string, unknown>) => api.post<Person>('/people', body),
  update: (id: string | number, body: Record<string, unknown>) => api.patch<Person>(`/people/${enc(String(id))}`, body),
  sensitive: (id: string | number) => api.get<PersonSensitive>(`/people/${enc(String(id))}/sensitive`),
}

export const userApi = {
  roles: () => api.get<RoleInfo[]>('/roles'),
  list: (q: Query) => api.get<Page<UserRow>>('/users', q),
  create: (body: Record<string, unknown>) => api.post<UserRow>('/users', body),
  update: (id: string | number, body: Record<string, unknown>) => api.patch<UserRow>(`/users/${enc(String(id))}`, body),
  lock: (id: string | number) => api.post<void>(`/users/${enc(String(id))}/lock`),
  unlock: (id: string | number) => api.post<void>(`/users/${enc(String(id))}/unlock`),
  resetPassword: (id: string | number, password: string) => api.post<void>(`/users/${enc(String(id))}/reset-password`, { password }),
}

export const auditApi = {
  list: (q: Query) => api.get<Page<AuditEntry>>('/audit', q),
  verify: () => api.get<AuditVerify>('/audit/verify'),
}
