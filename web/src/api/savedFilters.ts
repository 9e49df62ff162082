// Saved filters of the case list, kept on the server for the signed-in user only (docs/api.md,
// "Statistics, export, attachments, saved filters").
import { api, type Page } from './client'

const enc = encodeURIComponent

/** A named set of list filters, kept on the server for the signed-in user only. */
export interface SavedFilter {
  id: number
  name: string
  /** the query of GET /cases, values as strings */
  query: Record<string, string>
  created_at: string
}

export const savedFilterApi = {
  list: () => api.get<Page<SavedFilter>>('/saved-filters', { page_size: 100 }),
  create: (name: string, query: Record<string, string>) => api.post<SavedFilter>('/saved-filters', { name, query }),
  remove: (id: number) => api.del<void>(`/saved-filters/${enc(String(id))}`),
}
