// The 抄表 grid: Enter saves the typed reading and moves down, anomalies are
// marked as the clerk types, and the core's answer replaces the row.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'

const invoke = vi.fn()
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args), Channel: class { onmessage = () => {} } }))

import Meters from './Meters.vue'
import { session } from '../store'
import type { ReadingLine, Status } from '../api'

const line = (id: number, unit: string, over: Partial<ReadingLine> = {}): ReadingLine => ({
  meter_id: id, meter: `${unit} 水表`, kind: 'water', unit, name: '', period: '2026-11', last: '1200', value: null, usage: null,
  rollover: false, swapped: null, average: '12', spike_above: '36', digits: 5, occupied: true, anomalies: [], ...over,
})

describe('meter grid', () => {
  beforeEach(() => {
    invoke.mockReset()
    session.status = { permissions: ['read_meters', 'view'], approvable: ['manage_meters'] } as unknown as Status
  })

  it('marks a spike as typed, saves on Enter and moves to the next row', async () => {
    const saved = line(1, '1-1-101', { value: '1236.01', usage: '36.01', anomalies: [{ kind: 'spike', label: '用量突增', meter_id: 1, meter: '1-1-101 水表', unit: '1-1-101', period: '2026-11', message: '', confirmed: null }] })
    invoke.mockImplementation(async (cmd: string) => {
      if (cmd === 'meter_list') return [line(1, '1-1-101'), line(2, '1-1-102')]
      if (cmd === 'meter_read') return saved
      return []
    })
    const w = mount(Meters, { global: { plugins: [ElementPlus] }, attachTo: document.body })
    await flushPromises()
    expect(w.find('[data-test="meter-tally"]').text()).toContain('已抄 0 / 2 块')
    const input = w.find('[data-test="meter-input-1"]')
    await input.setValue('1236.01')
    expect(w.find('[data-test="meter-usage-1"]').text()).toBe('36.01')
    expect(w.find('[data-test="meter-marks-1"]').text()).toContain('用量突增')
    await input.trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(invoke).toHaveBeenCalledWith('meter_read', { meterId: 1, period: expect.stringMatching(/^\d{4}-\d{2}$/), value: '1236.01' })
    expect(w.find('[data-test="meter-value-1"]').text()).toBe('1236.01')
    expect(document.activeElement?.getAttribute('data-test')).toBe('meter-input-2')
    w.unmount()
  })

  it('refuses a value the register cannot show without calling the shell', async () => {
    invoke.mockImplementation(async (cmd: string) => (cmd === 'meter_list' ? [line(1, '1-1-101')] : []))
    const w = mount(Meters, { global: { plugins: [ElementPlus] } })
    await flushPromises()
    await w.find('[data-test="meter-input-1"]').setValue('123456')
    expect(w.find('[data-test="meter-marks-1"]').text()).toContain('超出 5 位表盘')
    await w.find('[data-test="meter-input-1"]').trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(invoke).not.toHaveBeenCalledWith('meter_read', expect.anything())
  })
})
