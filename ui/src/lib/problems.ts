// The import preview's problem table: filter by any text, sort by a column, over every problem.
import type { RowProblem } from '../api'
import type { SortOrder } from './registerList'

export function filterProblems(list: RowProblem[], text: string): RowProblem[] {
  const t = text.trim()
  if (!t) return list
  return list.filter((p) => String(p.row) === t || p.column.includes(t) || p.message.includes(t))
}

/** By row (the file's order) unless another column is chosen; ties keep the file's order. */
export function sortProblems(list: RowProblem[], prop: string | null, order: SortOrder): RowProblem[] {
  const sign = order === 'descending' ? -1 : 1
  const text = new Intl.Collator('zh-CN')
  const indexed = list.map((p, i) => ({ p, i }))
  indexed.sort((a, b) => {
    let c = 0
    if (prop === 'column' && order) c = text.compare(a.p.column, b.p.column)
    else if (prop === 'message' && order) c = text.compare(a.p.message, b.p.message)
    else if (prop === 'row' && order) c = a.p.row - b.p.row
    return c !== 0 ? sign * c : a.i - b.i
  })
  return indexed.map((x) => x.p)
}

/** How many rows have at least one problem. */
export function badRows(list: RowProblem[]): number {
  return new Set(list.map((p) => p.row)).size
}
