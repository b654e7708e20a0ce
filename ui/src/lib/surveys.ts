// Satisfaction surveys on screen: the answer sheet typed at keyboard speed
// (a digit 1–5 scores the current question and moves to the next; Backspace
// or ↑ goes back; Enter saves once every question is scored), the half-year a
// new survey defaults to, and how the results' figures read.

/** The scores typed so far (null = not yet) and the question the keys go to. */
export interface Sheet {
  scores: (number | null)[]
  at: number
}

export const SCORE_LABELS: Record<number, string> = { 5: '非常满意', 4: '满意', 3: '一般', 2: '不满意', 1: '非常不满意' }

export function blankSheet(questions: number): Sheet {
  return { scores: Array.from({ length: questions }, () => null), at: 0 }
}

export function complete(sheet: Sheet): boolean {
  return sheet.scores.length > 0 && sheet.scores.every((s) => s !== null)
}

/** Scores question `i` by a click, and the keys go on from the next one. */
export function scoreAt(sheet: Sheet, i: number, score: number): Sheet {
  const scores = sheet.scores.slice()
  scores[i] = score
  return { scores, at: Math.min(i + 1, scores.length - 1) }
}

/** What a key does to the sheet: a new sheet, 'save' (Enter on a complete sheet), or null (not ours). */
export function pressKey(sheet: Sheet, key: string): Sheet | 'save' | null {
  const last = sheet.scores.length - 1
  if (/^[1-5]$/.test(key)) {
    const scored = scoreAt(sheet, sheet.at, Number(key))
    // The last question stays current so a wrong last digit can be typed over.
    return scored
  }
  if (key === 'Backspace' || key === 'ArrowUp' || key === 'ArrowLeft') {
    const at = key === 'Backspace' && sheet.scores[sheet.at] !== null ? sheet.at : Math.max(0, sheet.at - 1)
    const scores = sheet.scores.slice()
    if (key === 'Backspace') scores[at] = null
    return { scores, at }
  }
  if (key === 'ArrowDown' || key === 'ArrowRight') return { ...sheet, at: Math.min(last, sheet.at + 1) }
  if (key === 'Enter') return complete(sheet) ? 'save' : null
  return null
}

/** The half-year a new survey is most likely for: the one `today` is in, as the core reads it. */
export function periodOf(today: Date): string {
  return `${today.getFullYear()}年${today.getMonth() < 6 ? '上' : '下'}半年`
}

/** "83.33%", or "—" where there is nothing. */
export function rate(v: string | null): string {
  return v === null ? '—' : `${v}%`
}

/** "4.33", or "—". */
export function figure(v: string | null): string {
  return v ?? '—'
}

/** A change since the previous survey: "+0.25", "-0.10", "0.00"; "新题" for a question it did not ask; "—" with nothing to compare. */
export function change(v: string | null, isNew = false): string {
  if (isNew) return '新题'
  if (v === null) return '—'
  return v.startsWith('-') || Number(v) === 0 ? v : `+${v}`
}
