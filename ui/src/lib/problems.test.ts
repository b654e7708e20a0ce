import { describe, expect, it } from 'vitest'
import type { RowProblem } from '../api'
import { badRows, filterProblems, sortProblems } from './problems'

const p = (row: number, column: string, message: string): RowProblem => ({ row, column, code: 'x', message })
const list = [p(4, '面积', '面积“约90”不是数字'), p(4, '电话', '电话位数不对'), p(7, '房号', '房号认不出'), p(9, '电话', '电话里有字')]

describe('the import problems table', () => {
  it('filters by row number, column or words of the message', () => {
    expect(filterProblems(list, '4')).toHaveLength(2)
    expect(filterProblems(list, '电话').map((x) => x.row)).toEqual([4, 9])
    expect(filterProblems(list, '认不出').map((x) => x.row)).toEqual([7])
    expect(filterProblems(list, ' ')).toBe(list)
  })

  it('sorts by a column, keeping the file order within a tie', () => {
    expect(sortProblems(list, 'row', 'descending').map((x) => x.row)).toEqual([9, 7, 4, 4])
    expect(sortProblems(list, 'column', 'ascending').map((x) => x.column)).toEqual(['电话', '电话', '房号', '面积'])
    expect(sortProblems(list, null, null)).toEqual(list)
  })

  it('counts bad rows once each', () => {
    expect(badRows(list)).toBe(3)
  })
})
