// Phone numbers as people read them. The server stores digits only (domain::NormalizePhone); a
// landline reads with its area code apart ("0579-87123456"), a mobile in groups of 3-4-4, a
// service number (12338) as it is.

/** "057987123456" → "0579-87123456"; "01012345678" → "010-12345678"; "13812345678" → "138 1234 5678". */
export function formatPhone(digits: string): string {
  const d = (digits ?? '').trim()
  if (/^1[3-9]\d{9}$/.test(d)) return `${d.slice(0, 3)} ${d.slice(3, 7)} ${d.slice(7)}`
  if (/^0\d{9,11}$/.test(d)) {
    // 010 and 02x have a two-digit area code after the 0; every other area code has three
    const area = /^0(10|2\d)/.test(d) ? 3 : 4
    return `${d.slice(0, area)}-${d.slice(area)}`
  }
  return d
}
