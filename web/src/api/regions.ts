// The region tree: city, towns, villages, grids (docs/api.md, "Regions").
import { api, type Page, type Query } from './client'
import type { Region } from './types'

const enc = encodeURIComponent

export const regionApi = {
  list: (q: Query) => api.get<Page<Region>>('/regions', q),
  get: (code: string) => api.get<Region>(`/regions/${enc(code)}`),
  create: (body: { code: string; name: string; parent_code: string; phone?: string }) => api.post<Region>('/regions', body),
  update: (code: string, body: { name?: string; parent_code?: string; phone?: string }) => api.patch<Region>(`/regions/${enc(code)}`, body),
  retire: (code: string) => api.post<Region>(`/regions/${enc(code)}/retire`),
  import: (csv: string) => api.post<{ imported: number }>('/regions/import', { csv }),
}
