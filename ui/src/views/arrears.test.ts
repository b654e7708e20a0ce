// The arrears screen sends the filters as typed and shows the core's figures as they come.
import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createMemoryHistory, createRouter } from 'vue-router'

const { invoke } = vi.hoisted(() => ({ invoke: vi.fn() }))
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args), Channel: class {} }))

import type { ArrearsReport } from '../api'
import Arrears from './Arrears.vue'

const aged = (total: string, b: string[]) => ({ total, brackets: b })
const report: ArrearsReport = {
  as_of: '2026-11-23', due_day: 1, brackets: ['0–30天', '31–90天', '91–180天', '181–365天', '365天以上'],
  units: [
    { unit_id: 1, unit: '1-1-101', building: '1', owners: '张三', aged: aged('630.00', ['210.00', '420.00', '0.00', '0.00', '0.00']), oldest_days: 73, by_item: [], complaints: [] },
    { unit_id: 2, unit: '2-1-201', building: '2', owners: '欧阳娜娜', aged: aged('1,220.00', ['110.00', '110.00', '1,000.00', '0.00', '0.00']), oldest_days: 120, by_item: [], complaints: [] },
  ],
  by_building: [], by_item: [], total: aged('1,850.00', ['320.00', '530.00', '1,000.00', '0.00', '0.00']),
}

describe('Arrears', () => {
  it('asks with the filters typed and lists the units', async () => {
    invoke.mockImplementation((cmd: string) => Promise.resolve(cmd === 'buildings' ? [{ code: '1', units: 10 }] : report))
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', name: 'units', component: { template: '<div/>' } }] })
    const w = mount(Arrears, { global: { plugins: [ElementPlus, router] } })
    await flushPromises()
    expect(invoke).toHaveBeenCalledWith('arrears_report', { form: { building: '', min_days: 0, min_amount: '', as_of: '' } })
    expect(w.find('[data-test="arrears-summary"]').text()).toContain('1,850.00')
    const rows = w.find('[data-test="arrears-table"]').findAll('tbody tr').map((r) => r.text())
    expect(rows).toHaveLength(2)
    expect(rows[1]).toContain('欧阳娜娜')
    await w.find('[data-test="arrears-min-amount"]').setValue('500')
    await w.find('[data-test="arrears-run"]').trigger('click')
    expect(invoke).toHaveBeenLastCalledWith('arrears_report', { form: { building: '', min_days: 0, min_amount: '500', as_of: '' } })
  })
})
