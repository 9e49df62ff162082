import { describe, expect, it } from 'vitest'
import { formatPhone } from './phone'

describe('formatPhone', () => {
  it('sets a landline\'s area code apart', () => {
    expect(formatPhone('057987123456')).toBe('0579-87123456')
    expect(formatPhone('01012345678')).toBe('010-12345678')
    expect(formatPhone('02112345678')).toBe('021-12345678')
  })
  it('groups a mobile 3-4-4 and leaves a service number alone', () => {
    expect(formatPhone('13812345678')).toBe('138 1234 5678')
    expect(formatPhone('12338')).toBe('12338')
    expect(formatPhone('')).toBe('')
  })
})
