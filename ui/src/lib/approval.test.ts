// 主管授权 on the desk: a clerk's refused call is asked again with a
// supervisor's name and password typed in the one dialog; a wrong password
// keeps the dialog open with the core's message; 取消 sends nothing more.
// The shell is a stand-in answering as the core does for a clerk's void.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'

const invoke = vi.fn()
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args), Channel: class {} }))

import * as api from '../api'
import type { Approval, VoidResult } from '../api'
import ApprovalDialog from '../components/ApprovalDialog.vue'
import { session } from '../store'
import { approval, cancelApproval, submitApproval, withApproval } from './approval'

const NEEDED = { code: 'staff.approval_needed', message: '作废收据需要主管授权。请主管当场输入自己的姓名和密码授权，或请主管登录后操作。' }
const BAD = { code: 'staff.approver_bad_credentials', message: '主管姓名或密码不对，没有授权。请主管重新输入。' }
const voided: VoidResult = { receipt_no: 'SF0001234', amount: '200.00', owed_after: '200.00', prepaid_after: '0.00', operator: '王前台', approved_by: '李主管' }

/** The core's answers to a clerk's void: refused without a supervisor, checked with one. */
function clerksVoid(_command: string, args: { approval?: Approval }) {
  if (!args.approval) return Promise.reject(NEEDED)
  if (args.approval.name !== '李主管' || args.approval.password !== 'boss-2026') return Promise.reject(BAD)
  return Promise.resolve(voided)
}

const voidIt = () => withApproval('作废收据 SF0001234', (a) => api.voidReceipt('SF0001234', '收错户', a))

describe('withApproval', () => {
  beforeEach(() => {
    invoke.mockReset()
    invoke.mockImplementation(clerksVoid)
  })
  afterEach(() => cancelApproval())

  it('runs the call once and asks nobody when the core needs no approval', async () => {
    invoke.mockResolvedValue({ ...voided, operator: '李主管', approved_by: null })
    await expect(voidIt()).resolves.toMatchObject({ operator: '李主管', approved_by: null })
    expect(invoke).toHaveBeenCalledTimes(1)
    expect(approval.open).toBe(false)
  })

  it('asks a supervisor and makes the same call again with their sign-in', async () => {
    const done = voidIt()
    await flushPromises()
    expect(approval).toMatchObject({ open: true, action: '作废收据 SF0001234', name: '', password: '', error: '' })
    Object.assign(approval, { name: ' 李主管 ', password: 'boss-2026' })
    await submitApproval()
    await expect(done).resolves.toEqual(voided)
    expect(invoke.mock.calls).toEqual([
      ['void_receipt', { receiptNo: 'SF0001234', reason: '收错户' }],
      ['void_receipt', { receiptNo: 'SF0001234', reason: '收错户', approval: { name: '李主管', password: 'boss-2026' } }],
    ])
    expect(approval.open).toBe(false)
    expect(approval.password).toBe('')
  })

  it('keeps the dialog open with the core message after a wrong password, and lets them try again', async () => {
    const done = voidIt()
    await flushPromises()
    Object.assign(approval, { name: '李主管', password: 'wrong-pass' })
    await submitApproval()
    expect(approval).toMatchObject({ open: true, error: BAD.message, password: '', name: '李主管', busy: false })
    approval.password = 'boss-2026'
    await submitApproval()
    await expect(done).resolves.toEqual(voided)
    expect(invoke).toHaveBeenCalledTimes(3)
  })

  it('sends nothing more when cancelled, and says so', async () => {
    const done = voidIt()
    await flushPromises()
    approval.name = '李主管'
    cancelApproval()
    await expect(done).rejects.toEqual({ code: 'approval.cancelled', message: '没有主管授权，已取消，数据没有改动。' })
    expect(invoke).toHaveBeenCalledTimes(1)
    expect(approval.open).toBe(false)
  })

  it('closes and passes on any other refusal (the action itself was refused)', async () => {
    const done = voidIt()
    await flushPromises()
    const already = { code: 'receipt.already_void', message: '收据 SF0001234 已经作废过了，不能再作废。' }
    invoke.mockRejectedValue(already)
    Object.assign(approval, { name: '李主管', password: 'boss-2026' })
    await submitApproval()
    await expect(done).rejects.toEqual(already)
    expect(approval.open).toBe(false)
  })

  it('asks for both fields before trying', async () => {
    const done = voidIt()
    await flushPromises()
    approval.name = '李主管'
    await submitApproval()
    expect(approval.error).toBe('请主管输入自己的姓名和密码。')
    expect(invoke).toHaveBeenCalledTimes(1)
    cancelApproval()
    await expect(done).rejects.toMatchObject({ code: 'approval.cancelled' })
  })
})

describe('ApprovalDialog', () => {
  beforeEach(() => {
    invoke.mockReset()
    invoke.mockImplementation(clerksVoid)
    document.body.innerHTML = ''
  })

  const field = (test: string) => document.querySelector<HTMLInputElement>(`[data-test="${test}"]`)
  async function type(test: string, text: string) {
    const input = field(test)!
    input.value = text
    input.dispatchEvent(new Event('input'))
    await flushPromises()
  }
  const key = async (test: string, k: string) => {
    field(test)!.dispatchEvent(new KeyboardEvent('keydown', { key: k, code: k, bubbles: true }))
    await flushPromises()
  }

  it('shows what is approved, takes Enter to authorise and shows a refusal in place', async () => {
    const w = mount(ApprovalDialog, { global: { plugins: [ElementPlus] }, attachTo: document.body })
    const done = voidIt()
    await flushPromises()
    expect(document.querySelector('[data-test="approval"]')?.textContent).toContain('主管授权')
    expect(field('approval-action')?.textContent).toBe('作废收据 SF0001234')
    await type('approval-name', '李主管')
    await type('approval-password', 'wrong-pass')
    await key('approval-password', 'Enter')
    await flushPromises()
    expect(document.querySelector('[data-test="approval-error"]')?.textContent).toContain(BAD.message)
    await type('approval-password', 'boss-2026')
    await key('approval-password', 'Enter')
    await expect(done).resolves.toEqual(voided)
    expect(invoke).toHaveBeenCalledTimes(3)
    w.unmount()
  })
  it('is cancelled by the idle lock, with nothing sent', async () => {
    const w = mount(ApprovalDialog, { global: { plugins: [ElementPlus] }, attachTo: document.body })
    const refused = voidIt().catch((e: unknown) => e)
    await flushPromises()
    await type('approval-name', '李主管')
    await type('approval-password', 'boss-2026')
    session.locked = true
    await flushPromises()
    expect(await refused).toMatchObject({ code: 'approval.cancelled' })
    expect(approval).toMatchObject({ open: false, password: '' })
    expect(invoke).toHaveBeenCalledTimes(1)
    session.locked = false
    w.unmount()
  })
})
