// Legal education (普法宣传): the record kit's routes of its four types — content items (videos,
// articles, audio), campaigns, town brands and events — and what an item and an event add: an
// item's review (submit → publish or return; withdraw), its video or audio and its poster frame
// (sent raw, read back in byte ranges by a <video>), an event's photos. The shapes and the choices
// are the published ones (src/api/generated, from docs/openapi.json), not a copy.
import { API_BASE, api, sendFile } from './client'
import { recordPath, recordRoutes } from './records'
import type { paths } from './generated/openapi'
import { API_FIELDS } from './generated/fields'
import type { ContentAction } from '@/utils/legal'

export type LegalContent = paths['/legal-contents/{id}']['get']['responses']['200']['content']['application/json']
export type LegalCampaign = paths['/legal-campaigns/{id}']['get']['responses']['200']['content']['application/json']
export type LegalBrand = paths['/legal-brands/{id}']['get']['responses']['200']['content']['application/json']
export type LegalEvent = paths['/legal-events/{id}']['get']['responses']['200']['content']['application/json']
/** POST /legal-events/{id}/photos: one photo as stored (the document lists its fields without
 *  saying they are always there; the server always sends them all). */
export type EventPhoto = Required<paths['/legal-events/{id}/photos']['post']['responses']['201']['content']['application/json']>

export const LEGAL_KINDS = API_FIELDS.legal_content.kind.enum
export const LEGAL_TOPICS = API_FIELDS.legal_content.topic.enum
export const CONTENT_STATUSES = API_FIELDS.legal_content.status.values
export const EVENT_KINDS = API_FIELDS.legal_event.kind.enum
export const AUDIENCES = API_FIELDS.legal_event.audience.enum

const content = recordPath('/legal-contents')
const event = recordPath('/legal-events')

export const legalContentApi = {
  ...recordRoutes<LegalContent>('/legal-contents'),
  retire: (id: number) => api.post<LegalContent>(content(id, '/retire')),
  /** submit / return (a note required) / publish / withdraw: 409 invalid_transition from another
   *  status, 422 not_ready (field media or body), 403 own_submission (publishing one's own) */
  move: (id: number, action: ContentAction, version: number, note?: string) =>
    api.post<LegalContent>(content(id, `/${action}`), note === undefined ? { version } : { version, note }),
  /** The video or audio as the raw body (≤ 100 MB), with its progress; answers the item. */
  uploadMedia: (id: number, file: Blob, type: string, onProgress?: (fraction: number) => void, signal?: AbortSignal) =>
    sendFile<LegalContent>('PUT', content(id, '/media'), file, { type, onProgress, signal }),
  /** The poster frame (JPEG, PNG or WebP, ≤ 5 MB); answers the item. */
  uploadPoster: (id: number, file: Blob, type: string, onProgress?: (fraction: number) => void) =>
    sendFile<LegalContent>('PUT', content(id, '/poster'), file, { type, onProgress }),
  /** Same-origin addresses a <video>, <audio> or <img> reads (the session cookie goes along); the
   *  file's hash makes a new upload a new address. */
  mediaUrl: (r: Pick<LegalContent, 'id' | 'media_sha'>) => (r.media_sha ? `${API_BASE}${content(r.id, '/media')}?v=${r.media_sha.slice(0, 12)}` : ''),
  posterUrl: (r: Pick<LegalContent, 'id' | 'poster_sha'>) => (r.poster_sha ? `${API_BASE}${content(r.id, '/poster')}?v=${r.poster_sha.slice(0, 12)}` : ''),
}

/** A campaign or brand an event of my area may be filed under (GET …/choices): my area's and
 *  those of the regions above it, retired ones too (an old event still names its own). */
export interface LegalOwnerChoice {
  id: number
  name: string
  year?: number
  region_code: string
  region_name: string
  level: string
  retired: boolean
}

export const legalCampaignApi = {
  ...recordRoutes<LegalCampaign>('/legal-campaigns'),
  choices: () => api.get<{ items: LegalOwnerChoice[] }>('/legal-campaigns/choices'),
  retire: (id: number) => api.post<LegalCampaign>(recordPath('/legal-campaigns')(id, '/retire')),
}

export const legalBrandApi = {
  ...recordRoutes<LegalBrand>('/legal-brands'),
  choices: () => api.get<{ items: LegalOwnerChoice[] }>('/legal-brands/choices'),
  retire: (id: number) => api.post<LegalBrand>(recordPath('/legal-brands')(id, '/retire')),
}

export const legalEventApi = {
  ...recordRoutes<LegalEvent>('/legal-events'),
  retire: (id: number) => api.post<LegalEvent>(event(id, '/retire')),
  photos: (id: number) => api.get<{ items: EventPhoto[] }>(event(id, '/photos')),
  addPhoto: (id: number, file: Blob, type: string, onProgress?: (fraction: number) => void) =>
    sendFile<EventPhoto>('POST', event(id, '/photos'), file, { type, onProgress }),
  removePhoto: (id: number, photoId: number) => api.del<void>(event(id, `/photos/${encodeURIComponent(String(photoId))}`)),
  photoUrl: (id: number, photoId: number) => `${API_BASE}${event(id, `/photos/${encodeURIComponent(String(photoId))}`)}`,
}
