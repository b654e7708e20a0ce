// Billing months as the forms hold them: "2026-11".

/** The month of a date as "2026-11". */
export function monthOf(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`
}

/** The month before that of a date, as "2026-10": the month finance usually closes. */
export function previousMonth(d: Date): string {
  return monthOf(new Date(d.getFullYear(), d.getMonth() - 1, 1))
}

/** How many months from `from` to `to`, both included; 0 when either is missing or `to` is earlier. */
export function monthsBetween(from: string, to: string): number {
  const index = (m: string) => {
    const x = /^(\d{4})-(\d{2})$/.exec(m)
    return x ? Number(x[1]) * 12 + Number(x[2]) - 1 : null
  }
  const [a, b] = [index(from), index(to)]
  if (a == null || b == null || b < a) return 0
  return b - a + 1
}

/** "2026-11" or "2026-01 至 2026-06". */
export function rangeText(from: string, to: string): string {
  return from === to ? from : `${from} 至 ${to}`
}

/** What is wrong with a billing range, in Chinese; null when it is fine (the core checks again). */
export function rangeProblem(from: string, to: string): string | null {
  if (!from || !to) return '请选择起止月份'
  const n = monthsBetween(from, to)
  if (n === 0) return '结束月份不能早于起始月份'
  if (n > 120) return '一次最多计费 120 个月'
  return null
}

/** A notice period as the core reads it: the month "2026-11", or the quarter "2026-Q4". */
export function noticePeriod(mode: 'month' | 'quarter', month: string, year: string, quarter: number): string {
  return mode === 'month' ? month : year ? `${year}-Q${quarter}` : ''
}

/** The quarter a month falls in: 1 for "2026-03", 4 for "2026-11". */
export function quarterOf(month: string): number {
  return Math.ceil(Number(month.slice(5, 7)) / 3) || 1
}
