import { describe, it, expect, beforeEach } from 'vitest'
import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { ApiError } from '@/api/client'
import type { BatchAnswer, Visit, VisitBody } from '@/api/visits'
import { emptyDraft, type VisitDraft } from './visitForm'
import { closeForTests, currentKey, db, deleteKey, forgetDevice, keyFor, open, seal, Unreadable, cachePut, cacheGet } from './vault'
import { enqueue, outbox, outboxItems, syncOutbox, correct, discard, resetBatchSupport } from './outbox'

const SISTER = 7
function draft(over: Partial<VisitDraft> = {}): VisitDraft {
  return { ...emptyDraft(Date.parse('2026-05-01T10:00:00+08:00')), household_id: 42, household_label: '张* · 和平路**号', situations: ['hardship'], findings: '夫妻争吵，已劝解', ...over }
}
const visit = (id: number, replayed: boolean) => ({ id, replayed }) as unknown as Visit
const offline = () => new ApiError(0, { code: 'network_error', message: 'Failed to fetch' })

beforeEach(async () => {
  resetBatchSupport()
  await closeForTests()
  globalThis.indexedDB = new IDBFactory()
})

describe('the vault', () => {
  it('seals and opens a value (AES-GCM under a key the browser will not hand out)', async () => {
    const key = await keyFor(SISTER)
    expect(key.extractable).toBe(false)
    const sealed = await seal(key, { findings: '彩礼' })
    expect(new TextDecoder().decode(sealed.data)).not.toContain('彩礼')
    expect(await open(sealed)).toEqual({ findings: '彩礼' })
    // the key survives in IndexedDB (a clone of the same key): a value sealed before still opens
    expect(await open(sealed, await keyFor(SISTER))).toEqual({ findings: '彩礼' })
  })

  it('a value sealed under another key does not open', async () => {
    const sealed = await seal(await keyFor(SISTER), 'x')
    const other = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt'])
    await expect(open(sealed, other)).rejects.toBeInstanceOf(Unreadable)
  })

  it('another user signing in on the device forgets the first one\'s key and drafts', async () => {
    await enqueue(SISTER, draft())
    await cachePut('due', [1, 2])
    await keyFor(SISTER + 1)
    expect(await (await db()).count('outbox')).toBe(0)
    expect(await cacheGet('due')).toBeNull()
    expect((await currentKey())?.user_id).toBe(SISTER + 1)
  })
})

describe('the outbox', () => {
  it('keeps a draft sealed and gives it back whole, oldest first', async () => {
    const a = draft({ people_met: '户主' })
    const b = draft({ people_met: '户主之妻' })
    await enqueue(SISTER, a)
    await enqueue(SISTER, b)
    const raw = await (await db()).getAll('outbox')
    expect(JSON.stringify(raw)).not.toContain('劝解')
    const items = await outboxItems()
    expect(items.map((i) => i.draft)).toEqual([a, b])
    expect(items.map((i) => i.client_id)).toEqual([a.client_id, b.client_id])
    expect(outbox.count).toBe(2)
  })

  it('a network failure keeps everything; the retried upload answered 200 replayed removes exactly that item', async () => {
    const first = draft()
    const second = draft()
    await enqueue(SISTER, first)
    await enqueue(SISTER, second)
    const sent: string[] = []
    const failing = async (d: VisitDraft) => {
      sent.push(d.client_id)
      throw offline()
    }
    const r1 = await syncOutbox(failing)
    expect(r1.stopped).toBe(true)
    expect(sent).toEqual([first.client_id]) // stopped at the first: the rest waits
    expect((await outboxItems()).map((i) => i.tries)).toEqual([1, 0])
    // the first upload had reached the server before the signal went: the retry is answered
    // 200 replayed (the same visit); the second finds no signal again
    let calls = 0
    const r2 = await syncOutbox(async (d) => {
      calls += 1
      if (d.client_id === first.client_id) return visit(501, true)
      throw offline()
    })
    expect(calls).toBe(2)
    expect(r2.sent).toEqual([{ client_id: first.client_id, id: 501, replayed: true }])
    const left = await outboxItems()
    expect(left.map((i) => i.client_id)).toEqual([second.client_id])
    expect(outbox.count).toBe(1)
  })

  it('a 400 keeps the item with the server\'s message, and the next one is still sent', async () => {
    const bad = draft()
    const good = draft()
    await enqueue(SISTER, bad)
    await enqueue(SISTER, good)
    const r = await syncOutbox(async (d) => {
      if (d.client_id === bad.client_id) throw new ApiError(400, { code: 'invalid', message: '五必访须选择至少一种情形 / a must-visit names at least one situation', field: 'situations' })
      return visit(9, false)
    })
    expect(r.refused).toBe(1)
    const left = await outboxItems()
    expect(left).toHaveLength(1)
    expect(left[0].client_id).toBe(bad.client_id)
    expect(left[0].error).toMatchObject({ status: 400, field: 'situations', message: expect.stringContaining('五必访') })
    expect(outbox.refused).toBe(1)
    // a refused item waits for her: the next sync does not send it again
    let again = 0
    await syncOutbox(async () => { again += 1; return visit(10, false) })
    expect(again).toBe(0)
    // corrected: same client_id, the refusal cleared, sent next time
    await correct(SISTER, left[0].seq, { ...left[0].draft!, situations: ['illness_or_loss'], client_id: 'ignored' })
    const fixed = await outboxItems()
    expect(fixed[0].error).toBeUndefined()
    expect(fixed[0].draft?.client_id).toBe(bad.client_id)
    await syncOutbox(async () => visit(11, false))
    expect(await outboxItems()).toEqual([])
  })

  it('a discarded item is gone', async () => {
    const seq = await enqueue(SISTER, draft())
    await discard(seq)
    expect(outbox.count).toBe(0)
  })

  it('with the key deleted at sign-out the drafts are unreadable, and sign-out removes them too', async () => {
    await enqueue(SISTER, draft())
    await cachePut('due', [{ head_name: '张*' }])
    await deleteKey()
    const items = await outboxItems()
    expect(items).toHaveLength(1)
    expect(items[0].draft).toBeNull()
    expect(await cacheGet('due')).toBeNull()
    // nothing unreadable is sent
    let calls = 0
    await syncOutbox(async () => { calls += 1; return visit(1, false) })
    expect(calls).toBe(0)
    // a new key made later does not open the old drafts either
    await keyFor(SISTER)
    expect((await outboxItems())[0].draft).toBeNull()
    await forgetDevice()
    expect(await outboxItems()).toEqual([])
    expect(await currentKey()).toBeNull()
  })
})

describe('the outbox in one request (POST /visits/batch)', () => {
  const answer = (results: BatchAnswer['results']): BatchAnswer => ({
    results, created: results.filter((r) => r.status === 'created').length,
    replayed: results.filter((r) => r.status === 'replayed').length, failed: results.filter((r) => r.status === 'error').length,
  })
  const never = async (): Promise<Visit> => { throw new Error('sent one by one') }

  it('sends everything waiting at once, oldest first; created and replayed go, a refused one stays with its message', async () => {
    const a = draft(); const b = draft(); const c = draft()
    for (const d of [a, b, c]) await enqueue(SISTER, d)
    const requests: VisitBody[][] = []
    const r = await syncOutbox(never, async (bodies) => {
      requests.push(bodies)
      return answer([
        { client_id: a.client_id, status: 'created', id: 1 },
        { client_id: b.client_id, status: 'replayed', id: 2 },
        { client_id: c.client_id, status: 'error', error: { code: 'validation_failed', message: '五必访须选择至少一种情形', field: 'situations' } },
      ])
    })
    expect(requests).toHaveLength(1)
    expect(requests[0].map((x) => x.client_id)).toEqual([a.client_id, b.client_id, c.client_id])
    expect(requests[0][0]).toMatchObject({ household_id: 42, situations: 'hardship' })
    expect(r.sent).toEqual([{ client_id: a.client_id, id: 1, replayed: false }, { client_id: b.client_id, id: 2, replayed: true }])
    expect(r.refused).toBe(1)
    const left = await outboxItems()
    expect(left.map((i) => i.client_id)).toEqual([c.client_id])
    expect(left[0].error).toMatchObject({ status: 400, code: 'validation_failed', field: 'situations' })
    expect(outbox).toMatchObject({ count: 1, refused: 1 })
  })

  it('more than 200 go in several requests', async () => {
    for (let i = 0; i < 201; i++) await enqueue(SISTER, draft())
    const sizes: number[] = []
    const r = await syncOutbox(never, async (bodies) => {
      sizes.push(bodies.length)
      return answer(bodies.map((x, i) => ({ client_id: x.client_id, status: 'created' as const, id: i + 1 })))
    })
    expect(sizes).toEqual([200, 1])
    expect(r.sent).toHaveLength(201)
    expect(outbox.count).toBe(0)
  })

  it('no signal keeps everything (one more try each) and stops', async () => {
    await enqueue(SISTER, draft())
    await enqueue(SISTER, draft())
    const r = await syncOutbox(never, async () => { throw offline() })
    expect(r).toMatchObject({ stopped: true, refused: 0, sent: [] })
    expect((await outboxItems()).map((i) => [i.tries, i.error])).toEqual([[1, undefined], [1, undefined]])
  })

  it('a server without the batch route (404 or 405) is sent each visit on its own, and not asked again', async () => {
    for (const missing of [404, 405]) {
      resetBatchSupport()
      const a = draft(); const b = draft()
      await enqueue(SISTER, a)
      await enqueue(SISTER, b)
      let batches = 0
      const one: string[] = []
      const batch = async (): Promise<BatchAnswer> => {
        batches += 1
        throw new ApiError(missing, { code: missing === 404 ? 'not_found' : 'method_not_allowed', message: 'no' })
      }
      const r = await syncOutbox(async (d) => { one.push(d.client_id); return visit(one.length, false) }, batch)
      expect(one).toEqual([a.client_id, b.client_id])
      expect(r.sent.map((s) => s.client_id)).toEqual([a.client_id, b.client_id])
      expect(outbox.count).toBe(0)
      await enqueue(SISTER, draft())
      await syncOutbox(async () => visit(9, false), batch)
      expect(batches).toBe(1)
    }
  })

  it('a per-visit passing trouble (internal) keeps the item unrefused for the next try', async () => {
    const a = draft()
    await enqueue(SISTER, a)
    const r = await syncOutbox(never, async () => answer([{ client_id: a.client_id, status: 'error', error: { code: 'internal', message: 'x' } }]))
    expect(r.refused).toBe(0)
    const left = await outboxItems()
    expect(left[0]).toMatchObject({ tries: 1, error: undefined })
  })
})
