// Fees: bills, payments, receipts, voids; fee items, prices, billing runs, waivers.
import type { Money } from './common'

export interface BillLine {
  id: number
  item: string
  period: string
  price: string
  quantity: string
  amount: Money
  paid: Money
  waived: Money
  outstanding: Money
}

export interface Balance {
  unit: string
  owed: Money
  prepaid: Money
  bills: BillLine[]
}

export interface ReceiptInfo {
  receipt_no: string
  paid_at: string
  amount: Money
  method: string
  payer: string
  reference: string
  operator: string
  void_reason: string | null
  /** Who voided it, and the supervisor who approved a clerk's void on the spot. */
  voided_by: string | null
  void_approved_by: string | null
  prints: number
}

export interface StatementLine {
  date: string
  kind: 'charge' | 'payment' | 'void' | 'waiver'
  text: string
  charge: Money
  credit: Money
  balance: Money
}

export interface Statement {
  unit: string
  lines: StatementLine[]
  owed: Money
  prepaid: Money
}

export interface FeePrice {
  unit_type: string | null
  price: string
}

export interface FeeItem {
  id: number
  name: string
  basis: 'area' | 'unit' | 'quantity' | 'once'
  cycle_months: number
  prices: FeePrice[]
}

export type MethodCode = 'cash' | 'card' | 'wechat' | 'alipay' | 'transfer'

export interface PayForm {
  unit: string
  /** As typed: "1,234.50" is fine, the core reads it. */
  amount: string
  method: MethodCode
  payer: string
  reference: string
  /** Chosen bill ids; empty = oldest unpaid first. */
  bills: number[]
  /** Late fees a supervisor waives, by the bill they are for. */
  late_fee_waivers: LateFeeWaiver[]
}

export interface LateFeeWaiver {
  bill_id: number
  reason: string
}

export interface Allocation {
  bill_id: number
  /** A late fee collected reads 违约金（物业服务费 2026-08）. */
  item: string
  period: string
  amount: Money
  /** For a late fee: the bill it is for. */
  late_of: number | null
}

export interface WaivedLateFee {
  bill_id: number
  item: string
  amount: Money
  reason: string
}

export interface PaymentResult {
  receipt_no: string
  unit: string
  amount: Money
  allocated: Allocation[]
  /** Late fees collected (their lines are in `allocated`). */
  late_fees: Money
  late_fees_waived: WaivedLateFee[]
  prepaid: Money
  owed_after: Money
  prepaid_after: Money
  /** Who took it, and the supervisor who approved a clerk's late-fee waiver on the spot. */
  operator: string
  approved_by: string | null
}

export interface Printed {
  path: string
  viewer_problem: string | null
}

export interface VoidResult {
  receipt_no: string
  amount: Money
  owed_after: Money
  prepaid_after: Money
  /** Who voided it, and the supervisor who approved a clerk's void on the spot. */
  operator: string
  approved_by: string | null
}


// ---- Fee items, prices, billing runs, waivers ---------------------------------

export type BasisCode = FeeItem['basis']

/** A new fee item, or another unit type's price for an existing one. */
export interface FeeForm {
  name: string
  basis: BasisCode
  /** As typed: "1.21" yuan per basis unit. */
  price: string
  /** A unit type's name (住宅, 商铺, …); "" = every type without its own price. */
  unit_type: string
  cycle_months: number
}

/** A price for one unit only. */
export interface UnitPrice {
  unit: string
  item: string
  price: string
}

/** One fee item's share of a billing run. */
export interface ItemTotal {
  item: string
  basis: BasisCode
  bills: number
  total: Money
  skipped_existing: number
  not_billed_missing_data: number
}

/** One unit's share of a billing run. */
export interface UnitTotal {
  unit: string
  unit_type: string
  bills: number
  total: Money
  skipped_existing: number
  not_billed_missing_data: number
}

export interface BillingReport {
  bills: number
  total: Money
  skipped_existing: number
  not_billed_missing_data: number
  prepaid_applied: Money
  units_total: number
  units_billed: number
  units_already_billed: number
  items: ItemTotal[]
}

/** What a run over the range would write now; nothing is written. */
export interface BillingPreview {
  from: string
  to: string
  report: BillingReport
  units: UnitTotal[]
}

export interface BillingProgress {
  done: number
  total: number
}

export interface Waiver {
  id: number
  bill_id: number
  amount: Money
  outstanding_after: Money
  /** Who gave it, and the supervisor who approved a clerk's waiver on the spot. */
  operator: string
  approved_by: string | null
}
