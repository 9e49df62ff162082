import { ref, onMounted, onBeforeUnmount, type Ref } from 'vue'
import { ElMessage } from 'element-plus'
import { ApiError } from '@/api/client'
import { t } from '@/i18n'
import { errorText } from './errorText'

export { serverText, errorText } from './errorText'

/** True under 768px: the sidebar becomes a drawer and dialogs go full width. */
export function useIsMobile(): Ref<boolean> {
  const mq = typeof window !== 'undefined' ? window.matchMedia('(max-width: 767px)') : null
  const isMobile = ref(mq ? mq.matches : false)
  const update = () => { isMobile.value = !!mq?.matches }
  onMounted(() => mq?.addEventListener('change', update))
  onBeforeUnmount(() => mq?.removeEventListener('change', update))
  return isMobile
}

export function showError(e: unknown): void {
  if (e instanceof ApiError && e.code === 'unauthenticated') return // the client already redirects
  ElMessage.error({ message: errorText(e), grouping: true })
}

export const TAG_COLORS: Record<string, 'primary' | 'success' | 'warning' | 'danger' | 'info'> = {
  two_cancers: 'danger',
  disability: 'warning',
  loss_of_self_care: 'danger',
  single_parent: 'primary',
  left_behind_woman: 'success',
  left_behind_child: 'success',
  low_income: 'warning',
  elderly_alone: 'primary',
  other: 'info',
}

export function tagType(tag: string) {
  return TAG_COLORS[tag] ?? 'info'
}

/** The label of a code if the locale knows it, else the code itself. */
export function label(prefix: string, code: string | null | undefined): string {
  if (!code) return '—'
  const key = `${prefix}.${code}`
  const s = t(key)
  return s === key ? code : s
}

/** Runs a request with `busy` true meanwhile (a spinner, a loading button); a failure is shown and
 *  answered undefined. */
export async function withBusy<T>(busy: Ref<boolean>, run: () => Promise<T>): Promise<T | undefined> {
  busy.value = true
  try {
    return await run()
  } catch (e) {
    showError(e)
    return undefined
  } finally {
    busy.value = false
  }
}
