// A choice that is the only one is made for the user: a picker whose options are exactly one, and
// whose value is still empty, gets that option. Only for a field that must be answered: where
// "none" means something (an optional relation, "me" as the handler, a filter) nothing is chosen.
// Applied when the options arrive (or the form is filled again: call the answered `apply`), never
// while the user empties the field herself.
import { toValue, watch, type MaybeRefOrGetter, type Ref } from 'vue'
import type { Region } from '@/api/types'
import { childrenOf, homeRegion } from '@/stores/regions'

/** No answer yet: null, undefined, '' or an empty list. */
export const isBlank = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)

/** The value to preselect: the only option's, when there is exactly one and nothing is chosen. */
export function soleChoice<T, V = T>(options: readonly T[] | null | undefined, current: unknown, optionValue?: (option: T) => V): V | undefined {
  if (!options || options.length !== 1 || !isBlank(current)) return undefined
  return optionValue ? optionValue(options[0]) : (options[0] as unknown as V)
}

export interface PreselectOptions<T, V> {
  /** an option's value (the option itself by default) */
  optionValue?: (option: T) => V
  /** only while this holds (a required field, a new record …) */
  when?: () => boolean
}

/**
 * Preselects the only option of `options` into `model` when the options change (loaded, filtered
 * by the server); answers `apply`, for the caller to run after filling the form again.
 */
export function usePreselectSingle<T, V>(options: MaybeRefOrGetter<readonly T[] | null | undefined>, model: Ref<V | null | undefined> | Ref<V>, opts: PreselectOptions<T, V> = {}) {
  function apply() {
    if (opts.when && !opts.when()) return
    const v = soleChoice(toValue(options), model.value, opts.optionValue)
    if (v !== undefined) (model as Ref<V>).value = v
  }
  watch(() => toValue(options), apply, { immediate: true })
  return apply
}

/** What a region picker offers (see RegionCascader): `leaf`, the deepest level; `gridsOnly`, only
 *  a grid is an answer. */
export interface RegionChoice {
  leaf?: 'town' | 'village' | 'grid'
  gridsOnly?: boolean
}

/**
 * The only region a picker offers, given its first level: one region with nothing below it to
 * choose (a grid, the deepest level asked for, or a region without children) that is an answer
 * (a grid where only grids are). A region with regions below offers them too: no preselection.
 */
export function soleRegion(first: readonly Region[], opts: RegionChoice = {}): string | null {
  const open = first.filter((r) => !r.retired)
  if (open.length !== 1) return null
  const r = open[0]
  const deepest = r.level === 'grid' || r.level === (opts.leaf ?? 'grid') || r.children_count === 0
  if (!deepest || (opts.gridsOnly && r.level !== 'grid')) return null
  return r.code
}

/** The first level of the region picker of the caller (`belowCity`: a city's towns instead of the
 *  city), as RegionCascader shows it. */
export async function firstRegions(belowCity = false): Promise<Region[]> {
  const home = await homeRegion()
  return belowCity && home.length === 1 && home[0].level === 'city' ? childrenOf(home[0].code) : home
}

/** The only region the caller's picker offers, or null. */
export async function onlyRegion(opts: RegionChoice & { belowCity?: boolean } = {}): Promise<string | null> {
  return soleRegion(await firstRegions(opts.belowCity), opts)
}
