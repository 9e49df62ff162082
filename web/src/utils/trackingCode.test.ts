import { describe, expect, it } from 'vitest'
import { codeProblem, last4Problem, normaliseTrackingCode } from './trackingCode'

describe('tracking code as staff type it', () => {
  it('ignores case, spaces and dashes', () => {
    expect(normaliseTrackingCode('abcd efgh-jklm')).toBe('ABCD-EFGH-JKLM')
    expect(codeProblem(' abcd-efgh-jklm ')).toBe('')
  })
  it('says what is wrong', () => {
    expect(codeProblem('')).toBe('codeMissing')
    expect(codeProblem('ABCD-EFGH-JKL')).toBe('codeBad')
    expect(codeProblem('ABCD-EFGH-JKL0')).toBe('codeBad') // 0 is not in the alphabet
    expect(last4Problem('')).toBe('last4Missing')
    expect(last4Problem('12a4')).toBe('last4Bad')
    expect(last4Problem('1234')).toBe('')
  })
})
