// The shift handover (交接班) and the unit's history (单元大事记): estate-core shift::Handover, history::Event.

/** One open thing as it stood when handed over. */
export interface ShiftItem {
  /** TS20261123-001, WX…, 挂钩 A-01, the pickup code, ZX2026-0001 */
  reference: string
  /** Blank for a public matter. */
  unit: string
  text: string
  /** "2026-11-23 09:05" or a day. */
  since: string
  /** Why it is late, when it is. */
  late: string | null
}

export interface ShiftSnapshot {
  requests: ShiftItem[]
  orders: ShiftItem[]
  keys: ShiftItem[]
  parcels: ShiftItem[]
  renovations: ShiftItem[]
}

export interface ShiftAck {
  operator: string
  /** ISO-8601 with offset. */
  at: string
  note: string
}

export interface Handover {
  id: number
  /** The clerk's day, "2026-12-06". */
  day: string
  operator: string
  /** ISO-8601 with offset. */
  made_at: string
  note: string
  snapshot: ShiftSnapshot
  open_count: number
  late_count: number
  ack: ShiftAck | null
}

export type HistoryKind = 'transfer' | 'move_in' | 'move_out' | 'renovation' | 'repair' | 'complaint' | 'legal'

/** One line of a unit's history, newest first. */
export interface HistoryEvent {
  /** "2026-11-23" or "2026-11-23 09:05". */
  at: string
  kind: HistoryKind
  kind_label: string
  text: string
  reference: string
}
