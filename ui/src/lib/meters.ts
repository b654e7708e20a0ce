// The 抄表 grid's rules as the clerk types: the reading read as the core reads
// it (hundredths, inside the register's digits), the usage it gives against
// the last reading (a rollover past 99999 counted, as the core counts it), and
// the anomalies to mark before it is saved. The core decides again on save.
import type { AnomalyKind, ReadingLine } from '../api'

export const ANOMALY_LABELS: Record<AnomalyKind, string> = {
  lower: '读数小于上月',
  missing: '未抄表',
  spike: '用量突增',
  zero_occupied: '有人住用量为零',
}

export const KIND_LABELS: Record<string, string> = { water: '水', electricity: '电', gas: '燃气' }

/** A reading as typed, in hundredths; or why it is refused (null for blank). */
export function parseReading(text: string, digits: number): { value: number } | { problem: string } | null {
  const t = text.trim().replace(/[,，]/g, '')
  if (t === '') return null
  if (!/^\d+(\.\d{1,2})?$/.test(t)) {
    return { problem: /^-/.test(t) ? '读数不能是负数' : /\.\d{3,}$/.test(t) ? '读数最多两位小数' : '读数应是数字' }
  }
  const [whole, frac = ''] = t.split('.')
  if (whole.replace(/^0+/, '').length > digits) return { problem: `超出 ${digits} 位表盘` }
  return { value: Number(whole) * 100 + Number(frac.padEnd(2, '0')) }
}

/** Hundredths as the clerk reads them: 3601 → "36.01", 123400 → "1234". */
export function show(hundredths: number): string {
  const sign = hundredths < 0 ? '-' : ''
  const a = Math.abs(hundredths)
  const whole = Math.floor(a / 100)
  const frac = a % 100
  if (frac === 0) return `${sign}${whole}`
  return `${sign}${whole}.${String(frac).padStart(2, '0').replace(/0$/, '')}`
}

function hundredths(text: string | null): number | null {
  if (text == null || text === '') return null
  const r = parseReading(text, 12)
  return r && 'value' in r ? r.value : null
}

export interface Preview {
  /** The usage the typed value gives; null when it cannot be known (blank, bad, lower). */
  usage: string | null
  rollover: boolean
  marks: AnomalyKind[]
  problem: string | null
}

/** What the typed value gives on this meter's line, before it is saved. */
export function preview(line: ReadingLine, text: string): Preview {
  const parsed = parseReading(text, line.digits)
  if (parsed == null) return { usage: null, rollover: false, marks: [], problem: null }
  if ('problem' in parsed) return { usage: null, rollover: false, marks: [], problem: parsed.problem }
  const last = hundredths(line.last) ?? 0
  let usage: number
  let rollover = false
  if (parsed.value >= last) {
    usage = parsed.value - last
  } else {
    const end = 10 ** line.digits * 100
    const rolled = end - last + parsed.value
    if (rolled > end / 10) return { usage: null, rollover: false, marks: ['lower'], problem: null }
    usage = rolled
    rollover = true
  }
  const marks: AnomalyKind[] = []
  if (usage === 0 && line.occupied) marks.push('zero_occupied')
  const above = hundredths(line.spike_above)
  if (above != null && usage > above) marks.push('spike')
  return { usage: show(usage), rollover, marks, problem: null }
}

/** The row Enter moves to: the next one down, or -1 past the last. */
export function nextRow(index: number, count: number): number {
  return index + 1 < count ? index + 1 : -1
}

/** The first row not read yet from `from` on (wrapping round), or -1 when every row is read. */
export function nextUnread(lines: ReadingLine[], from: number): number {
  for (let k = 0; k < lines.length; k++) {
    const i = (from + k) % lines.length
    if (lines[i].value == null) return i
  }
  return -1
}

/** Read / total, and anomalies not yet confirmed. */
export function tally(lines: ReadingLine[]): { read: number; total: number; open: number } {
  return {
    read: lines.filter((l) => l.value != null).length,
    total: lines.length,
    open: lines.reduce((n, l) => n + l.anomalies.filter((a) => a.confirmed == null).length, 0),
  }
}
