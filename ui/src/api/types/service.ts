// The service desk (报修投诉): estate-core service::Request, Order and friends.

export type RequestKind = 'consult' | 'service' | 'repair' | 'complaint'
export type RequestStatus = 'recorded' | 'classified' | 'investigated' | 'assigned' | 'proposed' | 'replied' | 'visited' | 'summarised' | 'closed'
export type OrderStatus = 'reported' | 'dispatched' | 'arrived' | 'done' | 'checked' | 'visited' | 'closed'

/** What is late on a request: response (past the response hours), deadline, visit (no return visit after the reply). */
export interface Late {
  what: 'response' | 'deadline' | 'visit'
  text: string
  /** "2026-11-23 13:05" */
  due: string
}

export interface RequestLine {
  id: number
  request_no: string
  kind: RequestKind
  kind_label: string
  subject_label: string | null
  urgency_label: string
  /** Blank for a public matter. */
  unit: string
  caller: string
  channel_label: string
  /** "2026-11-23 09:05", local. */
  received_at: string
  content: string
  status: RequestStatus
  status_label: string
  /** Who took it: its owner until it is closed. */
  owner: string
  /** The owner withholds fees over it (以投诉为由拒缴). */
  withholding: boolean
  late: Late | null
}

export interface RequestStep {
  step: RequestStatus
  label: string
  valid: boolean | null
  responsible: string | null
  deadline: string | null
  reply_channel: string | null
  reply_channel_label: string | null
  happened_at: string
  satisfied: boolean | null
  note: string
  lesson: string
  /** ISO-8601 with offset: when it was written. */
  at: string
  operator: string
}

export interface Request extends RequestLine {
  subject: string | null
  urgency: 'normal' | 'urgent' | 'emergency'
  unit_id: number | null
  /** Masked (138****1234). */
  phone: string
  channel: string
  recorded_at: string
  withheld: { note: string; at: string; operator: string } | null
  steps: RequestStep[]
  orders: string[]
  next: string
}

export interface RequestListForm {
  open_only: boolean
  late_only: boolean
  kind: string
  unit: string
}

export interface RequestForm {
  unit: string
  kind: string
  subject: string
  urgency: string
  caller: string
  phone: string
  channel: string
  received_at: string
  content: string
}

export interface StepForm {
  step: string
  valid: boolean | null
  responsible: string
  deadline: string
  reply_channel: string
  at: string
  satisfied: boolean | null
  note: string
  lesson: string
}

export interface OrderLine {
  id: number
  order_no: string
  request_no: string | null
  area_label: string
  unit: string
  category_label: string
  location: string
  description: string
  technician: string
  reported_at: string
  status: OrderStatus
  status_label: string
  /** Yuan, "80.00". */
  charge: string
}

export interface OrderStep {
  step: OrderStatus
  label: string
  technician: string | null
  happened_at: string
  materials: string
  charge: string
  satisfied: boolean | null
  note: string
  at: string
  operator: string
}

export interface Order extends Omit<OrderLine, 'charge'> {
  source: string
  source_ref: string
  area: 'public' | 'unit'
  category: string
  caller: string
  phone: string
  dispatched_at: string | null
  arrived_at: string | null
  done_at: string | null
  materials: string
  charge: string
  bill_id: number | null
  outstanding: string
  receipt_no: string | null
  recorded_at: string
  operator: string
  steps: OrderStep[]
  hours_to_finish: number | null
}

export interface OrderForm {
  request: string
  area: string
  unit: string
  category: string
  location: string
  description: string
  reported_at: string
}

export interface OrderStepForm {
  step: 'dispatched' | 'arrived' | 'checked' | 'visited' | 'closed'
  technician: string
  at: string
  passed: boolean
  satisfied: boolean
  note: string
}

export interface DoneForm {
  at: string
  materials: string
  charge: string
  method: string
  payer: string
  note: string
}

/** A complaint on the unit card. */
export interface UnitComplaint {
  request_no: string
  subject_label: string
  status_label: string
  open: boolean
  withholding: boolean
  received_at: string
  content: string
}
