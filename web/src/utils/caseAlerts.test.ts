import { describe, it, expect } from 'vitest'
import {
  AlertConnection, alertMessage, backoffDelay, parseAlert, type CaseAlert, type ConnectionState,
  type EventSourceLike, type TimerApi,
} from './caseAlerts'

describe('parseAlert', () => {
  it('reads an urgent request, and its message says so', () => {
    const a = parseAlert('assignment', JSON.stringify({ case_id: 9, case_no: 'HJ2026-000009', category: 'domestic_violence', night_clinic: false, urgent: true, at: 'x' }))
    expect(a?.urgent).toBe(true)
    expect(alertMessage(a!, (c) => c).key).toBe('cases.alerts.urgent')
    expect(parseAlert('assignment', JSON.stringify({ case_id: 9, case_no: 'HJ2026-000009' }))?.urgent).toBeUndefined()
  })
  it('reads an assignment of the night clinic as the server sends it', () => {
    const a = parseAlert('assignment', '{"case_id":42,"case_no":"HJ2026-000042","category":"child_support","night_clinic":true,"at":"2026-11-28T21:30:00+08:00"}')
    expect(a).toEqual({ kind: 'assignment', case_id: 42, case_no: 'HJ2026-000042', category: 'child_support', night_clinic: true, at: '2026-11-28T21:30:00+08:00' })
  })
  it('reads the supervision card and level of an escalation', () => {
    const a = parseAlert('escalation', JSON.stringify({ case_id: 7, case_no: 'HJ2026-000007', category: 'marriage', night_clinic: false, at: 'x', supervision: 'red', level: 'city' }))
    expect(a?.kind).toBe('escalation')
    expect(a?.supervision).toBe('red')
    expect(a?.level).toBe('city')
    expect(a?.rerouted).toBe(false)
    const moved = parseAlert('escalation', JSON.stringify({ case_id: 8, case_no: 'HJ2026-000008', level: 'town', rerouted: true }))
    expect(moved?.supervision).toBeNull()
    expect(moved?.rerouted).toBe(true)
  })
  it('refuses unknown events, broken JSON and events without a case', () => {
    expect(parseAlert('message', '{"case_id":1,"case_no":"HJ"}')).toBeNull()
    expect(parseAlert('assignment', '{not json')).toBeNull()
    expect(parseAlert('assignment', '[1,2]')).toBeNull()
    expect(parseAlert('assignment', '{"case_no":"HJ2026-000001"}')).toBeNull()
    expect(parseAlert('assignment', '{"case_id":-3,"case_no":"HJ2026-000001"}')).toBeNull()
    expect(parseAlert('assignment', '{"case_id":3}')).toBeNull()
  })
  it('reads the applicant\'s reply from the portal, which carries no word of it', () => {
    const a = parseAlert('reply', '{"case_id":12,"case_no":"HJ2026-000012","category":"marriage","night_clinic":false,"at":"x"}')
    expect(a?.kind).toBe('reply')
    expect(a?.case_id).toBe(12)
  })
  it('treats anything but true as not the night clinic', () => {
    expect(parseAlert('assignment', '{"case_id":3,"case_no":"HJ2026-000003","night_clinic":"yes"}')?.night_clinic).toBe(false)
  })
})

describe('backoffDelay', () => {
  const mid = () => 0.5 // no jitter
  it('doubles from one second and stops at a minute', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 20].map((n) => backoffDelay(n, mid))).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000])
  })
  it('spreads the delay by at most a fifth either way, never above the cap', () => {
    expect(backoffDelay(2, () => 0)).toBe(3200)
    expect(backoffDelay(2, () => 1)).toBe(4800)
    expect(backoffDelay(10, () => 1)).toBe(60000)
    expect(backoffDelay(10, () => 0)).toBe(48000)
  })
})

describe('alertMessage', () => {
  const label = (c: string) => ({ child_support: '抚养与探望' } as Record<string, string>)[c] ?? c
  const base: CaseAlert = { kind: 'assignment', case_id: 1, case_no: 'HJ2026-000001', category: 'child_support', night_clinic: true, at: '' }
  it('names the night clinic when it took the request', () => {
    expect(alertMessage(base, label)).toEqual({ key: 'cases.alerts.assignedNight', params: { case_no: 'HJ2026-000001', category: '抚养与探望' } })
    expect(alertMessage({ ...base, night_clinic: false }, label).key).toBe('cases.alerts.assigned')
  })
  it('tells a red card from a yellow one', () => {
    expect(alertMessage({ ...base, kind: 'escalation', supervision: 'red' }, label).key).toBe('cases.alerts.escalationRed')
    expect(alertMessage({ ...base, kind: 'escalation', supervision: 'yellow' }, label).key).toBe('cases.alerts.escalationYellow')
    expect(alertMessage({ ...base, kind: 'escalation', supervision: null, rerouted: true }, label).key).toBe('cases.alerts.rerouted')
    expect(alertMessage({ ...base, kind: 'escalation', supervision: null }, label).key).toBe('cases.alerts.nightUnopened')
  })
  it('says the applicant replied', () => {
    expect(alertMessage({ ...base, kind: 'reply' }, label)).toEqual({ key: 'cases.alerts.reply', params: { case_no: 'HJ2026-000001', category: '抚养与探望' } })
  })
})

// A stand-in for EventSource and the timers, driven by the test.
class FakeSource implements EventSourceLike {
  onopen: ((ev: unknown) => void) | null = null
  onerror: ((ev: unknown) => void) | null = null
  closed = false
  listeners: Record<string, ((ev: { data: string }) => void)[]> = {}
  constructor(readonly url: string) {}
  addEventListener(type: string, fn: (ev: { data: string }) => void) {
    ;(this.listeners[type] ??= []).push(fn)
  }
  close() { this.closed = true }
  emit(type: string, data: string) { for (const fn of this.listeners[type] ?? []) fn({ data }) }
}

function harness() {
  const sources: FakeSource[] = []
  const pending: { fn: () => void; ms: number; handle: number }[] = []
  let next = 1
  const timers: TimerApi = {
    setTimeout: (fn, ms) => { const handle = next++; pending.push({ fn, ms, handle }); return handle },
    clearTimeout: (h) => { const i = pending.findIndex((p) => p.handle === h); if (i >= 0) pending.splice(i, 1) },
  }
  const alerts: CaseAlert[] = []
  const states: [ConnectionState, number | undefined][] = []
  const conn = new AlertConnection({
    url: '/api/v1/cases/stream',
    create: (url) => { const s = new FakeSource(url); sources.push(s); return s },
    onAlert: (a) => alerts.push(a),
    onState: (s, ms) => states.push([s, ms]),
    timers,
    random: () => 0.5,
  })
  const fire = () => { const p = pending.shift(); p?.fn(); return p?.ms }
  return { sources, pending, alerts, states, conn, fire }
}

const event = (id: number, at = '2026-11-28T21:30:00+08:00') =>
  JSON.stringify({ case_id: id, case_no: `HJ2026-${String(id).padStart(6, '0')}`, category: 'child_support', night_clinic: true, at })

describe('AlertConnection', () => {
  it('delivers assignments from the stream it opened', () => {
    const h = harness()
    h.conn.start()
    expect(h.sources).toHaveLength(1)
    expect(h.sources[0].url).toBe('/api/v1/cases/stream')
    h.sources[0].onopen?.({})
    h.sources[0].emit('assignment', event(5))
    h.sources[0].emit('assignment', 'garbage')
    expect(h.alerts.map((a) => a.case_id)).toEqual([5])
    expect(h.states.map((s) => s[0])).toEqual(['connecting', 'open'])
  })

  it('reconnects after errors with a growing wait, and starts over after a good open', () => {
    const h = harness()
    h.conn.start()
    h.sources[0].onerror?.({})
    expect(h.sources[0].closed).toBe(true)
    expect(h.fire()).toBe(1000)
    expect(h.sources).toHaveLength(2)
    h.sources[1].onerror?.({})
    expect(h.fire()).toBe(2000)
    h.sources[2].onerror?.({})
    expect(h.fire()).toBe(4000)
    expect(h.conn.failures).toBe(3)
    h.sources[3].onopen?.({})
    expect(h.conn.failures).toBe(0)
    h.sources[3].onerror?.({}) // the server ended the stream: back quickly
    expect(h.fire()).toBe(1000)
    expect(h.sources).toHaveLength(5)
  })

  it('shows one delivery of the same event once, but a new assignment of the same case again', () => {
    const h = harness()
    h.conn.start()
    h.sources[0].emit('assignment', event(9))
    h.sources[0].onerror?.({})
    h.fire()
    h.sources[1].emit('assignment', event(9))
    h.sources[1].emit('assignment', event(9, '2026-11-29T09:00:00+08:00'))
    expect(h.alerts).toHaveLength(2)
  })

  it('stops for good: no reconnect is left pending and a late event from the old stream is ignored', () => {
    const h = harness()
    h.conn.start()
    h.sources[0].onerror?.({})
    expect(h.pending).toHaveLength(1)
    h.conn.stop()
    expect(h.pending).toHaveLength(0)
    expect(h.conn.started).toBe(false)
    h.conn.start()
    const old = h.sources[0]
    old.emit('assignment', event(11))
    old.onerror?.({})
    expect(h.alerts).toHaveLength(0)
    expect(h.pending).toHaveLength(0)
    h.conn.stop()
    expect(h.sources[1].closed).toBe(true)
  })

  it('opens one stream however often it is started', () => {
    const h = harness()
    h.conn.start()
    h.conn.start()
    expect(h.sources).toHaveLength(1)
  })
})
