import { describe, expect, it } from 'vitest'
import { nextRow, nextUnread, parseReading, preview, show, tally } from './meters'
import type { ReadingLine } from '../api'

const line = (over: Partial<ReadingLine>): ReadingLine => ({
  meter_id: 1, meter: '1-1-101 水表', kind: 'water', unit: '1-1-101', name: '', period: '2026-11', last: '1200', value: null, usage: null,
  rollover: false, swapped: null, average: '12', spike_above: '36', digits: 5, occupied: true, anomalies: [], ...over,
})

describe('meter grid rules', () => {
  it('reads values as the core does', () => {
    expect(parseReading('01234', 5)).toEqual({ value: 123400 })
    expect(parseReading('36.01', 5)).toEqual({ value: 3601 })
    expect(parseReading(' ', 5)).toBeNull()
    expect(parseReading('100000', 5)).toEqual({ problem: '超出 5 位表盘' })
    expect(parseReading('-3', 5)).toEqual({ problem: '读数不能是负数' })
    expect(parseReading('1.234', 5)).toEqual({ problem: '读数最多两位小数' })
    expect(parseReading('abc', 5)).toEqual({ problem: '读数应是数字' })
    expect(show(3601)).toBe('36.01')
    expect(show(3610)).toBe('36.1')
    expect(show(123400)).toBe('1234')
  })

  it('shows usage and marks anomalies as the clerk types', () => {
    expect(preview(line({}), '1235')).toEqual({ usage: '35', rollover: false, marks: [], problem: null })
    // 36.01 against an average of 12 at 3×: a spike; 36.00 is not.
    expect(preview(line({ last: '1200' }), '1236.01').marks).toEqual(['spike'])
    expect(preview(line({ last: '1200' }), '1236').marks).toEqual([])
    expect(preview(line({}), '1200').marks).toEqual(['zero_occupied'])
    expect(preview(line({ occupied: false }), '1200').marks).toEqual([])
    expect(preview(line({}), '1100')).toEqual({ usage: null, rollover: false, marks: ['lower'], problem: null })
    // 99950 → 00030 on five digits: a rollover, usage 80.
    expect(preview(line({ last: '99950', spike_above: null }), '00030')).toEqual({ usage: '80', rollover: true, marks: [], problem: null })
    expect(preview(line({}), 'x').problem).toBe('读数应是数字')
  })

  it('moves down on Enter and finds the next unread row', () => {
    expect(nextRow(0, 3)).toBe(1)
    expect(nextRow(2, 3)).toBe(-1)
    const lines = [line({ value: '1' }), line({}), line({ value: '2' })]
    expect(nextUnread(lines, 2)).toBe(1)
    expect(nextUnread([line({ value: '1' })], 0)).toBe(-1)
    const confirmed = { kind: 'spike' as const, label: '', meter_id: 1, meter: '', unit: null, period: '', message: '', confirmed: { note: 'x', by: 'y', at: '' } }
    expect(tally([line({ value: '1', anomalies: [confirmed, { ...confirmed, confirmed: null }] }), line({})])).toEqual({ read: 1, total: 2, open: 1 })
  })
})
