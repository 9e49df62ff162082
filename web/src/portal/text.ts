// Small text helpers of the portal, pure so they are tested without a browser.

/**
 * Server messages come as "中文 / English" (docs/api.md): the half in the reader's language,
 * or the whole message when it has no such halves.
 */
export function localHalf(message: string, locale: string): string {
  const at = message.indexOf(' / ')
  if (at < 0) return message
  return locale === 'en' ? message.slice(at + 3).trim() : message.slice(0, at).trim()
}

const pad = (n: number) => String(n).padStart(2, '0')

/** An ISO 8601 time shown as "2026-11-28 21:30", Beijing time; the input itself when unreadable. */
export function formatTime(iso: string | undefined): string {
  if (!iso) return ''
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return iso
  const d = new Date(ms + 8 * 3600 * 1000) // Beijing has no daylight saving
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

/** "12345678901" → "tel:12345678901"; keeps digits, +, - only, so a stored text cannot make another link. */
export const telHref = (phone: string): string => `tel:${phone.replace(/[^\d+-]/g, '')}`
