import { computed, onMounted, shallowRef } from 'vue'
import { legalBrandApi, legalCampaignApi, type LegalOwnerChoice } from '@/api/legal'
import { showError } from '@/utils/ui'

/**
 * The campaigns and town brands an event of my area is filed under — my area's and those of the
 * regions above it (the city's campaign, my town's brand), which my lists do not show: fetched
 * once when the page opens (retired ones too, so that an old event still names its own), the
 * choices of the event's form (active ones only) and of the list's filters, and their names by id.
 */
export function useLegalOwners() {
  const campaigns = shallowRef<LegalOwnerChoice[]>([])
  const brands = shallowRef<LegalOwnerChoice[]>([])
  async function load() {
    try {
      const [c, b] = await Promise.all([
        legalCampaignApi.choices(),
        legalBrandApi.choices(),
      ])
      campaigns.value = c.items
      brands.value = b.items
    } catch (e) {
      showError(e)
    }
  }
  onMounted(load)
  const campaignName = (id: number | null | undefined) => (id ? campaigns.value.find((c) => c.id === id)?.name ?? `#${id}` : '')
  const brandName = (id: number | null | undefined) => (id ? brands.value.find((b) => b.id === id)?.name ?? `#${id}` : '')
  /** value/label pairs for a select (the filters: every one; the form: the active ones) */
  const campaignOptions = computed(() => campaigns.value.map((c) => ({ value: String(c.id), label: c.year ? `${c.name} · ${c.year}` : c.name, retired: !!c.retired })))
  const brandOptions = computed(() => brands.value.map((b) => ({ value: String(b.id), label: b.name, retired: !!b.retired })))
  return { campaigns, brands, load, campaignName, brandName, campaignOptions, brandOptions }
}
