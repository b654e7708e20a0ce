// Keyboard rules shared by every form dialog.

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

