import { describe, it, expect, vi } from 'vitest'
import { effectScope, nextTick, ref } from 'vue'
import type { Region } from '@/api/types'
import { isBlank, onlyRegion, soleChoice, soleRegion, usePreselectSingle } from './usePreselect'

const regions = vi.hoisted(() => ({ home: [] as unknown[], children: [] as unknown[] }))
vi.mock('@/stores/regions', () => ({ homeRegion: vi.fn(async () => regions.home), childrenOf: vi.fn(async () => regions.children) }))

const region = (code: string, level: Region['level'], children_count = 0, retired = false) =>
  ({ code, name: code, level, children_count, retired }) as Region

describe('soleChoice', () => {
  it('the only option, when nothing is chosen', () => {
    expect(soleChoice(['a'], '')).toBe('a')
    expect(soleChoice(['a'], null)).toBe('a')
    expect(soleChoice(['a'], undefined)).toBe('a')
    expect(soleChoice([{ id: 3 }], null, (o) => o.id)).toBe(3)
  })
  it('nothing with several options, none, or a value already there', () => {
    expect(soleChoice(['a', 'b'], '')).toBeUndefined()
    expect(soleChoice([], '')).toBeUndefined()
    expect(soleChoice(null, '')).toBeUndefined()
    expect(soleChoice(['a'], 'b')).toBeUndefined()
    expect(soleChoice([{ id: 3 }], 5, (o) => o.id)).toBeUndefined()
  })
  it('blank is null, undefined, empty text or an empty list; 0 and false are answers', () => {
    expect([null, undefined, '', []].every(isBlank)).toBe(true)
    expect([0, false, 'x', ['x']].some(isBlank)).toBe(false)
  })
})

describe('usePreselectSingle', () => {
  it('chooses the only option once the options arrive, and again when asked after a reset', async () => {
    const scope = effectScope()
    const options = ref<{ id: number }[]>([])
    const chosen = ref<number | null>(null)
    let apply = () => {}
    scope.run(() => { apply = usePreselectSingle(options, chosen, { optionValue: (o) => o.id }) })
    expect(chosen.value).toBeNull()
    options.value = [{ id: 4 }, { id: 5 }]
    await nextTick()
    expect(chosen.value).toBeNull()
    options.value = [{ id: 4 }]
    await nextTick()
    expect(chosen.value).toBe(4)
    // the user empties it: left empty until the options or the form are new
    chosen.value = null
    await nextTick()
    expect(chosen.value).toBeNull()
    apply()
    expect(chosen.value).toBe(4)
    scope.stop()
  })
  it('leaves a chosen value and respects `when`', async () => {
    const scope = effectScope()
    const options = ref(['low'])
    const a = ref('medium')
    const b = ref('')
    const required = ref(false)
    scope.run(() => {
      usePreselectSingle(options, a)
      usePreselectSingle(options, b, { when: () => required.value })
    })
    expect(a.value).toBe('medium')
    expect(b.value).toBe('')
    required.value = true
    options.value = ['low']
    await nextTick()
    expect(b.value).toBe('low')
    scope.stop()
  })
})

describe('soleRegion', () => {
  it('one region with nothing below it to choose is the only answer', () => {
    expect(soleRegion([region('g1', 'grid')])).toBe('g1')
    expect(soleRegion([region('v1', 'village', 3)], { leaf: 'village' })).toBe('v1')
    expect(soleRegion([region('t1', 'town', 0)])).toBe('t1')
    expect(soleRegion([region('t1', 'town', 0), region('t2', 'town', 0, true)])).toBe('t1')
  })
  it('a region with regions below it, several regions, or a non-grid where grids are asked: none', () => {
    expect(soleRegion([region('c', 'city', 5)])).toBeNull()
    expect(soleRegion([region('v1', 'village', 3)])).toBeNull()
    expect(soleRegion([region('g1', 'grid'), region('g2', 'grid')])).toBeNull()
    expect(soleRegion([region('v1', 'village', 0)], { gridsOnly: true })).toBeNull()
    expect(soleRegion([])).toBeNull()
  })
  it("onlyRegion asks from the user's own area, a city's towns when below the city", async () => {
    regions.home = [region('c', 'city', 2)]
    regions.children = [region('t1', 'town', 0)]
    expect(await onlyRegion()).toBeNull()
    expect(await onlyRegion({ belowCity: true })).toBe('t1')
    regions.home = [region('g1', 'grid')]
    expect(await onlyRegion({ belowCity: true, leaf: 'village' })).toBe('g1')
  })
})
