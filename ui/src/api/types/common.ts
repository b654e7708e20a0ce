// Shared shapes: money as text, staff, the status line, settings, search hits.
import type { ApiError } from '../error'

export type Money = string

export type StaffRole = 'clerk' | 'supervisor' | 'finance'

export interface Staff {
  id: number
  name: string
  role: StaffRole
  active: boolean
  created_at: string
}

/** A supervisor's name and password given on the spot for a clerk's action (主管授权). */
export interface Approval {
  name: string
  password: string
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
  /** What they may do with a supervisor's approval on the spot (主管授权): offered, and the dialog asks. */
  approvable: Permission[]
  idle_lock_minutes: number
  problem: ApiError | null
  /** The file refused at start (corrupt, too new): the start screen offers 从备份恢复 for it. */
  problem_path: string | null
  default_path: string
  demo_path: string
}


export interface Setting {
  key: string
  label: string
  value: string
}

export type Permission =
  | 'take_payment' | 'reprint' | 'void_receipt' | 'waive' | 'run_billing' | 'edit_fees'
  | 'edit_register' | 'import' | 'edit_settings' | 'manage_staff' | 'refund_deposit' | 'export_reports' | 'dunning' | 'close_day' | 'close_any_day'
  | 'restore' | 'edit_billed' | 'export_personal_data' | 'erase_personal_data' | 'keys' | 'override_key_loan' | 'parcels' | 'inventory' | 'sign_off_count' | 'renovation' | 'approve_renovation' | 'read_meters' | 'manage_meters' | 'service' | 'surveys' | 'view'

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
