// The rules the 卡证与盘点 screens need on the client: which kinds there are,
// where the count's cursor goes next, what still holds up the sign-off. The
// core decides every rule again; these only guide the clerk.
import type { Count, CountLine } from '../api/types'

/** The kinds as the core reads them (codes), with their labels, in the core's order. */
export const ITEM_KINDS = [
  { code: 'resident_card', label: '住户卡' },
  { code: 'car_card', label: '车卡' },
  { code: 'handset', label: '可视对讲机' },
  { code: 'other', label: '其他' },
] as const

/** Methods a deposit may be paid by (the core's codes). */
export const DEPOSIT_METHODS = [
  { code: 'cash', label: '现金' },
  { code: 'wechat', label: '微信' },
  { code: 'alipay', label: '支付宝' },
  { code: 'card', label: '银行卡' },
  { code: 'transfer', label: '转账' },
] as const

/** Lines the clerk must count: those expected in the office. */
export function toCount(line: CountLine): boolean {
  return line.expected === 'in_office'
}

/**
 * Where the cursor goes after line `from` (an index): the next line to count
 * not yet recorded, else the next line to count, else it stays.
 */
export function nextLine(lines: CountLine[], from: number): number {
  const after = lines.map((l, i) => ({ l, i })).filter(({ i }) => i > from)
  const open = after.find(({ l }) => toCount(l) && l.found === null)
  if (open) return open.i
  const any = after.find(({ l }) => toCount(l))
  return any ? any.i : from
}

/** The first line to count that is not recorded yet (where the screen starts), or 0. */
export function firstOpen(lines: CountLine[]): number {
  const i = lines.findIndex((l) => toCount(l) && l.found === null)
  return i < 0 ? 0 : i
}

/** The lines that differ from the expected list (each needs its explanation). */
export function differences(count: Count | null): CountLine[] {
  return (count?.lines ?? []).filter((l) => l.difference !== null)
}

/** What still holds up the sign-off, in Chinese; empty when the count may close. */
export function blockers(count: Count | null): string[] {
  if (!count || count.closed) return []
  const out: string[] = []
  const open = count.in_office - count.recorded
  if (open > 0) out.push(`还有 ${open} 件应在库的物品没有点`)
  if (count.unexplained > 0) out.push(`还有 ${count.unexplained} 处差异没有写说明`)
  return out
}

/** How many serials a stock entry stands for (ranges ZH0001..ZH0050 counted), or null when a range is unreadable. */
export function serialCount(text: string): number | null {
  let n = 0
  for (const part of text.split(/\s+/).filter(Boolean)) {
    const range = part.split('..')
    if (range.length === 1) {
      n += 1
      continue
    }
    const [a, b] = range.map((s) => /(\d+)$/.exec(s)?.[1] ?? '')
    if (range.length !== 2 || !a || a.length !== b.length || range[0].slice(0, -a.length) !== range[1].slice(0, -b.length)) return null
    const size = Number(b) - Number(a) + 1
    if (size < 1) return null
    n += size
  }
  return n
}
