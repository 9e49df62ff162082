// Tracking codes as staff type them from a phone call: case, spaces and dashes do not matter; the
// alphabet leaves out 0, 1, I and O (store/tracking_code.hpp). Tested in trackingCode.test.ts.
const ALPHABET = /^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{12}$/

/** "abcd efgh-jklm" → "ABCD-EFGH-JKLM"; anything else comes back cleaned but unchanged in length. */
export function normaliseTrackingCode(raw: string): string {
  const s = raw.replace(/[\s-]/g, '').toUpperCase()
  return s.length === 12 ? `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}` : s
}

/** The i18n key (under cases.find) of what is wrong with a typed code, or '' when it can be one. */
export function codeProblem(raw: string): '' | 'codeMissing' | 'codeBad' {
  const s = raw.replace(/[\s-]/g, '').toUpperCase()
  if (!s) return 'codeMissing'
  return ALPHABET.test(s) ? '' : 'codeBad'
}

export function last4Problem(raw: string): '' | 'last4Missing' | 'last4Bad' {
  const s = raw.trim()
  if (!s) return 'last4Missing'
  return /^\d{4}$/.test(s) ? '' : 'last4Bad'
}
