// Locks the desk after a while without keyboard or mouse input.
import { onBeforeUnmount, onMounted } from 'vue'

const EVENTS = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart'] as const

/** `minutes()` is read on every check (0 = never lock); `lock` runs once the time has passed. */
export function useIdleLock(minutes: () => number, lock: () => void) {
  let last = Date.now()
  let timer: number | undefined
  const seen = () => (last = Date.now())
  onMounted(() => {
    EVENTS.forEach((e) => window.addEventListener(e, seen, { passive: true }))
    timer = window.setInterval(() => {
      const m = minutes()
      if (m > 0 && Date.now() - last >= m * 60_000) {
        last = Date.now()
        lock()
      }
    }, 15_000)
  })
  onBeforeUnmount(() => {
    EVENTS.forEach((e) => window.removeEventListener(e, seen))
    window.clearInterval(timer)
  })
}
