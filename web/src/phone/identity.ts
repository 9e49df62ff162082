// Who uses this phone, for opening the grid sister's pages with no signal: at sign-in (online) her
// account's public facts are kept sealed under the device key (vault.ts); with no answer from the
// server on start, they stand in for the session — only the phone's pages open then, and nothing
// is sent until the session is renewed online. Signing out forgets them with the key.
import { sessionApi } from '@/api/session'
import { isApiError } from '@/api/client'
import type { SessionUser } from '@/api/types'
import { applySession, clearSession, session } from '@/stores/session'
import { cacheGet, cachePut, forgetDevice, keyFor } from './vault'

const ME = 'me'

/** A grid sister on a phone-sized screen lives in the phone's pages (/m). */
export function phoneHome(user: SessionUser | null): boolean {
  if (!user || user.role !== 'grid_sister' || !user.permissions.includes('visit.write')) return false
  return typeof window !== 'undefined' && !!window.matchMedia?.('(max-width: 767px)').matches
}

/** Keeps who is signed in, sealed, for opening offline. */
export async function rememberMe(user: SessionUser): Promise<void> {
  await keyFor(Number(user.id))
  await cachePut(ME, user)
}

/** With no signal: the grid sister last signed in on this phone, if her key is still here. */
export async function restoreOffline(): Promise<boolean> {
  const me = await cacheGet<SessionUser>(ME).catch(() => null)
  if (!me || me.role !== 'grid_sister') return false
  session.user = me
  session.offline = true
  return true
}

/** Back online: the real session (and its CSRF token) again. True when signed in; a session that
 *  expired is handled by the client (the sign-in page); no answer keeps the offline user. */
export async function renewSession(): Promise<boolean> {
  if (!session.offline) return !!session.user
  try {
    applySession(await sessionApi.current())
    return true
  } catch (e) {
    if (isApiError(e, 'network_error')) return false
    throw e
  }
}

/** Sign-out on this phone: the server's session, then the key and all kept here. */
export async function signOutPhone(): Promise<void> {
  try {
    await sessionApi.signOut()
  } catch {
    // the session may already be gone, or no signal: sign out here regardless
  }
  await forgetDevice()
  clearSession()
}
