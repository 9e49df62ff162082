// One shared clock for the countdowns of the case screens: a single timer while any is shown.
import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue'

const now = ref(Date.now())
let users = 0
let timer: ReturnType<typeof setInterval> | null = null

export function useNow(): Ref<number> {
  onMounted(() => {
    users++
    now.value = Date.now()
    if (!timer) timer = setInterval(() => { now.value = Date.now() }, 1000)
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
