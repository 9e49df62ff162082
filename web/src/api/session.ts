// The signed-in session: sign-in, password, TOTP, my sessions and sign-ins (docs/api.md, "Session").
import { api, type Page, type Query } from './client'
import type { MySession, SessionAnswer, SignIn } from './types'

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
