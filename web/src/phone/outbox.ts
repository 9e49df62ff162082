// The outbox: visits recorded on the phone, kept sealed in IndexedDB (vault.ts) until uploaded.
// Uploads go oldest first. An answer of 201 (made) or 200 (replayed: that client_id was already
// uploaded by this account, the same visit) removes the item; a refusal (another 4xx) stays on
// the item with the server's message for her to correct or discard, and the next item is tried;
// no answer (no signal, the server down, the session to be renewed) keeps everything for the next
// try and stops this one.
import { reactive } from 'vue'
import { ApiError } from '@/api/client'
import { visitApi, type Visit } from '@/api/visits'
import { visitBody, type VisitDraft } from './visitForm'
import { db, keyFor, open, seal, Unreadable, type OutboxRecord } from './vault'

export interface OutboxItem {
  seq: number
  client_id: string
  created_at: string
  /** null: sealed under a key that is gone (signed out) */
  draft: VisitDraft | null
  error?: OutboxRecord['error']
  tries: number
}

/** What the screens show: how many wait, how many were refused, whether a sync is running. */
export const outbox = reactive({ count: 0, refused: 0, syncing: false, lastSyncAt: null as string | null })

async function refresh(): Promise<void> {
  const all = await (await db()).getAll('outbox')
  outbox.count = all.length
  outbox.refused = all.filter((r) => r.error).length
}

/** Puts a finished draft in the outbox, sealed under the user's device key. */
export async function enqueue(userId: number, draft: VisitDraft): Promise<number> {
  const key = await keyFor(userId)
  const rec: OutboxRecord = { client_id: draft.client_id, created_at: new Date().toISOString(), sealed: await seal(key, draft), tries: 0 }
  const seq = await (await db()).add('outbox', rec)
  await refresh()
  return seq
}

/** Every item, oldest first, opened; an item that no longer opens has draft null. */
export async function outboxItems(): Promise<OutboxItem[]> {
  const all = await (await db()).getAll('outbox')
  const out: OutboxItem[] = []
  for (const r of all) {
    let draft: VisitDraft | null = null
    try {
      draft = await open<VisitDraft>(r.sealed)
    } catch (e) {
      if (!(e instanceof Unreadable)) throw e
    }
    out.push({ seq: r.seq!, client_id: r.client_id, created_at: r.created_at, draft, error: r.error, tries: r.tries })
  }
  return out.sort((a, b) => a.seq - b.seq)
}

/** Drops an item (she discards it). */
export async function discard(seq: number): Promise<void> {
  await (await db()).delete('outbox', seq)
  await refresh()
}

/** Replaces an item's draft after she corrected it: same place in the line, same client_id, the
 *  refusal cleared. */
export async function correct(userId: number, seq: number, draft: VisitDraft): Promise<void> {
  const d = await db()
  const rec = await d.get('outbox', seq)
  if (!rec) return
  const key = await keyFor(userId)
  await d.put('outbox', { ...rec, sealed: await seal(key, { ...draft, client_id: rec.client_id }), error: undefined })
  await refresh()
}

/** An answer that says nothing about the visit itself: keep it and try again later. */
export function worthRetrying(e: unknown): boolean {
  if (!(e instanceof ApiError)) return true
  return e.status === 0 || e.status >= 500 || e.status === 401 || e.status === 403 || e.status === 408 || e.status === 429
}

export interface SyncResult {
  sent: Visit[]
  refused: number
  /** stopped on an answer worth retrying (no signal): the rest is kept */
  stopped: boolean
}

export type Upload = (draft: VisitDraft) => Promise<Visit>
const upload: Upload = (draft) => visitApi.create(visitBody(draft))

let running: Promise<SyncResult> | null = null

/** Uploads the outbox oldest first (one run at a time: a second call joins the first). */
export function syncOutbox(send: Upload = upload): Promise<SyncResult> {
  return (running ??= run(send).finally(() => {
    running = null
  }))
}

async function run(send: Upload): Promise<SyncResult> {
  outbox.syncing = true
  const result: SyncResult = { sent: [], refused: 0, stopped: false }
  try {
    for (const item of await outboxItems()) {
      if (item.error || !item.draft) continue // waits for her: corrected, or discarded
      const d = await db()
      try {
        result.sent.push(await send(item.draft))
        await d.delete('outbox', item.seq)
      } catch (e) {
        const rec = await d.get('outbox', item.seq)
        if (!rec) continue
        rec.tries += 1
        if (worthRetrying(e)) {
          await d.put('outbox', rec)
          result.stopped = true
          break
        }
        const err = e as ApiError
        rec.error = { status: err.status, code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) }
        await d.put('outbox', rec)
        result.refused += 1
      }
    }
    outbox.lastSyncAt = new Date().toISOString()
    return result
  } finally {
    outbox.syncing = false
    await refresh()
  }
}

/** Reads the counts again (at start). */
export const refreshOutbox = refresh
