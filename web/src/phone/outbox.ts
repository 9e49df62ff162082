// The outbox: visits recorded on the phone, kept sealed in IndexedDB (vault.ts) until uploaded.
// Everything waiting goes up in one request (POST /visits/batch, at most 200 a request, oldest
// first); a server without that route (404 or 405) is sent each visit on its own (POST /visits),
// oldest first, as before. Per visit: created or replayed (that client_id was already uploaded by
// this account, the same visit) removes the item; a refusal stays on the item with the server's
// message for her to correct or discard, and the others go on; no answer (no signal, the server
// down, the session to be renewed) keeps everything for the next try and stops this one.
import { reactive } from 'vue'
import { ApiError } from '@/api/client'
import { BATCH_MAX, visitApi, type BatchAnswer, type BatchResult, type Visit, type VisitBody } from '@/api/visits'
import { visitBody, type VisitDraft } from './visitForm'
import { db, keyFor, open, seal, Unreadable, type OutboxRecord } from './vault'
import { situationCodes } from './situations'

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

/** A visit uploaded: the server's id, and the case it opened when the answer says (a batch's
 *  answer does not: read the visit for it). */
export interface Sent {
  client_id: string
  id: number
  replayed: boolean
  case_id?: number | null
}

export interface SyncResult {
  sent: Sent[]
  refused: number
  /** stopped on an answer worth retrying (no signal): the rest is kept */
  stopped: boolean
}

export type Upload = (draft: VisitDraft) => Promise<Visit>
/** Several visits in one request: POST /visits/batch. */
export type BatchUpload = (bodies: VisitBody[]) => Promise<BatchAnswer>
const upload: Upload = (draft) => visitApi.create(visitBody(draft, situationCodes()))
const uploadBatch: BatchUpload = (bodies) => visitApi.batch(bodies)

/** The server has no batch route (an older one): this page sends one visit at a time. */
let batchMissing = false
/** For tests: forget that the batch route was missing. */
export function resetBatchSupport(): void {
  batchMissing = false
}

let running: Promise<SyncResult> | null = null

/**
 * Uploads the outbox (one run at a time: a second call joins the first). With `batch` (the
 * default when `send` is), everything waiting goes in batches; without, or when the server has
 * no batch route, each visit on its own with `send`.
 */
export function syncOutbox(send: Upload = upload, batch: BatchUpload | null = send === upload ? uploadBatch : null): Promise<SyncResult> {
  return (running ??= run(send, batch).finally(() => {
    running = null
  }))
}

type Ready = OutboxItem & { draft: VisitDraft }

async function run(send: Upload, batch: BatchUpload | null): Promise<SyncResult> {
  outbox.syncing = true
  const result: SyncResult = { sent: [], refused: 0, stopped: false }
  try {
    // waiting for her (refused: corrected or discarded) or unreadable: not sent
    let ready = (await outboxItems()).filter((i): i is Ready => !i.error && !!i.draft)
    if (batch && !batchMissing) ready = await runBatches(batch, ready, result)
    if (!result.stopped) await runOneByOne(send, ready, result)
    outbox.lastSyncAt = new Date().toISOString()
    return result
  } finally {
    outbox.syncing = false
    await refresh()
  }
}

/** The server's refusal, kept on the item. */
function refusal(status: number, e: { code: string; message: string; field?: string }): NonNullable<OutboxRecord['error']> {
  return { status, code: e.code, message: e.message, ...(e.field ? { field: e.field } : {}) }
}
/** The status a batch's per-visit error stands for (shown like a single upload's answer). */
function statusOf(code: string): number {
  return ({ not_found: 404, conflict: 409, forbidden: 403, rate_limited: 429 } as Record<string, number>)[code] ?? (code === 'internal' ? 500 : 400)
}

/** Uploads in batches; gives back what is left to send one by one (everything, when the server
 *  has no batch route; nothing otherwise). */
async function runBatches(batch: BatchUpload, ready: Ready[], result: SyncResult): Promise<Ready[]> {
  for (let start = 0; start < ready.length; start += BATCH_MAX) {
    const chunk = ready.slice(start, start + BATCH_MAX)
    let answer: BatchAnswer
    try {
      answer = await batch(chunk.map((i) => visitBody(i.draft, situationCodes())))
    } catch (e) {
      if (e instanceof ApiError && (e.status === 404 || e.status === 405)) {
        batchMissing = true
        return ready.slice(start)
      }
      const d = await db()
      for (const item of chunk) {
        const rec = await d.get('outbox', item.seq)
        if (rec) await d.put('outbox', { ...rec, tries: rec.tries + 1 })
      }
      if (worthRetrying(e)) {
        result.stopped = true
        return []
      }
      // the request itself refused (not one visit): each on its own says which
      return ready.slice(start)
    }
    const byClient = new Map<string, BatchResult>(answer.results.map((r) => [r.client_id, r]))
    const d = await db()
    for (const item of chunk) {
      const r = byClient.get(item.client_id)
      const rec = await d.get('outbox', item.seq)
      if (!rec) continue
      if (r && (r.status === 'created' || r.status === 'replayed') && r.id !== undefined) {
        result.sent.push({ client_id: item.client_id, id: r.id, replayed: r.status === 'replayed' })
        await d.delete('outbox', item.seq)
        continue
      }
      rec.tries += 1
      const status = r?.error ? statusOf(r.error.code) : 0
      if (r?.status === 'error' && r.error && !(status >= 500 || status === 429)) {
        rec.error = refusal(status, r.error)
        result.refused += 1
      }
      // no answer for it, or a passing trouble: kept for the next try
      await d.put('outbox', rec)
    }
  }
  return []
}

/** Uploads one visit at a time, oldest first. */
async function runOneByOne(send: Upload, ready: Ready[], result: SyncResult): Promise<void> {
  for (const item of ready) {
    const d = await db()
    try {
      const v = await send(item.draft)
      result.sent.push({ client_id: item.client_id, id: v.id, replayed: !!v.replayed, case_id: v.case_id })
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
      rec.error = refusal(err.status, err)
      await d.put('outbox', rec)
      result.refused += 1
    }
  }
}

/** Reads the counts again (at start). */
export const refreshOutbox = refresh
