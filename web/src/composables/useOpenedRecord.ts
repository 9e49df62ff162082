// The record a drawer shows: fetched each time the drawer opens or is pointed at another record,
// and again (`load`) after the user changed it. A failure is shown; the drawer keeps what it had.
import { ref, shallowRef, watch, type Ref } from 'vue'
import { withBusy } from '@/utils/ui'

export function useOpenedRecord<R>(open: () => boolean, id: () => string | number | null, fetch: (id: string | number) => Promise<R>) {
  const record = shallowRef(null) as Ref<R | null>
  const loading = ref(false)
  async function load() {
    const key = id()
    if (key == null) return
    await withBusy(loading, async () => {
      record.value = await fetch(key)
    })
  }
  watch(() => [open(), id()], ([isOpen]) => { if (isOpen) void load() }, { immediate: true })
  return { record, loading, load }
}
