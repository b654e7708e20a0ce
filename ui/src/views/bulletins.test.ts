// The 公告通知 screen: the notices and the picked one as it reads; a withdrawn
// one cannot be printed; the template tab's edit button is a supervisor's.
import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'

const notice = {
  id: 1, bulletin_no: 'GG20261123-01', template_id: 1, template_name: '停水通知', title: '停水通知',
  body: '尊敬的各位业主、住户：\n因管道检修，定于明天停水。', issuer: '翠湖花园物业服务中心', dated: '2026-11-23', date_text: '2026年11月23日',
  filled: [], issued_at: '2026-11-23T09:00:00+08:00', operator: '王前台', withdrawn: null,
}
const withdrawn = { ...notice, id: 2, bulletin_no: 'GG20261123-02', withdrawn: { reason: '停水改期', at: '', operator: '王前台' } }
const template = {
  id: 1, name: '停水通知', title: '停水通知', body: '因{原因}…', placeholders: ['原因'], automatic: [], to_type: ['原因'], updated_at: '2026-11-23T09:00:00+08:00', updated_by: '系统', used: 1,
}
const invoke = vi.fn(async (command: string, _args?: unknown) => {
  if (command === 'notice_list') return [withdrawn, notice]
  if (command === 'notice_templates') return [template]
  return null
})
vi.mock('@tauri-apps/api/core', () => ({ invoke: (c: string, a: unknown) => invoke(c, a) }))

import Bulletins from './Bulletins.vue'
import { session } from '../store'

describe('公告通知', () => {
  it('shows the picked notice as it reads, and a withdrawn one is not printed again', async () => {
    session.status = { permissions: ['service', 'view'] } as never
    const w = mount(Bulletins, { global: { plugins: [ElementPlus] }, attachTo: document.body })
    await flushPromises()
    expect(w.text()).toContain('GG20261123-01')
    expect(w.text()).toContain('已撤回：停水改期')
    const rows = w.findAll('.el-table__row')
    await rows[1].trigger('click')
    await flushPromises()
    expect(w.find('[data-test="notice-detail-text"]').text()).toContain('因管道检修，定于明天停水。')
    expect(w.find('[data-test="notice-print"]').attributes('disabled')).toBeUndefined()
    await rows[0].trigger('click')
    await flushPromises()
    expect(w.find('[data-test="notice-detail-withdrawn"]').text()).toContain('停水改期')
    expect(w.find('[data-test="notice-print"]').attributes('disabled')).toBeDefined()
    expect(w.find('[data-test="notice-template-edit-停水通知"]').attributes('disabled')).toBeDefined()
    w.unmount()
  })
})
