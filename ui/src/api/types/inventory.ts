// Cards and handsets (卡证) and the monthly count (盘点).
import type { Money } from './common'

export type ItemKind = 'resident_card' | 'car_card' | 'handset' | 'other'

export interface Refund {
  id: number
  refunded: Money
  deducted: Money
  reason: string
  refunded_at: string
  operator: string
  approved_by: string | null
}

/** A deposit as the ledger holds it (押金), with its 押金收据 number. */
export interface Deposit {
  id: number
  unit: string
  kind: string
  amount: Money
  payer: string
  method: string
  note: string
  received_at: string
  operator: string
  receipt_no: string | null
  refunded: Money
  deducted: Money
  held: Money
  refunds: Refund[]
}

/** Who holds an item that is out. */
export interface Holding {
  issue_id: number
  unit: string
  holder: string
  issued_at: string
  operator: string
  deposit_id: number | null
  deposit_held: Money
  receipt_no: string | null
}

export interface Item {
  id: number
  kind: ItemKind
  kind_label: string
  serial: string
  name: string
  added_at: string
  added_by: string
  /** null: in stock. */
  out: Holding | null
}

/** An issue or a return. */
export interface Movement {
  item: Item
  unit: string
  holder: string
  deposit: Deposit | null
  refunded: Money
  deducted: Money
  returned_by: string
}

export interface StockForm {
  kind: string
  /** Serials or ranges (ZH0001..ZH0050), separated by spaces or lines. */
  serials: string
  name: string
}

export interface IssueForm {
  unit: string
  kind: string
  serial: string
  /** Blank: the unit's owner. */
  holder: string
  method: string
  note: string
}

export interface ReturnForm {
  kind: string
  serial: string
  returned_by: string
  note: string
  /** Yuan kept back from the deposit; blank = none. */
  deduct: string
  reason: string
}

export interface ItemsFilter {
  kind: string
  unit: string
  /** 'out', 'in' or '' for all. */
  state: string
}

export type Expected = 'in_office' | 'out' | 'extra'
export type Difference = 'missing' | 'found_but_out' | 'extra'

export interface CountLine {
  id: number
  line_no: number
  kind: string
  kind_label: string
  label: string
  place: string
  expected: Expected
  found: boolean | null
  note: string
  recorded_by: string
  recorded_at: string
  difference: Difference | null
  /** 未点, 相符, 已发出, 缺失, 应已发出却在库, 多出 */
  status: string
}

export interface CountClose {
  closed_at: string
  closed_by: string
  signed_off_by: string
  differences: number
}

export interface Count {
  id: number
  period: string
  started_at: string
  started_by: string
  lines: CountLine[]
  closed: CountClose | null
  in_office: number
  recorded: number
  differences: number
  unexplained: number
}

export interface CountSummary {
  id: number
  period: string
  started_at: string
  started_by: string
  lines: number
  differences: number
  closed: CountClose | null
}
