import { describe, expect, it } from 'vitest'
import { cashCount } from './dayClose'

describe('cashCount', () => {
  it('shows the difference live and asks for a note only when there is one', () => {
    expect(cashCount('1050.00', '1,050', '')).toEqual({ difference: '0.00', label: '相符', problem: null })
    expect(cashCount('1050.00', '1049', '')).toEqual({ difference: '-1.00', label: '短款', problem: '现金短款，请在备注里写明原因' })
    expect(cashCount('1050.00', '1049', '少一元硬币')).toEqual({ difference: '-1.00', label: '短款', problem: null })
    expect(cashCount('-110.00', '0', '退现金')).toEqual({ difference: '110.00', label: '长款', problem: null })
  })

  it('refuses what is not a count', () => {
    expect(cashCount('10.00', '', '').problem).toBe('请填写清点的现金')
    expect(cashCount('10.00', '十元', '').problem).toContain('300.00')
    expect(cashCount('10.00', '-1', 'x').problem).toBe('清点的现金不能是负数')
  })
})
