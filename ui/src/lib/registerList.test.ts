import { describe, expect, it } from 'vitest'
import type { UnitRow } from '../api'
import { codeStart, matches, page, sortUnits } from './registerList'
import { enterSubmits } from './forms'

function row(code: string, order: number, more: Partial<UnitRow> = {}): UnitRow {
  const [building, entrance] = code.split('-')
  return { id: order + 1, code, order, building, entrance, unit_type: '住宅', area: '89.50', handover: null, owners: '', occupants: 0, owed: '0.00', ...more }
}

const rows = [
  row('3-2-902', 0, { owners: '张三', area: '120.00', owed: '35.00' }),
  row('3-2-1502', 1, { owners: '李四、王芳', area: '89.50', owed: '1,200.00' }),
  row('13-1-101', 2, { owners: '欧阳娜娜', area: null }),
  row('S1-105', 3, { unit_type: '商铺', owners: '张三', area: '60.00' }),
]
const none = { text: '', building: '', unitType: '', owing: false }
const codes = (list: UnitRow[]) => list.map((u) => u.code)

describe('the register list', () => {
  it('reads a code start typed with 栋 and 单元', () => {
    expect(codeStart('3栋2单元15')).toBe('3-2-15')
    expect(codeStart('3号楼')).toBe('3-')
    expect(codeStart(' s1-1 ')).toBe('S1-1')
  })

  it('filters by code start, building, type, owner and arrears', () => {
    const by = (f: Partial<typeof none>) => codes(rows.filter((u) => matches(u, { ...none, ...f })))
    expect(by({ text: '3-2' })).toEqual(['3-2-902', '3-2-1502'])
    expect(by({ text: '3栋' })).toEqual(['3-2-902', '3-2-1502'])
    expect(by({ text: '3栋2单元15' })).toEqual(['3-2-1502'])
    expect(by({ text: '张三' })).toEqual(['3-2-902', 'S1-105'])
    expect(by({ text: '王芳' })).toEqual(['3-2-1502'])
    expect(by({ text: '商铺' })).toEqual(['S1-105'])
    expect(by({ building: '13' })).toEqual(['13-1-101'])
    expect(by({ unitType: '住宅', owing: true })).toEqual(['3-2-902', '3-2-1502'])
    expect(by({})).toHaveLength(4)
  })

  it('sorts the whole list, numbers as numbers, ties in code order', () => {
    expect(codes(sortUnits(rows, 'area', 'descending'))).toEqual(['3-2-902', '3-2-1502', 'S1-105', '13-1-101'])
    expect(codes(sortUnits(rows, 'owed', 'descending'))).toEqual(['3-2-1502', '3-2-902', '13-1-101', 'S1-105'])
    expect(codes(sortUnits(rows, 'code', 'descending'))).toEqual(['S1-105', '13-1-101', '3-2-1502', '3-2-902'])
    expect(codes(sortUnits([...rows].reverse(), null, null))).toEqual(codes(rows))
  })

  it('pages', () => {
    expect(page([1, 2, 3, 4, 5], 2, 2)).toEqual([3, 4])
    expect(page([1, 2, 3], 3, 2)).toEqual([])
  })
})

describe('Enter in a form', () => {
  function key(target: HTMLElement, more: KeyboardEventInit = {}) {
    const e = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, ...more })
    Object.defineProperty(e, 'target', { value: target })
    return e
  }

  it('submits from a field, but not while composing pinyin, in a textarea or on an open dropdown', () => {
    const input = document.createElement('input')
    expect(enterSubmits(key(input))).toBe(true)
    expect(enterSubmits(key(input, { isComposing: true }))).toBe(false)
    expect(enterSubmits(key(document.createElement('textarea')))).toBe(false)
    const open = document.createElement('div')
    open.setAttribute('aria-expanded', 'true')
    const inSelect = document.createElement('input')
    open.appendChild(inSelect)
    expect(enterSubmits(key(inSelect))).toBe(false)
    expect(enterSubmits(new KeyboardEvent('keydown', { key: 'a' }))).toBe(false)
  })
})
