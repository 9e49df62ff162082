import { describe, it, expect } from 'vitest'
import { idCheckChar, idNumberProblem, isValidIdNumber, idNumberFacts, idNumberMismatch, isValidMobile, normalizePhone, passwordProblems } from './validators'

describe('resident ID number', () => {
  it('accepts numbers with a correct check character', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true) // the GB 11643 example
    expect(isValidIdNumber('11010519491231002x')).toBe(true)
    const first17 = '33078419900101123'
    expect(isValidIdNumber(first17 + idCheckChar(first17))).toBe(true)
  })
  it('rejects a wrong check character', () => {
    expect(idNumberProblem('110105194912310021')).toBe('checksum')
  })
  it('names what is wrong', () => {
    expect(idNumberProblem('1234')).toBe('length')
    expect(idNumberProblem('1101051949123100AX')).toBe('format')
    expect(idNumberProblem('110105194902300000')).toBe('birth_date')
  })
  it('reads birth date and gender', () => {
    expect(idNumberFacts('11010519491231002X')).toEqual({ birth_date: '1949-12-31', gender: 'female' })
  })
})

describe('mobile number', () => {
  it('accepts 11-digit mainland mobiles', () => {
    expect(isValidMobile('13812345678')).toBe(true)
    expect(isValidMobile('19912345678')).toBe(true)
  })
  it('rejects others', () => {
    expect(isValidMobile('1381234567')).toBe(false)
    expect(isValidMobile('12812345678')).toBe(false)
    expect(isValidMobile('057912345678')).toBe(false)
    expect(isValidMobile('138****5678')).toBe(false)
  })
})

describe('password policy', () => {
  it('wants length, three classes and no login', () => {
    expect(passwordProblems('Hejia-Demo-2026', 'town')).toEqual([])
    expect(passwordProblems('Ab1!', 'x')).toEqual(['too_short'])
    expect(passwordProblems('abcdefghijk1', 'x')).toEqual(['too_simple'])
    expect(passwordProblems('Town-Secure-1', 'town')).toEqual(['contains_login'])
  })
})

describe('phone number (mirrors the server)', () => {
  it('accepts mobiles and landlines, with +86, spaces and dashes', () => {
    for (const typed of ['138 1234 5678', '+86 138-1234-5678']) expect(normalizePhone(typed)).toBe('13812345678')
    for (const typed of ['0579-87654321', '+86 579 8765 4321']) expect(normalizePhone(typed)).toBe('057987654321')
  })
  it('rejects the rest', () => {
    expect(normalizePhone('12812345678')).toBeNull()
    expect(normalizePhone('138****5678')).toBeNull()
    expect(normalizePhone('0012345678')).toBeNull()
    expect(normalizePhone('12345')).toBeNull()
  })
})

describe('ID number against the form', () => {
  const female = '11010519491231002X'
  it('names what disagrees', () => {
    expect(idNumberMismatch(female, 'female', '1949-12-31')).toBeNull()
    expect(idNumberMismatch(female, 'male', '1949-12-31')).toBe('gender')
    expect(idNumberMismatch(female, 'female', '1950-01-01')).toBe('birth_date')
    expect(idNumberMismatch(female, '', '')).toBeNull()
    expect(idNumberMismatch('1234', 'male', '')).toBeNull()
  })
})
