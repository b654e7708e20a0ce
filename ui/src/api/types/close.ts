// The daily close (日结).
import type { Money } from './common'
import type { MethodCode } from './fees'
import type { KeyLoan } from './keys'

/** A line by payment method or by fee item: receipts taken, reversals of earlier days, net. */
export interface CloseLine {
  name: string
  count: number
  taken: Money
  reversals: number
  reversed: Money
  amount: Money
}

export interface MethodCloseLine extends CloseLine {
  method: MethodCode
}

export interface DayReceipt {
  receipt_no: string
  unit: string
  payer: string
  method: MethodCode
  method_label: string
  amount: Money
  paid_at: string
  counted: 'taken' | 'voided_same_day' | 'reversed'
  /** 收款 / 当日作废 / 冲回 */
  status: string
}

export interface VoidedReceipt {
  receipt_no: string
  unit: string
  method_label: string
  amount: Money
  paid_on: string
  voided_at: string
  reason: string
  voided_by: string
  /** Taken on an earlier day: taken off this day's takings. */
  reversal: boolean
}

export interface DayClose {
  id: number
  clerk: string
  day: string
  receipts: number
  takings: Money
  cash_expected: Money
  cash_counted: Money
  difference: Money
  note: string
  closed_by: string
  closed_at: string
}

export interface DaySummary {
  clerk: string
  day: string
  receipts: DayReceipt[]
  voided: VoidedReceipt[]
  receipt_count: number
  first_receipt: string | null
  last_receipt: string | null
  by_method: MethodCloseLine[]
  by_item: CloseLine[]
  total: CloseLine
  cash_expected: Money
  close: DayClose | null
  /** Keys due back by the close (the day's end while open) and not back then. */
  overdue_keys: KeyLoan[]
}

/** Whose day and which; a blank date is today. */
export interface DayForm {
  clerk: string
  date: string
}

export interface CloseForm extends DayForm {
  cash_counted: string
  note: string
}
