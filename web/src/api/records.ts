// The routes every record area answers (docs/api.md): a page of its list, one record, add, and
// correct (PATCH with the version read). An area adds its own (retire, reveal, a calendar …) on
// `recordPath`, the path of one record.
import { api, type Page, type Query } from './client'

/** `/rooms` → (7, '/calendar') → `/rooms/7/calendar` */
export const recordPath = (path: string) => (id: string | number, tail = '') => `${path}/${encodeURIComponent(String(id))}${tail}`

export function recordRoutes<R>(path: string) {
  const one = recordPath(path)
  return {
    list: (q: Query) => api.get<Page<R>>(path, q),
    get: (id: string | number) => api.get<R>(one(id)),
    create: (body: Record<string, unknown>) => api.post<R>(path, body),
    update: (id: string | number, body: Record<string, unknown>) => api.patch<R>(one(id), body),
  }
}
