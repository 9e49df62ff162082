import { describe, expect, it } from 'vitest'
import { correctionBody, needsHome, nextCallForm, quickBody, quickProblems, townChoices, type QuickForm } from './quickCall'

const CITY = '330784'
const typed = (over: Partial<QuickForm> = {}): QuickForm => ({
  ...nextCallForm({ line: 'federation', region_code: '330784001' }),
  category: 'domestic_violence', summary: ' 丈夫酒后动手，想了解人身安全保护令 ', caller_phone: '139 0000 1234', caller_name: ' 王女士 ',
  ...over,
})

describe('the quick form after a save', () => {
  it('keeps the line and the town, and clears what was said in the call', () => {
    const next = nextCallForm(typed({ outcome: 'call_back', call_back_due: '2026-12-08T09:00:00', referred_to: 'x', home_code: '330784001001', duration: '03:10' }))
    expect(next).toEqual({
      line: 'federation', region_code: '330784001', category: '', summary: '', outcome: 'advice', referred_to: '', call_back_due: '',
      caller_phone: '', caller_name: '', home_code: null, duration: '00:00',
    })
  })
})

describe('the quick form\'s checks', () => {
  it('asks for the category and the summary', () => {
    expect(quickProblems(nextCallForm({ line: '12338', region_code: '330784001' }), CITY, true)).toEqual({
      category: 'hotline.categoryRequired', summary: 'hotline.summaryRequired',
    })
    expect(quickProblems(typed(), CITY, true)).toEqual({})
  })

  it('asks for what an outcome needs: whom a referral goes to, when to call back', () => {
    expect(quickProblems(typed({ outcome: 'referred', referred_to: ' ' }), CITY, true)).toEqual({ referred_to: 'hotline.referred_toRequired' })
    expect(quickProblems(typed({ outcome: 'call_back' }), CITY, true)).toEqual({ call_back_due: 'hotline.call_back_dueRequired' })
    expect(quickProblems(typed({ outcome: 'call_back', call_back_due: '2026-12-08T09:00:00' }), CITY, true)).toEqual({})
  })

  it('asks the applicant\'s home when a call the city took without a town becomes a help request', () => {
    const unsaid = typed({ region_code: CITY, outcome: 'case_opened' })
    expect(needsHome(unsaid, CITY)).toBe(true)
    expect(quickProblems(unsaid, CITY, true)).toEqual({ home_code: 'hotline.homeRequired' })
    expect(quickProblems({ ...unsaid, home_code: '330784001001' }, CITY, true)).toEqual({})
    expect(needsHome(typed({ outcome: 'case_opened' }), CITY)).toBe(false)
    expect(needsHome(typed({ region_code: CITY }), CITY)).toBe(false)
    // a town worker has no city to leave unsaid
    expect(needsHome(typed({ outcome: 'case_opened' }), null)).toBe(false)
  })

  it('refuses a phone that is not one, and a length that does not read', () => {
    expect(quickProblems(typed({ caller_phone: '12345' }), CITY, true)).toEqual({ caller_phone: 'hotline.phoneInvalid' })
    expect(quickProblems(typed(), CITY, false)).toEqual({ duration: 'hotline.durationInvalid' })
  })
})

describe('what the quick form sends', () => {
  const started = Date.parse('2026-12-07T21:30:12+08:00')

  it('the call as said, received when the timer started, the phone in its digits', () => {
    expect(quickBody(typed(), started, 95)).toEqual({
      line: 'federation', region_code: '330784001', category: 'domestic_violence', summary: '丈夫酒后动手，想了解人身安全保护令',
      outcome: 'advice', duration_seconds: 95, received_at: '2026-12-07T21:30:12+08:00', caller_phone: '13900001234', caller_name: '王女士',
    })
  })

  it('no time when the timer never ran (the server\'s now), no caller when none was given', () => {
    const body = quickBody(typed({ caller_phone: '', caller_name: ' ' }), null, 0)
    expect(body).not.toHaveProperty('received_at')
    expect(body).not.toHaveProperty('caller_phone')
    expect(body).not.toHaveProperty('caller_name')
  })

  it('转为求助 as advice (its own route makes the case), and only the outcome\'s own details', () => {
    expect(quickBody(typed({ outcome: 'case_opened', referred_to: 'x', call_back_due: '2026-12-08T09:00:00' }), started, 1).outcome).toBe('advice')
    const referred = quickBody(typed({ outcome: 'referred', referred_to: ' 市法律援助中心 ', call_back_due: '2026-12-08T09:00:00' }), started, 1)
    expect(referred.referred_to).toBe('市法律援助中心')
    expect(referred).not.toHaveProperty('call_back_due')
    const callBack = quickBody(typed({ outcome: 'call_back', referred_to: 'x', call_back_due: '2026-12-08T09:00:00' }), started, 1)
    expect(callBack.call_back_due).toBe('2026-12-08T09:00:00+08:00')
    expect(callBack).not.toHaveProperty('referred_to')
  })
})

describe('the caller\'s town', () => {
  it('offers 未说明 (her own region) first, then the active towns under the city', () => {
    const towns = [
      { code: '330784001', name: '东城街道', level: 'town' as const, retired: false },
      { code: '330784002', name: '西城街道', level: 'town' as const, retired: true },
      { code: '330784003', name: '江南街道', level: 'town' as const, retired: false },
    ]
    expect(townChoices({ code: CITY, name: '永康市' }, towns)).toEqual([
      { code: CITY, name: '永康市', unsaid: true },
      { code: '330784001', name: '东城街道', unsaid: false },
      { code: '330784003', name: '江南街道', unsaid: false },
    ])
    expect(townChoices({ code: '330784001', name: '东城街道' }, [])).toEqual([{ code: '330784001', name: '东城街道', unsaid: true }])
  })
})

describe('a correction from the record dialog', () => {
  it('leaves out a blank time or length, and clears the details of another outcome', () => {
    expect(correctionBody({ outcome: 'advice', received_at: '', duration_seconds: null, referred_to: 'x', call_back_due: '2026-12-08T09:00:00+08:00' }))
      .toEqual({ outcome: 'advice', referred_to: null, call_back_due: null })
    expect(correctionBody({ outcome: 'call_back', received_at: '2026-12-07T21:30:00+08:00', duration_seconds: 0, referred_to: '', call_back_due: '2026-12-08T09:00:00+08:00' }))
      .toEqual({ outcome: 'call_back', received_at: '2026-12-07T21:30:00+08:00', duration_seconds: 0, referred_to: null, call_back_due: '2026-12-08T09:00:00+08:00' })
  })
})
