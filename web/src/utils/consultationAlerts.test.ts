import { describe, it, expect } from 'vitest'
import { AlertConnection, consultationAlertMessage, parseConsultationAlert, type ConsultationAlert, type EventSourceLike } from './caseAlerts'

// The live `consultation` event: a night question about violence routed to me, or one marked late.
describe('parseConsultationAlert', () => {
  it('reads a night question as the server sends it, and names it 夜间家暴咨询', () => {
    const a = parseConsultationAlert('{"consultation_id":169,"category":"domestic_violence","night":true,"mark":"","at":"2026-12-07T21:31:00+08:00"}')
    expect(a).toEqual({ kind: 'consultation', consultation_id: 169, category: 'domestic_violence', night: true, mark: 'none', at: '2026-12-07T21:31:00+08:00' })
    expect(consultationAlertMessage(a!)).toEqual({ title: 'consultations.alerts.nightTitle', key: 'consultations.alerts.night' })
  })
  it('reads a late question\'s mark, and names it 咨询已逾期', () => {
    const a = parseConsultationAlert('{"consultation_id":5,"category":"marriage","night":false,"mark":"red","at":"x"}')
    expect(a?.mark).toBe('red')
    expect(consultationAlertMessage(a!)).toEqual({ title: 'consultations.alerts.lateTitle', key: 'consultations.alerts.red' })
    expect(consultationAlertMessage({ ...a!, mark: 'yellow' }).key).toBe('consultations.alerts.yellow')
  })
  it('refuses broken JSON and events without a question', () => {
    expect(parseConsultationAlert('{not json')).toBeNull()
    expect(parseConsultationAlert('[1]')).toBeNull()
    expect(parseConsultationAlert('{"category":"marriage"}')).toBeNull()
    expect(parseConsultationAlert('{"consultation_id":"7"}')).toBeNull()
  })
})

class FakeSource implements EventSourceLike {
  onopen: ((ev: unknown) => void) | null = null
  onerror: ((ev: unknown) => void) | null = null
  listeners: Record<string, ((ev: { data: string }) => void)[]> = {}
  addEventListener(type: string, fn: (ev: { data: string }) => void) {
    ;(this.listeners[type] ??= []).push(fn)
  }
  close() {}
  emit(type: string, data: string) { for (const fn of this.listeners[type] ?? []) fn({ data }) }
}

describe('AlertConnection and the consultation event', () => {
  it('delivers each consultation event once', () => {
    const source = new FakeSource()
    const heard: ConsultationAlert[] = []
    const conn = new AlertConnection({ url: '/s', create: () => source, onAlert: () => {}, onConsultation: (a) => heard.push(a) })
    conn.start()
    const night = '{"consultation_id":3,"category":"domestic_violence","night":true,"mark":"","at":"t1"}'
    source.emit('consultation', night)
    source.emit('consultation', night)
    source.emit('consultation', '{"consultation_id":3,"category":"domestic_violence","night":true,"mark":"yellow","at":"t2"}')
    source.emit('consultation', 'garbage')
    expect(heard.map((a) => a.mark)).toEqual(['none', 'yellow'])
    conn.stop()
  })
})
