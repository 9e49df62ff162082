import { reactive } from 'vue'
import { regionApi } from '@/api/regions'
import type { Region } from '@/api/types'

/** code → display path ("东城街道 / 一村 / 第1网格"), filled lazily from GET /regions/{code}. */
export const regionPaths = reactive<Record<string, string>>({})
const pending = new Map<string, Promise<void>>()

export function pathOf(r: Region): string {
  const names = (r.ancestors ?? []).filter((a) => a.level !== 'city').map((a) => a.name)
  return [...names, r.name].join(' / ')
}

export function resolveRegion(code: string | null | undefined): void {
  if (!code || regionPaths[code] !== undefined || pending.has(code)) return
  const p = regionApi.get(code)
    .then((r) => { regionPaths[code] = pathOf(r) })
    .catch(() => { regionPaths[code] = code })
    .finally(() => pending.delete(code))
  pending.set(code, p)
}

/** Fetches every page of children of one region (the tree and pickers need them all). */
export async function childrenOf(parent: string, includeRetired = false): Promise<Region[]> {
  const out: Region[] = []
  for (let page = 1; page <= 50; page++) {
    const res = await regionApi.list({ parent, page, page_size: 100, include_retired: includeRetired ? 1 : undefined })
    out.push(...res.items)
    if (out.length >= res.total || res.items.length === 0) break
  }
  return out
}

export async function homeRegion(): Promise<Region[]> {
  const res = await regionApi.list({ root: 1 })
  // documented as a page; tolerate a bare region too
  return Array.isArray(res.items) ? res.items : [res as unknown as Region]
}
