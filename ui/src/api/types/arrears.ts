// Arrears (欠费账龄).
import type { Money } from './common'

/** Money owed, split by the report's age brackets. */
export interface Aged {
  total: Money
  brackets: Money[]
}

export interface UnitArrears {
  unit_id: number
  unit: string
  building: string
  owners: string
  aged: Aged
  oldest_days: number
  by_item: { item: string; owed: Money }[]
  /** Open complaints the owner withholds fees over ("TS20261123-001 收费投诉（已指派）"). */
  complaints: string[]
}

export interface ArrearsGroup extends Aged {
  name: string
}

export interface ArrearsReport {
  as_of: string
  due_day: number
  brackets: string[]
  units: UnitArrears[]
  by_building: ArrearsGroup[]
  by_item: ArrearsGroup[]
  total: Aged
}

/** As typed; blanks mean any (and today for as_of). */
export interface ArrearsForm {
  building: string
  min_days: number
  min_amount: string
  as_of: string
}
