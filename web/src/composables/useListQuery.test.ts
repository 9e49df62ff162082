import { describe, it, expect, vi } from 'vitest'
import type { Page, Query } from '@/api/client'
import { defaultQuery, useListQuery } from './useListQuery'

vi.mock('@/utils/ui', () => ({ showError: vi.fn() }))

function server(total = 45) {
  const calls: Query[] = []
  const fetcher = vi.fn(async (q: Query): Promise<Page<{ id: number }>> => {
    calls.push(q)
    const page = Number(q.page)
    const size = Number(q.page_size)
    const items = Array.from({ length: Math.max(0, Math.min(size, total - (page - 1) * size)) }, (_, i) => ({ id: (page - 1) * size + i + 1 }))
    return { items, page, page_size: size, total }
  })
  return { fetcher, calls }
}

describe('useListQuery', () => {
  it('loads the first page at once, with the filters as the query', async () => {
    const { fetcher, calls } = server()
    const list = useListQuery(fetcher, { filters: () => ({ q: ' 王 ', tag: '', mine: true, region: null as string | null }) })
    await vi.waitFor(() => expect(list.state.loading).toBe(false))
    expect(calls[0]).toEqual({ q: '王', tag: '', mine: 1, region: null, sort: undefined, page: 1, page_size: 20 })
    expect(list.state.items).toHaveLength(20)
    expect(list.state.total).toBe(45)
  })

  it('pages, resizes (back to page 1) and searches from page 1', async () => {
    const { fetcher, calls } = server()
    const list = useListQuery(fetcher, { immediate: false })
    await list.onPage(3)
    expect(list.state.items.map((r) => r.id)).toEqual([41, 42, 43, 44, 45])
    await list.onSize(50)
    expect(calls.at(-1)).toMatchObject({ page: 1, page_size: 50 })
    await list.onPage(2)
    await list.search()
    expect(calls.at(-1)).toMatchObject({ page: 1 })
  })

  it('sorts as the table asks, back to the default order when it asks for none', async () => {
    const { fetcher, calls } = server()
    const list = useListQuery(fetcher, { sort: '-created_at', immediate: false })
    await list.onSort({ prop: 'head_name', order: 'ascending' })
    expect(calls.at(-1)?.sort).toBe('head_name')
    await list.onSort({ prop: 'created_at', order: 'descending' })
    expect(calls.at(-1)?.sort).toBe('-created_at')
    await list.onSort({ prop: 'created_at', order: null })
    expect(calls.at(-1)?.sort).toBe('-created_at')
  })

  it('reset puts the blank filters back', async () => {
    const { fetcher, calls } = server()
    const list = useListQuery(fetcher, { filters: () => ({ q: '', active: '1' }), immediate: false })
    list.filters.q = 'x'
    list.filters.active = '0'
    await list.reset()
    expect(list.filters).toEqual({ q: '', active: '1' })
    expect(calls.at(-1)).toMatchObject({ q: '', active: '1', page: 1 })
  })

  it('shows only the newest answer when answers come back out of order', async () => {
    const resolvers: ((p: Page<{ id: number }>) => void)[] = []
    const fetcher = () => new Promise<Page<{ id: number }>>((resolve) => resolvers.push(resolve))
    const list = useListQuery(fetcher, { immediate: false })
    const first = list.onPage(1)
    const second = list.onPage(2)
    resolvers[1]({ items: [{ id: 2 }], page: 2, page_size: 20, total: 21 })
    await second
    resolvers[0]({ items: [{ id: 1 }], page: 1, page_size: 20, total: 21 })
    await first
    expect(list.state.items).toEqual([{ id: 2 }])
    expect(list.state.loading).toBe(false)
  })

  it('the default query trims text, sends true as 1 and joins lists', () => {
    expect(defaultQuery({ a: ' x ', b: false, c: ['p', 'q'], d: 3 })).toEqual({ a: 'x', b: undefined, c: 'p,q', d: 3 })
  })
})
