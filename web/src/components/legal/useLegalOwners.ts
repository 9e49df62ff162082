import { computed, onMounted, shallowRef } from 'vue'
import { legalBrandApi, legalCampaignApi, type LegalBrand, type LegalCampaign } from '@/api/legal'
import { showError } from '@/utils/ui'

/** At most this many campaigns and brands are offered (the server's largest page). */
const MAX = 100

/**
 * The campaigns and town brands of my area an event is filed under: fetched once when the page
 * opens (retired ones too, so that an old event still names its own), the choices of the event's
 * form (active ones only) and of the list's filters, and their names by id.
 */
export function useLegalOwners() {
  const campaigns = shallowRef<LegalCampaign[]>([])
  const brands = shallowRef<LegalBrand[]>([])
  async function load() {
    try {
      const [c, b] = await Promise.all([
        legalCampaignApi.list({ page_size: MAX, include_retired: 1, sort: '-year' }),
        legalBrandApi.list({ page_size: MAX, include_retired: 1, sort: 'name' }),
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
  const campaignOptions = computed(() => campaigns.value.map((c) => ({ value: String(c.id), label: `${c.name} · ${c.year}`, retired: !!c.retired })))
  const brandOptions = computed(() => brands.value.map((b) => ({ value: String(b.id), label: b.name, retired: !!b.retired })))
  return { campaigns, brands, load, campaignName, brandName, campaignOptions, brandOptions }
}
