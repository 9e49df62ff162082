import { describe, expect, it } from 'vitest'
import { checkSituations, situationLabel, type Situation } from './visitSettings'

const five: Situation[] = [
  { code: 'family_conflict', label_zh: '有婚姻家庭矛盾苗头', label_en: 'signs of marriage or family conflict' },
  { code: 'hardship', label_zh: '生活困难', label_en: 'hardship' },
]

describe('the must-visit situations setting', () => {
  it('takes codes of a-z, 0-9 and _, each once, with both labels', () => {
    expect(checkSituations(five)).toBeNull()
    expect(checkSituations([])).toBe('visitSettings.rules.count')
    expect(checkSituations([...five, { ...five[0] }])).toBe('visitSettings.rules.twice')
    expect(checkSituations([{ code: 'Elder Care', label_zh: '高龄', label_en: 'elderly' }])).toBe('visitSettings.rules.code')
    expect(checkSituations([{ code: 'elder', label_zh: ' ', label_en: 'elderly' }])).toBe('visitSettings.rules.label')
    expect(checkSituations([{ code: 'elder', label_zh: '高龄\t空巢', label_en: 'elderly' }])).toBe('visitSettings.rules.label')
    expect(checkSituations(Array.from({ length: 13 }, (_, i) => ({ code: `s${i}`, label_zh: '甲', label_en: 'a' })))).toBe('visitSettings.rules.count')
  })
  it('shows the label of the language chosen', () => {
    expect(situationLabel(five[1], 'zh-CN')).toBe('生活困难')
    expect(situationLabel(five[1], 'en')).toBe('hardship')
  })
})
