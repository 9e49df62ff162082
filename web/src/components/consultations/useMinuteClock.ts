// The consultations page's clock: this computer's time set by the server's (the desk's `at`, which
// arrives at least every minute: utils/consultations.ts clockOffset), read again every minute —
// the limits are shown to the minute. One timer while any limit is shown.
import { onBeforeUnmount, onMounted, ref, watch, type Ref } from 'vue'
import { desk } from '@/stores/desk'
import { clockOffset } from '@/utils/consultations'

let offset = 0
const now = ref(Date.now())
let users = 0
let timer: ReturnType<typeof setInterval> | null = null
const tick = () => { now.value = Date.now() + offset }

watch(() => desk.data, (d) => {
  if (!d) return
  offset = clockOffset(d.at, Date.now())
  tick()
})

export function useMinuteClock(): Ref<number> {
  onMounted(() => {
    users++
    tick()
    if (!timer) timer = setInterval(tick, 60_000)
  })
  onBeforeUnmount(() => {
    users--
    if (users <= 0 && timer) {
      clearInterval(timer)
      timer = null
      users = 0
    }
  })
  return now
}
