// Sending a form: the client checks, the request, and what the server's one error shape
// {"error":{"code","message","field"}} means for the form. A message that names a field shown on
// the form goes under that field; any other is a toast. A stale version (409 `conflict` naming
// `version`; details.current is the record as it is now) always gets the same answer: the
// conflict dialog (components/kit/ConflictDialog.vue) says what changed since the form was
// loaded and offers to reload, keeping what the user typed (see useRecordForm).
// A message goes, or is worked out again, as soon as its field changes (`changed`, called by
// useLiveValidation, which FormDialog sets up for its model).
import { reactive, ref, type Ref } from 'vue'
import { ElMessage, type FormInstance } from 'element-plus'
import { ApiError } from '@/api/client'
import { t } from '@/i18n'
import { errorText, showError } from '@/utils/ui'
import { touches } from './useLiveValidation'

/** A stale version: someone else saved the record since it was read. */
export function isStale(e: unknown): e is ApiError {
  return e instanceof ApiError && e.status === 409 && e.code === 'conflict' && e.field === 'version'
}

export interface StaleOptions {
  /** the record as the form loaded it, compared with the server's current one */
  loaded: () => object | null
  /** "reload": take the current record (null when the server could not send it) keeping the
   *  user's input; answering false skips the "reloaded" toast (the caller said something else) */
  reload: (current: object | null) => unknown
  /** the fields compared (the record's own names) in the order shown: a list named by
   *  `<labelPrefix>.<field>`, or field → i18n key of its name */
  fields?: readonly string[] | Readonly<Record<string, string>>
  /** i18n prefix of the field names of a list */
  labelPrefix?: string
  /** i18n prefix of a field's coded values, by field (e.g. status → cases.status) */
  valueLabels?: Record<string, string>
  /** i18n key of the dialog's title; common.conflict.title by default */
  title?: string
}

export interface FormSubmitOptions {
  /** an Element Plus form whose rules run first */
  form?: Ref<FormInstance | undefined>
  /** the client's own checks: put messages into `errors`; any message stops the request. Also
   *  run when a field with a message changes, for that field's new message (keep it quiet: no toast) */
  check?: (errors: Record<string, string>) => void
  /** the client's checks stopped a submit (e.g. a toast pointing at the messages) */
  refused?: () => void
  /** the server fields the form shows, or a map from a server field to the form's name (null:
   *  not shown). Without it every field the server names goes to `errors`. */
  fields?: readonly string[] | ((field: string) => string | null | undefined)
  /** the text of a field message (errorText by default) */
  message?: (e: ApiError) => string
  /** answers the form handles itself (possible_duplicate, recusal …): true when handled */
  handle?: (e: ApiError) => boolean | void
  stale?: StaleOptions
  /** the success toast: an i18n key, or the text made from the answer; none when left out */
  success?: string | ((answer: never) => string)
}

export interface ConflictState {
  open: boolean
  loaded: object | null
  current: object | null
  fields?: readonly string[] | Readonly<Record<string, string>>
  labelPrefix?: string
  valueLabels?: Record<string, string>
  title?: string
}

export interface FormSubmit {
  /** field → message, for `:error` on the form items */
  errors: Record<string, string>
  /** a request is under way (the save button's loading) */
  busy: boolean
  conflict: ConflictState
  /** runs the checks, then `send`, then `done` with the answer; true when it went through */
  submit<T>(send: () => Promise<T>, done?: (answer: T) => unknown): Promise<boolean>
  /** shows an error the way submit would (for requests sent some other way) */
  fail(e: unknown): void
  clear(): void
  /** these fields (paths of the form, `parties[0].name`) changed: a message about one of them goes,
   *  the server's as well, unless the client's check still finds one (then that one shows) */
  changed(paths: readonly string[]): void
  /** `f` runs after each error was reported (a handler may have changed values meanwhile);
   *  answers the function that stops it */
  onReport(f: () => void): () => void
  /** the conflict dialog's "reload" */
  reload(): Promise<void>
}

export function useFormSubmit(opts: FormSubmitOptions = {}): FormSubmit {
  const errors = reactive<Record<string, string>>({})
  const busy = ref(false)
  const conflict = reactive<ConflictState>({ open: false, loaded: null, current: null })
  const reported = new Set<() => void>()
  /** the fields whose message is the client's check's */
  const fromCheck = new Set<string>()

  function clear() {
    for (const k of Object.keys(errors)) delete errors[k]
    fromCheck.clear()
  }
  function changed(paths: readonly string[]) {
    const shown = Object.keys(errors)
    if (!shown.length) return
    const now: Record<string, string> = {}
    opts.check?.(now)
    for (const k of shown) {
      // a changed field: what the check finds now, or nothing (the server is asked on submit);
      // another field's message of the check follows the check too (an ID number that disagreed
      // with the gender just changed); the server's stays until its own field changes
      if (!touches(k, paths) && !fromCheck.has(k)) continue
      if (now[k]) {
        errors[k] = now[k]
        fromCheck.add(k)
      } else {
        delete errors[k]
        fromCheck.delete(k)
      }
    }
  }
  function onReport(f: () => void) {
    reported.add(f)
    return () => { reported.delete(f) }
  }
  function formField(field: string): string | null {
    const f = opts.fields
    if (!f) return field
    if (typeof f === 'function') return f(field) ?? null
    return f.includes(field) ? field : null
  }
  function fail(e: unknown) {
    report(e)
    for (const f of reported) f()
  }
  function report(e: unknown) {
    if (isStale(e)) {
      const s = opts.stale
      const current = e.details?.current
      Object.assign(conflict, {
        open: true, loaded: s?.loaded() ?? null, current: current && typeof current === 'object' ? current : null,
        fields: s?.fields, labelPrefix: s?.labelPrefix, valueLabels: s?.valueLabels, title: s?.title,
      })
      return
    }
    if (e instanceof ApiError && opts.handle?.(e)) return
    const field = e instanceof ApiError && e.field ? formField(e.field) : null
    if (field && e instanceof ApiError) errors[field] = opts.message?.(e) ?? errorText(e)
    else showError(e)
  }
  async function submit<T>(send: () => Promise<T>, done?: (answer: T) => unknown): Promise<boolean> {
    clear()
    opts.check?.(errors)
    for (const k of Object.keys(errors)) fromCheck.add(k)
    if (Object.keys(errors).length) {
      opts.refused?.()
      return false
    }
    if (opts.form && !(await opts.form.value?.validate().catch(() => false))) return false
    busy.value = true
    let answer: T
    try {
      answer = await send()
    } catch (e) {
      fail(e)
      return false
    } finally {
      busy.value = false
    }
    const ok = opts.success
    if (ok) ElMessage.success(typeof ok === 'string' ? t(ok) : (ok as (a: T) => string)(answer))
    await done?.(answer)
    return true
  }
  async function reload() {
    conflict.open = false
    const said = await opts.stale?.reload(conflict.current)
    if (said !== false) ElMessage.info(t('common.conflict.reloaded'))
  }
  return reactive({ errors, busy, conflict, submit, fail, clear, changed, onReport, reload }) as FormSubmit
}
