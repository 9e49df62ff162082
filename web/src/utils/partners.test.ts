import { describe, it, expect } from 'vitest'
import { CALLBACK_STATUSES, ODR_EVENTS, PARTNER_KINDS } from '@/api/partners'
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
