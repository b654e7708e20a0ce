// The shift handover (交接班) as the screens show it: the snapshot's groups with
// their titles (the empty ones left out), one summary line, and times cut to
// the minute. The core decides everything else (who may acknowledge, once).
import type { Handover, ShiftItem, ShiftSnapshot } from '../api'

export const GROUPS: { key: keyof ShiftSnapshot; title: string }[] = [
  { key: 'requests', title: '未办结的业户需求' },
  { key: 'orders', title: '未关闭的维修单' },
  { key: 'keys', title: '借出未还的钥匙' },
  { key: 'parcels', title: '超期未取的快递' },
  { key: 'renovations', title: '超期的装修' },
]

/** The groups that hold something, in the order the core keeps them. */
export function groups(s: ShiftSnapshot): { key: keyof ShiftSnapshot; title: string; items: ShiftItem[] }[] {
  return GROUPS.map((g) => ({ ...g, items: s[g.key] ?? [] })).filter((g) => g.items.length > 0)
}

export function counts(s: ShiftSnapshot): { open: number; late: number } {
  const all = GROUPS.flatMap((g) => s[g.key] ?? [])
  return { open: all.length, late: all.filter((i) => i.late).length }
}

/** "未办结 5 件（超时 4 件）" or "没有未办结的事". */
export function summary(s: ShiftSnapshot): string {
  const { open, late } = counts(s)
  if (open === 0) return '没有未办结的事'
  return late > 0 ? `未办结 ${open} 件（超时 ${late} 件）` : `未办结 ${open} 件`
}

/** "2026-12-06 18:30" from an ISO-8601 time with its offset, as written (the office's local time). */
export function minute(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso)
  return m ? `${m[1]} ${m[2]}` : iso
}

/** Who took over and when, or 未确认. */
export function ackText(h: Handover): string {
  if (!h.ack) return '未确认'
  return `${h.ack.operator} ${minute(h.ack.at)} 确认${h.ack.note ? `：${h.ack.note}` : ''}`
}

/** Whether `me` may acknowledge it: someone else's, not yet acknowledged. */
export function mayAcknowledge(h: Handover, me: string | undefined): boolean {
  return !h.ack && !!me && h.operator !== me
}
