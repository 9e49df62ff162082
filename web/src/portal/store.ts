// What the portal remembers while it is open, in memory only: never in localStorage or
// sessionStorage, never in the address (a tracking code in a URL would sit in the history).
// A reload or the quick exit forgets it all.
import { onMounted, reactive, ref } from 'vue'
import { emptyHelpForm, type ConsultationForm, type HelpForm } from './validate'
import { portalApi, type PublicInfo } from './api'

export const drafts = reactive({
  help: emptyHelpForm() as HelpForm,
  consultation: { category: '', town_code: '', question: '', contact: '' } as ConsultationForm,
  /** the code of the request just sent, shown once on the result page */
  lastHelpCode: '',
})

export function clearDrafts(): void {
  drafts.help = emptyHelpForm()
  drafts.consultation = { category: '', town_code: '', question: '', contact: '' }
  drafts.lastHelpCode = ''
}

/** /public/info, asked once per visit. */
let infoPromise: Promise<PublicInfo> | null = null
export function loadInfo(fetchInfo: () => Promise<PublicInfo>): Promise<PublicInfo> {
  if (!infoPromise) {
    infoPromise = fetchInfo().catch((e) => {
      infoPromise = null
      throw e
    })
  }
  return infoPromise
}

/** /public/info for a page, asked when it mounts; `loadError` offers 重试 (`load`). */
export function usePublicInfo() {
  const info = ref<PublicInfo | null>(null)
  const loadError = ref(false)
  async function load() {
    loadError.value = false
    try {
      info.value = await loadInfo(portalApi.info)
    } catch {
      loadError.value = true
    }
  }
  onMounted(load)
  return { info, loadError, load }
}
