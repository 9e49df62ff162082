// The form of one record in an edit dialog: filled from the record when the dialog opens, and,
// after a stale version, rebased on the record as it is now while keeping what the user changed.
import { reactive, shallowRef, type ShallowRef } from 'vue'
import { mergeOnReload } from '@/utils/conflict'

export interface RecordForm<R extends object, F extends object> {
  /** what the form edits */
  form: F
  /** the record the form was filled from (null for a new one); its version goes with a save */
  base: ShallowRef<R | null>
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
  return { form, base, open, rebase }
}
