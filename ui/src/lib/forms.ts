// Keyboard rules and the save step shared by every form dialog.
import { ref } from 'vue'
import { toApiError } from '../api/error'

/**
 * Whether an Enter keypress should submit the form it happened in. Not while
 * an input method is composing (Enter confirms the pinyin), not in a textarea
 * (a new line), and not on an open dropdown (Enter picks from it).
 */
export function enterSubmits(e: KeyboardEvent): boolean {
  if (e.key !== 'Enter' || e.isComposing || e.shiftKey) return false
  const t = e.target as HTMLElement | null
  if (!t || t.tagName === 'TEXTAREA') return false
  return !t.closest('[aria-expanded="true"]')
}


/**
 * A dialog's save: `busy` while the core works, the core's message in `error`
 * when it refuses (the dialog stays open with what was typed).
 */
export function useSave() {
  const busy = ref(false)
  const error = ref('')
  async function save(work: () => Promise<void>) {
    busy.value = true
    error.value = ''
    try {
      await work()
    } catch (e) {
      error.value = toApiError(e).message
    } finally {
      busy.value = false
    }
  }
  return { busy, error, save }
}
