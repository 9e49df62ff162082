const pad = (n: number) => String(n).padStart(2, '0')

/** `2026-11-28T21:30:00+08:00` → `2026-11-28 21:30`, always in Beijing time. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—'
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return iso
  const d = new Date(t + 8 * 3600 * 1000)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

/** A day picked (YYYY-MM-DD) → the ISO time the API takes (midnight, Beijing); '' → null. */
export function dayToIso(day: string | null | undefined): string | null {
  return day ? `${day}T00:00:00+08:00` : null
}

/** An ISO time → the day it is in Beijing (YYYY-MM-DD), '' when none. */
export function isoToDay(iso: string | null | undefined): string {
  if (!iso) return ''
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return iso.slice(0, 10)
  return new Date(t + 8 * 3600 * 1000).toISOString().slice(0, 10)
}

export function formatDate(s: string | null | undefined): string {
  if (!s) return '—'
  return s.length >= 10 ? s.slice(0, 10) : s
}

/** "Chrome 156 · Linux" from a User-Agent header; the raw text when nothing is recognised. */
export function describeUserAgent(ua: string | null | undefined): string {
  if (!ua) return '—'
  const browsers: [RegExp, string][] = [
    [/MicroMessenger\/([\d]+)/, 'WeChat'], [/DingTalk\/([\d]+)/, 'DingTalk'], [/Edg\/([\d]+)/, 'Edge'],
    [/OPR\/([\d]+)/, 'Opera'], [/Firefox\/([\d]+)/, 'Firefox'], [/HeadlessChrome\/([\d]+)/, 'Headless Chrome'],
    [/Chrome\/([\d]+)/, 'Chrome'], [/Version\/([\d]+)[\d.]* (Mobile\/\S+ )?Safari/, 'Safari'], [/curl\/([\d.]+)/, 'curl'],
  ]
  const systems: [RegExp, string][] = [
    [/Android/, 'Android'], [/iPhone|iPad|iPod/, 'iOS'], [/Windows/, 'Windows'], [/Mac OS X|Macintosh/, 'macOS'],
    [/HarmonyOS/, 'HarmonyOS'], [/Linux/, 'Linux'],
  ]
  const b = browsers.find(([re]) => re.test(ua))
  const os = systems.find(([re]) => re.test(ua))
  if (!b && !os) return ua
  const name = b ? `${b[1]} ${ua.match(b[0])?.[1] ?? ''}`.trim() : ''
  return [name, os?.[1]].filter(Boolean).join(' · ')
}

/** A base32 secret in groups of four, easier to type into an authenticator. */
export function groupSecret(secret: string): string {
  return secret.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ')
}
