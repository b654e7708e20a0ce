import { describe, expect, it } from 'vitest'
import { monthOf, monthsBetween, noticePeriod, previousMonth, quarterOf, rangeProblem, rangeText } from './period'

describe('billing months', () => {
  it('counts months across years, both ends included', () => {
    expect(monthOf(new Date(2026, 0, 31))).toBe('2026-01')
    expect(monthsBetween('2025-11', '2026-02')).toBe(4)
    expect(monthsBetween('2026-03', '2026-03')).toBe(1)
    expect(monthsBetween('2026-03', '2026-01')).toBe(0)
    expect(monthsBetween('', '2026-01')).toBe(0)
  })

  it('names what is wrong with a range', () => {
    expect(rangeProblem('2026-01', '2026-06')).toBeNull()
    expect(rangeProblem('2026-06', '2026-01')).toBe('结束月份不能早于起始月份')
    expect(rangeProblem('2016-01', '2026-12')).toBe('一次最多计费 120 个月')
    expect(rangeProblem('', '')).toBe('请选择起止月份')
    expect(rangeText('2026-01', '2026-01')).toBe('2026-01')
    expect(rangeText('2026-01', '2026-06')).toBe('2026-01 至 2026-06')
  })
})

describe('the month finance closes', () => {
  it('is the month before, across the new year and from a month end', () => {
    expect(previousMonth(new Date(2026, 2, 31))).toBe('2026-02')
    expect(previousMonth(new Date(2026, 0, 15))).toBe('2025-12')
    expect(previousMonth(new Date(2026, 10, 1))).toBe('2026-10')
  })
})

describe('notice periods', () => {
  it('are a month or a quarter as the core reads them', () => {
    expect(noticePeriod('month', '2026-11', '2026', 4)).toBe('2026-11')
    expect(noticePeriod('quarter', '2026-11', '2026', 4)).toBe('2026-Q4')
    expect(noticePeriod('quarter', '2026-11', '', 4)).toBe('')
    expect([quarterOf('2026-01'), quarterOf('2026-03'), quarterOf('2026-04'), quarterOf('2026-12')]).toEqual([1, 1, 2, 4])
  })
})
