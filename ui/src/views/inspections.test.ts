// The 巡检 screen: what is due, the rounds, a round answered item by item, a
// refusal of the core shown in the round, and who may edit the checklists.
import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'

const line = {
  id: 1, round_no: 'XJ20261123-001', checklist: 'public', checklist_label: '公共区域', title: '每周公共区域巡检', unit: '', inspected_on: '2026-11-22', inspector: '老周',
  finished: false, status_label: '进行中', items: 2, answered: 1, faults: 1, orders: 0,
}
const answer = (position: number, item: string, ok: boolean | null, note = '') => ({
  position, item_id: position, item, ok, result_label: ok === null ? '未填' : ok ? '正常' : '异常', note, answered_at: null, answered_by: null, order_no: null, order_status_label: null, finding: `XJ20261123-001/${position}`,
})
const round = { ...line, finished_at: null, finished_by: null, recorded_at: '', operator: '王前台', answers: [answer(1, '电梯', false, '按钮失灵'), answer(2, '绿化', null)] }
const invoke = vi.fn(async (command: string, _args?: unknown) => {
  if (command === 'inspect_list') return [line]
  if (command === 'inspect_due') return [{ checklist: 'vacant', checklist_label: '空置房', unit: '3-2-1601', last: null, open_round: null, text: '本月还没有空置房巡检（从未巡检）' }]
  if (command === 'inspect_show') return round
  if (command === 'inspect_items') return [{ id: 1, checklist: 'public', checklist_label: '公共区域', name: '电梯', position: 1, retired: false, used: true }]
  if (command === 'inspect_finish') throw { code: 'inspect.unanswered', message: 'XJ20261123-001 还有 1 项没填：绿化。每项都填了正常或异常，才能完成巡检。' }
  return null
})
vi.mock('@tauri-apps/api/core', () => ({ invoke: (c: string, a: unknown) => invoke(c, a) }))

import Inspections from './Inspections.vue'
import InspectItems from '../components/InspectItems.vue'
import { session } from '../store'

describe('巡检', () => {
  it('shows what is due, the rounds, and a picked round with its findings and the core refusing to finish it', async () => {
    session.status = { permissions: ['service', 'view'] } as never
    const w = mount(Inspections, { global: { plugins: [ElementPlus] }, attachTo: document.body })
    await flushPromises()
    expect(w.find('[data-test="inspect-due"]').text()).toContain('空置房 3-2-1601')
    expect(w.text()).toContain('XJ20261123-001')
    await w.find('.el-table__row').trigger('click')
    await flushPromises()
    expect(invoke).toHaveBeenCalledWith('inspect_show', { round: 'XJ20261123-001' })
    expect(w.find('[data-test="answer-result-1"]').text()).toBe('异常')
    expect(w.find('[data-test="answer-order-1"]').exists()).toBe(true)
    expect(w.find('[data-test="answer-ok-2"]').exists()).toBe(true)
    await w.find('[data-test="inspect-finish"]').trigger('click')
    await flushPromises()
    expect(w.find('[data-test="inspect-round-error"]').text()).toContain('还有 1 项没填：绿化')
    w.unmount()
  })

  it('lets only a supervisor edit the checklists', async () => {
    session.status = { permissions: ['service', 'view'] } as never
    const clerk = mount(InspectItems, { global: { plugins: [ElementPlus] } })
    await flushPromises()
    expect(clerk.text()).toContain('电梯')
    expect(clerk.find('[data-test="inspect-item-add-public"]').exists()).toBe(false)
    clerk.unmount()
    session.status = { permissions: ['service', 'edit_settings', 'view'] } as never
    const boss = mount(InspectItems, { global: { plugins: [ElementPlus] } })
    await flushPromises()
    expect(boss.find('[data-test="inspect-item-add-public"]').exists()).toBe(true)
    expect(boss.find('[data-test="inspect-item-retire-public-1"]').exists()).toBe(true)
    boss.unmount()
  })
})
