import { describe, expect, it } from 'vitest'
import type { ParcelForm } from '../api'
import { COLLECTORS, firstField, nextField, nextForm, noteHint, shortTime, statusTag, unitChanged } from './parcels'

const form: ParcelForm = { kind: 'parcel', carrier: '', tracking_no: 'SF1234567890123', unit: '1-1-101', recipient: '张三', size: 'small', shelf: 'A' }

describe('batch intake', () => {
  it('walks number, unit, name, then saves', () => {
    expect([nextField('tracking'), nextField('unit'), nextField('recipient')]).toEqual(['unit', 'recipient', 'save'])
  })
  it('starts at the number for a parcel and at the unit for a letter', () => {
    expect(firstField(form)).toBe('tracking')
    expect(firstField({ ...form, kind: 'letter' })).toBe('unit')
  })
  it('keeps the batch settings, the unit and the name for the next parcel, and clears the number', () => {
    expect(nextForm(form)).toEqual({ ...form, tracking_no: '' })
  })
  it('knows when the unit changed, so the name is guessed again', () => {
    expect(unitChanged(form, '1-1-101 ')).toBe(false)
    expect(unitChanged(form, '1-1-102')).toBe(true)
  })
})

describe('the parcel list', () => {
  it('colours waiting, overdue, collected and returned', () => {
    expect([
      statusTag({ status: 'waiting', overdue: false }), statusTag({ status: 'waiting', overdue: true }),
      statusTag({ status: 'collected', overdue: false }), statusTag({ status: 'returned', overdue: false }),
    ]).toEqual(['warning', 'danger', 'success', 'info'])
  })
  it('shows times to the minute', () => {
    expect(shortTime('2026-11-23T09:30:00+08:00')).toBe('2026-11-23 09:30')
    expect(shortTime(null)).toBe('')
  })
  it('hints a note for someone else without the code, as the core will ask', () => {
    expect(noteHint('', 'family')).toContain('写明')
    expect(noteHint('A-1001', 'proxy')).toBe('')
    expect(noteHint('', 'recipient')).toBe('')
    expect(COLLECTORS.map((c) => c.label)).toEqual(['本人', '家人', '他人代取', '投入信箱'])
  })
})
