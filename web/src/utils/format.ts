const pad = (n: number) => String(n).padStart(2, '0')

/** `2026-11-28T21:30:00+08:00` → `2026-11-28 21:30`, always in Beijing time. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—'
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return iso
  const d = new Date(t + 8 * 3600 * 1000)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

export function formatDate(s: string | null | undefined): string {
  if (!s) return '—'
  return s.length >= 10 ? s.slice(0, 10) : s
}
