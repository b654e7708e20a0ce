// Inspections (巡检): estate-core inspections::Item, Round, RoundLine, Due.

export type ChecklistCode = 'public' | 'vacant'

export interface InspectItem {
  id: number
  checklist: ChecklistCode
  checklist_label: string
  name: string
  position: number
  retired: boolean
  /** Some round has it: it can be retired, never removed. */
  used: boolean
}

export interface RoundLine {
  id: number
  round_no: string
  checklist: ChecklistCode
  checklist_label: string
  title: string
  /** The vacant home; '' for the public areas. */
  unit: string
  inspected_on: string
  inspector: string
  finished: boolean
  status_label: string
  items: number
  answered: number
  faults: number
  orders: number
}

export interface RoundAnswer {
  position: number
  item_id: number
  item: string
  /** null until answered; true 正常, false 异常. */
  ok: boolean | null
  result_label: string
  note: string
  answered_at: string | null
  answered_by: string | null
  order_no: string | null
  order_status_label: string | null
  /** What its work order names as the source: XJ20261123-001/3. */
  finding: string
}

export interface Round extends RoundLine {
  finished_at: string | null
  finished_by: string | null
  recorded_at: string
  operator: string
  answers: RoundAnswer[]
}

export interface InspectDue {
  checklist: ChecklistCode
  checklist_label: string
  unit: string
  last: string | null
  open_round: string | null
  text: string
}

export interface InspectStartForm {
  checklist: string
  unit: string
  inspector: string
  /** The day it was walked; '' for today. */
  on: string
}

export interface InspectItemEditForm {
  action: 'add' | 'rename' | 'retire' | 'move'
  checklist: ChecklistCode
  item: string
  name: string
  to: string
}

export interface FindingOrderForm {
  category: string
  location: string
  description: string
}
