import { describe, expect, it } from 'vitest'
import type { BillLateFee } from '../api'
import { lateFeesByBill, toCollect } from './latefee'

const fee = (bill_id: number, late_fee: string): BillLateFee => ({
  bill_id, item: '物业服务费', period: '2026-08', due: '2026-08-01', outstanding: '300.00', days: 99, accrued: late_fee, assessed: '0.00', late_fee, capped: false,
})

describe('late fees at the desk', () => {
  it('keeps only bills with a late fee to collect', () => {
    const fees = lateFeesByBill([fee(1, '8.91'), fee(2, '0.00')])
    expect([...fees]).toEqual([[1, '8.91']])
  })

  it('adds the late fees to what the bills owe, less those waived', () => {
    const bills = [{ id: 1, outstanding: '300.00' }, { id: 2, outstanding: '300.00' }, { id: 3, outstanding: '10.00' }]
    const fees = lateFeesByBill([fee(1, '8.91'), fee(2, '6.12')])
    expect(toCollect(bills, fees, new Map())).toEqual({ principal: '610.00', lateFees: '15.03', waived: '0.00', total: '625.03' })
    expect(toCollect(bills, fees, new Map([[2, '困难户']]))).toEqual({ principal: '610.00', lateFees: '8.91', waived: '6.12', total: '618.91' })
    expect(toCollect([], fees, new Map()).total).toBe('0.00')
  })
})
