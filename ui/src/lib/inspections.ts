// Inspections (巡检) on screen: the two checklists as the core names them,
// what of a round is still to answer, which findings still lack a work order,
// and a checklist's items in order. The core decides; this only picks what
// to offer.
import type { RoundAnswer, ChecklistCode, InspectItem, Round } from '../api'

export const CHECKLISTS: { code: ChecklistCode; label: string; title: string }[] = [
  { code: 'public', label: '公共区域', title: '每周公共区域巡检' },
  { code: 'vacant', label: '空置房', title: '每月空置房巡检' },
]

/** Items of a round not yet answered. */
export function unanswered(r: Round): RoundAnswer[] {
  return r.answers.filter((a) => a.ok === null)
}

/** A round may be finished once every item is answered (and it is not finished yet). */
export function mayFinish(r: Round): boolean {
  return !r.finished && unanswered(r).length === 0
}

/** Findings (异常) that have no work order yet: each may open one. */
export function openFindings(r: Round): RoundAnswer[] {
  return r.answers.filter((a) => a.ok === false && !a.order_no)
}

/** One checklist's items: the active ones in their order, then the retired (when asked). */
export function checklistItems(items: InspectItem[], code: ChecklistCode, withRetired: boolean): InspectItem[] {
  const mine = items.filter((i) => i.checklist === code && (withRetired || !i.retired))
  return [...mine].sort((a, b) => Number(a.retired) - Number(b.retired) || a.position - b.position || a.id - b.id)
}

/** "3/8": answered of all. */
export function progress(r: { answered: number; items: number }): string {
  return `${r.answered}/${r.items}`
}
