// Quick exit (快速离开): someone may walk in while she is on the portal. One tap, or Esc twice,
// replaces the page with a harmless built-in one (no third-party site: the CSP forbids any
// outside request), forgets everything the portal kept, and leaves no new history entry.
import { clearDrafts } from './store'

export const NEUTRAL_PATH = '/life/weather'
const PREFIX = 'hejia.portal.'

function clearStorage(storage: Storage | undefined): void {
  if (!storage) return
  const keys: string[] = []
  for (let i = 0; i < storage.length; i++) {
    const k = storage.key(i)
    if (k && k.startsWith(PREFIX)) keys.push(k)
  }
  for (const k of keys) storage.removeItem(k)
}

export function quickExit(): void {
  clearDrafts()
  try {
    clearStorage(window.sessionStorage)
    clearStorage(window.localStorage)
  } catch {
    // storage unavailable: nothing was kept
  }
  document.title = ''
  window.location.replace(NEUTRAL_PATH)
}

/** Esc pressed twice within `windowMs` leaves. Returns the function that stops listening. */
export function bindEscapeTwice(onExit: () => void = quickExit, windowMs = 1500): () => void {
  let last = 0
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return
    const now = Date.now()
    if (now - last <= windowMs) {
      last = 0
      onExit()
    } else {
      last = now
    }
  }
  window.addEventListener('keydown', onKey)
  return () => window.removeEventListener('keydown', onKey)
}
