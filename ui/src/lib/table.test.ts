import { describe, expect, it } from 'vitest'
import { nextTick, ref } from 'vue'
import { filterRows, pageRows, sortRows, useListView } from './table'

const rows = [
  { unit: '3-2-1502', item: '物业服务费', total: '1,234.50', bills: 2 },
  { unit: '3-2-902', item: '车位管理费', total: '80.00', bills: 10 },
  { unit: '12-1-101', item: '物业服务费', total: '-5.00', bills: 1 },
]

describe('lists', () => {
  it('filters on every word, in any listed field', () => {
    expect(filterRows(rows, '物业 3-2', ['unit', 'item']).map((r) => r.unit)).toEqual(['3-2-1502'])
    expect(filterRows(rows, '  ', ['unit'])).toBe(rows)
    expect(filterRows(rows, '车位', ['unit'])).toEqual([])
  })

  it('sorts amounts as amounts, numbers as numbers, codes in natural order', () => {
    expect(sortRows(rows, 'total', 'descending').map((r) => r.total)).toEqual(['1,234.50', '80.00', '-5.00'])
    expect(sortRows(rows, 'bills', 'ascending').map((r) => r.bills)).toEqual([1, 2, 10])
    expect(sortRows(rows, 'unit', 'ascending').map((r) => r.unit)).toEqual(['3-2-902', '3-2-1502', '12-1-101'])
    expect(sortRows(rows, 'unit', null)).toBe(rows)
  })

  it('pages, and goes back to the first page when the filter changes', async () => {
    expect(pageRows([1, 2, 3, 4, 5], 2, 2)).toEqual([3, 4])
    const source = ref(Array.from({ length: 45 }, (_, i) => ({ unit: `1-1-${101 + i}` })))
    const list = useListView(source, ['unit'], 20)
    list.page.value = 3
    expect(list.shown.value.map((r) => r.unit)).toEqual(['1-1-141', '1-1-142', '1-1-143', '1-1-144', '1-1-145'])
    list.query.value = '1-1-10'
    await nextTick()
    expect(list.page.value).toBe(1)
    expect(list.filtered.value).toHaveLength(9)
    list.onSort({ prop: 'unit', order: 'descending' })
    expect(list.shown.value[0].unit).toBe('1-1-109')
  })
})
