// Keys held in custody (托管钥匙): estate-core's keys::model, as the shell returns it.

export type BorrowerKind = 'owner' | 'authorised' | 'contractor' | 'staff'
export type AuthKind = 'person' | 'engineering' | 'contractor'
export type KeyStatus = 'in' | 'out' | 'overdue' | 'released'

export interface KeyAuthorisation {
  id: number
  kind: AuthKind
  kind_label: string
  name: string
  from: string | null
  to: string | null
  recorded_at: string
  operator: string
}

export interface KeyReturn {
  returned_at: string
  returned_by: string
  condition: string
  operator: string
}

export interface KeyLoan {
  id: number
  key_id: number
  unit: string
  hook: string
  borrower: string
  borrower_kind: BorrowerKind
  borrower_kind_label: string
  id_type: string
  id_last4: string
  purpose: string
  out_at: string
  due_at: string
  operator: string
  approved_by: string | null
  override_reason: string | null
  returned: KeyReturn | null
  overdue: boolean
}

export interface CustodyKey {
  id: number
  unit: string
  hook: string
  key_count: number
  description: string
  deposited_by: string
  deposited_on: string
  note: string
  recorded_at: string
  operator: string
  returned_on: string | null
  returned_to: string | null
  returned_by: string | null
  status: KeyStatus
  status_label: string
  authorisations: KeyAuthorisation[]
  out: KeyLoan | null
}

export interface KeyCandidate {
  name: string
  kind: BorrowerKind
  kind_label: string
  basis: string
}

/** An authorisation as typed: dates "2026-11-23" or blank. */
export interface KeyAuthForm {
  kind: AuthKind
  name: string
  from: string
  to: string
}

export interface KeyDepositForm {
  unit: string
  hook: string
  key_count: number
  description: string
  deposited_by: string
  /** Blank = today. */
  deposited_on: string
  note: string
  authorisations: KeyAuthForm[]
}

export interface KeyLoanForm {
  borrower: string
  borrower_kind: BorrowerKind
  id_type: string
  id_last4: string
  purpose: string
  /** "18:00" or "2026-11-24 18:00"; blank = today at the default time. */
  due: string
  override_reason?: string | null
}

export interface KeyReturnForm {
  returned_by: string
  condition: string
}

export interface KeyLoansForm {
  from: string
  to: string
  unit: string
  open_only: boolean
}
