// The form of one record in an edit dialog: filled from the record when the dialog opens, and,
// after a stale version, rebased on the record as it is now while keeping what the user changed.
import { computed, reactive, shallowRef, type ComputedRef, type ShallowRef } from 'vue'
import { t } from '@/i18n'
import { mergeOnReload } from '@/utils/conflict'
import { useFormSubmit, type FormSubmitOptions, type StaleOptions } from './useFormSubmit'

export interface RecordForm<R extends object, F extends object> {
  /** what the form edits */
  form: F
  /** the record the form was filled from (null for a new one); its version goes with a save */
  base: ShallowRef<R | null>
  /** a record was opened (not a new one) */
  editing: ComputedRef<boolean>
  /** fills the form from a record (or blank) */
  open(record: R | null): void
  /** after a stale version: the current record's values, except those the user changed */
  rebase(current: R | null): void
}

/** `pick` turns a record (or null: a new one) into the form's values. */
export function useRecordForm<R extends object, F extends object>(pick: (record: R | null) => F): RecordForm<R, F> {
  const form = reactive(pick(null)) as F
  const base = shallowRef(null) as ShallowRef<R | null>
  function open(record: R | null) {
    base.value = record
    Object.assign(form, pick(record))
  }
  function rebase(current: R | null) {
    if (!current) return
    const mine = { ...form }
    Object.assign(form, mergeOnReload(pick(base.value), mine, pick(current), Object.keys(mine) as (keyof F)[]))
    base.value = current
  }
  return { form, base, editing: computed(() => base.value !== null), open, rebase }
}

export interface RecordDialogOptions extends Omit<FormSubmitOptions, 'stale'> {
  /** after a stale version, the fields compared (StaleOptions.fields) and their coded values */
  compare?: StaleOptions['fields']
  valueLabels?: StaleOptions['valueLabels']
}

/**
 * The form and the submit of a dialog that creates or corrects one record: the server's messages
 * go under the form's own fields, the toast says 已保存 or 已创建, and a stale version shows what
 * changed (`compare`) and rebases the form on the current record.
 */
export function useRecordDialog<R extends object, F extends object>(pick: (record: R | null) => F, opts: RecordDialogOptions = {}) {
  const record = useRecordForm<R, F>(pick)
  const { compare, valueLabels, ...rest } = opts
  const fs = useFormSubmit({
    fields: Object.keys(record.form),
    success: () => t(record.base.value ? 'common.saved' : 'common.created'),
    ...rest,
    stale: { loaded: () => record.base.value, reload: (current) => record.rebase(current as R | null), fields: compare, valueLabels },
  })
  return { ...record, fs }
}
