// The register list's filter and sort, over every unit in memory (5,000 lines
// sort and filter in a few milliseconds; the table shows one page of the result).
import type { UnitRow } from '../api'
import { toFen } from './money'

export interface UnitFilter {
  /** A code start (3-2-15, 3栋2单元), a building, a type or part of an owner's name. */
  text: string
  building: string
  unitType: string
  /** Only units that owe something. */
  owing: boolean
}

export type SortOrder = 'ascending' | 'descending' | null

/** "3栋2单元15" → "3-2-15", "s1" → "S1": a code start typed the way the desk writes codes. */
export function codeStart(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/(号楼|栋|幢|座)/, '-')
    .replace('单元', '-')
    .replace(/[室号]$/, '')
    .replace(/[－—]/g, '-')
    .toUpperCase()
}

export function matches(u: UnitRow, f: UnitFilter): boolean {
  if (f.building && u.building !== f.building) return false
  if (f.unitType && u.unit_type !== f.unitType) return false
  if (f.owing && (toFen(u.owed) ?? 0) <= 0) return false
  const text = f.text.trim()
  if (!text) return true
  const start = codeStart(text)
  return u.code.startsWith(start) || u.owners.includes(text) || u.unit_type === text || u.building === start.replace(/-$/, '')
}

const KEYS: Record<string, (u: UnitRow) => number | string> = {
  code: (u) => u.order,
  area: (u) => toFen(u.area) ?? -1,
  owed: (u) => toFen(u.owed) ?? 0,
  occupants: (u) => u.occupants,
  handover: (u) => u.handover ?? '',
  unit_type: (u) => u.unit_type,
  owners: (u) => u.owners,
}

/** Sorted by one column; ties and an unsorted list keep code order. */
export function sortUnits(rows: UnitRow[], prop: string | null, order: SortOrder): UnitRow[] {
  const key = prop ? KEYS[prop] : undefined
  if (!key || !order) return [...rows].sort((a, b) => a.order - b.order)
  const sign = order === 'ascending' ? 1 : -1
  const text = new Intl.Collator('zh-CN')
  return [...rows].sort((a, b) => {
    const x = key(a)
    const y = key(b)
    const c = typeof x === 'string' && typeof y === 'string' ? text.compare(x, y) : Number(x) - Number(y)
    return c !== 0 ? sign * c : a.order - b.order
  })
}

export function page<T>(rows: T[], current: number, size: number): T[] {
  return rows.slice((current - 1) * size, current * size)
}
