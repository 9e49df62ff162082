// When the outbox is uploaded: on the phone's start, on the browser's `online` event, and on the
// 同步 button; with no signal nothing is tried. Back online, a session restored offline is renewed
// first (its CSRF token); an expired one sends her to the sign-in page (the client's handler),
// the outbox kept under her key for after.
import { reactive } from 'vue'
import { session } from '@/stores/session'
import { renewSession } from './identity'
import { syncOutbox, type SyncResult } from './outbox'

export const net = reactive({ online: typeof navigator === 'undefined' ? true : navigator.onLine })

export async function syncNow(): Promise<SyncResult | null> {
  net.online = navigator.onLine
  if (!net.online || !session.user) return null
  try {
    if (!(await renewSession())) return null
  } catch {
    return null
  }
  return syncOutbox()
}

let installed = false
/** Follows the browser's online/offline events (once), syncing when the signal comes back. */
export function watchNetwork(onSynced: (r: SyncResult) => void): void {
  if (installed) return
  installed = true
  window.addEventListener('offline', () => { net.online = false })
  window.addEventListener('online', () => {
    net.online = true
    void syncNow().then((r) => r && onSynced(r))
  })
}
