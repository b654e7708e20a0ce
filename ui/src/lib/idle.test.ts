// The idle lock fires after the set minutes without input, not while someone works.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { useIdleLock } from './idle'

function desk(minutes: () => number, lock: () => void) {
  return mount(defineComponent({ setup: () => (useIdleLock(minutes, lock), () => h('div')) }))
}

describe('useIdleLock', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('locks once the idle time has passed', () => {
    const lock = vi.fn()
    desk(() => 10, lock)
    vi.advanceTimersByTime(9 * 60_000)
    expect(lock).not.toHaveBeenCalled()
    vi.advanceTimersByTime(60_000 + 15_000)
    expect(lock).toHaveBeenCalledTimes(1)
  })

  it('keyboard or mouse input starts the wait again', () => {
    const lock = vi.fn()
    desk(() => 10, lock)
    for (let i = 0; i < 6; i++) {
      vi.advanceTimersByTime(5 * 60_000)
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }))
    }
    expect(lock).not.toHaveBeenCalled()
  })

  it('never locks while the setting is 0 (not signed in)', () => {
    const lock = vi.fn()
    desk(() => 0, lock)
    vi.advanceTimersByTime(180 * 60_000)
    expect(lock).not.toHaveBeenCalled()
  })

  it('stops listening when the desk is closed', () => {
    const lock = vi.fn()
    desk(() => 1, lock).unmount()
    vi.advanceTimersByTime(10 * 60_000)
    expect(lock).not.toHaveBeenCalled()
  })
})
