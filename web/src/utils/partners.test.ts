import { describe, it, expect } from 'vitest'
import { CALLBACK_STATUSES, ODR_EVENTS, PARTNER_KINDS, type OdrCallback, type PartnerCallback, type PartnerCreate } from '@/api/partners'
import { t } from '@/i18n'
import { label } from './ui'
import { callbackStatusType, heldBack, odrEventType, partnerKindType } from './partners'

describe('a partner\'s kind', () => {
  it('is a tag of its own colour, and named in the select and in the table', () => {
    expect(partnerKindType('police')).toBe('primary')
    expect(partnerKindType('odr_platform')).toBe('success')
    expect(partnerKindType('someone_new')).toBe('info')
    expect(partnerKindType(undefined)).toBe('info')
    expect(label('partners.kinds', 'police')).toBe('公安 110 指挥中心')
    expect(label('partners.kinds', 'odr_platform')).toBe('省在线矛盾纠纷多元化解平台')
    for (const k of PARTNER_KINDS) expect(t(`partners.kindTags.${k}`)).not.toBe(`partners.kindTags.${k}`)
    expect(label('partners.kinds', 'someone_new')).toBe('someone_new')
  })
})

describe('a callback\'s status', () => {
  it('waiting yellow, sent green, failed red', () => {
    expect(CALLBACK_STATUSES.map(callbackStatusType)).toEqual(['warning', 'success', 'danger'])
    expect(callbackStatusType('')).toBe('info')
  })
})

describe('an ODR case event', () => {
  it('has a label and a colour, the unknown ones shown as they are', () => {
    expect(ODR_EVENTS.map(odrEventType)).toEqual(['primary', 'warning', 'success', 'warning', 'info'])
    expect(ODR_EVENTS.map((e) => label('partners.odr.events', e))).toEqual(['已受理', '不予受理', '调解成功', '调解终止', '已结案'])
    expect(odrEventType('reopened')).toBe('info')
    expect(odrEventType(null)).toBe('info')
    expect(label('partners.odr.events', 'reopened')).toBe('reopened')
  })
})

describe('the status callbacks a failed one holds back', () => {
  const row = (id: number, case_id: number, status: 'pending' | 'sent' | 'failed') => ({ id, case_id, status })
  it('are the later waiting ones of its case', () => {
    // newest first, as listed
    const rows = [row(9, 1, 'pending'), row(8, 2, 'pending'), row(7, 1, 'pending'), row(6, 1, 'failed'), row(5, 1, 'sent'), row(4, 3, 'failed')]
    expect([...heldBack(rows)].sort()).toEqual([7, 9])
  })
  it('not the earlier ones, nor other cases\', nor any once it is sent again', () => {
    expect(heldBack([row(3, 1, 'failed'), row(2, 1, 'pending'), row(1, 2, 'pending')]).size).toBe(0)
    expect(heldBack([row(3, 1, 'pending'), row(2, 1, 'pending')]).size).toBe(0)
    expect(heldBack([]).size).toBe(0)
  })
  it('from the first failed one of the case', () => {
    expect([...heldBack([row(5, 1, 'pending'), row(4, 1, 'failed'), row(3, 1, 'pending'), row(2, 1, 'failed')])].sort()).toEqual([3, 5])
  })
})

describe('the published shapes of the partners\' answers', () => {
  it('type a callback of either queue and the body of a new partner (none of them never)', () => {
    const police: PartnerCallback = {
      id: 1, partner_code: 'police-110', status: 'failed', attempts: 3, last_error: 'HTTP 503',
      next_attempt_at: '2026-12-05 10:00:00', created_at: '2026-12-05 09:00:00', sent_at: null, incident_no: 'J1',
    }
    const odr: OdrCallback = {
      id: 2, partner_code: 'odr', status: 'sent', attempts: 1, last_error: null, next_attempt_at: '2026-12-05 10:00:00',
      created_at: '2026-12-05 09:00:00', sent_at: '2026-12-05 09:00:01', code: 'JF-1', case_id: 7, case_no: 'C-7', event: 'accepted',
    }
    const body: PartnerCreate = { code: 'odr', name: '省平台', kind: 'odr_platform' }
    // @ts-expect-error a status the server never writes
    const wrong: PartnerCallback['status'] = 'lost'
    expect([police.status, odr.event, body.kind, wrong]).toEqual(['failed', 'accepted', 'odr_platform', 'lost'])
  })
})
