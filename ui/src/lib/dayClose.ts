// The daily close's cash count as the clerk types it: the difference against
// what the drawer should hold, shown live, and whether the close may go ahead.
import { fenToText, toFen } from './money'

export interface CashCount {
  /** Counted − expected in yuan text; null until the count is an amount. */
  difference: string | null
  /** 相符 / 长款 / 短款 */
  label: string
  /** What stops the close, in Chinese; null when it may go ahead. */
  problem: string | null
}

export function cashCount(expected: string, counted: string, note: string): CashCount {
  if (!counted.trim()) return { difference: null, label: '', problem: '请填写清点的现金' }
  const fen = toFen(counted)
  if (fen == null) return { difference: null, label: '', problem: '金额应写成 300.00 这样的数字，最多两位小数' }
  if (fen < 0) return { difference: null, label: '', problem: '清点的现金不能是负数' }
  const diff = fen - (toFen(expected) ?? 0)
  const label = diff === 0 ? '相符' : diff > 0 ? '长款' : '短款'
  const problem = diff !== 0 && !note.trim() ? `现金${label}，请在备注里写明原因` : null
  return { difference: fenToText(diff), label, problem }
}
