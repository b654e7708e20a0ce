// The parcel shelf's screen logic, kept out of the components so it can be
// tested alone: the batch intake's walk through its fields (one field, Enter,
// next), what the form keeps between parcels, and the list's colours.
import type { Collector, Parcel, ParcelForm } from '../api'

/** The carriers offered (the core accepts these names; '' = told from the number). */
export const CARRIERS = ['顺丰速运', '京东物流', '中通快递', '圆通速递', '韵达快递', '申通快递', '极兔速递', '邮政EMS', '德邦快递', '其他']

export const COLLECTORS: Array<{ value: Collector; label: string }> = [
  { value: 'recipient', label: '本人' },
  { value: 'family', label: '家人' },
  { value: 'proxy', label: '他人代取' },
  { value: 'mailbox', label: '投入信箱' },
]

export type IntakeField = 'tracking' | 'unit' | 'recipient'

/**
 * Where Enter goes from a field of the intake line: the scanner types the
 * number and Enter, the unit is kept from the last parcel, the name is guessed.
 * `save` after the last field. A letter has no number to scan.
 */
export function nextField(field: IntakeField): IntakeField | 'save' {
  if (field === 'tracking') return 'unit'
  if (field === 'unit') return 'recipient'
  return 'save'
}

export function firstField(form: ParcelForm): IntakeField {
  return form.kind === 'letter' ? 'unit' : 'tracking'
}

/** The form for the next parcel: the batch's settings, the unit and the name stay; the number goes. */
export function nextForm(form: ParcelForm): ParcelForm {
  return { ...form, tracking_no: '' }
}

/** A new unit typed: the name guessed for the last unit no longer applies. */
export function unitChanged(form: ParcelForm, lastUnit: string): boolean {
  return form.unit.trim() !== lastUnit.trim()
}

export function statusTag(p: Pick<Parcel, 'status' | 'overdue'>): 'success' | 'info' | 'warning' | 'danger' {
  if (p.status === 'collected') return 'success'
  if (p.status === 'returned') return 'info'
  return p.overdue ? 'danger' : 'warning'
}

/** "2026-11-23T09:30:00+08:00" → "2026-11-23 09:30". */
export function shortTime(iso: string | null): string {
  return iso ? iso.slice(0, 16).replace('T', ' ') : ''
}

/** What the pickup asks to be written: someone else's parcel found without its code needs a note (the core decides; this is the hint). */
export function noteHint(code: string, collector: Collector): string {
  return !code.trim() && (collector === 'family' || collector === 'proxy') ? '没有取件码替别人取件，请写明谁来取的、核对了什么' : ''
}
