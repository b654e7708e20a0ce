// Renovation permits (装修): estate-core's reno model as the shell returns it.

export type RenoStatus =
  | 'applied' | 'approved' | 'rejected' | 'paid' | 'issued' | 'completion_requested' | 'rectify' | 'accepted' | 'refunded' | 'closed'

export interface RenoWorker {
  name: string
  /** Masked by the core (137****1111). */
  phone: string
  id_last4: string
  pass_no: string
}

export interface RenoStep {
  step: RenoStatus
  label: string
  note: string
  detail: Record<string, unknown>
  /** ISO-8601 with offset. */
  at: string
  operator: string
  approved_by: string | null
}

export interface RenoExtension {
  old_end: string
  new_end: string
  reason: string
  at: string
  operator: string
  approved_by: string | null
}

export interface RenoFix {
  note: string
  fixed_at: string
  operator: string
}

export interface RenoViolation {
  id: number
  permit_id: number
  unit: string
  inspection_id: number
  day: string
  item: string
  description: string
  deadline: string
  fixed: RenoFix | null
  overdue: boolean
}

export interface RenoInspection {
  id: number
  day: string
  inspector: string
  /** {"承重墙": "ok", "垃圾": "problem", …} */
  results: Record<string, string>
  note: string
  at: string
  operator: string
}

export interface RenoWaterproof {
  id: number
  started_at: string
  ended_at: string
  hours: number
  depth_cm: string
  below_checked: boolean
  below_note: string
  passed: boolean
  note: string
  operator: string
}

export interface RenoSlip {
  id: number
  slip_no: string
  permit_no: string | null
  unit: string
  items: string
  plate: string
  owner_confirm: string
  guard: string
  released_at: string
  operator: string
}

export interface RenoPaid {
  fees: string
  receipt_no: string
  deposit: string
  deposit_id: number
  deposit_receipt_no: string | null
  held: string
  refunded: string
  deducted: string
}

export interface RenoPermit {
  id: number
  permit_no: string | null
  unit: string
  status: RenoStatus
  status_label: string
  applicant: string
  applicant_role: 'owner' | 'authorised'
  authorisation: string
  contractor: string
  foreman: string
  foreman_phone: string
  scope: string[]
  planned_start: string
  planned_end: string
  end: string
  attachments: string
  rules_text: string
  applied_at: string
  operator: string
  workers: RenoWorker[]
  steps: RenoStep[]
  extensions: RenoExtension[]
  paid: RenoPaid | null
  deductions: Array<{ amount: string; reason: string }>
  inspections: RenoInspection[]
  violations: RenoViolation[]
  waterproof_tests: RenoWaterproof[]
  release_slips: RenoSlip[]
  overdue: boolean
}

export interface RenoLine {
  id: number
  permit_no: string | null
  unit: string
  applicant: string
  contractor: string
  status: RenoStatus
  status_label: string
  planned_start: string
  end: string
  open_violations: number
  overdue: boolean
}

export interface RenoStatusCount {
  status: RenoStatus
  label: string
  count: number
}

export interface RenoFees {
  management: string
  management_basis: string
  rubbish: string
  deposit: string
  total: string
}

export interface RenoWorkerForm {
  name: string
  phone: string
  id_last4: string
}

export interface RenoApplicationForm {
  applicant: string
  authorisation: string
  contractor: string
  foreman: string
  foreman_phone: string
  workers: RenoWorkerForm[]
  scope: string[]
  planned_start: string
  planned_end: string
  attachments: string
}

export interface RenoPayForm {
  method: string
  payer: string
  reference: string
  amount: string
}

export interface RenoInspectionForm {
  day: string
  inspector: string
  /** "项目:情况" for each problem found; items not named passed. */
  findings: string[]
  deadline: string
  note: string
}

export interface RenoWaterproofForm {
  started_at: string
  ended_at: string
  depth_cm: string
  below_checked: boolean
  below_note: string
  passed: boolean
  note: string
}

export interface RenoReleaseForm {
  items: string
  plate: string
  owner_confirm: string
  guard: string
  released_at: string
}
