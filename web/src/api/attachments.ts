// Files attached to a case (docs/api.md, "Statistics, export, attachments, saved filters").
import { API_BASE, api, sendFile, type Page, type Query } from './client'

export interface Attachment {
  id: number
  case_id: number
  name: string | null
  mime: string
  size: number
  uploaded_by: { id: number; name: string } | null
  created_at: string
}

/** What the server accepts (docs/api.md): type and size are checked here too, before sending. */
export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024

export const attachmentApi = {
  list: (caseId: number, q?: Query) => api.get<Page<Attachment>>(`/cases/${caseId}/attachments`, q),
  /** Same-origin link: the session cookie goes with it; the server answers as a download. */
  downloadUrl: (caseId: number, id: number) => `${API_BASE}/cases/${caseId}/attachments/${id}`,
  /** Sends the file as the raw body; `onProgress` gets 0..1 while it uploads. */
  upload: (caseId: number, file: File, onProgress?: (fraction: number) => void) =>
    sendFile<Attachment>('POST', `/cases/${caseId}/attachments`, file, { query: { name: file.name }, onProgress }),
}

/** Why a file cannot be attached ('type' or 'size'), or null when it can. */
export function attachmentProblem(file: { type: string; size: number }): 'type' | 'size' | 'empty' | null {
  if (!(ATTACHMENT_TYPES as readonly string[]).includes(file.type)) return 'type'
  if (file.size === 0) return 'empty'
  if (file.size > ATTACHMENT_MAX_BYTES) return 'size'
  return null
}
