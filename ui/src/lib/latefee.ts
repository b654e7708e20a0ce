// What the payment panel shows of late fees: each bill's late fee to date,
// the ones a supervisor waives, and the total to collect. Sums in fen.
import type { BillLateFee } from '../api'
import { fenToText, toFen } from './money'

/** Bill id → its late fee to date (only bills with something to collect). */
export function lateFeesByBill(bills: BillLateFee[]): Map<number, string> {
  return new Map(bills.filter((b) => (toFen(b.late_fee) ?? 0) > 0).map((b) => [b.bill_id, b.late_fee]))
}

export interface ToCollect {
  /** What the bills still owe. */
  principal: string
  /** Their late fees, less those waived. */
  lateFees: string
  /** Late fees waived. */
  waived: string
  /** Principal plus late fees: what settles these bills today. */
  total: string
}

/** What settles `bills` today: their outstanding plus the late fees not waived. */
export function toCollect(bills: Array<{ id: number; outstanding: string }>, fees: Map<number, string>, waived: Map<number, string>): ToCollect {
  let principal = 0
  let late = 0
  let off = 0
  for (const b of bills) {
    principal += toFen(b.outstanding) ?? 0
    const fee = toFen(fees.get(b.id)) ?? 0
    if (waived.has(b.id)) off += fee
    else late += fee
  }
  return { principal: fenToText(principal), lateFees: fenToText(late), waived: fenToText(off), total: fenToText(principal + late) }
}
