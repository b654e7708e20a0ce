// Dates as 2026-11-23, phones masked as 138****1234 on screen.

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

export function formatDate(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** "2026-11-23T10:05:00+08:00" → "2026-11-23 10:05" (the office's own clock time). */
export function formatTimestamp(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/.exec(iso)
  return m ? `${m[1]} ${m[2]}` : iso
}

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六']

export function weekday(d: Date): string {
  return `星期${WEEKDAYS[d.getDay()]}`
}

/** 13800001234 → 138****1234; other numbers keep their first 3 and last 4 characters. */
export function maskPhone(phone: string): string {
  if (phone.length <= 7) return phone
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4)
}
