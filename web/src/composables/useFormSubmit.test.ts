import { describe, it, expect, vi, beforeEach } from 'vitest'
import { ref } from 'vue'
import type { FormInstance } from 'element-plus'
import { ApiError } from '@/api/client'
import { isStale, useFormSubmit } from './useFormSubmit'

const toast = vi.hoisted(() => ({ success: vi.fn(), info: vi.fn(), error: vi.fn(), warning: vi.fn() }))
vi.mock('element-plus', () => ({ ElMessage: toast }))

/** The error the client makes of the server's {"error":{"code","message","field"}}. */
const answer = (status: number, code: string, message: string, field?: string, details?: Record<string, unknown>) =>
  new ApiError(status, { code, message, field, details })
const fails = (e: unknown) => () => Promise.reject(e)

beforeEach(() => {
  for (const f of Object.values(toast)) f.mockClear()
})

describe('useFormSubmit', () => {
  it('sends, says so, and hands the answer on', async () => {
    const fs = useFormSubmit({ success: 'common.saved' })
    const done = vi.fn()
    let busyDuring = false
    const ok = await fs.submit(async () => {
      busyDuring = fs.busy
      return { id: 7 }
    }, done)
    expect(ok).toBe(true)
    expect(busyDuring).toBe(true)
    expect(fs.busy).toBe(false)
    expect(done).toHaveBeenCalledWith({ id: 7 })
    expect(toast.success).toHaveBeenCalledWith('已保存')
  })

  it('a success text can be made from the answer', async () => {
    const fs = useFormSubmit({ success: (a: { n: number }) => `got ${a.n}` })
    await fs.submit(async () => ({ n: 3 }))
    expect(toast.success).toHaveBeenCalledWith('got 3')
  })

  it('sends nothing when the client checks or the form rules fail', async () => {
    const send = vi.fn(async () => 1)
    const checked = useFormSubmit({ check: (errors) => { errors.name = 'required' } })
    expect(await checked.submit(send)).toBe(false)
    expect(checked.errors).toEqual({ name: 'required' })
    const form = ref({ validate: () => Promise.reject(new Error('invalid')) } as unknown as FormInstance)
    const ruled = useFormSubmit({ form })
    expect(await ruled.submit(send)).toBe(false)
    expect(send).not.toHaveBeenCalled()
  })

  it('puts a message that names a field under that field, in the user language', async () => {
    const fs = useFormSubmit({ fields: ['name', 'phone'] })
    fs.errors.phone = 'from before'
    await fs.submit(fails(answer(400, 'validation_failed', '姓名不能为空 / name is required', 'name')))
    expect(fs.errors).toEqual({ name: '姓名不能为空' })
    expect(toast.error).not.toHaveBeenCalled()
  })

  it('toasts a message without a field, or naming a field the form does not show', async () => {
    const fs = useFormSubmit({ fields: ['name'] })
    await fs.submit(fails(answer(400, 'validation_failed', '等级不对 / bad level', 'level')))
    await fs.submit(fails(answer(403, 'forbidden', '无权访问 / forbidden')))
    expect(fs.errors).toEqual({})
    expect(toast.error).toHaveBeenCalledTimes(2)
    expect(toast.error.mock.calls[0][0].message).toBe('等级不对')
  })

  it('maps server field names to the form names', async () => {
    const fs = useFormSubmit({ fields: (f) => ({ starts_at: 'start_date' })[f], message: (e) => `[${e.message}]` })
    await fs.submit(fails(answer(409, 'conflict', 'overlap', 'starts_at')))
    expect(fs.errors).toEqual({ start_date: '[overlap]' })
  })

  it('lets the form handle answers of its own first', async () => {
    const handle = vi.fn((e: ApiError) => e.code === 'possible_duplicate')
    const fs = useFormSubmit({ handle })
    await fs.submit(fails(answer(409, 'possible_duplicate', 'dup', undefined, { matches: [] })))
    expect(handle).toHaveBeenCalled()
    expect(toast.error).not.toHaveBeenCalled()
    await fs.submit(fails(answer(400, 'validation_failed', 'bad', 'name')))
    expect(fs.errors).toEqual({ name: 'bad' })
  })

  it('answers a stale version with the conflict dialog: loaded and current side by side', async () => {
    const loaded = { id: 1, version: 3, name: 'A' }
    const current = { id: 1, version: 4, name: 'B' }
    const reload = vi.fn()
    const fs = useFormSubmit({ stale: { loaded: () => loaded, reload, fields: ['name'], labelPrefix: 'rooms' } })
    await fs.submit(fails(answer(409, 'conflict', '记录已被他人修改 / changed', 'version', { current })))
    expect(fs.conflict).toMatchObject({ open: true, loaded, current, fields: ['name'], labelPrefix: 'rooms' })
    expect(fs.errors).toEqual({})
    expect(toast.error).not.toHaveBeenCalled()
    await fs.reload()
    expect(fs.conflict.open).toBe(false)
    expect(reload).toHaveBeenCalledWith(current)
    expect(toast.info).toHaveBeenCalledWith('已重新加载，您填写的内容已保留')
  })

  it('a stale version without the current record still opens the dialog; a reload may say something else', async () => {
    const fs = useFormSubmit({ stale: { loaded: () => ({ version: 1 }), reload: () => false } })
    await fs.submit(fails(answer(409, 'conflict', 'changed', 'version')))
    expect(fs.conflict.open).toBe(true)
    expect(fs.conflict.current).toBeNull()
    await fs.reload()
    expect(toast.info).not.toHaveBeenCalled()
  })

  it('knows a stale version from other conflicts', () => {
    expect(isStale(answer(409, 'conflict', 'changed', 'version'))).toBe(true)
    expect(isStale(answer(409, 'conflict', 'taken', 'login'))).toBe(false)
    expect(isStale(answer(409, 'room_booked', 'booked', 'room_id'))).toBe(false)
    expect(isStale(new Error('x'))).toBe(false)
  })

  it('a conflict on another field is that field\'s message', async () => {
    const fs = useFormSubmit({ stale: { loaded: () => null, reload: vi.fn() } })
    await fs.submit(fails(answer(409, 'conflict', '登录名已被使用 / the login is taken', 'login')))
    expect(fs.errors).toEqual({ login: '登录名已被使用' })
    expect(fs.conflict.open).toBe(false)
  })
})
