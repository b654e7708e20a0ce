import { describe, expect, it } from 'vitest'
import { formatDate, formatTimestamp, maskPhone, weekday } from './format'

describe('dates and phones on screen', () => {
  it('writes dates as 2026-11-23', () => {
    expect(formatDate(new Date(2026, 10, 3))).toBe('2026-11-03')
    expect(weekday(new Date(2026, 10, 23))).toBe('星期一')
    expect(formatTimestamp('2026-11-23T10:05:09+08:00')).toBe('2026-11-23 10:05')
  })

  it('masks phones as the core does', () => {
    expect(maskPhone('13800001234')).toBe('138****1234')
    expect(maskPhone('0571-88886666')).toBe('057******6666')
    expect(maskPhone('1234567')).toBe('1234567')
  })
})
