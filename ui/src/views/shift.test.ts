// 交接班: the dialog right after signing in (colleagues' handovers, acknowledged
// one by one; a refusal stays in the dialog), and the screen's list and detail.
import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'

const snapshot = {
  requests: [{ reference: 'TS20261206-001', unit: '1-1-101', text: '投诉（服务质量）已定性：楼道脏', since: '2026-12-06 09:00', late: '超过响应时限（一般，24 小时）未处理' }],
  orders: [], keys: [], parcels: [], renovations: [],
}
const handover = { id: 7, day: '2026-12-06', operator: '王前台', made_at: '2026-12-06T18:30:00+08:00', note: '业主明早来电', snapshot, open_count: 1, late_count: 1, ack: null }
let refuse = false
const invoke = vi.fn(async (command: string, _args?: unknown) => {
  if (command === 'shift_awaiting' || command === 'shift_list') return [handover]
  if (command === 'shift_preview') return { requests: [], orders: [], keys: [], parcels: [], renovations: [] }
  if (command === 'shift_acknowledge') {
    if (refuse) throw { code: 'shift.already_acknowledged', message: '交班记录 7 已由 李主管 于 2026-12-07 08:00 确认接班，不需要再确认。' }
    return { ...handover, ack: { operator: '赵前台', at: '2026-12-07T08:30:00+08:00', note: '' } }
  }
  return null
})
vi.mock('@tauri-apps/api/core', () => ({ invoke: (c: string, a: unknown) => invoke(c, a) }))

import ShiftAwaitingDialog from '../components/ShiftAwaitingDialog.vue'
import Shift from './Shift.vue'
import { session } from '../store'

const signedIn = (permissions: string[]) => (session.status = { permissions, staff: { name: '赵前台', role: 'clerk' } } as never)

describe('交接班', () => {
  it('shows colleagues\' handovers right after signing in and acknowledges one', async () => {
    signedIn(['service', 'view'])
    const w = mount(ShiftAwaitingDialog, { global: { plugins: [ElementPlus] }, attachTo: document.body })
    await flushPromises()
    const dialog = document.querySelector('[data-test="shift-awaiting"]') as HTMLElement
    expect(dialog.textContent).toContain('王前台')
    expect(dialog.textContent).toContain('TS20261206-001')
    expect(dialog.textContent).toContain('交班说明：业主明早来电')
    ;(document.querySelector('[data-test="shift-awaiting-ack-7"]') as HTMLElement).click()
    await flushPromises()
    expect(invoke).toHaveBeenCalledWith('shift_acknowledge', { handover: '7', note: '' })
    expect(document.querySelector('[data-test="shift-awaiting-7"]')).toBeNull()
    w.unmount()
  })

  it('keeps a refusal in the dialog', async () => {
    signedIn(['service', 'view'])
    refuse = true
    const w = mount(ShiftAwaitingDialog, { global: { plugins: [ElementPlus] }, attachTo: document.body })
    await flushPromises()
    ;(document.querySelector('[data-test="shift-awaiting-ack-7"]') as HTMLElement).click()
    await flushPromises()
    expect(document.querySelector('[data-test="shift-awaiting-error"]')?.textContent).toContain('已由 李主管')
    expect(document.querySelector('[data-test="shift-awaiting-7"]')).not.toBeNull()
    refuse = false
    w.unmount()
  })

  it('asks nothing of someone who does not work the service desk', async () => {
    signedIn(['view'])
    invoke.mockClear()
    const w = mount(ShiftAwaitingDialog, { global: { plugins: [ElementPlus] } })
    await flushPromises()
    expect(invoke).not.toHaveBeenCalledWith('shift_awaiting', undefined)
    w.unmount()
  })

  it('lists the handovers and offers 确认接班 on a colleague\'s', async () => {
    signedIn(['service', 'view'])
    const w = mount(Shift, { global: { plugins: [ElementPlus] }, attachTo: document.body })
    await flushPromises()
    expect(invoke).toHaveBeenCalledWith('shift_list', { openOnly: true })
    expect(w.find('[data-test="shift-hand"]').text()).toContain('没有未办结的事')
    await w.find('[data-test="shift-list"] .el-table__row').trigger('click')
    await flushPromises()
    expect(w.find('[data-test="shift-detail-ack"]').text()).toBe('未确认')
    await w.find('[data-test="shift-ack"]').trigger('click')
    await flushPromises()
    expect(w.find('[data-test="shift-detail-ack"]').text()).toBe('赵前台 2026-12-07 08:30 确认')
    w.unmount()
  })
})
