// Client-side checks that mirror the server's; the server stays the authority.

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK = '10X98765432'

/** The check character (GB 11643) for the first 17 digits of a resident ID number. */
export function idCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]
  return ID_CHECK[sum % 11]
}

export type IdProblem = 'length' | 'format' | 'birth_date' | 'checksum'

/** null when the 18-character ID number is well formed, else what is wrong with it. */
export function idNumberProblem(raw: string): IdProblem | null {
  const id = raw.trim().toUpperCase()
  if (id.length !== 18) return 'length'
  if (!/^\d{17}[\dX]$/.test(id)) return 'format'
  const y = Number(id.slice(6, 10))
  const m = Number(id.slice(10, 12))
  const d = Number(id.slice(12, 14))
  const date = new Date(Date.UTC(y, m - 1, d))
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return 'birth_date'
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return 'checksum'
  return null
}

export function isValidIdNumber(raw: string): boolean {
  return idNumberProblem(raw) === null
}

/** Birth date and gender encoded in a valid ID number (17th digit odd = male). */
export function idNumberFacts(raw: string): { birth_date: string; gender: 'female' | 'male' } | null {
  if (!isValidIdNumber(raw)) return null
  const id = raw.trim().toUpperCase()
  return {
    birth_date: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    gender: Number(id[16]) % 2 === 1 ? 'male' : 'female',
  }
}

/** What disagrees between a valid ID number and the birth date / gender entered, if anything. */
export function idNumberMismatch(id: string, gender: string, birthDate: string): 'birth_date' | 'gender' | null {
  const facts = idNumberFacts(id)
  if (!facts) return null
  if (birthDate && facts.birth_date !== birthDate) return 'birth_date'
  if (gender && facts.gender !== gender) return 'gender'
  return null
}

/** A mainland mobile number: 11 digits starting 13–19. */
export function isValidMobile(raw: string): boolean {
  return /^1[3-9]\d{9}$/.test(raw.trim())
}

/**
 * The digits of a mainland phone number as the server stores them, or null. Mirrors
 * domain/phone.cpp: spaces and dashes are dropped, +86 / 0086 removed (a landline written after
 * +86 gets its trunk 0 back); a mobile is 1[3-9] + 9 digits, a landline 0 + area code + number
 * (10–12 digits, not starting 00).
 */
export function normalizePhone(raw: string): string | null {
  let s = raw.replace(/[ \t-]/g, '')
  let international = false
  if (s.startsWith('+86')) { s = s.slice(3); international = true } else if (s.startsWith('0086')) { s = s.slice(4); international = true }
  if (!/^\d+$/.test(s)) return null
  if (international && /^[2-9]/.test(s)) s = '0' + s
  if (isValidMobile(s)) return s
  if (s.length >= 10 && s.length <= 12 && s[0] === '0' && s[1] !== '0') return s
  return null
}

export type PasswordProblem = 'too_short' | 'too_simple' | 'contains_login'

/** Password policy: ≥10 characters, three of upper/lower/digit/symbol, must not contain the login. */
export function passwordProblems(password: string, login: string): PasswordProblem[] {
  const out: PasswordProblem[] = []
  if ([...password].length < 10) out.push('too_short')
  let classes = 0
  if (/[A-Z]/.test(password)) classes++
  if (/[a-z]/.test(password)) classes++
  if (/\d/.test(password)) classes++
  if (/[^A-Za-z0-9]/.test(password)) classes++
  if (classes < 3) out.push('too_simple')
  if (login && password.toLowerCase().includes(login.toLowerCase())) out.push('contains_login')
  return out
}
