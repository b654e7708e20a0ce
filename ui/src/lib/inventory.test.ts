import { describe, expect, it } from 'vitest'
import type { Count, CountLine } from '../api/types'
import { blockers, differences, firstOpen, nextLine, serialCount } from './inventory'

function line(no: number, expected: CountLine['expected'], found: boolean | null, note = ''): CountLine {
  const difference = expected === 'extra' ? 'extra' : expected === 'in_office' && found === false ? 'missing' : expected === 'out' && found === true ? 'found_but_out' : null
  return {
    id: no, line_no: no, kind: 'resident_card', kind_label: '住户卡', label: `ZH000${no}`, place: '库存', expected, found, note,
    recorded_by: '', recorded_at: '', difference, status: '',
  }
}

function count(lines: CountLine[], closed = false): Count {
  const counted = lines.filter((l) => l.expected === 'in_office')
  return {
    id: 1, period: '2026-11', started_at: '', started_by: '王前台', lines,
    closed: closed ? { closed_at: '', closed_by: '王前台', signed_off_by: '李主管', differences: 0 } : null,
    in_office: counted.length, recorded: counted.filter((l) => l.found !== null).length,
    differences: lines.filter((l) => l.difference).length, unexplained: lines.filter((l) => l.difference && !l.note.trim()).length,
  }
}

describe('the count cursor', () => {
  const lines = [line(1, 'in_office', true), line(2, 'out', null), line(3, 'in_office', null), line(4, 'in_office', false), line(5, 'in_office', null)]

  it('moves down to the next line still to count, skipping lines expected out', () => {
    expect(nextLine(lines, 0)).toBe(2)
    expect(nextLine(lines, 2)).toBe(4)
    expect(firstOpen(lines)).toBe(2)
  })

  it('goes to the next line to count when all below are counted, and stays at the end', () => {
    const done = lines.map((l) => (l.expected === 'in_office' ? { ...l, found: true } : l))
    expect(nextLine(done, 0)).toBe(2)
    expect(nextLine(done, 4)).toBe(4)
    expect(firstOpen(done)).toBe(0)
  })
})

describe('what holds up the sign-off', () => {
  it('names lines not counted and differences not explained', () => {
    const c = count([line(1, 'in_office', null), line(2, 'in_office', false), line(3, 'extra', true, '抽屉里找到')])
    expect(blockers(c)).toEqual(['还有 1 件应在库的物品没有点', '还有 1 处差异没有写说明'])
    expect(differences(c).map((l) => l.line_no)).toEqual([2, 3])
  })

  it('is nothing once everything is counted and explained, or the count is closed', () => {
    expect(blockers(count([line(1, 'in_office', false, '遗失')]))).toEqual([])
    expect(blockers(count([line(1, 'in_office', null)], true))).toEqual([])
    expect(blockers(null)).toEqual([])
  })
})

describe('serialCount', () => {
  it('counts serials and ranges as the core expands them', () => {
    expect(serialCount('ZH0001..ZH0050')).toBe(50)
    expect(serialCount('A1 A2\nZH0098..ZH0101')).toBe(6)
    expect(serialCount('')).toBe(0)
  })

  it('is null for a range the core would refuse', () => {
    expect(serialCount('ZH0010..ZH0001')).toBeNull()
    expect(serialCount('ZH0001..CH0002')).toBeNull()
    expect(serialCount('C1..C1000')).toBeNull()
    expect(serialCount('ZH..ZH')).toBeNull()
  })
})
