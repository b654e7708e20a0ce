import { describe, expect, it } from 'vitest'
import type { Handover, ShiftSnapshot } from '../api'
import { ackText, counts, groups, mayAcknowledge, minute, summary } from './shift'

const empty: ShiftSnapshot = { requests: [], orders: [], keys: [], parcels: [], renovations: [] }
const snap: ShiftSnapshot = {
  ...empty,
  requests: [{ reference: 'TS20261206-001', unit: '1-1-101', text: '投诉（服务质量）已定性：楼道脏', since: '2026-12-06 09:00', late: '超过响应时限' }],
  keys: [{ reference: '挂钩 A-01', unit: '1-1-101', text: '钥匙借给员工', since: '2026-12-06 09:30', late: null }],
}
const handover = (over: Partial<Handover> = {}): Handover => ({
  id: 3, day: '2026-12-06', operator: '王前台', made_at: '2026-12-06T18:30:00+08:00', note: '', snapshot: snap, open_count: 2, late_count: 1, ack: null, ...over,
})

describe('the shift handover on screen', () => {
  it('lists only the groups that hold something, in order', () => {
    expect(groups(snap).map((g) => g.title)).toEqual(['未办结的业户需求', '借出未还的钥匙'])
    expect(groups(empty)).toEqual([])
  })

  it('counts what was open and late, in one line', () => {
    expect(counts(snap)).toEqual({ open: 2, late: 1 })
    expect(summary(snap)).toBe('未办结 2 件（超时 1 件）')
    expect(summary({ ...snap, requests: [] })).toBe('未办结 1 件')
    expect(summary(empty)).toBe('没有未办结的事')
  })

  it('shows times to the minute as written, whatever the screen\'s time zone', () => {
    expect(minute('2026-12-06T18:30:00+08:00')).toBe('2026-12-06 18:30')
    expect(minute('2026-12-06 18:30')).toBe('2026-12-06 18:30')
  })

  it('says who took over, and lets only someone else acknowledge, once', () => {
    expect(ackText(handover())).toBe('未确认')
    const acked = handover({ ack: { operator: '赵前台', at: '2026-12-07T08:30:00+08:00', note: '已看' } })
    expect(ackText(acked)).toBe('赵前台 2026-12-07 08:30 确认：已看')
    expect(mayAcknowledge(handover(), '赵前台')).toBe(true)
    expect(mayAcknowledge(handover(), '王前台')).toBe(false)
    expect(mayAcknowledge(acked, '李主管')).toBe(false)
    expect(mayAcknowledge(handover(), undefined)).toBe(false)
  })
})
