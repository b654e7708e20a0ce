// Late fees (违约金).
import type { Money } from './common'

export interface LateFeeRule {
  item: string
  /** Per day: "0.0003" = 万分之三. */
  daily_rate: string
  grace_days: number
  /** The late fee never exceeds this percent of the bill; null = no cap. */
  cap_percent: number | null
  /** No day before this one is charged. */
  from: string
  set_by: string
  set_at: string
}

export interface LateFeeRuleForm {
  item: string
  /** As typed: 0.0003, 0.03% or 万分之三. */
  rate: string
  grace_days: number
  cap_percent: number | null
  /** YYYY-MM-DD; blank = today. */
  from: string
}

export interface BillLateFee {
  bill_id: number
  item: string
  period: string
  due: string
  outstanding: Money
  days: number
  accrued: Money
  assessed: Money
  /** What is to collect now: accrued less what was assessed before. */
  late_fee: Money
  capped: boolean
}

export interface UnitLateFees {
  unit_id: number
  unit: string
  as_of: string
  bills: BillLateFee[]
  total: Money
}
