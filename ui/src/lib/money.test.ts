import { describe, expect, it } from 'vitest'
import { amountProblem, fenToText, formatMoney, sumMoney, toFen } from './money'

describe('money on screen', () => {
  it('groups thousands and keeps two decimals', () => {
    expect(formatMoney('1234567.5')).toBe('1,234,567.50')
    expect(formatMoney('0.00')).toBe('0.00')
    expect(formatMoney('999.99')).toBe('999.99')
    expect(formatMoney('1000')).toBe('1,000.00')
    expect(formatMoney('-12345.60')).toBe('-12,345.60')
  })

  it('reads amounts as clerks type them, in whole fen', () => {
    expect(toFen('¥1,234.5')).toBe(123450)
    expect(toFen(' 300元 ')).toBe(30000)
    expect(toFen('0.1')).toBe(10)
    expect(toFen('12.345')).toBeNull()
    expect(toFen('abc')).toBeNull()
    expect(toFen('')).toBeNull()
  })

  it('adds in fen, so 0.1 + 0.2 is 0.30 exactly', () => {
    expect(sumMoney(['0.10', '0.20'])).toBe('0.30')
    expect(sumMoney(['198.00', '10.00', '-8.00'])).toBe('200.00')
    expect(sumMoney([])).toBe('0.00')
    expect(fenToText(-5)).toBe('-0.05')
  })

  it('explains a bad amount in Chinese', () => {
    expect(amountProblem('')).toBe('请填写金额')
    expect(amountProblem('0')).toBe('金额必须大于 0')
    expect(amountProblem('1.234')).toContain('两位小数')
    expect(amountProblem('1,200.00')).toBeNull()
  })
})
