// Parcels and letters at the desk (快递/信件): estate-core parcels::Parcel and friends.

export type ParcelKind = 'parcel' | 'letter'
export type ParcelSize = 'small' | 'medium' | 'large'
export type ParcelStatus = 'waiting' | 'collected' | 'returned'
export type Collector = 'recipient' | 'family' | 'proxy' | 'mailbox'

export interface ParcelPickup {
  collector: Collector
  collector_label: string
  collector_name: string
  with_code: boolean
  note: string
  picked_at: string
  operator: string
}

export interface ParcelReturn {
  taken_by: string
  reason: string
  returned_at: string
  operator: string
}

export interface Parcel {
  id: number
  kind: ParcelKind
  kind_label: string
  carrier: string
  tracking_no: string
  unit: string
  recipient: string
  size: ParcelSize | null
  size_label: string
  shelf: string
  pickup_code: string
  /** ISO-8601 with offset. */
  received_at: string
  operator: string
  status: ParcelStatus
  status_label: string
  notified_at: string | null
  reminded_at: string | null
  /** Whole days on the shelf (until today while waiting). */
  days: number
  overdue: boolean
  pickup: ParcelPickup | null
  returned: ParcelReturn | null
}

/** The intake form as typed: blank carrier = told from the number; blank recipient = guessed by the core. */
export interface ParcelForm {
  kind: ParcelKind
  carrier: string
  tracking_no: string
  unit: string
  recipient: string
  size: ParcelSize | ''
  shelf: string
}

/** Days as typed ("" from = 30 days before `to`, "" to = today); status and kind "" = all. */
export interface ParcelListForm {
  from: string
  to: string
  status: ParcelStatus | ''
  kind: ParcelKind | ''
}

export interface PickupForm {
  ids: number[]
  /** The code the collector said; "" when found by unit or phone. */
  code: string
  collector: Collector
  collector_name: string
  note: string
}

export interface ParcelSummary {
  waiting: number
  letters_waiting: number
  overdue: number
  not_notified: number
  remind_days: number
  oldest: Parcel[]
}

export interface ParcelMessagesSaved {
  messages: number
  without_phone: Parcel[]
  path: string
}

export interface ParcelLabelsPrinted {
  labels: number
  path: string
  viewer_problem: string | null
}
