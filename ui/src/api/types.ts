// The shapes the desktop shell returns (estate-core's Serialize types).
// Money is yuan text with two decimals ("1234.50"); dates are "2026-11-23".
import type { ApiError } from './error'

export type Money = string

export type StaffRole = 'clerk' | 'supervisor' | 'finance'

export interface Staff {
  id: number
  name: string
  role: StaffRole
  active: boolean
  created_at: string
}

export interface Status {
  database: string | null
  /** Where printed receipts are kept (beside the estate file). */
  receipts_dir: string | null
  estate_name: string
  has_staff: boolean
  staff: Staff | null
  /** What the signed-in person may do (the core checks again on every action). */
  permissions: Permission[]
  idle_lock_minutes: number
  problem: ApiError | null
  /** The file refused at start (corrupt, too new): the start screen offers 从备份恢复 for it. */
  problem_path: string | null
  default_path: string
  demo_path: string
}

export interface Unit {
  id: number
  code: string
  unit_type: string
  area: string | null
  handover: string | null
}

export interface Person {
  id: number
  name: string
  phones: string[]
  /** "110105********002X" when an ID number is on file; the full number never leaves the core. */
  id_masked: string | null
}

export type Role = 'owner' | 'co_owner' | 'tenant' | 'family' | 'authorised'

export interface Occupancy {
  id: number
  person: Person
  role: Role
  from: string
  to: string | null
}

export interface Vehicle {
  id: number
  plate: string
  person: string | null
}

export interface Transfer {
  id: number
  date: string
  from_people: string
  to_person: string
  note: string
}

export interface UnitCard {
  unit: Unit
  occupancies: Occupancy[]
  vehicles: Vehicle[]
  transfers: Transfer[]
}

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
}

export interface Setting {
  key: string
  label: string
  value: string
}

export type Permission =
  | 'take_payment' | 'reprint' | 'void_receipt' | 'waive' | 'run_billing' | 'edit_fees'
  | 'edit_register' | 'import' | 'edit_settings' | 'manage_staff' | 'refund_deposit' | 'export_reports' | 'dunning' | 'close_day' | 'close_any_day'
  | 'restore' | 'view'

export interface Hit {
  kind: 'unit' | 'person' | 'vehicle'
  unit_id: number
  unit_code: string
  person_id: number | null
  /** "3-2-1502 张三"; a vehicle line: "3-2-1502 京A12345". */
  title: string
  /** "业主 · 138****1234 · 京A12345" (phones masked by the core). */
  detail: string
  why: string
  /** What matched, in Chinese. */
  why_label: string
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
}
// ---- The register: list, forms, import ------------------------------------

/** One line of the register list. */
export interface UnitRow {
  id: number
  code: string
  /** Position in code order (3-2-902 before 3-2-1502): what sorting by code sorts by. */
  order: number
  building: string
  entrance: string
  unit_type: string
  area: string | null
  handover: string | null
  /** Current owners and co-owners, joined with 、. */
  owners: string
  occupants: number
  owed: Money
}

export interface BuildingRow {
  code: string
  units: number
}

/** Fields as typed; the core reads them (blank = not given). */
export interface UnitDetailsForm {
  unit_type: string
  area: string
  handover: string
}

export interface NewUnitForm extends UnitDetailsForm {
  building: string
  /** Blank where the building has no entrances (shops, parking). */
  entrance: string
  room: string
}

export interface PersonForm {
  name: string
  /** One field, several numbers split by / or 、. */
  phones: string
  /** Blank = none (when editing: keep the one on file). */
  id_number: string
}

export interface OccupantForm extends PersonForm {
  role: Role
  from: string
}

export interface TransferForm extends PersonForm {
  date: string
  note: string
}

export interface ImportForm {
  path: string
  /** Blank = the first sheet. */
  sheet: string
  dry_run: boolean
  skip_bad_rows: boolean
}

export interface RowProblem {
  /** The row number Excel shows. */
  row: number
  /** The column's header as written in the file. */
  column: string
  code: string
  message: string
}

export interface ImportReport {
  rows: number
  units_created: number
  people_created: number
  opening_balances: number
  /** Bad rows left out (only when skipping them). */
  skipped: number
  errors: RowProblem[]
}

export interface ImportProgress {
  done: number
  total: number
}

// Arrears (欠费账龄)

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

/** The month's headline figures (estate-core handover::Headline); rates as "92.50%", blank when nothing to divide. */
export interface MonthlyHeadline {
  period: string
  billed: string
  collected: string
  collection_rate: string
  household_rate: string
  clearance_rate: string
  arrears: string
  prepaid: string
  deposits_held: string
  receipts: number
  voids: number
}

export interface SheetInfo {
  name: string
  rows: number
}

export interface MonthlyExported {
  path: string
  folder: string
  sheets: SheetInfo[]
  headline: MonthlyHeadline
  viewer_problem: string | null
}

// Dunning (催缴)
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

// Late fees (违约金)
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

// The daily close (日结)

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

// Backups (设置 → 备份与恢复)
export type BackupReason = 'day_close' | 'upgrade' | 'restore' | 'scheduled' | 'on_demand'

export interface Backup {
  file: string
  name: string
  /** Local time, "2026-12-04 15:30:00". */
  taken_at: string
  reason: BackupReason
  reason_label: string
  bytes: number
}

export interface BackupMade {
  backup: Backup
  folder: string
  /** Our oldest backups removed to keep the number of generations set. */
  pruned: string[]
}

/** A backup made along with another action (the daily close, the timer): the action stands either way. */
export interface BackupOutcome {
  made: BackupMade | null
  problem: ApiError | null
}

export interface Backups {
  folder: string
  default_folder: string
  keep: number
  interval_minutes: number
  /** Newest first. */
  backups: Backup[]
  /** Why the folder could not be read (a USB drive not plugged in). */
  problem: ApiError | null
  last_scheduled: BackupOutcome | null
}

export interface Restored {
  from: string
  /** The estate as it was just before, kept in the backup folder (null: there was no file yet). */
  safety: Backup | null
  version: number
}

/** A day just closed, and the backup made at the close. */
export type ClosedDay = DaySummary & { backup: BackupOutcome }
