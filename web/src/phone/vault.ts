// The phone's locked drawer (IndexedDB, through idb): one AES-GCM key made on this device by
// WebCrypto, not extractable (the browser uses it but never hands its bytes out), and everything
// of the grid sister's kept here sealed under it — the visits waiting to be uploaded (outbox.ts),
// her due list and who she is, for reading with no signal. Signing out deletes the key and all the
// rest: whatever might be left is unreadable. Signing in as someone else does the same.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb'

/** A sealed value: the nonce and the AES-GCM ciphertext (with its tag). */
export interface Sealed {
  iv: Uint8Array<ArrayBuffer>
  data: ArrayBuffer
}

export interface OutboxRecord {
  /** increasing: the outbox uploads the oldest first */
  seq?: number
  /** the visit's id made on the phone when the draft was created; the server answers a retried
   *  upload with the visit it already made */
  client_id: string
  created_at: string
  sealed: Sealed
  /** the server refused it (4xx): shown on the item until she corrects or discards it */
  error?: { status: number; code: string; message: string; field?: string }
  tries: number
}

interface PhoneDB extends DBSchema {
  keys: { key: string; value: { key: CryptoKey; user_id: number } }
  outbox: { key: number; value: OutboxRecord }
  cache: { key: string; value: Sealed }
}

export const DB_NAME = 'hejia-phone'
let dbPromise: Promise<IDBPDatabase<PhoneDB>> | null = null

export function db(): Promise<IDBPDatabase<PhoneDB>> {
  return (dbPromise ??= openDB<PhoneDB>(DB_NAME, 1, {
    upgrade(d) {
      d.createObjectStore('keys')
      d.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true })
      d.createObjectStore('cache')
    },
  }))
}

/** Thrown when the key is gone (signed out) or a value does not open under it. */
export class Unreadable extends Error {
  constructor() {
    super('unreadable')
    this.name = 'Unreadable'
  }
}

const KEY = 'main'

/** The device key of this user, made on first use; a key of another user is forgotten first,
 *  with everything sealed under it. */
export async function keyFor(userId: number): Promise<CryptoKey> {
  const d = await db()
  const stored = await d.get('keys', KEY)
  if (stored && stored.user_id === userId) return stored.key
  if (stored) await forgetDevice()
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt'])
  await d.put('keys', { key, user_id: userId }, KEY)
  return key
}

/** The key kept on this device, if any, and whose it is. */
export async function currentKey(): Promise<{ key: CryptoKey; user_id: number } | null> {
  return (await (await db()).get('keys', KEY)) ?? null
}

export async function seal(key: CryptoKey, value: unknown): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12))
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(JSON.stringify(value)))
  return { iv, data }
}

/** Opens a sealed value with the device's key; Unreadable when the key is gone or not its key. */
export async function open<T>(sealed: Sealed, key?: CryptoKey | null): Promise<T> {
  const k = key ?? (await currentKey())?.key
  if (!k) throw new Unreadable()
  try {
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv }, k, sealed.data)
    return JSON.parse(new TextDecoder().decode(plain)) as T
  } catch {
    throw new Unreadable()
  }
}

/** Keeps a value sealed under the current key (nothing when there is no key). */
export async function cachePut(name: string, value: unknown): Promise<void> {
  const k = await currentKey()
  if (!k) return
  await (await db()).put('cache', await seal(k.key, value), name)
}

/** A cached value, or null when missing or unreadable. */
export async function cacheGet<T>(name: string): Promise<T | null> {
  const sealed = await (await db()).get('cache', name)
  if (!sealed) return null
  try {
    return await open<T>(sealed)
  } catch {
    return null
  }
}

/** Deletes the key only: whatever is sealed under it can no longer be read. */
export async function deleteKey(): Promise<void> {
  await (await db()).delete('keys', KEY)
}

/** Sign-out: the key, the outbox and the cache, all gone. */
export async function forgetDevice(): Promise<void> {
  const d = await db()
  const tx = d.transaction(['keys', 'outbox', 'cache'], 'readwrite')
  await Promise.all([tx.objectStore('keys').clear(), tx.objectStore('outbox').clear(), tx.objectStore('cache').clear(), tx.done])
}

/** For tests: closes the connection so that a fresh database can be opened. */
export async function closeForTests(): Promise<void> {
  if (dbPromise) (await dbPromise).close()
  dbPromise = null
}
