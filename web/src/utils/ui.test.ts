import { describe, it, expect, vi } from 'vitest'
import { ref } from 'vue'
import { withBusy } from './ui'

const toast = vi.hoisted(() => ({ error: vi.fn() }))
vi.mock('element-plus', () => ({ ElMessage: toast }))

describe('withBusy', () => {
  it('is busy while the request runs and hands its answer on', async () => {
    const busy = ref(false)
    let during = false
    const answer = await withBusy(busy, async () => {
      during = busy.value
      return 42
    })
    expect(during).toBe(true)
    expect(busy.value).toBe(false)
    expect(answer).toBe(42)
  })

  it('shows a failure and answers nothing, no longer busy', async () => {
    const busy = ref(false)
    const answer = await withBusy(busy, () => Promise.reject(new Error('网络错误')))
    expect(answer).toBeUndefined()
    expect(busy.value).toBe(false)
    expect(toast.error).toHaveBeenCalledWith(expect.objectContaining({ message: '网络错误' }))
  })
})
