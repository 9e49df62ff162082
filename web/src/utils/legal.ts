// Legal education (普法宣传): the rules the console's pages show, mirroring the server's
// (domain/legal_education.hpp) so that a button is offered only where it can work — what a content
// item's status and the worker's permissions allow, whether it is ready to be sent for review,
// which files an item takes — a campaign's progress towards its target, and the poster frame taken
// from the item's own video (a <video> drawn onto a canvas, sent as a JPEG). The server decides.

export type ContentStatus = 'draft' | 'review' | 'published' | 'withdrawn'
export type ContentKind = 'video' | 'article' | 'audio'
export type ContentAction = 'submit' | 'return' | 'publish' | 'withdraw'
export const CONTENT_ACTIONS: readonly ContentAction[] = ['submit', 'return', 'publish', 'withdraw']

/** draft → review → published → withdrawn; review may go back to draft, withdrawn to review. */
const MOVES: Record<ContentAction, { from: readonly ContentStatus[]; to: ContentStatus; permission: string }> = {
  submit: { from: ['draft', 'withdrawn'], to: 'review', permission: 'legal.write' },
  return: { from: ['review'], to: 'draft', permission: 'legal.publish' },
  publish: { from: ['review'], to: 'published', permission: 'legal.publish' },
  withdraw: { from: ['published'], to: 'withdrawn', permission: 'legal.publish' },
}

/** The status `action` leads to from `from`, or null where it may not be taken. */
export function transition(from: string, action: ContentAction): ContentStatus | null {
  const m = MOVES[action]
  return (m.from as readonly string[]).includes(from) ? m.to : null
}

/** The tag colour of a status in the lists. */
export function statusTag(status: string): 'info' | 'warning' | 'success' | 'danger' {
  return status === 'review' ? 'warning' : status === 'published' ? 'success' : status === 'withdrawn' ? 'danger' : 'info'
}

/** What of an item the rules read (a content item as the API answers it). */
export interface ContentLike {
  status: string
  kind: string
  retired?: boolean
  submitted_by?: number | null
  media_sha?: string | null
  body?: string | null
}

/** Who acts: her permissions and her user id. */
export interface Actor {
  permissions: readonly string[]
  userId: number | null
}

/** An item is changed (its fields, its files) only as a draft or withdrawn, and not retired. */
export function isEditable(item: ContentLike, actor: Actor): boolean {
  return actor.permissions.includes('legal.write') && !item.retired && (item.status === 'draft' || item.status === 'withdrawn')
}

/** What an item lacks before it may be sent for review or published: a video's or an audio's
 *  file ('media'), an article's text ('body'); null when nothing. */
export function missingForReview(item: ContentLike): 'media' | 'body' | null {
  if (item.kind === 'article') return item.body?.trim() ? null : 'body'
  return item.media_sha ? null : 'media'
}

/** A status move the page offers, and why it is refused when it is (shown disabled, with the
 *  reason): 'media' / 'body' not ready; 'own_submission' — a reviewer never publishes her own. */
export interface OfferedAction {
  action: ContentAction
  blocked: 'media' | 'body' | 'own_submission' | null
}

/** The status moves offered for an item to this worker, in the order of the buttons. */
export function offeredActions(item: ContentLike, actor: Actor): OfferedAction[] {
  if (item.retired) return []
  return CONTENT_ACTIONS.filter((a) => transition(item.status, a) && actor.permissions.includes(MOVES[a].permission)).map((action) => {
    let blocked: OfferedAction['blocked'] = null
    if (action === 'submit' || action === 'publish') blocked = missingForReview(item)
    if (!blocked && action === 'publish' && actor.userId !== null && item.submitted_by === actor.userId) blocked = 'own_submission'
    return { action, blocked }
  })
}

/** The status tab a worker starts on: a reviewer (legal.publish) on 待审核, anyone else on 全部. */
export function firstTab(permissions: readonly string[]): '' | 'review' {
  return permissions.includes('legal.publish') ? 'review' : ''
}

// ---- files ----

export const MEDIA_TYPES: Readonly<Record<'video' | 'audio', readonly string[]>> = {
  video: ['video/mp4', 'video/webm'],
  audio: ['audio/mpeg', 'audio/mp4', 'audio/ogg'],
}
export const IMAGE_TYPES: readonly string[] = ['image/jpeg', 'image/png', 'image/webp']
/** The largest video or audio, and the largest poster or event photo (domain/legal_education.hpp). */
export const MEDIA_MAX_BYTES = 100 * 1024 * 1024
export const IMAGE_MAX_BYTES = 5 * 1024 * 1024

const BY_EXTENSION: Record<string, string> = {
  mp4: 'video/mp4', m4v: 'video/mp4', webm: 'video/webm', mp3: 'audio/mpeg', m4a: 'audio/mp4', ogg: 'audio/ogg', oga: 'audio/ogg',
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp',
}
const ALIASES: Record<string, string> = {
  'audio/mp3': 'audio/mpeg', 'audio/x-mp3': 'audio/mpeg', 'audio/x-mpeg': 'audio/mpeg', 'audio/x-m4a': 'audio/mp4',
  'audio/m4a': 'audio/mp4', 'audio/aac': 'audio/mp4', 'video/ogg': 'audio/ogg', 'application/ogg': 'audio/ogg', 'image/jpg': 'image/jpeg',
}

/**
 * The Content-Type a file is sent with for an item of `kind` (or as a poster/photo: 'image'), as
 * the server names it: the browser's type, its usual aliases (audio/x-m4a → audio/mp4), else the
 * name's extension; an MP4 for an audio item is audio/mp4 (M4A). null when the item takes no such
 * file.
 */
export function uploadType(kind: string, file: { type: string; name?: string }): string | null {
  const ext = /\.([a-z0-9]+)$/i.exec(file.name ?? '')?.[1]?.toLowerCase() ?? ''
  let type = (file.type || '').toLowerCase().split(';')[0].trim()
  type = ALIASES[type] ?? type
  if (!type || type === 'application/octet-stream') type = BY_EXTENSION[ext] ?? ''
  if (kind === 'audio' && type === 'video/mp4') type = 'audio/mp4'
  const allowed = kind === 'image' ? IMAGE_TYPES : MEDIA_TYPES[kind as 'video' | 'audio'] ?? []
  return allowed.includes(type) ? type : null
}

/** Why a file cannot be sent for an item of `kind` ('image' for a poster or photo), or null. */
export function fileProblem(kind: string, file: { type: string; name?: string; size: number }): 'type' | 'size' | 'empty' | null {
  if (!uploadType(kind, file)) return 'type'
  if (file.size === 0) return 'empty'
  if (file.size > (kind === 'image' ? IMAGE_MAX_BYTES : MEDIA_MAX_BYTES)) return 'size'
  return null
}

/** The file picker's accept list for an item of `kind` ('image' for a poster or photo). */
export function acceptOf(kind: string): string {
  if (kind === 'image') return IMAGE_TYPES.join(',')
  if (kind === 'audio') return [...MEDIA_TYPES.audio, '.mp3', '.m4a', '.ogg'].join(',')
  return [...MEDIA_TYPES.video, '.mp4', '.webm'].join(',')
}

/** 1536 → "1.5 KB", 3 MB → "3.0 MB". */
export function formatBytes(bytes: number | null | undefined): string {
  const b = typeof bytes === 'number' && bytes > 0 ? bytes : 0
  if (b < 1024) return `${b} B`
  if (b < 1024 * 1024) return `${(b / 1024).toFixed(1)} KB`
  return `${(b / 1024 / 1024).toFixed(1)} MB`
}

/** 185 → "3:05", 3725 → "1:02:05"; '' for none. */
export function formatLength(seconds: number | null | undefined): string {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) return ''
  const s = Math.round(seconds)
  const two = (n: number) => String(n).padStart(2, '0')
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  return h ? `${h}:${two(m)}:${two(s % 60)}` : `${m}:${two(s % 60)}`
}

// ---- campaigns ----

/** A campaign's school lectures against its target: the percentage shown (at most 100), whether
 *  the target is met; null when it has no target. */
export function campaignProgress(held: number | null | undefined, target: number | null | undefined): { percent: number; done: boolean } | null {
  const t = typeof target === 'number' && target > 0 ? target : 0
  if (!t) return null
  const h = typeof held === 'number' && held > 0 ? held : 0
  return { percent: Math.min(100, Math.floor((h / t) * 100)), done: h >= t }
}

// ---- the poster frame ----

/** Where to take a poster frame from: `wanted` seconds in (1 s by default), or the middle of a
 *  clip shorter than that; 0 when the length is not known. Never past the last frame. */
export function frameTime(duration: number, wanted = 1): number {
  if (!Number.isFinite(duration) || duration <= 0) return Number.isFinite(wanted) && wanted > 0 ? wanted : 0
  const w = Number.isFinite(wanted) && wanted >= 0 ? wanted : 1
  const t = w < duration ? w : duration / 2
  return Math.max(0, Math.min(t, duration - 0.05))
}

/** The poster's size: the video's own, scaled down to at most `max` pixels wide or high. */
export function frameSize(width: number, height: number, max = 1280): { width: number; height: number } {
  if (!(width > 0) || !(height > 0)) return { width: 0, height: 0 }
  const scale = Math.min(1, max / Math.max(width, height))
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) }
}

/** What of a <video> the poster frame reads. */
export interface FrameSource {
  videoWidth: number
  videoHeight: number
}
/** What of a <canvas> the poster frame uses. */
export interface FrameCanvas {
  width: number
  height: number
  getContext(kind: '2d'): { drawImage(image: never, x: number, y: number, w: number, h: number): void } | null
  toBlob(done: (blob: Blob | null) => void, type?: string, quality?: number): void
}

/** The video's current frame as a JPEG (a canvas from `makeCanvas`, the page's by default). */
export function captureFrame(
  video: FrameSource, { max = 1280, quality = 0.85, makeCanvas = () => document.createElement('canvas') as unknown as FrameCanvas } = {},
): Promise<Blob> {
  const size = frameSize(video.videoWidth, video.videoHeight, max)
  if (!size.width) return Promise.reject(new Error('the video has no picture yet'))
  const canvas = makeCanvas()
  canvas.width = size.width
  canvas.height = size.height
  const g = canvas.getContext('2d')
  if (!g) return Promise.reject(new Error('no 2d canvas'))
  g.drawImage(video as never, 0, 0, size.width, size.height)
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the frame could not be encoded'))), 'image/jpeg', quality))
}

/** Moves a video to `time` and waits until that frame is there. */
export function seekTo(video: HTMLVideoElement, time: number): Promise<void> {
  return new Promise((resolve) => {
    if (Math.abs(video.currentTime - time) < 0.001 && video.readyState >= 2) return resolve()
    video.addEventListener('seeked', () => resolve(), { once: true })
    video.currentTime = time
  })
}

/**
 * A video's length in seconds. A recording made in a browser (MediaRecorder's WebM) does not say
 * its length until the player has been to its end: then it is asked to seek far past the end,
 * which makes the length known, and back to the start. 0 when it cannot be told.
 */
export async function videoLength(video: HTMLVideoElement): Promise<number> {
  if (video.readyState < 1) {
    await new Promise<void>((resolve, reject) => {
      video.addEventListener('loadedmetadata', () => resolve(), { once: true })
      video.addEventListener('error', () => reject(new Error('the video cannot be read')), { once: true })
    })
  }
  if (Number.isFinite(video.duration)) return video.duration
  await new Promise<void>((resolve) => {
    const done = () => {
      if (!Number.isFinite(video.duration)) return
      video.removeEventListener('durationchange', done)
      resolve()
    }
    video.addEventListener('durationchange', done)
    video.currentTime = 1e7
    setTimeout(() => {
      video.removeEventListener('durationchange', done)
      resolve()
    }, 5000)
  })
  const d = Number.isFinite(video.duration) ? video.duration : 0
  await seekTo(video, 0)
  return d
}
