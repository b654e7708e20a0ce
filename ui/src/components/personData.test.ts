// A supervisor's actions on one person's data, mounted with the shell's replies
// stubbed: who sees them, for whom erasure is offered, what is sent.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'

const { invoke, prompt } = vi.hoisted(() => ({ invoke: vi.fn(), prompt: vi.fn() }))
vi.mock('@tauri-apps/api/core', () => ({ invoke, Channel: class {} }))
vi.mock('element-plus', async (original) => {
  const real = await original<typeof import('element-plus')>()
  return { ...real, ElMessageBox: { ...real.ElMessageBox, prompt } }
})

import PersonDataActions from './PersonDataActions.vue'
import { session } from '../store'
import type { Occupancy, Permission, Status } from '../api'

const status = (permissions: Permission[]): Status => ({
  database: '/srv/estate.db', receipts_dir: null, estate_name: '翠湖花园', has_staff: true, staff: null,
  permissions, approvable: [], idle_lock_minutes: 10, problem: null, problem_path: null, default_path: '', demo_path: '',
})
const SUPERVISOR: Permission[] = ['export_personal_data', 'erase_personal_data', 'edit_register', 'view']
const row = (role: Occupancy['role'], to: string | null, name = '李租户'): Occupancy => ({
  id: 3, role, from: '2025-01-01', to, person: { id: 9, name, phones: ['139****5678'], id_masked: '330106********1232' },
})
const mountIt = (o: Occupancy) => mount(PersonDataActions, { props: { occupancy: o }, global: { plugins: [ElementPlus] } })

describe('personal data actions', () => {
  beforeEach(() => {
    invoke.mockReset()
    prompt.mockReset()
  })

  it('are a supervisor’s: a clerk sees neither', () => {
    session.status = status(['edit_register', 'view'])
    const w = mountIt(row('tenant', '2026-01-31'))
    expect(w.find('[data-test="person-export-3"]').exists()).toBe(false)
    expect(w.find('[data-test="person-erase-3"]').exists()).toBe(false)
  })

  it('offer erasure only for someone who has moved out and never owned', () => {
    session.status = status(SUPERVISOR)
    expect(mountIt(row('tenant', '2026-01-31')).find('[data-test="person-erase-3"]').exists()).toBe(true)
    expect(mountIt(row('tenant', null)).find('[data-test="person-erase-3"]').exists()).toBe(false)
    expect(mountIt(row('owner', '2026-01-31')).find('[data-test="person-erase-3"]').exists()).toBe(false)
    expect(mountIt(row('family', '2026-01-31', '已删除住户#9')).find('[data-test="person-erase-3"]').exists()).toBe(false)
    expect(mountIt(row('owner', null)).find('[data-test="person-export-3"]').exists()).toBe(true)
  })

  it('export and erase the person by id, erasing only after the confirmation gives a reason', async () => {
    session.status = status(SUPERVISOR)
    invoke.mockImplementation(async (cmd: string) =>
      cmd === 'export_person' ? { path: '/srv/个人信息导出/住户9.xlsx', folder: '/srv', viewer_problem: null } : { placeholder: '已删除住户#9' })
    const w = mountIt(row('tenant', '2026-01-31'))
    await w.find('[data-test="person-export-3"]').trigger('click')
    await flushPromises()
    prompt.mockRejectedValueOnce('cancel')
    await w.find('[data-test="person-erase-3"]').trigger('click')
    await flushPromises()
    prompt.mockResolvedValueOnce({ value: '本人申请删除' })
    await w.find('[data-test="person-erase-3"]').trigger('click')
    await flushPromises()
    expect(prompt.mock.calls[0][0]).toContain('收款、收据、账单和余额不变')
    expect(invoke.mock.calls).toEqual([
      ['export_person', { personId: 9 }],
      ['erase_person', { personId: 9, reason: '本人申请删除' }],
    ])
    expect(w.emitted('changed')).toHaveLength(1)
  })
})
