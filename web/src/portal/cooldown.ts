import { onBeforeUnmount, ref } from 'vue'

/** The seconds left of a Retry-After, counting down; the send button waits for zero. */
export function useCooldown() {
  const seconds = ref(0)
  let timer: ReturnType<typeof setInterval> | undefined
  function start(n: number) {
    seconds.value = Math.ceil(n)
    clearInterval(timer)
    timer = setInterval(() => {
      seconds.value = Math.max(0, seconds.value - 1)
      if (seconds.value === 0) clearInterval(timer)
    }, 1000)
  }
  onBeforeUnmount(() => clearInterval(timer))
  return { seconds, start }
}
