import { describe, it, expect, vi } from 'vitest'
import { nextTick, ref } from 'vue'
import { useOpenedRecord } from './useOpenedRecord'

// withBusy without the toast (element-plus) behind showError
vi.mock('@/utils/ui', () => ({
  withBusy: async (busy: { value: boolean }, run: () => Promise<unknown>) => {
    busy.value = true
    return run().catch(() => undefined).finally(() => (busy.value = false))
  },
}))

describe('useOpenedRecord', () => {
  it('fetches when the drawer opens, and again for another record or after a change', async () => {
    const open = ref(false)
    const id = ref<number | null>(3)
    const fetch = vi.fn(async (i: string | number) => ({ id: i, name: `户 ${i}` }))
    const d = useOpenedRecord(() => open.value, () => id.value, fetch)
    expect(fetch).not.toHaveBeenCalled()
    open.value = true
    await nextTick()
    await vi.waitFor(() => expect(d.record.value).toEqual({ id: 3, name: '户 3' }))
    id.value = 4
    await nextTick()
    await vi.waitFor(() => expect(d.record.value?.id).toBe(4))
    await d.load()
    expect(fetch).toHaveBeenCalledTimes(3)
    expect(d.loading.value).toBe(false)
  })

  it('fetches nothing without a record to show, and keeps the last one when a fetch fails', async () => {
    const id = ref<number | null>(null)
    let fail = false
    const fetch = vi.fn(async (i: string | number) => { if (fail) throw new Error('x'); return { id: i } })
    const d = useOpenedRecord(() => true, () => id.value, fetch)
    await d.load()
    expect(fetch).not.toHaveBeenCalled()
    id.value = 5
    await nextTick()
    await vi.waitFor(() => expect(d.record.value).toEqual({ id: 5 }))
    fail = true
    await d.load()
    expect(d.record.value).toEqual({ id: 5 })
  })
})
