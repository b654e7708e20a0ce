// The fees screens: waivers only for supervisors and never above what is unpaid;
// the billing run streams its progress through a channel.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'

const { invoke, Channel } = vi.hoisted(() => ({
  invoke: vi.fn(),
  Channel: class<T> {
    onmessage: (m: T) => void = () => {}
  },
}))
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args), Channel }))

import * as api from '../api'
import type { BillLine, Permission, Status } from '../api'
import BillTable from '../components/BillTable.vue'
import WaiveDialog from '../components/WaiveDialog.vue'
import { session } from '../store'

const bill: BillLine = {
  id: 42, item: '物业服务费', period: '2026-11', price: '2.00', quantity: '100.00㎡', amount: '200.00', paid: '50.00', waived: '0.00', outstanding: '150.00',
}

function signedIn(permissions: Permission[]) {
  session.status = { permissions } as unknown as Status
}

const settle = () => new Promise((done) => setTimeout(done, 200)) // Element Plus shows a field's error after a short debounce

describe('fees screens', () => {
  beforeEach(() => invoke.mockReset())

  it('greys the waiver for a clerk and offers it to a supervisor', async () => {
    const button = async (permissions: Permission[]) => {
      signedIn(permissions)
      const w = mount(BillTable, { props: { unit: '1-1-101', unpaid: [bill] }, global: { plugins: [ElementPlus] } })
      await settle()
      return w.find('button[data-test="waive-open-42"]')
    }
    expect((await button(['take_payment', 'view'])).attributes('disabled')).toBeDefined()
    expect((await button(['take_payment', 'waive', 'view'])).attributes('disabled')).toBeUndefined()
  })

  it('refuses a waiver above what is unpaid or without a reason, and sends a good one', async () => {
    const w = mount(WaiveDialog, { props: { unit: '1-1-101', bill: null }, global: { plugins: [ElementPlus] }, attachTo: document.body })
    await w.setProps({ bill })
    await flushPromises()
    const amount = document.querySelector<HTMLInputElement>('input[data-test="waive-amount"]')!
    expect(amount.value).toBe('150.00')
    const confirm = () => document.querySelector<HTMLButtonElement>('button[data-test="waive-confirm"]')!
    expect(confirm().disabled).toBe(true) // no reason yet
    const reason = document.querySelector<HTMLTextAreaElement>('textarea[data-test="waive-reason"]')!
    reason.value = '困难户'
    reason.dispatchEvent(new Event('input'))
    amount.value = '150.01'
    amount.dispatchEvent(new Event('input'))
    await settle()
    await flushPromises()
    expect(document.body.textContent).toContain('不能超过未缴的 ¥150.00')
    expect(confirm().disabled).toBe(true)
    amount.value = '100'
    amount.dispatchEvent(new Event('input'))
    await flushPromises()
    expect(confirm().disabled).toBe(false)
    invoke.mockResolvedValue({ id: 1, bill_id: 42, amount: '100.00', outstanding_after: '50.00' })
    confirm().click()
    await flushPromises()
    expect(invoke).toHaveBeenCalledWith('waive', { billId: 42, amount: '100', reason: '困难户' })
    expect(w.emitted('done')).toHaveLength(1)
    w.unmount()
  })

  it('runs the billing with a progress channel', async () => {
    const seen: number[] = []
    invoke.mockImplementation(async (cmd: string, args: { onProgress: { onmessage: (m: { done: number; total: number }) => void } }) => {
      if (cmd !== 'run_billing') return null
      args.onProgress.onmessage({ done: 50, total: 100 })
      args.onProgress.onmessage({ done: 100, total: 100 })
      return { bills: 3 }
    })
    const r = await api.runBilling('2026-01', '2026-03', (p) => seen.push(p.done))
    expect(r.bills).toBe(3)
    expect(seen).toEqual([50, 100])
    expect(invoke).toHaveBeenCalledWith('run_billing', expect.objectContaining({ from: '2026-01', to: '2026-03' }))
  })
})
