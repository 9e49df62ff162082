import { describe, it, expect } from 'vitest'
import {
  LIMITS,
  charCount,
  consultationBody,
  emptyHelpForm,
  helpRequestBody,
  isMainlandMobile,
  messageKey,
  REQUIRED_FIELDS,
  DOMESTIC_VIOLENCE,
  normalizeCode,
  normalizePhone,
  safeContactText,
  syncSmsOnly,
  validateCodeOnly,
  validateConsultationForm,
  validateFollowForm,
  validateHelpForm,
  type HelpForm,
} from './validate'
import { readFileSync } from 'node:fs'

// read as written (the i18n plugin turns an imported locale file into compiled messages)
const localeFile = (name: string) => JSON.parse(readFileSync(new URL(`./locales/${name}.json`, import.meta.url), 'utf8'))
const zh = localeFile('zh-CN')
const en = localeFile('en')

const challenge = { token: 'tok', nonce: '42' }

function filled(over: Partial<HelpForm> = {}): HelpForm {
  return {
    ...emptyHelpForm(),
    category: 'child_support',
    facts: '前夫三个月没有付抚养费。',
    town_code: '330784001',
    phone: '13912345678',
    contact_preset: 'sms',
    ...over,
  }
}

describe('the contact wishes of the help-request form', () => {
  it('"text messages only" goes as a value the staff\'s call button follows, with no call hours', () => {
    expect(helpRequestBody(filled({ contact_preset: 'other', contact_text: '别打电话', sms_only: true, call_from: '20:00', call_to: '22:00' }), '', challenge))
      .toMatchObject({ contact_sms_only: true })
    expect(helpRequestBody(filled({ contact_preset: 'other', contact_text: 'x', sms_only: true, call_from: '20:00', call_to: '22:00' }), '', challenge).contact_call_from).toBeUndefined()
  })
  it('call hours go when both ends are given, and are checked as the server checks them', () => {
    const evening = filled({ contact_preset: 'evening', call_from: '20:00', call_to: '22:30' })
    expect(helpRequestBody(evening, '晚上8点后来电', challenge)).toMatchObject({ contact_call_from: '20:00', contact_call_to: '22:30' })
    expect(helpRequestBody(evening, '晚上8点后来电', challenge).contact_sms_only).toBeUndefined()
    expect(validateHelpForm(evening, '晚上8点后来电')).toEqual({})
    expect(validateHelpForm(filled({ contact_preset: 'day', call_from: '09:00' })).contact_call_to).toEqual({ key: 'callBoth' })
    expect(validateHelpForm(filled({ contact_preset: 'day', call_to: '17:00' })).contact_call_from).toEqual({ key: 'callBoth' })
    expect(validateHelpForm(filled({ contact_preset: 'day', call_from: '09:00', call_to: '09:00' })).contact_call_to).toEqual({ key: 'callSame' })
    expect(messageKey('contact_call_to', { key: 'callBoth' })).toBe('err.callBoth')
  })
  it('the switch and the "只发短信" choice keep saying the same', () => {
    expect(syncSmsOnly(filled({ contact_preset: 'sms', sms_only: false }), 'preset')).toEqual({ contact_preset: 'sms', sms_only: true })
    expect(syncSmsOnly(filled({ contact_preset: 'evening', sms_only: true }), 'preset')).toEqual({ contact_preset: 'evening', sms_only: false })
    expect(syncSmsOnly(filled({ contact_preset: 'other', sms_only: true }), 'preset')).toEqual({ contact_preset: 'other', sms_only: true })
    expect(syncSmsOnly(filled({ contact_preset: '', sms_only: true }), 'switch')).toEqual({ contact_preset: 'sms', sms_only: true })
    expect(syncSmsOnly(filled({ contact_preset: 'sms', sms_only: false }), 'switch')).toEqual({ contact_preset: '', sms_only: false })
    expect(syncSmsOnly(filled({ contact_preset: 'other', sms_only: true }), 'switch')).toEqual({ contact_preset: 'other', sms_only: true })
  })
})

describe('the help-request form', () => {
  it('a fresh form does not tell the other party, and names every missing required field', () => {
    const f = emptyHelpForm()
    expect(f.disclose_identity).toBe(false)
    expect(validateHelpForm(f)).toEqual({
      category: { key: 'required' },
      town_code: { key: 'required' },
      facts: { key: 'required' },
      phone: { key: 'required' },
      safe_contact: { key: 'required' },
    })
  })
  it('a complete form passes; village, address, name and wish may stay empty', () => {
    expect(validateHelpForm(filled(), '只发短信')).toEqual({})
  })
  it('facts of only spaces count as missing', () => {
    expect(validateHelpForm(filled({ facts: '   \n ' })).facts).toEqual({ key: 'required' })
  })
  it('each text is held to the server limit, counted in characters not bytes', () => {
    const at = (n: number) => '家'.repeat(n)
    expect(validateHelpForm(filled({ facts: at(LIMITS.facts) })).facts).toBeUndefined()
    expect(validateHelpForm(filled({ facts: at(LIMITS.facts + 1) })).facts).toEqual({ key: 'tooLong', max: 2000 })
    expect(validateHelpForm(filled({ wish: at(501) })).wish).toEqual({ key: 'tooLong', max: 500 })
    expect(validateHelpForm(filled({ address: at(201) })).address).toEqual({ key: 'tooLong', max: 200 })
    expect(validateHelpForm(filled({ name: at(31) })).name).toEqual({ key: 'tooLong', max: 30 })
    expect(validateHelpForm(filled({ name: at(30) })).name).toBeUndefined()
    expect(charCount('😀家')).toBe(2)
  })
  it('a phone must be an 11-digit mainland mobile; spaces, dashes and +86 are forgiven', () => {
    expect(validateHelpForm(filled({ phone: '1391234567' })).phone).toEqual({ key: 'phone' })
    expect(validateHelpForm(filled({ phone: '23912345678' })).phone).toEqual({ key: 'phone' })
    expect(validateHelpForm(filled({ phone: '0579-87654321' })).phone).toEqual({ key: 'phone' })
    expect(validateHelpForm(filled({ phone: '139 1234 5678' })).phone).toBeUndefined()
    expect(validateHelpForm(filled({ phone: '+86 139-1234-5678' })).phone).toBeUndefined()
    expect(normalizePhone('+86 139-1234-5678')).toBe('13912345678')
    expect(isMainlandMobile('12912345678')).toBe(false)
    expect(isMainlandMobile('19912345678')).toBe(true)
  })
  it('"other" needs her own words on how to reach her', () => {
    expect(validateHelpForm(filled({ contact_preset: 'other' })).safe_contact).toEqual({ key: 'contactOther' })
    expect(validateHelpForm(filled({ contact_preset: 'other', contact_text: '周三上午打电话' })).safe_contact).toBeUndefined()
  })
  it('the safe-contact text joins the preset and her words, and is held to 200 characters in all', () => {
    expect(safeContactText('sms', '只发短信', '')).toBe('只发短信')
    expect(safeContactText('evening', '晚上8点后来电', ' 响两声就挂 ')).toBe('晚上8点后来电；响两声就挂')
    expect(safeContactText('other', '', '只在周三')).toBe('只在周三')
    const long = '字'.repeat(196)
    expect(validateHelpForm(filled({ contact_text: long }), '只发短信').safe_contact).toEqual({ key: 'tooLong', max: 200 })
    expect(validateHelpForm(filled({ contact_text: '字'.repeat(195) }), '只发短信').safe_contact).toBeUndefined()
  })
  it('the body sent is trimmed, has the normalised phone and leaves empty optional fields out', () => {
    const body = helpRequestBody(filled({ facts: '  事情经过  ', phone: '139 1234 5678' }), '只发短信', challenge)
    expect(body).toEqual({
      category: 'child_support',
      facts: '事情经过',
      wish: '',
      town_code: '330784001',
      phone: '13912345678',
      safe_contact: '只发短信',
      disclose_identity: false,
      contact_sms_only: true,
      challenge,
    })
    const full = helpRequestBody(
      filled({ village_code: '330784001001', address: ' 幸福小区 ', name: ' 王女士 ', disclose_identity: true }),
      '只发短信',
      challenge,
    )
    expect(full.village_code).toBe('330784001001')
    expect(full.address).toBe('幸福小区')
    expect(full.name).toBe('王女士')
    expect(full.disclose_identity).toBe(true)
  })
})

describe('following a request', () => {
  it('needs a 12-character code and exactly four digits', () => {
    expect(validateFollowForm({ code: '', last4: '' })).toEqual({ code: { key: 'required' }, last4: { key: 'required' } })
    expect(validateFollowForm({ code: '7KQ3-M9XD-2HTP', last4: '5678' })).toEqual({})
    expect(validateFollowForm({ code: '7kq3 m9xd 2htp', last4: '5678' })).toEqual({})
    expect(validateFollowForm({ code: '7KQ3M9XD2HTP', last4: '5678' })).toEqual({})
    expect(validateFollowForm({ code: '7KQ3-M9XD', last4: '5678' }).code).toEqual({ key: 'code' })
    expect(validateFollowForm({ code: '7KQ3-M9XD-2HTP', last4: '567' }).last4).toEqual({ key: 'last4' })
    expect(validateFollowForm({ code: '7KQ3-M9XD-2HTP', last4: '56a8' }).last4).toEqual({ key: 'last4' })
  })
  it('a pasted code loses its spaces and is read in capitals', () => {
    expect(normalizeCode(' 7kq3-m9xd-2htp \n')).toBe('7KQ3-M9XD-2HTP')
  })
})

describe('consultations', () => {
  it('a question is required and limited to 1000 characters; a contact to 100', () => {
    expect(validateConsultationForm({ category: '', town_code: '', question: ' ', contact: '' })).toEqual({ question: { key: 'required' } })
    expect(validateConsultationForm({ category: '', town_code: '', question: '问'.repeat(1001), contact: '' }).question).toEqual({ key: 'tooLong', max: 1000 })
    expect(validateConsultationForm({ category: '', town_code: '', question: '问', contact: 'x'.repeat(101) }).contact).toEqual({ key: 'tooLong', max: 100 })
    expect(validateConsultationForm({ category: '', town_code: '', question: '问', contact: '' })).toEqual({})
  })
  it('an anonymous question sends only the question and the challenge', () => {
    expect(consultationBody({ category: '', town_code: '', question: ' 彩礼要退吗？ ', contact: '  ' }, challenge)).toEqual({
      question: '彩礼要退吗？',
      challenge,
    })
    expect(consultationBody({ category: 'bride_price', town_code: '330784001', question: 'q', contact: '微信 abc' }, challenge)).toEqual({
      category: 'bride_price',
      town_code: '330784001',
      question: 'q',
      contact: '微信 abc',
      challenge,
    })
  })
  it('reading an answer needs a well-formed code', () => {
    expect(validateCodeOnly('')).toEqual({ code: { key: 'required' } })
    expect(validateCodeOnly('ABC')).toEqual({ code: { key: 'code' } })
    expect(validateCodeOnly('7KQ3-M9XD-2HTP')).toEqual({})
  })
})

describe('您现在安全吗', () => {
  it('is asked on a request about domestic violence only, and sent with it', () => {
    expect(validateHelpForm({ ...emptyHelpForm(), category: 'child_support' }).safe_now).toBeUndefined()
    expect(validateHelpForm({ ...emptyHelpForm(), category: DOMESTIC_VIOLENCE }).safe_now?.key).toBe('required')
    expect(validateHelpForm({ ...emptyHelpForm(), category: DOMESTIC_VIOLENCE, safe_now: 'no' }).safe_now).toBeUndefined()
    const challenge = { token: 't', nonce: '1' }
    const dv = { ...emptyHelpForm(), category: DOMESTIC_VIOLENCE, safe_now: 'no' as const, phone: '13912345678', contact_preset: 'sms' as const }
    expect(helpRequestBody(dv, '只发短信', challenge).safe_now).toBe('no')
    // an answer left from an earlier choice of category is not sent
    expect(helpRequestBody({ ...dv, category: 'child_support' }, '只发短信', challenge).safe_now).toBeUndefined()
  })
})

describe('the message of an empty field', () => {
  const lookup = (messages: unknown, key: string): unknown =>
    key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], messages)
  it('says what is missing, in both languages, on every form', () => {
    const empties = [
      validateHelpForm(emptyHelpForm()),
      // a request about domestic violence also asks whether she is safe now
      validateHelpForm({ ...emptyHelpForm(), category: DOMESTIC_VIOLENCE }),
      validateFollowForm({ code: '', last4: '' }),
      validateConsultationForm({ category: '', town_code: '', question: '', contact: '' }),
      validateCodeOnly(''),
    ]
    const fields = new Set<string>()
    for (const errors of empties) {
      for (const [field, e] of Object.entries(errors)) {
        if (!e || e.key !== 'required') continue
        fields.add(field)
        const key = messageKey(field, e)
        expect(key, field).toBe(`missing.${field}`)
        for (const messages of [zh, en]) {
          const text = lookup(messages, key)
          expect(typeof text, `${key} is missing from a locale`).toBe('string')
          expect(text).not.toBe(messages.err.required)
        }
      }
    }
    expect([...fields].sort()).toEqual([...REQUIRED_FIELDS].sort())
  })
  it('other mistakes keep their own message', () => {
    expect(messageKey('phone', { key: 'phone' })).toBe('err.phone')
    expect(messageKey('facts', { key: 'tooLong', max: 2000 })).toBe('err.tooLong')
  })
})
