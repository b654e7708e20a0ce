import { describe, expect, it } from 'vitest'
import { blankSheet, change, complete, periodOf, pressKey, rate, scoreAt } from './surveys'
import type { Sheet } from './surveys'

function keys(sheet: Sheet, ...typed: string[]): Sheet | 'save' | null {
  let s: Sheet | 'save' | null = sheet
  for (const k of typed) {
    if (s === null || s === 'save') return s
    s = pressKey(s, k)
  }
  return s
}

describe('the answer sheet at keyboard speed', () => {
  it('scores each question with one digit and moves on', () => {
    const s = keys(blankSheet(3), '5', '4', '3') as Sheet
    expect(s.scores).toEqual([5, 4, 3])
    expect(s.at).toBe(2)
    expect(complete(s)).toBe(true)
    expect(pressKey(s, 'Enter')).toBe('save')
  })

  it('refuses Enter until every question is scored, and ignores other keys', () => {
    const s = keys(blankSheet(3), '5') as Sheet
    expect(pressKey(s, 'Enter')).toBe(null)
    expect(pressKey(s, '6')).toBe(null)
    expect(pressKey(s, '0')).toBe(null)
    expect(pressKey(s, 'a')).toBe(null)
    expect(complete(blankSheet(0))).toBe(false)
  })

  it('goes back to correct a score', () => {
    let s = keys(blankSheet(3), '5', '4') as Sheet
    s = pressKey(s, 'Backspace') as Sheet
    expect(s).toEqual({ scores: [5, null, null], at: 1 })
    s = pressKey(s, '2') as Sheet
    expect(s.scores).toEqual([5, 2, null])
    s = pressKey(pressKey(s, 'ArrowUp') as Sheet, 'ArrowUp') as Sheet
    expect(s.at).toBe(0)
    s = pressKey(s, '1') as Sheet
    expect(s).toEqual({ scores: [1, 2, null], at: 1 })
    // The last question stays current: a wrong last digit is typed over.
    s = keys(s, 'ArrowDown', '3', '4') as Sheet
    expect(s.scores).toEqual([1, 2, 4])
  })

  it('a click scores that question and the keys go on from the next', () => {
    const s = scoreAt(blankSheet(3), 1, 4)
    expect(s).toEqual({ scores: [null, 4, null], at: 2 })
  })
})

describe('what the results read', () => {
  it('shows changes signed, new questions as such, nothing as —', () => {
    expect(change('0.25')).toBe('+0.25')
    expect(change('-0.10')).toBe('-0.10')
    expect(change('0.00')).toBe('0.00')
    expect(change(null)).toBe('—')
    expect(change(null, true)).toBe('新题')
    expect(rate('83.33')).toBe('83.33%')
    expect(rate(null)).toBe('—')
  })

  it('defaults a new survey to the half-year of today', () => {
    expect(periodOf(new Date(2026, 10, 23))).toBe('2026年下半年')
    expect(periodOf(new Date(2027, 0, 5))).toBe('2027年上半年')
  })
})
