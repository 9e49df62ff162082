// Turns a failed call into what the citizen reads: a message under the field the server named,
// or one line for the form, in her language, with the wait a 429 asks for.
import { PortalError } from './api'
import { localHalf } from './text'

export interface Failure {
  /** the form field the server named (400), when there is one */
  field?: string
  /** the text to show (already translated) */
  message: string
  /** seconds to wait before trying again (429) */
  retryAfter?: number
}

export type Translate = (key: string, named?: Record<string, unknown>) => string
/** what was being done: sending a form, following a request, reading a consultation */
export type Doing = 'submit' | 'follow' | 'consultation'

export function failureOf(e: unknown, doing: Doing, t: Translate, locale: string): Failure {
  if (!(e instanceof PortalError)) return { message: t('err.server') }
  if (e.status === 0) return { message: t('err.network') }
  if (e.status === 429)
    return { message: t(doing === 'submit' ? 'err.tooMany' : 'err.slowDown'), retryAfter: e.retryAfter ?? 60 }
  // one message for an unknown code and for wrong digits: the page must not tell them apart
  if (e.status === 404 && doing === 'follow') return { message: t('err.notFound') }
  if (e.status === 404 && doing === 'consultation') return { message: t('err.consultNotFound') }
  // a request that has ended takes no reply: the server says so, and where to call instead
  if (e.status === 409 && e.message) return { message: localHalf(e.message, locale) }
  if (e.status === 400 || e.status === 413) {
    const message = e.message ? localHalf(e.message, locale) : t('err.server')
    return e.field ? { field: e.field, message } : { message }
  }
  return { message: t('err.server') }
}
