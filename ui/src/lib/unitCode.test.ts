import { describe, expect, it } from 'vitest'
import { normaliseUnitCode } from './unitCode'

describe('unit codes as clerks type them', () => {
  it.each([
    ['3-2-1502', '3-2-1502'],
    [' 3 - 2 - 1502 ', '3-2-1502'],
    ['3栋2单元1502室', '3-2-1502'],
    ['3号楼2单元1502', '3-2-1502'],
    ['3幢1502', '3-1502'],
    ['３－２－１５０２', '3-2-1502'],
    ['3—2—1502', '3-2-1502'],
    ['s1-101', 'S1-101'],
    ['P-001', 'P-001'],
    ['3栋-2单元-1502室', '3-2-1502'],
  ])('%s → %s', (typed, code) => {
    expect(normaliseUnitCode(typed)).toBe(code)
  })

  it.each(['张三', '13800001234', '', '1-2-3-4', '浙A12345', '3栋'])('%s is not a unit code', (typed) => {
    expect(normaliseUnitCode(typed)).toBeNull()
  })
})
