// The towns a worker may say a caller is from: her own region first (未说明: the city, or her
// town), then, for a city worker, the towns under it (quickCall.ts's townChoices). Asked once per
// page; `cityCode` is the city's code when she works at the city (a call left there names no town).
import { computed, onMounted, shallowRef } from 'vue'
import type { Region } from '@/api/types'
import { childrenOf, homeRegion } from '@/stores/regions'
import { showError } from '@/utils/ui'
import { townChoices, type TownChoice } from './quickCall'

export interface Towns {
  choices: Readonly<{ value: TownChoice[] }>
  /** the worker's own region (the form's default town) */
  own: Readonly<{ value: Region | null }>
  cityCode: Readonly<{ value: string | null }>
}

export function useTowns(): Towns {
  const choices = shallowRef<TownChoice[]>([])
  const own = shallowRef<Region | null>(null)
  async function load() {
    const home = (await homeRegion()).find((r) => !r.retired)
    if (!home) return
    choices.value = townChoices(home, home.level === 'city' ? await childrenOf(home.code) : [])
    own.value = home
  }
  onMounted(() => void load().catch(showError))
  return { choices, own, cityCode: computed(() => (own.value?.level === 'city' ? own.value.code : null)) }
}
