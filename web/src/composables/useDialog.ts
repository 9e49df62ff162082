// A dialog or drawer of a page and the record it is opened for (null: a new one). Bind
// `v-model="x.open"` and `:record="x.item"`; `x.show(row)` opens it.
import { reactive } from 'vue'

export interface DialogState<T> {
  open: boolean
  item: T | null
  show(item?: T | null): void
}

export function useDialog<T>(): DialogState<T> {
  const state = reactive({
    open: false,
    item: null,
    show(item: T | null = null) {
      state.item = item as never
      state.open = true
    },
  })
  return state as unknown as DialogState<T>
}
