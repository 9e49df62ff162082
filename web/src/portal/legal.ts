// The portal's legal column (普法园地): the published items the server lists for anyone (no
// account), newest first, by topic, and one item with an article's text. Loaded with the column's
// own chunk, never with the help form. The shapes are the published ones (docs/openapi.json).
import type { paths } from '@/api/generated/openapi'
import type { Page } from '@/api/client'
import { API_FIELDS } from '@/api/generated/fields'
import { call } from './api'

// The document lists the fields without saying they are always there: the server always sends
// them all (null where a file is missing).
type ListAnswer = Required<paths['/public/legal']['get']['responses']['200']['content']['application/json']>
export type LegalItem = Required<NonNullable<ListAnswer['items']>[number]>
export type LegalArticle = Required<paths['/public/legal/{id}']['get']['responses']['200']['content']['application/json']>

/** The topics, in the order of the chips. */
export const LEGAL_TOPICS = API_FIELDS.legal_content.topic.enum
/** Items asked for at a time: a phone on a slow line gets the first ones fast. */
export const LEGAL_PAGE_SIZE = 10

/** The list's query: one topic (all when blank) and the page. */
export function legalQuery(topic: string, page: number, size = LEGAL_PAGE_SIZE): string {
  const q = new URLSearchParams()
  if (topic) q.set('topic', topic)
  q.set('page', String(Math.max(1, Math.floor(page) || 1)))
  q.set('page_size', String(size))
  return q.toString()
}

export const legalApi = {
  list: (topic: string, page: number) => call<Page<LegalItem>>('GET', `/public/legal?${legalQuery(topic, page)}`),
  one: (id: number) => call<LegalArticle>('GET', `/public/legal/${encodeURIComponent(String(id))}`),
}

/** How an item is opened: its video or audio in the browser's own player, an article's text, or
 *  'none' when its file is not there. */
export function openedAs(item: Pick<LegalItem, 'kind' | 'media_url' | 'media_type'>): 'video' | 'audio' | 'article' | 'none' {
  if (item.kind === 'article') return 'article'
  if (!item.media_url) return 'none'
  const type = item.media_type ?? ''
  if (item.kind === 'audio' || type.startsWith('audio/')) return 'audio'
  return 'video'
}

/** A file's size as a phone user reads it: "3.2 MB", "850 KB"; '' for none. */
export function shortSize(bytes: number | null | undefined): string {
  if (typeof bytes !== 'number' || !(bytes > 0)) return ''
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** 185 → "3:05"; '' for none. */
export function clock(seconds: number | null | undefined): string {
  if (typeof seconds !== 'number' || !(seconds > 0)) return ''
  const s = Math.round(seconds)
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}

/** The day of an ISO time as written (Beijing, as the server sends it). */
export const dayOf = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : '')

/** The next page appended to what is shown, an item already there (moved up by a newer one
 *  published meanwhile) not twice. */
export function appendPage<T extends { id: number }>(shown: readonly T[], next: readonly T[]): T[] {
  const seen = new Set(shown.map((x) => x.id))
  return [...shown, ...next.filter((x) => !seen.has(x.id))]
}
