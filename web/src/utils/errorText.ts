// An error in words, in the user's language: kept apart from utils/ui.ts so that the sign-in page,
// which needs only this, does not bring the console's toasts (ElMessage) with it.
import { ApiError } from '@/api/client'
import { i18n, t } from '@/i18n'
import { localMessage } from './messages'

/** The server's message in the user's language (it sends "中文 / English"). */
export function serverText(message: string): string {
  return localMessage(message, String(i18n.global.locale.value))
}

/** A message for any error, in the user's language. */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) {
    const own = e.message && e.message !== e.code ? serverText(e.message) : ''
    switch (e.code) {
      case 'network_error': return t('errors.network')
      case 'not_found': return t('errors.notFound')
      case 'forbidden': return own || t('errors.forbidden')
      case 'conflict': return own || t('errors.conflict')
      case 'internal': return t('errors.internal')
      default: return own || e.code
    }
  }
  return e instanceof Error ? e.message : String(e)
}
