// Who sees an approvable action offered: a supervisor and a clerk (the clerk
// with a hint that a supervisor will be asked), not finance. A voided
// receipt names who voided it and who approved.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }))

import type { Permission, ReceiptInfo, Status } from '../api'
import { session } from '../store'
import ReceiptTable from './ReceiptTable.vue'

const receipt = (no: string, voided: [string, string | null] | null): ReceiptInfo => ({
  receipt_no: no, paid_at: '2026-11-23T10:00:00+08:00', amount: '200.00', method: '现金', payer: '张三', reference: '', operator: '王前台',
  void_reason: voided ? '收错户' : null, voided_by: voided?.[0] ?? null, void_approved_by: voided?.[1] ?? null, prints: 1,
})
const receipts = [receipt('SF0000003', null), receipt('SF0000002', ['王前台', '李主管']), receipt('SF0000001', ['李主管', null])]

function signedIn(permissions: Permission[], approvable: Permission[]) {
  session.status = {
    database: '/srv/estate.db', receipts_dir: null, estate_name: '翠湖花园', has_staff: true, staff: null,
    permissions, approvable, idle_lock_minutes: 10, problem: null, problem_path: null, default_path: '', demo_path: '',
  } as Status
}

async function table() {
  const w = mount(ReceiptTable, { props: { receipts }, global: { plugins: [ElementPlus] } })
  await flushPromises()
  return w
}
const voidButton = (w: Awaited<ReturnType<typeof table>>, no: string) => w.find(`[data-test="receipt-void-${no}"]`)

describe('an approvable action in the receipts table', () => {
  afterEach(() => {
    session.status = null
  })

  it('is offered to a clerk, who is told a supervisor will be asked', async () => {
    signedIn(['take_payment', 'reprint', 'view'], ['void_receipt', 'waive'])
    const w = await table()
    expect(voidButton(w, 'SF0000003').attributes('disabled')).toBeUndefined()
    expect(voidButton(w, 'SF0000002').attributes('disabled')).toBeDefined()
    await voidButton(w, 'SF0000003').trigger('click')
    await flushPromises()
    expect(w.find('[data-test="void-reason"]').exists()).toBe(true)
    expect(w.find('[data-test="void-approval-hint"]').text()).toContain('主管授权')
    w.unmount()
  })

  it('is greyed for finance and not hinted to a supervisor', async () => {
    signedIn(['view', 'export_reports'], [])
    expect(voidButton(await table(), 'SF0000003').attributes('disabled')).toBeDefined()
    signedIn(['void_receipt', 'reprint', 'view'], [])
    const w = await table()
    expect(voidButton(w, 'SF0000003').attributes('disabled')).toBeUndefined()
    await voidButton(w, 'SF0000003').trigger('click')
    await flushPromises()
    expect(w.find('[data-test="void-reason"]').exists()).toBe(true)
    expect(w.find('[data-test="void-approval-hint"]').exists()).toBe(false)
    w.unmount()
  })

  it('names who voided and who approved', async () => {
    signedIn(['view'], [])
    const w = await table()
    expect(w.find('[data-test="receipt-voided-by-SF0000002"]').text()).toBe('王前台 / 李主管')
    expect(w.find('[data-test="receipt-voided-by-SF0000001"]').text()).toBe('李主管')
    expect(w.find('[data-test="receipt-voided-by-SF0000003"]').exists()).toBe(false)
  })
})
