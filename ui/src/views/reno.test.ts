// The permit detail offers the steps its status allows to the person signed in,
// and says who did each step.
import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn().mockResolvedValue(null) }))

import RenoDetail from '../components/RenoDetail.vue'
import { session } from '../store'
import type { Permission, RenoPermit, Status } from '../api'

function signedIn(permissions: Permission[], approvable: Permission[]) {
  session.status = {
    database: '/srv/estate.db', receipts_dir: '/srv/receipts', estate_name: '翠湖花园', has_staff: true, staff: null,
    permissions, approvable, idle_lock_minutes: 10, problem: null, problem_path: null, default_path: '', demo_path: '',
  } as Status
}

const permit = (over: Partial<RenoPermit>): RenoPermit => ({
  id: 7, permit_no: 'ZX2026-0001', unit: '1-1-101', status: 'issued', status_label: '施工中', applicant: '张三', applicant_role: 'owner', authorisation: '',
  contractor: '美家装饰', foreman: '刘工', foreman_phone: '139****1234', scope: ['墙体', '水电'], planned_start: '2026-11-05', planned_end: '2026-12-31', end: '2026-12-31',
  attachments: '', rules_text: '', applied_at: '2026-11-02T09:00:00+08:00', operator: '王前台', workers: [],
  steps: [{ step: 'approved', label: '已批准', note: '', detail: {}, at: '2026-11-02T10:00:00+08:00', operator: '王前台', approved_by: '李主管' }],
  extensions: [], paid: null, deductions: [], inspections: [], waterproof_tests: [], release_slips: [], overdue: false,
  violations: [{ id: 3, permit_id: 7, unit: '1-1-101', inspection_id: 1, day: '2026-11-12', item: '垃圾', description: '楼道堆放', deadline: '2026-11-14', fixed: null, overdue: true }],
  ...over,
})

const buttons = (w: ReturnType<typeof mount>) => w.findAll('[data-test^="reno-act-"]').map((b) => b.attributes('data-test')?.replace('reno-act-', ''))

describe('reno detail', () => {
  it('a clerk sees the works steps, extension through a supervisor, and the open violation to put right', async () => {
    signedIn(['view', 'renovation', 'take_payment'], ['approve_renovation', 'refund_deposit'])
    const w = mount(RenoDetail, { props: { permit: permit({}) }, global: { plugins: [ElementPlus] } })
    expect(buttons(w)).toEqual(['print_permit', 'inspect', 'waterproof', 'release', 'extend', 'complete'])
    await new Promise((done) => setTimeout(done, 50)) // Element Plus lays out a table's rows after mounting
    await flushPromises()
    expect(w.find('[data-test="reno-steps"]').text()).toContain('王前台（李主管 授权）')
    expect(w.find('[data-test="reno-fix-3"]').exists()).toBe(true)
    expect(w.text()).toContain('未整改违规 1')
  })

  it('finance, who may only look, is offered nothing', () => {
    signedIn(['view'], [])
    const w = mount(RenoDetail, { props: { permit: permit({ status: 'applied', status_label: '已申请', permit_no: null }) }, global: { plugins: [ElementPlus] } })
    expect(buttons(w)).toEqual([])
    expect(w.find('[data-test="reno-fix-3"]').exists()).toBe(false)
  })

  it('after the refund only the voucher and the close remain', () => {
    signedIn(['view', 'renovation', 'take_payment', 'approve_renovation', 'refund_deposit'], [])
    const w = mount(RenoDetail, { props: { permit: permit({ status: 'refunded', status_label: '押金已退', violations: [] }) }, global: { plugins: [ElementPlus] } })
    expect(buttons(w)).toEqual(['print_voucher', 'close'])
  })
})
