import { describe, it, expect, vi, beforeEach } from 'vitest'
import { effectScope, nextTick, reactive } from 'vue'
import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import type { Page, Query } from '@/api/client'
import { useListQuery } from './useListQuery'

// A list page opened from the cockpit (数据驾驶舱 → 查看清单): the figure's filters in the address
// go with every request, survive the page writing its own filters there, and go when the tag goes.
const route = reactive({ query: {} as LocationQuery })
const replace = vi.fn(async (to: { query: LocationQueryRaw }) => {
  route.query = to.query as LocationQuery
})
vi.mock('vue-router', () => ({ useRoute: () => route, useRouter: () => ({ replace }) }))
vi.mock('@/utils/ui', () => ({ showError: vi.fn() }))

const FIGURE = { from: '2026-01-01', to: '2026-12-05', counted: 'resolved', region: '330784001', cockpit: 'from,to,counted,region' }

function server() {
  const calls: Query[] = []
  const fetcher = vi.fn(async (q: Query): Promise<Page<{ id: number }>> => {
    calls.push(q)
    return { items: [], page: 1, page_size: 20, total: 0 }
  })
  return { fetcher, calls }
}

describe('useListQuery with the cockpit\'s figure filters', () => {
  beforeEach(() => {
    route.query = {}
    replace.mockClear()
  })

  it('sends them over the page\'s own filters, and searches again without them once they go', async () => {
    route.query = { ...FIGURE }
    const { fetcher, calls } = server()
    const scope = effectScope()
    const list = scope.run(() => useListQuery(fetcher, { filters: () => ({ q: '', region: null as string | null }), figures: true }))!
    await vi.waitFor(() => expect(calls).toHaveLength(1))
    expect(calls[0]).toMatchObject({ from: '2026-01-01', to: '2026-12-05', counted: 'resolved', region: '330784001', page: 1 })
    expect(calls[0].cockpit).toBeUndefined()
    expect(list.figures.value).toEqual({ from: '2026-01-01', to: '2026-12-05', counted: 'resolved', region: '330784001' })
    route.query = { tab: 'all' }
    await nextTick()
    await vi.waitFor(() => expect(calls).toHaveLength(2))
    expect(calls[1]).toEqual({ q: '', region: null, sort: undefined, page: 1, page_size: 20 })
    expect(list.figures.value).toBeNull()
    scope.stop()
  })

  it('a page with its filters in the address reads its own without the figure\'s, and keeps the figure\'s when it writes them', async () => {
    route.query = { ...FIGURE, q: '王' }
    const { fetcher, calls } = server()
    const scope = effectScope()
    const list = scope.run(() => useListQuery(fetcher, {
      filters: () => ({ q: '', region: '' }),
      url: { read: (q) => ({ q: String(q.q ?? ''), region: String(q.region ?? '') }), write: (f) => ({ ...(f.q ? { q: f.q } : {}), ...(f.region ? { region: f.region } : {}) }) },
      figures: true,
    }))!
    expect(list.filters).toEqual({ q: '王', region: '' })
    list.filters.q = '李'
    await list.search()
    expect(replace).toHaveBeenLastCalledWith({ query: { q: '李', ...FIGURE } })
    expect(calls.at(-1)).toMatchObject({ q: '李', region: '330784001', counted: 'resolved' })
    const n = calls.length
    await nextTick()
    expect(calls).toHaveLength(n) // the same figure filters: no second search
    scope.stop()
  })

  it('a list that does not take them ignores them', async () => {
    route.query = { ...FIGURE }
    const { fetcher, calls } = server()
    const scope = effectScope()
    scope.run(() => useListQuery(fetcher))
    await vi.waitFor(() => expect(calls).toHaveLength(1))
    expect(calls[0]).toEqual({ sort: undefined, page: 1, page_size: 20 })
    scope.stop()
  })
})
