// The state of one paged list: its filters, the page asked for and the page the server answered
// ({items, page, page_size, total}: src/http/paging.hpp, the one pagination shape). Every console
// list page and the kit's <ListPage> run on this.
import { computed, reactive, shallowReactive, watch, type ComputedRef } from 'vue'
import { useRoute, useRouter, type LocationQuery, type LocationQueryRaw } from 'vue-router'
import type { Page, Query } from '@/api/client'
import { figureFiltersOf, figurePartOf, sameFigureFilters, withoutFigureFilters, type FigureFilters } from '@/utils/figureFilters'
import { showError } from '@/utils/ui'

/** The page sizes every pager offers. */
export const PAGE_SIZES = [10, 20, 50, 100]

export interface ListState<T> {
  items: T[]
  total: number
  page: number
  pageSize: number
  loading: boolean
  /** `field` or `-field` (descending); '' = the server's default order */
  sort: string
}

export interface ListQuery<T, F extends object = Record<string, unknown>> {
  /** what the search form edits; `search()` applies it */
  filters: F
  state: ListState<T>
  load(): Promise<void>
  /** back to page 1 with the filters as they are */
  search(): Promise<void>
  /** the blank filters, then page 1 */
  reset(): Promise<void>
  onPage(page: number): Promise<void>
  onSize(size: number): Promise<void>
  /** an el-table `sort-change` (columns with sortable="custom") */
  onSort(change: { prop: string; order: string | null }): Promise<void>
  /** the cockpit figure's filters the page was opened with (utils/figureFilters.ts), sent with
   *  every request; null when none (or the list does not take them) */
  figures: ComputedRef<FigureFilters | null>
}

export interface ListQueryOptions<F extends object> {
  /** the blank filters, also what Reset goes back to */
  filters?: () => F
  /** the filters as the API's query; by default every filter, text trimmed and `true` sent as 1 */
  query?: (filters: F) => Query
  /** keeps the filters in the address bar (bookmarked, shared, reloaded): written on search */
  url?: { write: (filters: F) => LocationQueryRaw; read: (query: LocationQuery) => F }
  /** the order when the table asks for none */
  sort?: string
  pageSize?: number
  /** loads the first page at once (default true) */
  immediate?: boolean
  /** a page of the console the cockpit opens (数据驾驶舱 → 查看清单): the figure's filters in the
   *  address are sent with every request (over the page's own), kept when the page writes its
   *  filters to the address, and the list searches again when they go (ListPage shows their tag) */
  figures?: boolean
}

/** Text trimmed, `true` as 1 and `false` left out, arrays joined with commas. */
export function defaultQuery(filters: object): Query {
  const q: Query = {}
  for (const [k, v] of Object.entries(filters)) {
    if (typeof v === 'string') q[k] = v.trim()
    else if (typeof v === 'boolean') q[k] = v ? 1 : undefined
    else if (Array.isArray(v)) q[k] = v.join(',')
    else if (typeof v === 'number' || v === null || v === undefined) q[k] = v
  }
  return q
}

export function useListQuery<T, F extends object = Record<string, never>>(
  fetcher: (q: Query) => Promise<Page<T>>,
  opts: ListQueryOptions<F> = {},
): ListQuery<T, F> {
  const blank = opts.filters ?? (() => ({}) as F)
  const route = opts.url || opts.figures ? useRoute() : null
  const router = opts.url ? useRouter() : null
  const figures = computed(() => (opts.figures && route ? figureFiltersOf(route.query) : null))
  // the page's own filters in the address are read without the figure's (a key of both is the figure's)
  const filters = reactive(opts.url && route ? opts.url.read(withoutFigureFilters(route.query)) : blank()) as F
  const state = shallowReactive<ListState<T>>({
    items: [], total: 0, page: 1, pageSize: opts.pageSize ?? 20, loading: false, sort: opts.sort ?? '',
  })
  const toQuery = opts.query ?? defaultQuery
  // Only the newest answer is shown when the user pages faster than the server answers.
  let seq = 0

  async function load() {
    const mine = ++seq
    state.loading = true
    try {
      const res = await fetcher({ ...toQuery(filters), ...figures.value, sort: state.sort || undefined, page: state.page, page_size: state.pageSize })
      if (mine !== seq) return
      state.items = res.items
      state.total = res.total
    } catch (e) {
      if (mine === seq) showError(e)
    } finally {
      if (mine === seq) state.loading = false
    }
  }
  function search() {
    state.page = 1
    if (opts.url && router) void router.replace({ query: { ...opts.url.write(filters), ...(route ? figurePartOf(route.query) : {}) } })
    return load()
  }
  function reset() {
    Object.assign(filters, blank())
    return search()
  }
  function onPage(p: number) {
    state.page = p
    return load()
  }
  function onSize(s: number) {
    state.pageSize = s
    state.page = 1
    return load()
  }
  function onSort({ prop, order }: { prop: string; order: string | null }) {
    state.sort = !order ? opts.sort ?? '' : (order === 'descending' ? '-' : '') + prop
    return search()
  }
  if (opts.figures) watch(figures, (now, before) => {
    if (!sameFigureFilters(now, before)) void search()
  })
  if (opts.immediate !== false) void load()
  return { filters, state, load, search, reset, onPage, onSize, onSort, figures }
}
