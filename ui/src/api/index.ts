// The one typed client of the desktop shell: one function per command.
// Screens call these and never build invoke strings by hand. Every rejection
// is an ApiError {code, message}.
import { Channel, invoke } from '@tauri-apps/api/core'
import { toApiError } from './error'
import type {
  ArrearsForm, ArrearsReport, MonthlyExported, MonthlyHeadline, BillingProgress as Progress, Contact, ContactForm, Delivery, DeliveryForm, DunningForm, DunningHistory, DunningList,
  LettersPrinted, NoticesForm, NoticesSummary, RemindersExported, SavedNotices, Warnings, CloseForm, DayClose, DayForm, DaySummary,
  LateFeeRule, LateFeeRuleForm, UnitLateFees,
  Balance, BillLine, BillingPreview, BillingProgress, BillingReport, FeeForm, FeeItem, Hit, PayForm, PaymentResult, Printed,
  ReceiptInfo, Setting, Staff, StaffRole, Statement, Status, UnitCard, UnitPrice, VoidResult, Waiver,
  BackupMade, Backups, ClosedDay, Restored, Approval,
  Parcel, ParcelForm, ParcelLabelsPrinted, ParcelListForm, ParcelMessagesSaved, ParcelSummary, PickupForm,
  Count, CountSummary, IssueForm, Item, ItemsFilter, Movement, ReturnForm, StockForm,
} from './types'
import type {
  RenoApplicationForm, RenoFees, RenoInspectionForm, RenoLine, RenoPayForm, RenoPermit, RenoReleaseForm, RenoSlip, RenoStatusCount, RenoViolation, RenoWaterproof, RenoWaterproofForm,
} from './types'
import type { MeterAllocation, Anomaly, AnomalyKind, CheckReport, Meter, MeterImportForm, ReadingImport, ReadingLine, ShareBasis } from './types'
import type { Filled, NewNoticeForm, Notice, NoticePreview, NoticeTemplate, TemplateTextForm } from './types'
import type { DoneForm, Order, OrderForm, OrderLine, OrderStepForm, Request, RequestForm, RequestLine, RequestListForm, StepForm } from './types'
import type { FindingOrderForm, InspectDue, InspectItem, InspectItemEditForm, InspectStartForm, Round, RoundLine } from './types'
import type { Answer, AnswerForm, QuestionKind, Survey, SurveyForm, SurveyLine, SurveyResults } from './types'
import type { Handover, HistoryEvent, ShiftSnapshot } from './types'
import type { CustodyKey, KeyAuthForm, KeyCandidate, KeyDepositForm, KeyLoan, KeyLoanForm, KeyLoansForm, KeyReturnForm } from './types'
import type {
  BuildingRow, Erasure, ImportForm, ImportProgress, ImportReport, NewUnitForm, OccupantForm, Person, PersonExported, PersonForm, Revealed, Transfer, TransferForm, Unit,
  UnitDetailsForm, UnitRow, Vehicle,
} from './types'

export * from './error'
export type * from './types'

export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args)
  } catch (e) {
    throw toApiError(e)
  }
}

/** A supervisor-only command's arguments, with the supervisor's approval when one was given (主管授权, lib/approval.ts). */
function approved(args: Record<string, unknown>, approval?: Approval): Record<string, unknown> {
  return approval ? { ...args, approval } : args
}

// The estate file
export const startup = () => call<Status>('startup')
export const chooseFile = (purpose: 'open' | 'create' | 'import' | 'backup' | 'folder') => call<string | null>('choose_file', { purpose })
export const createEstate = (path: string, name: string) => call<Status>('create_estate', { path, name })
export const openEstate = (path: string) => call<Status>('open_estate', { path })
export const openDemo = () => call<Status>('open_demo')
export const closeEstate = () => call<Status>('close_estate')

// Backups
export const backupList = () => call<Backups>('backup_list')
export const backupNow = () => call<BackupMade>('backup_now')
export const restoreBackup = (file: string, approval?: Approval) => call<Restored>('restore_backup', approved({ file }, approval))
export const restoreAtStart = (estate: string, file: string) => call<Status>('restore_at_start', { estate, file })

// Staff
export const signIn = (name: string, password: string) => call<Staff>('sign_in', { name, password })
export const createFirstSupervisor = (name: string, password: string) => call<Staff>('create_first_supervisor', { name, password })
export const signOut = () => call<void>('sign_out')
export const unlock = (password: string) => call<Staff>('unlock', { password })
export const staffList = () => call<Staff[]>('staff_list')
export const staffAdd = (name: string, role: StaffRole, password: string) => call<Staff>('staff_add', { name, role, password })
export const staffSetPassword = (name: string, password: string) => call<void>('staff_set_password', { name, password })
export const staffChangePassword = (old: string, newPassword: string) => call<void>('staff_change_password', { old, new: newPassword })
export const staffDeactivate = (name: string) => call<Staff>('staff_deactivate', { name })
export const staffReactivate = (name: string) => call<Staff>('staff_reactivate', { name })

// The one search box
export const search = (query: string, limit = 12) => call<Hit[]>('search', { query, limit })

// A unit
export const unitCard = (unit: string) => call<UnitCard>('unit_card', { unit })
/** The unit's history (单元大事记), newest first. */
export const unitHistory = (unit: string) => call<HistoryEvent[]>('unit_history', { unit })
export const unitBalance = (unit: string) => call<Balance>('unit_balance', { unit })
export const unitReceipts = (unit: string) => call<ReceiptInfo[]>('unit_receipts', { unit })
export const unitStatement = (unit: string) => call<Statement>('unit_statement', { unit })

// The register (every write refreshes the search box's index)
export const unitList = () => call<UnitRow[]>('unit_list')
export const buildings = () => call<BuildingRow[]>('buildings')
export const addUnit = (form: NewUnitForm) => call<Unit>('add_unit', { form })
export const editUnit = (unit: string, form: UnitDetailsForm, approval?: Approval) => call<Unit>('edit_unit', approved({ unit, form }, approval))
/** The person, and whether they were new (false: already on file and reused). */
export const addOccupant = (unit: string, form: OccupantForm) => call<[Person, boolean]>('add_occupant', { unit, form })
export const editPerson = (personId: number, form: PersonForm) => call<Person>('edit_person', { personId, form })
export const endOccupancy = (unit: string, occupancyId: number, to: string) => call<null>('end_occupancy', { unit, occupancyId, to })
export const transfer = (unit: string, form: TransferForm) => call<Transfer>('transfer', { unit, form })
export const addVehicle = (unit: string, plate: string, personId: number | null) => call<Vehicle>('add_vehicle', { unit, plate, personId })

// One person's data (a supervisor's; each call is audited)
export const revealPerson = (personId: number) => call<Revealed>('reveal_person', { personId })
export const exportPerson = (personId: number) => call<PersonExported>('export_person', { personId })
export const erasePerson = (personId: number, reason: string) => call<Erasure>('erase_person', { personId, reason })

/** Imports (or with dry_run checks) an owner register; `onProgress` gets rows done as they go. */
export function importOwners(form: ImportForm, onProgress: (p: ImportProgress) => void): Promise<ImportReport> {
  const channel = new Channel<ImportProgress>()
  channel.onmessage = onProgress
  return call<ImportReport>('import_owners', { form, onProgress: channel })
}

// Fees
export const feeItems = () => call<FeeItem[]>('fee_items')
export const pay = (form: PayForm, approval?: Approval) => call<PaymentResult>('pay', approved({ form }, approval))
export const printReceipt = (receiptNo: string) => call<Printed>('print_receipt', { receiptNo })
export const voidReceipt = (receiptNo: string, reason: string, approval?: Approval) =>
  call<VoidResult>('void_receipt', approved({ receiptNo, reason }, approval))

// Fee items, prices and quantities (a supervisor's), billing runs, waivers
export const unitBills = (unit: string) => call<BillLine[]>('unit_bills', { unit })
export const unitPrices = () => call<UnitPrice[]>('unit_prices')
export const addFee = (form: FeeForm, approval?: Approval) => call<FeeItem>('add_fee', approved({ form }, approval))
/** unitType "" = the general price. */
export const setPrice = (fee: string, unitType: string, price: string, approval?: Approval) =>
  call<FeeItem>('set_price', approved({ fee, unitType, price }, approval))
export const setUnitPrice = (unit: string, fee: string, price: string, approval?: Approval) =>
  call<void>('set_unit_price', approved({ unit, fee, price }, approval))
export const setQuantity = (unit: string, fee: string, period: string, quantity: string, approval?: Approval) =>
  call<void>('set_quantity', approved({ unit, fee, period, quantity }, approval))
export const billingPreview = (from: string, to: string) => call<BillingPreview>('billing_preview', { from, to })
/** Runs the billing; `progress` is called as the run goes. */
export function runBilling(from: string, to: string, progress: (p: BillingProgress) => void) {
  const onProgress = new Channel<BillingProgress>()
  onProgress.onmessage = progress
  return call<BillingReport>('run_billing', { from, to, onProgress })
}
export const waive = (billId: number, amount: string, reason: string, approval?: Approval) =>
  call<Waiver>('waive', approved({ billId, amount, reason }, approval))

// Settings
export const settingsList = () => call<Setting[]>('settings_list')
export const setSetting = (key: string, value: string) => call<string>('set_setting', { key, value })

// Arrears
export const arrearsReport = (form: ArrearsForm) => call<ArrearsReport>('arrears_report', { form })

// Monthly workbook for finance
export const monthlyHeadline = (period: string) => call<MonthlyHeadline>('monthly_headline', { period })
export const exportMonthly = (period: string) => call<MonthlyExported>('export_monthly', { period })
// Dunning (催缴)
export const dunningUnits = (form: DunningForm) => call<DunningList>('dunning_units', { form })
export const dunningHistory = (unit: string) => call<DunningHistory>('dunning_history', { unit })
export const dunningWarnings = (asOf: string) => call<Warnings>('dunning_warnings', { asOf })
export const recordContact = (form: ContactForm) => call<Contact>('dunning_record_contact', { form })
export const recordDelivery = (form: DeliveryForm) => call<Delivery>('dunning_record_delivery', { form })
/** Prints the filtered units' letters into one PDF; `progress` follows the letters laid out. */
export function printLetters(form: DunningForm, deadlineDays: number, withSlip: boolean, progress: (p: Progress) => void) {
  const onProgress = new Channel<Progress>()
  onProgress.onmessage = progress
  return call<LettersPrinted>('dunning_print_letters', { form, deadlineDays, withSlip, onProgress })
}
export const exportReminders = (form: DunningForm, deadlineDays: number) => call<RemindersExported>('dunning_export_reminders', { form, deadlineDays })

// Billing notices
export const noticesPreview = (form: NoticesForm) => call<NoticesSummary>('notices_preview', { form })
/** Saves the notices' PDF beside the estate file and opens it; `progress` follows the pages drawn. */
export function printNotices(form: NoticesForm, progress: (p: BillingProgress) => void) {
  const onProgress = new Channel<BillingProgress>()
  onProgress.onmessage = progress
  return call<SavedNotices>('print_notices', { form, onProgress })
}
export const exportNoticeMessages = (form: NoticesForm) => call<SavedNotices>('export_notice_messages', { form })

// The daily close (日结)
export const daySummary = (form: DayForm) => call<DaySummary>('day_summary', { form })
export const dayClerks = () => call<string[]>('day_clerks')
/** The closes of a month (YYYY-MM); all when blank. */
export const dayCloses = (month: string) => call<DayClose[]>('day_closes', { month })
export const closeDay = (form: CloseForm) => call<ClosedDay>('close_day', { form })
export const printHandoverSheet = (form: DayForm) => call<Printed>('print_handover_sheet', { form })

// Late fees (违约金)
export const lateFeeRules = () => call<LateFeeRule[]>('late_fee_rules')
export const setLateFeeRule = (form: LateFeeRuleForm, approval?: Approval) => call<LateFeeRule>('set_late_fee_rule', approved({ form }, approval))
export const clearLateFeeRule = (item: string, approval?: Approval) => call<void>('clear_late_fee_rule', approved({ item }, approval))
/** A unit's open bills with their late fee to date; asOf "" = today. */
export const unitLateFees = (unit: string, asOf = '') => call<UnitLateFees>('unit_late_fees', { unit, asOf })

// Keys held in custody (托管钥匙)
export const keyList = (heldOnly: boolean) => call<CustodyKey[]>('key_list', { heldOnly })
export const keyLoans = (form: KeyLoansForm) => call<KeyLoan[]>('key_loans', { form })
export const keyOverdue = () => call<KeyLoan[]>('key_overdue')
export const keyCandidates = (keyId: number) => call<KeyCandidate[]>('key_candidates', { keyId })
export const keyDeposit = (form: KeyDepositForm) => call<CustodyKey>('key_deposit', { form })
export const keyAuthorise = (keyId: number, form: KeyAuthForm) => call<CustodyKey>('key_authorise', { keyId, form })
export const keyLend = (keyId: number, loan: KeyLoanForm, approval?: Approval) => call<KeyLoan>('key_lend', approved({ keyId, loan }, approval))
export const keyReturn = (keyId: number, form: KeyReturnForm) => call<KeyLoan>('key_return', { keyId, form })
export const keyRelease = (keyId: number, to: string, on: string) => call<CustodyKey>('key_release', { keyId, to, on })
export const keyPrintRegister = (from: string, to: string) => call<Printed>('key_print_register', { from, to })

// Meters (抄表)
export const meterList = (period: string) => call<ReadingLine[]>('meter_list', { period })
export const meterMeters = () => call<Meter[]>('meter_meters')
export const meterRead = (meterId: number, period: string, value: string) => call<ReadingLine>('meter_read', { meterId, period, value })
export const meterCorrect = (meterId: number, period: string, value: string, reason: string) => call<ReadingLine>('meter_correct', { meterId, period, value, reason })
export const meterCheck = (period: string) => call<CheckReport>('meter_check', { period })
export const meterConfirm = (meterId: number, period: string, kind: AnomalyKind, note: string) => call<Anomaly>('meter_confirm', { meterId, period, kind, note })
export const meterAllocations = (period: string) => call<MeterAllocation[]>('meter_allocations', { period })
export const meterAllocate = (meter: string, period: string, basis: ShareBasis | '', approval?: Approval) =>
  call<MeterAllocation>('meter_allocate', approved({ meter, period, basis }, approval))
export const meterImport = (form: MeterImportForm, onProgress: (p: ImportProgress) => void) => {
  const channel = new Channel<ImportProgress>()
  channel.onmessage = onProgress
  return call<ReadingImport>('meter_import', { form, onProgress: channel })
}
export const meterPrint = (period: string, allocations: boolean) => call<Printed>('meter_print', { period, allocations })
// Parcels and letters (快递/信件)
export const parcelIn = (form: ParcelForm) => call<Parcel>('parcel_in', { form })
/** The name the intake form offers for a unit: its last recipient, else its owner ("" when none). */
export const parcelGuessRecipient = (unit: string) => call<string>('parcel_guess_recipient', { unit })
export const parcelList = (form: ParcelListForm) => call<Parcel[]>('parcel_list', { form })
export const parcelSummary = () => call<ParcelSummary>('parcel_summary')
/** Waiting parcels by pickup code, unit or the phone's last 4 digits. */
export const parcelFind = (by: 'code' | 'unit' | 'phone', text: string) => call<Parcel[]>('parcel_find', { by, text })
export const parcelPickup = (form: PickupForm) => call<Parcel[]>('parcel_pickup', { form })
export const parcelReturn = (id: number, takenBy: string, reason: string) => call<Parcel>('parcel_return', { id, takenBy, reason })
/** Texts for the parcels picked (none: every waiting parcel not yet notified), saved as xlsx for the messaging service. */
export const parcelNotify = (ids: number[]) => call<ParcelMessagesSaved>('parcel_notify', { ids })
export const parcelRemind = () => call<ParcelMessagesSaved>('parcel_remind')
export const parcelLabels = (ids: number[]) => call<ParcelLabelsPrinted>('parcel_labels', { ids })
// Cards and handsets (卡证) and the monthly count (盘点)
export const inventoryItems = (filter: ItemsFilter) => call<Item[]>('inventory_items', { filter })
export const inventoryAddStock = (form: StockForm) => call<Item[]>('inventory_add_stock', { form })
/** Issues an item; where the estate charges a deposit for its kind, it is taken with its 押金收据. */
export const inventoryIssue = (form: IssueForm) => call<Movement>('inventory_issue', { form })
/** A deduction from the deposit is a supervisor's (主管授权 for a clerk). */
export const inventoryReturn = (form: ReturnForm, approval?: Approval) => call<Movement>('inventory_return', approved({ form }, approval))
/** Saves a deposit's 押金收据 beside the estate file (a reprint as 补打) and opens it. */
export const depositPrintReceipt = (depositId: number) => call<Printed>('deposit_print_receipt', { depositId })
export const inventoryCounts = () => call<CountSummary[]>('inventory_counts')
export const inventoryCount = (countId: number) => call<Count>('inventory_count', { countId })
/** period "" = this month. */
export const inventoryCountStart = (period: string) => call<Count>('inventory_count_start', { period })
export const inventoryCountRecord = (countId: number, lineNo: number, found: boolean, note: string) =>
  call<Count>('inventory_count_record', { countId, lineNo, found, note })
export const inventoryCountExtra = (countId: number, kind: string, label: string, note: string) =>
  call<Count>('inventory_count_extra', { countId, kind, label, note })
/** The supervisor's sign-off (主管授权 for a clerk). */
export const inventoryCountClose = (countId: number, approval?: Approval) => call<Count>('inventory_count_close', approved({ countId }, approval))
export const inventoryCountPrint = (countId: number) => call<Printed>('inventory_count_print', { countId })

// Renovation permits (装修管理)
export const renoList = (status: string | undefined, unit: string | undefined, overdue: boolean) =>
  call<RenoLine[]>('reno_list', { status: status ?? '', unit: unit ?? '', overdue })
export const renoPermit = (id: number) => call<RenoPermit>('reno_permit', { id })
export const renoOpenViolations = () => call<RenoViolation[]>('reno_open_violations')
export const renoOverdue = () => call<RenoLine[]>('reno_overdue')
export const renoStatusCounts = () => call<RenoStatusCount[]>('reno_status_counts')
export const renoFeesDue = (id: number) => call<RenoFees>('reno_fees_due', { id })
export const renoApply = (unit: string, form: RenoApplicationForm) => call<RenoPermit>('reno_apply', { unit, form })
export const renoApprove = (id: number, note: string, approval?: Approval) => call<RenoPermit>('reno_approve', approved({ id, note }, approval))
export const renoReject = (id: number, reason: string, approval?: Approval) => call<RenoPermit>('reno_reject', approved({ id, reason }, approval))
export const renoPay = (id: number, form: RenoPayForm) => call<RenoPermit>('reno_pay', { id, form })
export const renoIssue = (id: number) => call<RenoPermit>('reno_issue', { id })
export const renoInspect = (id: number, form: RenoInspectionForm) => call<RenoPermit>('reno_inspect', { id, form })
export const renoFix = (violationId: number, note: string) => call<RenoViolation>('reno_fix', { violationId, note })
export const renoWaterproof = (id: number, form: RenoWaterproofForm) => call<RenoWaterproof>('reno_waterproof', { id, form })
export const renoRelease = (id: number, form: RenoReleaseForm) => call<RenoSlip>('reno_release', { id, form })
export const renoExtend = (id: number, newEnd: string, reason: string, approval?: Approval) => call<RenoPermit>('reno_extend', approved({ id, newEnd, reason }, approval))
export const renoComplete = (id: number, note: string) => call<RenoPermit>('reno_complete', { id, note })
export const renoAccept = (id: number, note: string, approval?: Approval) => call<RenoPermit>('reno_accept', approved({ id, note }, approval))
export const renoRectify = (id: number, problems: string[], reason: string, approval?: Approval) => call<RenoPermit>('reno_rectify', approved({ id, problems, reason }, approval))
export const renoRefund = (id: number, deductions: string[], note: string, approval?: Approval) => call<RenoPermit>('reno_refund', approved({ id, deductions, note }, approval))
export const renoClose = (id: number, note: string) => call<RenoPermit>('reno_close', { id, note })
export const renoPrintPermit = (id: number) => call<Printed>('reno_print_permit', { id })
export const renoPrintSlips = (slipNos: string[]) => call<Printed>('reno_print_slips', { slipNos })
export const renoPrintVoucher = (id: number) => call<Printed>('reno_print_voucher', { id })
// The service desk (报修投诉): requests and complaints, work orders
export const requestList = (form: RequestListForm) => call<RequestLine[]>('request_list', { form })
/** Open requests with a late step, the longest overdue first (首页). */
export const requestLate = () => call<RequestLine[]>('request_late')
export const requestShow = (request: string) => call<Request>('request_show', { request })
export const requestAdd = (form: RequestForm) => call<Request>('request_add', { form })
export const requestStep = (request: string, form: StepForm) => call<Request>('request_step', { request, form })
/** Ties a complaint to its unit's arrears (the owner withholds fees over it). */
export const requestWithhold = (request: string, note: string) => call<Request>('request_withhold', { request, note })
export const orderList = (openOnly: boolean, unit: string) => call<OrderLine[]>('order_list', { openOnly, unit })
export const orderShow = (order: string) => call<Order>('order_show', { order })
export const orderAdd = (form: OrderForm) => call<Order>('order_add', { form })
export const orderStep = (order: string, form: OrderStepForm) => call<Order>('order_step', { order, form })
export const orderDone = (order: string, form: DoneForm) => call<Order>('order_done', { order, form })
/** Saves the work order PDF beside the estate file and opens it. */
export const orderPrint = (order: string) => call<Printed>('order_print', { order })

// Inspections (巡检): checklists (a supervisor edits them), rounds, a work order from a finding
export const inspectItems = () => call<InspectItem[]>('inspect_items')
/** One edit of a checklist; returns both checklists' items again. */
export const inspectItemEdit = (form: InspectItemEditForm) => call<InspectItem[]>('inspect_item_edit', { form })
export const inspectList = (month: string, unit: string) => call<RoundLine[]>('inspect_list', { month, unit })
export const inspectShow = (round: string) => call<Round>('inspect_show', { round })
/** What is due today: the public areas after a week, each vacant home each month (首页). */
export const inspectDue = () => call<InspectDue[]>('inspect_due')
export const inspectStart = (form: InspectStartForm) => call<Round>('inspect_start', { form })
export const inspectRecord = (round: string, item: string, ok: boolean, note: string) => call<Round>('inspect_record', { round, item, ok, note })
export const inspectFinish = (round: string) => call<Round>('inspect_finish', { round })
export const inspectOrder = (round: string, item: string, form: FindingOrderForm) => call<Order>('inspect_order', { round, item, form })
/** Saves the round's sheet beside the estate file and opens it. */
export const inspectPrint = (round: string) => call<Printed>('inspect_print', { round })
// The notice board (公告通知): templates, notices issued from them, their PDF and text
export const noticeTemplates = () => call<NoticeTemplate[]>('notice_templates')
/** A supervisor's (EditSettings). */
export const noticeTemplateAdd = (form: TemplateTextForm) => call<NoticeTemplate>('notice_template_add', { form })
/** A new version of a template; blank fields stay. Notices already issued keep their text. */
export const noticeTemplateEdit = (template: string, form: TemplateTextForm) => call<NoticeTemplate>('notice_template_edit', { template, form })
/** What the notice would say with the values typed so far (the issue dialog's live preview). */
export const noticePreview = (template: string, values: Filled[], date: string) => call<NoticePreview>('notice_preview', { template, values, date })
export const noticeIssue = (form: NewNoticeForm) => call<Notice>('notice_issue', { form })
export const noticeList = () => call<Notice[]>('notice_list')
export const noticeWithdraw = (notice: string, reason: string) => call<Notice>('notice_withdraw', { notice, reason })
/** The plain text (title, body, 落款, date) to paste into a message. */
export const noticeText = (notice: string) => call<string>('notice_text', { notice })
/** Saves the notice's PDF in 公告/ beside the estate file and opens it. */
export const noticePrint = (notice: string, seal: boolean) => call<Printed>('notice_print', { notice, seal })
// Satisfaction surveys (满意度调查): defining and closing are a supervisor's (approval on the spot for a clerk)
export const surveyList = () => call<SurveyLine[]>('survey_list')
export const surveyShow = (survey: string) => call<Survey>('survey_show', { survey })
export const surveyAdd = (form: SurveyForm, approval?: Approval) => call<Survey>('survey_add', approved({ form }, approval))
export const surveyQuestion = (survey: string, kind: QuestionKind, text: string, approval?: Approval) => call<Survey>('survey_question', approved({ survey, kind, text }, approval))
export const surveyClose = (survey: string, on: string, approval?: Approval) => call<Survey>('survey_close', approved({ survey, on }, approval))
export const surveyAnswer = (survey: string, form: AnswerForm) => call<Answer>('survey_answer', { survey, form })
export const surveyResults = (survey: string) => call<SurveyResults>('survey_results', { survey })
/** Saves the summary PDF in 满意度/ beside the estate file and opens it. */
export const surveyPrint = (survey: string) => call<Printed>('survey_print', { survey })
// The shift handover (交接班)
export const shiftList = (openOnly: boolean) => call<Handover[]>('shift_list', { openOnly })
export const shiftShow = (handover: string) => call<Handover>('shift_show', { handover })
/** The handovers of others not yet acknowledged (shown right after signing in). */
export const shiftAwaiting = () => call<Handover[]>('shift_awaiting')
/** What a handover made now would hold. */
export const shiftPreview = () => call<ShiftSnapshot>('shift_preview')
export const shiftHandOver = (note: string) => call<Handover>('shift_hand_over', { note })
export const shiftAcknowledge = (handover: string, note: string) => call<Handover>('shift_acknowledge', { handover, note })
