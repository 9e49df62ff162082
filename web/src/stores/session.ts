import { reactive, computed } from 'vue'
import { isApiError, setCsrfToken } from '@/api/client'
import { sessionApi } from '@/api/session'
import type { SessionAnswer, SessionUser } from '@/api/types'

interface SessionState {
  user: SessionUser | null
  /** GET /session has been tried since the page loaded */
  loaded: boolean
  /** the last GET /session got no answer at all (no signal) */
  unreachable: boolean
  /** the user is the one last signed in on this phone, read from its sealed store with no signal
   *  (phone/identity.ts): only the phone's pages open, nothing reaches the server until online */
  offline: boolean
}

export const session = reactive<SessionState>({ user: null, loaded: false, unreachable: false, offline: false })

export function applySession(a: SessionAnswer): void {
  session.user = a.user
  session.loaded = true
  session.unreachable = false
  session.offline = false
  setCsrfToken(a.csrf_token)
}

export function clearSession(): void {
  session.user = null
  session.offline = false
  setCsrfToken(null)
}

/** Restores the signed-in state after a reload; false when there is no session. */
export async function loadSession(): Promise<boolean> {
  try {
    applySession(await sessionApi.current())
    return true
  } catch (e) {
    clearSession()
    session.loaded = true
    session.unreachable = isApiError(e, 'network_error')
    return false
  }
}

export function can(permission: string): boolean {
  return !!session.user?.permissions.includes(permission)
}

export const permissions = computed(() => session.user?.permissions ?? [])

/** Whether the user works on cases now: signed in with case.read, no forced page pending (the
 *  live alerts and the desk follow this). */
export function handlesCasesNow(u: SessionUser | null): boolean {
  return !!u && u.permissions.includes('case.read') && forcedRoute(u) === null
}

/** A wall screen's account (role screen, 数据大屏): it reads the cockpit and nothing else, so it
 *  lands on /screen and the console asks nothing else for it (its pollers and streams follow
 *  permissions it lacks). */
export function screenOnly(u: SessionUser | null): boolean {
  return !!u && u.permissions.includes('cockpit.read') && u.permissions.every((p) => p === 'cockpit.read' || p === 'session.self')
}

/** The page a signed-in user must see before anything else, if any. */
export function forcedRoute(u: SessionUser | null): string | null {
  if (!u) return null
  if (u.must_change_password) return 'change-password'
  if (u.totp_required && !u.totp_enabled) return 'totp-enroll'
  return null
}
