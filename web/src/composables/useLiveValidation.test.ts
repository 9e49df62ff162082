import { describe, it, expect, vi } from 'vitest'
import { effectScope, nextTick, reactive, ref } from 'vue'
import type { FormInstance } from 'element-plus'
import { ApiError } from '@/api/client'
import { useFormSubmit } from './useFormSubmit'
import { changedPaths, flatten, propsOf, touches, useLiveValidation } from './useLiveValidation'

vi.mock('element-plus', () => ({ ElMessage: { success: vi.fn(), info: vi.fn(), error: vi.fn(), warning: vi.fn() } }))

const fails = (field: string, message = '已被占用 / taken', code = 'validation_failed') => () =>
  Promise.reject(new ApiError(422, { code, message, field }))

describe('paths of a form', () => {
  it('flattens a model as the server names its fields', () => {
    expect(flatten({ name: 'a', parties: [{ name: 'b', phone: '' }], tags: [], home: null })).toEqual({
      name: 'a', 'parties[0].name': 'b', 'parties[0].phone': '', tags: expect.anything(), home: null,
    })
  })

  it('finds what changed, was added or went', () => {
    const before = flatten({ a: 1, list: ['x', 'y'], o: { b: 2 } })
    const after = flatten({ a: 1, list: ['x'], o: { b: 3 }, c: '' })
    expect(changedPaths(before, after).sort()).toEqual(['c', 'list[1]', 'o.b'])
    expect(changedPaths(flatten({ tags: ['x'] }), flatten({ tags: [] })).sort()).toEqual(['tags', 'tags[0]'])
    expect(changedPaths(flatten({ a: 1 }), flatten({ a: 1 }))).toEqual([])
  })

  it('a message is about the changed field, a part of it, or the whole it belongs to', () => {
    expect(touches('name', ['name'])).toBe(true)
    expect(touches('name', ['name2', 'surname'])).toBe(false)
    expect(touches('parties', ['parties[0].role'])).toBe(true)
    expect(touches('parties[1].phone', ['parties[1]'])).toBe(true)
    expect(touches('parties[1].phone', ['parties[10].phone', 'parties[0].phone'])).toBe(false)
    expect(propsOf('parties[0].name')).toEqual(['parties[0].name', 'parties[0]', 'parties'])
    expect(propsOf('tags[0]')).toEqual(['tags[0]', 'tags'])
  })
})

describe('useFormSubmit: a message follows its field', () => {
  it("the server's message goes as soon as its field changes, not another field's", async () => {
    const fs = useFormSubmit({ fields: ['name', 'phone'] })
    await fs.submit(fails('name', '名称已被占用 / name taken'))
    expect(fs.errors).toEqual({ name: '名称已被占用' })
    fs.changed(['phone'])
    expect(fs.errors).toEqual({ name: '名称已被占用' })
    fs.changed(['name'])
    expect(fs.errors).toEqual({})
  })

  it("the client's check is worked out again: fixed, the message goes; still wrong, it says why now", async () => {
    const form = reactive({ facts: '', phone: '12' })
    const fs = useFormSubmit({
      check: (e) => {
        if (!form.facts.trim()) e.facts = 'facts required'
        if (form.phone && form.phone.length !== 11) e.phone = `bad phone ${form.phone}`
      },
    })
    expect(await fs.submit(async () => 1)).toBe(false)
    expect(fs.errors).toEqual({ facts: 'facts required', phone: 'bad phone 12' })
    form.facts = '吵架'
    fs.changed(['facts'])
    expect(fs.errors).toEqual({ phone: 'bad phone 12' })
    form.phone = '138'
    fs.changed(['phone'])
    expect(fs.errors).toEqual({ phone: 'bad phone 138' })
    // a field that is not red is not judged while typed: its message comes on submit
    form.facts = ''
    fs.changed(['facts'])
    expect(fs.errors).toEqual({ phone: 'bad phone 138' })
  })

  it("a check's message about another field follows the check (an ID number and the gender)", async () => {
    const p = reactive({ gender: 'male', id_number: 'F' })
    const fs = useFormSubmit({ check: (e) => { if (p.gender === 'male' && p.id_number === 'F') e.id_number = 'mismatch' } })
    await fs.submit(async () => 1)
    expect(fs.errors).toEqual({ id_number: 'mismatch' })
    p.gender = 'female'
    fs.changed(['gender'])
    expect(fs.errors).toEqual({})
  })

  it('refused runs when the checks stop a submit, not when a field is checked again', async () => {
    const refused = vi.fn()
    const form = reactive({ a: '' })
    const fs = useFormSubmit({ check: (e) => { if (!form.a) e.a = 'required' }, refused })
    await fs.submit(async () => 1)
    fs.changed(['a'])
    expect(refused).toHaveBeenCalledTimes(1)
  })
})

describe('useLiveValidation', () => {
  it('a message under a field (also a party of a list) goes once the field is changed, without a submit', async () => {
    const scope = effectScope()
    const form = reactive({ name: '', parties: [{ name: '', phone: '' }] })
    const fs = useFormSubmit({
      check: (e) => {
        if (!form.name) e.name = 'name required'
        form.parties.forEach((p, i) => { if (!p.name) e[`parties[${i}].name`] = 'party name required' })
      },
    })
    scope.run(() => useLiveValidation(() => form, { submit: fs }))
    await fs.submit(async () => 1)
    expect(Object.keys(fs.errors).sort()).toEqual(['name', 'parties[0].name'])
    form.parties[0].name = '王'
    await nextTick()
    expect(Object.keys(fs.errors)).toEqual(['name'])
    form.name = '张'
    await nextTick()
    expect(fs.errors).toEqual({})
    scope.stop()
  })

  it("a handler that empties the field it reports on does not take its own message away", async () => {
    const scope = effectScope()
    const input = reactive({ mediator_id: 7 as number | null })
    const fs = useFormSubmit({
      handle: (e) => {
        fs.errors.mediator_id = e.message
        input.mediator_id = null
        return true
      },
    })
    scope.run(() => useLiveValidation(() => input, { submit: fs }))
    await fs.submit(fails('mediator_id', 'recused', 'recusal'))
    await nextTick()
    expect(fs.errors).toEqual({ mediator_id: 'recused' })
    input.mediator_id = 8
    await nextTick()
    expect(fs.errors).toEqual({})
    scope.stop()
  })

  it('a red form item is validated again, all its rules, when its value changes; others are left alone', async () => {
    const scope = effectScope()
    const form = reactive({ name: '', phone: '' })
    const state: Record<string, string> = { name: 'error', phone: '' }
    const validateField = vi.fn(async () => true)
    const el = ref({ getField: (p: string) => (p in state ? { validateState: state[p] } : undefined), validateField } as unknown as FormInstance)
    scope.run(() => useLiveValidation(() => form, { form: el }))
    form.phone = '1'
    await nextTick()
    expect(validateField).not.toHaveBeenCalled()
    form.name = '张'
    await nextTick()
    await nextTick()
    expect(validateField).toHaveBeenCalledWith(['name'])
    scope.stop()
  })
})
