// Renovation permits (装修管理): what the screen offers at each step and how
// its forms become the core's input, as pure functions. The core decides
// every rule and says why it refuses; these only shape forms and labels.
import type { RenoApplicationForm, RenoPermit, RenoStatus, RenoStep, RenoWorkerForm } from '../api/types'
import { fenToText, toFen } from './money'

export const STATUSES: Array<{ value: RenoStatus; label: string }> = [
  { value: 'applied', label: '已申请' },
  { value: 'approved', label: '已批准' },
  { value: 'rejected', label: '已驳回' },
  { value: 'paid', label: '已缴费' },
  { value: 'issued', label: '施工中' },
  { value: 'completion_requested', label: '待验收' },
  { value: 'rectify', label: '整改中' },
  { value: 'accepted', label: '已验收' },
  { value: 'refunded', label: '押金已退' },
  { value: 'closed', label: '已关闭' },
]

/** What the works may cover, in the core's order. */
export const SCOPES = ['墙体', '地面', '水电', '防水', '门窗', '阳台', '空调']
/** The daily inspection's checklist (日检). */
export const INSPECTION_ITEMS = ['承重墙', '防水', '消防', '垃圾', '施工时间', '楼道卫生']
/** The completion acceptance checklist (竣工验收). */
export const ACCEPTANCE_ITEMS = ['承重墙', '防水', '水电', '门窗', '外立面', '公共部位']

export type RenoAction =
  | 'approve' | 'reject' | 'pay' | 'issue' | 'print_permit' | 'inspect' | 'waterproof' | 'release' | 'extend'
  | 'complete' | 'accept' | 'rectify' | 'refund' | 'print_voucher' | 'close'

const WORKS: RenoAction[] = ['print_permit', 'inspect', 'waterproof', 'release', 'extend']

/** The buttons a permit offers at its status, in the order of the work. */
export function actionsFor(status: RenoStatus): RenoAction[] {
  switch (status) {
    case 'applied': return ['approve', 'reject']
    case 'approved': return ['pay']
    case 'paid': return ['issue', 'extend']
    case 'issued': return [...WORKS, 'complete']
    case 'completion_requested': return [...WORKS, 'accept', 'rectify']
    case 'rectify': return [...WORKS, 'complete']
    case 'accepted': return ['print_permit', 'release', 'refund']
    case 'refunded': return ['print_voucher', 'close']
    case 'closed': return ['print_voucher']
    case 'rejected': return []
  }
}

/** The actions that are a supervisor's (a clerk's with 主管授权). */
export const SUPERVISOR_ACTIONS: RenoAction[] = ['approve', 'reject', 'extend', 'accept', 'rectify', 'refund']

export const ACTION_LABELS: Record<RenoAction, string> = {
  approve: '批准', reject: '驳回', pay: '收费和押金', issue: '发放许可证', print_permit: '打印许可证', inspect: '日检登记',
  waterproof: '闭水试验', release: '开放行条', extend: '延期', complete: '申请竣工验收', accept: '验收通过', rectify: '要求整改',
  refund: '退押金', print_voucher: '打印退还单', close: '关闭',
}

/** The tag colour of a status. */
export function statusTag(status: RenoStatus): 'success' | 'warning' | 'danger' | 'info' | 'primary' {
  if (status === 'rejected' || status === 'rectify') return 'danger'
  if (status === 'applied' || status === 'approved' || status === 'completion_requested') return 'warning'
  if (status === 'issued' || status === 'paid') return 'primary'
  if (status === 'accepted' || status === 'refunded') return 'success'
  return 'info'
}

/** Who did a step: "王前台（李主管 授权）". */
export function stepWho(s: Pick<RenoStep, 'operator' | 'approved_by'>): string {
  return s.approved_by && s.approved_by !== s.operator ? `${s.operator}（${s.approved_by} 授权）` : s.operator
}

/** A blank application, starting today and ending a month on. */
export function emptyApplication(today: string): RenoApplicationForm {
  return { applicant: '', authorisation: '', contractor: '', foreman: '', foreman_phone: '', workers: [emptyWorker()], scope: [], planned_start: today, planned_end: '', attachments: '' }
}

export function emptyWorker(): RenoWorkerForm {
  return { name: '', phone: '', id_last4: '' }
}

/** The application as the core takes it: blank worker rows dropped, texts trimmed. */
export function applicationOf(form: RenoApplicationForm): RenoApplicationForm {
  const workers = form.workers
    .map((w) => ({ name: w.name.trim(), phone: w.phone.trim(), id_last4: w.id_last4.trim() }))
    .filter((w) => w.name || w.phone || w.id_last4)
  const scope = SCOPES.filter((s) => form.scope.includes(s))
  return { ...form, applicant: form.applicant.trim(), contractor: form.contractor.trim(), foreman: form.foreman.trim(), foreman_phone: form.foreman_phone.trim(), workers, scope }
}

/** What still stops the application being sent (the core checks everything again). */
export function applicationMissing(unit: string, form: RenoApplicationForm): string {
  const missing = [
    [unit, '房号'], [form.applicant, '申请人'], [form.contractor, '施工单位'], [form.foreman, '施工负责人'], [form.foreman_phone, '负责人电话'],
    [form.planned_start, '开工日期'], [form.planned_end, '完工日期'],
  ].filter(([v]) => !v.trim()).map(([, label]) => label)
  if (!form.scope.length) missing.push('施工范围')
  return missing.length ? `请填写：${missing.join('、')}` : ''
}

/** One checklist line of the inspection form. */
export interface CheckLine { item: string; problem: boolean; what: string }

export function checklist(items: string[]): CheckLine[] {
  return items.map((item) => ({ item, problem: false, what: '' }))
}

/** The problems ticked, as the core takes them: "垃圾:楼道堆放建筑垃圾" (or just the item). */
export function findingsOf(lines: CheckLine[]): string[] {
  return lines.filter((l) => l.problem).map((l) => (l.what.trim() ? `${l.item}:${l.what.trim()}` : l.item))
}

/** A deduction row of the refund form. */
export interface DeductionLine { amount: string; reason: string }

/** The deductions as the core takes them ("300:墙面损坏"), blank rows dropped. */
export function deductionsOf(lines: DeductionLine[]): string[] {
  return lines.filter((l) => l.amount.trim() || l.reason.trim()).map((l) => `${l.amount.trim()}:${l.reason.trim()}`)
}

/** What a deduction row lacks; '' when it is fine or blank. */
export function deductionProblem(l: DeductionLine): string {
  if (!l.amount.trim() && !l.reason.trim()) return ''
  const fen = toFen(l.amount)
  if (fen == null || fen <= 0) return '扣款金额应写成 300 或 300.00'
  if (!l.reason.trim()) return '请写明扣款原因'
  return ''
}

/** The refund as the form shows it: deducted and given back, from what is held; null when a row is unreadable. */
export function refundFigures(held: string, lines: DeductionLine[]): { deducted: string; refunded: string; tooMuch: boolean } | null {
  let deducted = 0
  for (const l of lines) {
    if (!l.amount.trim() && !l.reason.trim()) continue
    const fen = toFen(l.amount)
    if (fen == null || fen <= 0) return null
    deducted += fen
  }
  const heldFen = toFen(held) ?? 0
  return { deducted: fenToText(deducted), refunded: fenToText(Math.max(heldFen - deducted, 0)), tooMuch: deducted > heldFen }
}

/** Open violations of a permit (not yet put right). */
export function openViolations(p: RenoPermit): number {
  return p.violations.filter((v) => !v.fixed).length
}

/** "2026-11-05 至 2027-02-28（已延期）". */
export function periodText(p: Pick<RenoPermit, 'planned_start' | 'end' | 'planned_end'>): string {
  return `${p.planned_start} 至 ${p.end}${p.end !== p.planned_end ? '（已延期）' : ''}`
}
