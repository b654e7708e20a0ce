// Sorting, filtering and paging a list on the client: every list of the desk
// can be sorted, filtered and paged. Sorting is done here over the whole list
// (Element Plus would sort only the page it is shown).
import { computed, ref, watch, type Ref } from 'vue'
import { toFen } from './money'

export type SortOrder = 'ascending' | 'descending' | null

/** Rows whose listed fields contain every word of the query (case ignored). */
export function filterRows<T>(rows: T[], query: string, fields: Array<keyof T>): T[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean)
  if (!words.length) return rows
  return rows.filter((row) => {
    const text = fields.map((f) => String(row[f] ?? '')).join(' ').toLowerCase()
    return words.every((w) => text.includes(w))
  })
}

/** Compares cells as amounts when both are amounts ("1,234.50"), else as Chinese text. */
function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  const [fa, fb] = [toFen(String(a ?? '')), toFen(String(b ?? ''))]
  if (fa != null && fb != null) return fa - fb
  return String(a ?? '').localeCompare(String(b ?? ''), 'zh-CN', { numeric: true })
}

/** A sorted copy; the list as it was when there is no order. */
export function sortRows<T>(rows: T[], prop: string | null, order: SortOrder): T[] {
  if (!prop || !order) return rows
  const sign = order === 'ascending' ? 1 : -1
  return [...rows].sort((a, b) => sign * compare((a as Record<string, unknown>)[prop], (b as Record<string, unknown>)[prop]))
}

export function pageRows<T>(rows: T[], page: number, size: number): T[] {
  return rows.slice((page - 1) * size, page * size)
}

/** A list as a screen shows it: filter text, sort column, page; back to page 1 when the filter changes. */
export function useListView<T>(source: Ref<T[]>, fields: Array<keyof T>, size = 20) {
  const query = ref('')
  const page = ref(1)
  const pageSize = ref(size)
  const sort = ref<{ prop: string | null; order: SortOrder }>({ prop: null, order: null })
  const filtered = computed(() => sortRows(filterRows(source.value, query.value, fields), sort.value.prop, sort.value.order))
  const shown = computed(() => pageRows(filtered.value, page.value, pageSize.value))
  watch([query, source], () => (page.value = 1))
  function onSort(e: { prop: string | null; order: SortOrder }) {
    sort.value = { prop: e.prop, order: e.order }
  }
  return { query, page, pageSize, filtered, shown, onSort }
}
