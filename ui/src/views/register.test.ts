// The import wizard and the register list, mounted with the shell's replies stubbed:
// the hooks the end-to-end tests drive are where they expect them.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createMemoryHistory, createRouter } from 'vue-router'

const { invoke, FakeChannel } = vi.hoisted(() => ({
  invoke: vi.fn(),
  FakeChannel: class<T> {
    onmessage: (m: T) => void = () => {}
  },
}))
vi.mock('@tauri-apps/api/core', () => ({ invoke, Channel: FakeChannel }))

import ImportWizard from './ImportWizard.vue'
import Register from './Register.vue'
import { session } from '../store'
import type { ImportReport, Status, UnitRow } from '../api'

const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', name: 'units', component: { template: '<div/>' } }, { path: '/r', name: 'register', component: { template: '<div/>' } }] })
const status: Status = {
  database: '/srv/estate.db', receipts_dir: null, estate_name: '翠湖花园', has_staff: true, staff: null,
  permissions: ['import', 'edit_register', 'view'], approvable: [], idle_lock_minutes: 10, problem: null, problem_path: null, default_path: '', demo_path: '',
}
const mountIt = (c: object) => mount(c, { global: { plugins: [ElementPlus, router] }, attachTo: document.body })

describe('the import wizard', () => {
  beforeEach(() => {
    invoke.mockReset()
    session.status = status
  })

  it('checks a typed path, lists every problem, and imports only once bad rows are to be skipped', async () => {
    const messy: ImportReport = {
      rows: 9, units_created: 6, people_created: 5, opening_balances: 3, skipped: 0,
      errors: [
        { row: 5, column: '面积', code: 'import.bad_area', message: '面积“约90”不是数字，应写成 89.50' },
        { row: 8, column: '电话', code: 'import.bad_phone', message: '电话“1380000”位数不对' },
      ],
    }
    invoke.mockImplementation(async (_c: string, args: { form: { dry_run: boolean }; onProgress: { onmessage: (p: object) => void } }) => {
      args.onProgress.onmessage({ done: 9, total: 9 })
      return args.form.dry_run ? messy : { ...messy, skipped: 2 }
    })
    const w = mountIt(ImportWizard)
    await w.find('input[data-test="import-path"]').setValue('/tmp/messy-register.xlsx')
    await w.find('button[data-test="import-preview"]').trigger('click')
    await flushPromises()
    expect(invoke.mock.calls[0][1].form).toEqual({ path: '/tmp/messy-register.xlsx', sheet: '', dry_run: true, skip_bad_rows: false })
    expect(w.find('[data-test="import-rows"]').text()).toBe('9')
    expect(w.find('[data-test="import-problems"]').text()).toContain('面积“约90”不是数字')
    expect(w.find('[data-test="import-problems"]').text()).toContain('电话“1380000”位数不对')
    const run = () => w.find('button[data-test="import-run"]')
    expect(run().attributes('disabled')).toBeDefined()
    await w.find('[data-test="import-skip-bad"] input').setValue(true)
    expect(run().attributes('disabled')).toBeUndefined()
    await run().trigger('click')
    await flushPromises()
    expect(invoke.mock.calls[1][1].form).toMatchObject({ dry_run: false, skip_bad_rows: true })
    expect(w.find('[data-test="import-result"]').text()).toContain('跳过有问题的行 2 行')
    w.unmount()
  })

  it('shows a file that cannot be read as the core says it', async () => {
    invoke.mockRejectedValue({ code: 'import.unreadable', message: '文件“x.xlsx”读不出来。' })
    const w = mountIt(ImportWizard)
    await w.find('input[data-test="import-path"]').setValue('/tmp/x.xlsx')
    await w.find('button[data-test="import-preview"]').trigger('click')
    await flushPromises()
    expect(w.find('[data-test="import-error"]').text()).toContain('读不出来')
    w.unmount()
  })
})

describe('the register list', () => {
  it('filters all units and shows one page, with the count', async () => {
    const units: UnitRow[] = Array.from({ length: 120 }, (_, i) => ({
      id: i + 1, code: `1-1-${101 + i}`, order: i, building: '1', entrance: '1', unit_type: '住宅', area: '90.00', handover: null,
      owners: i === 7 ? '欧阳娜娜' : `业主${i}`, occupants: 1, owed: i === 7 ? '35.00' : '0.00',
    }))
    invoke.mockImplementation(async (c: string) => (c === 'unit_list' ? units : [{ code: '1', units: 120 }]))
    const w = mountIt(Register)
    await flushPromises()
    expect(w.find('[data-test="register-count"]').text()).toContain('共 120 户')
    expect(w.findAll('[data-test="register-table"] tbody tr')).toHaveLength(50)
    await w.find('input[data-test="register-filter"]').setValue('欧阳')
    await flushPromises()
    const rows = w.findAll('[data-test="register-table"] tbody tr')
    expect(rows).toHaveLength(1)
    expect(rows[0].text()).toContain('1-1-108')
    expect(w.find('[data-test="register-count"]').text()).toContain('筛出 1 户')
    w.unmount()
  })
})
