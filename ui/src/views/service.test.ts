// The 服务台 screen: the list, a request's steps and the button of its next step.
import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'

const line = {
  id: 1, request_no: 'TS20261123-001', kind: 'complaint', kind_label: '投诉', subject_label: '收费', urgency_label: '紧急', unit: '3-2-1502', caller: '张三',
  channel_label: '电话', received_at: '2026-11-23 08:50', content: '楼上漏水', status: 'classified', status_label: '已定性', owner: '王前台', withholding: true,
  late: { what: 'response', text: '超过响应时限（紧急，4 小时）未处理', due: '2026-11-23 12:50' },
}
const request = {
  ...line, subject: 'fees', urgency: 'urgent', unit_id: 1, phone: '138****1234', channel: 'phone', recorded_at: '', withheld: null, orders: [], next: '下一步：调查原因。',
  steps: [{ step: 'classified', label: '已定性', valid: true, responsible: null, deadline: null, reply_channel: null, reply_channel_label: null, happened_at: '2026-11-23 09:10', satisfied: null, note: '', lesson: '', at: '', operator: '王前台' }],
}
const invoke = vi.fn(async (command: string, _args?: unknown) => {
  if (command === 'request_list') return [line]
  if (command === 'request_show') return request
  if (command === 'order_list') return []
  return null
})
vi.mock('@tauri-apps/api/core', () => ({ invoke: (c: string, a: unknown) => invoke(c, a) }))

import Service from './Service.vue'
import { session } from '../store'

describe('服务台', () => {
  it('lists requests with their warnings and offers the next step of the one picked', async () => {
    session.status = { permissions: ['service', 'view'] } as never
    const w = mount(Service, { global: { plugins: [ElementPlus] }, attachTo: document.body })
    await flushPromises()
    expect(invoke).toHaveBeenCalledWith('request_list', { form: { open_only: true, late_only: false, kind: '', unit: '' } })
    expect(w.text()).toContain('TS20261123-001')
    expect(w.text()).toContain('拒缴')
    await w.find('.el-table__row').trigger('click')
    await flushPromises()
    expect(invoke).toHaveBeenCalledWith('request_show', { request: 'TS20261123-001' })
    expect(w.find('[data-test="request-detail-status"]').text()).toBe('已定性')
    expect(w.find('[data-test="request-step-investigated"]').exists()).toBe(true)
    expect(w.find('[data-test="request-step-closed"]').exists()).toBe(false)
    w.unmount()
  })
})
