// Validating as fields change. A form shows a red message under a field after a submit (its rules,
// the client's own check or the server's `{"error":{"field"}}`); once the user changes that field the
// message must follow the new value at once, not wait for the next submit or a blur:
// - a message of the client's check (useFormSubmit's `check`) is worked out again for the new value;
// - a message of the server goes as soon as its field changes (the server is asked again on submit);
// - a form item that is red from its rules (el-form) is validated again, all its rules, whatever
//   their trigger (a text checked on blur is checked while it is typed, as long as it is red).
// A field that is not red is left alone while typed: a new message comes on blur or on submit.
// FormDialog does this for every dialog with a model; a form of its own calls useLiveValidation.
import { nextTick, onScopeDispose, watch, type Ref } from 'vue'
import type { FormInstance } from 'element-plus'
import type { FormSubmit } from './useFormSubmit'

/** A form's values by path, as the server names fields: `name`, `parties[1].phone`, `tags[0]`. */
export type FlatValues = Record<string, unknown>

const plain = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype

/** an empty list or object stands as one leaf, so that emptying one is a change of its path */
const EMPTY = Symbol('empty')

/** The leaves of a form model by path (objects joined by `.`, array items as `[i]`). Reading a
 *  reactive model this way makes a watch see a change anywhere in it. */
export function flatten(value: unknown, prefix = '', out: FlatValues = {}): FlatValues {
  // a reactive proxy counts as what it wraps (its prototype is the target's)
  const v: unknown = value
  if (Array.isArray(v)) {
    v.forEach((item, i) => flatten(item, `${prefix}[${i}]`, out))
    if (!v.length && prefix) out[prefix] = EMPTY
  } else if (plain(v)) {
    for (const [k, item] of Object.entries(v)) flatten(item, prefix ? `${prefix}.${k}` : k, out)
    if (!Object.keys(v).length && prefix) out[prefix] = EMPTY
  } else if (prefix) {
    out[prefix] = v
  }
  return out
}
/** The paths whose values differ (added, removed or changed). */
export function changedPaths(before: FlatValues, after: FlatValues): string[] {
  const out: string[] = []
  for (const k of Object.keys(after)) if (!(k in before) || !Object.is(before[k], after[k])) out.push(k)
  for (const k of Object.keys(before)) if (!(k in after)) out.push(k)
  return out
}

const under = (path: string, parent: string) => path.startsWith(`${parent}.`) || path.startsWith(`${parent}[`)

/** Whether the message of field `key` is about one of the changed paths: the field itself, a part
 *  of it (`parties` when `parties[0].role` changed) or the whole it is part of (a list replaced). */
export function touches(key: string, paths: readonly string[]): boolean {
  return paths.some((p) => p === key || under(p, key) || under(key, p))
}

/** The form item props a changed path may belong to: the path and every path above it
 *  (`tags[0]` → `tags[0]`, `tags`; `a.b` → `a.b`, `a`). */
export function propsOf(path: string): string[] {
  const out = [path]
  for (let i = path.length - 1; i > 0; i--) if (path[i] === '.' || path[i] === '[') out.push(path.slice(0, i))
  return out
}

export interface LiveValidationOptions {
  /** its field messages follow the values (useFormSubmit's `changed`) */
  submit?: FormSubmit
  /** its red items are validated again when their values change */
  form?: Ref<FormInstance | undefined>
}

/**
 * Re-validates the fields of `values` (the form's model, or what the messages are about) as they
 * change. Changes made while an error is being reported (a handler that empties the field it
 * complains about) are not taken for the user's.
 */
export function useLiveValidation(values: () => unknown, opts: LiveValidationOptions = {}) {
  let last = flatten(values())
  const off = opts.submit?.onReport(() => { last = flatten(values()) })
  if (off) onScopeDispose(off)
  watch(() => flatten(values()), async (now) => {
    const paths = changedPaths(last, now)
    last = now
    if (!paths.length) return
    opts.submit?.changed(paths)
    if (!opts.form) return
    // once the messages that went have reset their items (and a dialog that opened has cleared
    // its old reds), the items still red from their rules
    await nextTick()
    const form = opts.form.value
    const red = form ? [...new Set(paths.flatMap(propsOf))].filter((p) => form.getField(p)?.validateState === 'error') : []
    if (form && red.length) await form.validateField(red).catch(() => {})
  })
}
