// Dunning (催缴) and billing notices (收费通知单).
import type { ArrearsForm } from './arrears'
import type { Money } from './common'

export type Stage = 'reminder' | 'letter' | 'visit' | 'legal'
export type WarningLevel = 'approaching' | 'past'

/** The 催缴 screen's filters: the arrears filters plus the stage reached (blank = any, 未催缴, 提醒 …). */
export interface DunningForm extends ArrearsForm {
  stage: string
}

export interface DunningUnit {
  unit_id: number
  unit: string
  building: string
  owners: string
  owed: Money
  oldest_days: number
  arrears_began: string
  stage: Stage | null
  stage_label: string
  last_contact: string | null
  last_note: string
  promised: string | null
  warning: WarningLevel | null
  /** Open complaints the owner withholds fees over ("TS20261123-001 收费投诉（已指派）"). */
  complaints: string[]
}

export interface DunningList {
  as_of: string
  units: DunningUnit[]
  total: Money
}

export interface ContactForm {
  unit: string
  stage: string
  channel: string
  date: string
  outcome: string
  promised: string
  dispute: string
}

export interface Contact {
  id: number
  unit: string
  stage: Stage
  stage_label: string
  channel: string
  date: string
  operator: string
  outcome: string
  promised: string | null
  dispute: string
  owed: Money
  delivered_on: string | null
}

export interface Letter {
  id: number
  letter_no: string
  unit: string
  addressee: string
  owed: Money
  late_fee: Money
  deadline: string
  issued_on: string
  batch_id: number
  delivered_on: string | null
}

export interface DunningHistory {
  contacts: Contact[]
  letters: Letter[]
}

export interface DeliveryForm {
  letter_no: string
  contact_id: number | null
  date: string
  signed_by: string
  mail_no: string
  note: string
}

export interface Delivery {
  id: number
  unit: string
  what: string
  delivered_on: string
  signed_by: string
  mail_no: string
  note: string
}

export interface BillAtRisk {
  item: string
  period: string
  owing: Money
  due: string
  ends: string
  days_left: number
  level: WarningLevel
}

export interface UnitAtRisk {
  unit: string
  owners: string
  level: WarningLevel
  level_label: string
  ends: string
  owing: Money
  last_delivery: string | null
  bills: BillAtRisk[]
}

export interface Warnings {
  as_of: string
  warn_days: number
  units: UnitAtRisk[]
}

export interface LettersPrinted {
  batch_id: number
  letters: number
  first_no: string
  last_no: string
  total: Money
  deadline: string
  path: string
  viewer_problem: string | null
}

export interface RemindersExported {
  rows: number
  without_phone: string[]
  path: string
  viewer_problem: string | null
}

/** The 收费通知单 screen's choices: period "2026-11" or "2026-Q4"; blanks = all buildings, today. */
export interface NoticesForm {
  period: string
  building: string
  as_of: string
}

/** What a batch of notices comes to (one notice, one page). */
export interface NoticesSummary {
  period: string
  period_label: string
  as_of: string
  due_date: string
  notices: number
  skipped: number
  without_mobile: number
  total_due: string
}

export interface SavedNotices {
  summary: NoticesSummary
  path: string
  viewer_problem: string | null
}
