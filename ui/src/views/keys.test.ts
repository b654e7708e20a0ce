// The 钥匙 screen: keys with their state, the lend dialog's refusal with the
// core's reason and a supervisor's override, and the calls made to the shell.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createMemoryHistory, createRouter } from 'vue-router'

const invoke = vi.fn()
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args) }))

import Keys from './Keys.vue'
import KeyLendDialog from '../components/KeyLendDialog.vue'
import HomeKeys from '../components/HomeKeys.vue'
import { session } from '../store'
import type { CustodyKey, KeyLoan, Permission, Status } from '../api'

const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', name: 'keys', component: { template: '<div/>' } }] })

function signedIn(permissions: Permission[], approvable: Permission[] = []) {
  session.status = {
    database: '/srv/estate.db', receipts_dir: '', estate_name: '翠湖花园', has_staff: true, staff: null,
    permissions, approvable, idle_lock_minutes: 10, problem: null, problem_path: null, default_path: '', demo_path: '',
  } as Status
}

const loan: KeyLoan = {
  id: 3, key_id: 1, unit: '1-1-101', hook: 'A-01', borrower: '李四', borrower_kind: 'authorised', borrower_kind_label: '授权人', id_type: '身份证', id_last4: '123X',
  purpose: '开窗', out_at: '2026-11-23T09:00:00+08:00', due_at: '2026-11-23T12:00:00+08:00', operator: '王前台', approved_by: null, override_reason: null, returned: null, overdue: true,
}

const key = (over: Partial<CustodyKey>): CustodyKey => ({
  id: 1, unit: '1-1-101', hook: 'A-01', key_count: 2, description: '入户门', deposited_by: '张三', deposited_on: '2026-11-02', note: '', recorded_at: '', operator: '王前台',
  returned_on: null, returned_to: null, returned_by: null, status: 'in', status_label: '在柜',
  authorisations: [{ id: 1, kind: 'person', kind_label: '授权人', name: '李四', from: null, to: null, recorded_at: '', operator: '' }], out: null, ...over,
})

const wait = () => new Promise((done) => setTimeout(done, 150))

describe('keys screen', () => {
  beforeEach(() => invoke.mockReset())

  it('lists the keys with their state and offers lend or return', async () => {
    signedIn(['keys', 'view'])
    invoke.mockImplementation(async (cmd: string) => (cmd === 'key_list' ? [key({}), key({ id: 2, hook: 'A-02', status: 'overdue', status_label: '逾期未还', out: loan })] : []))
    const w = mount(Keys, { global: { plugins: [ElementPlus, router] } })
    await flushPromises()
    expect(invoke).toHaveBeenCalledWith('key_list', { heldOnly: true })
    expect(w.text()).toContain('在柜 1 串，借出 1 串')
    expect(w.find('[data-test="key-status-A-02"]').text()).toBe('逾期未还')
    expect(w.find('[data-test="key-lend-A-01"]').exists()).toBe(true)
    expect(w.find('[data-test="key-return-A-02"]').exists()).toBe(true)
    expect(w.text()).toContain('李四')
  })

  it('greys out the actions for someone who may only view', async () => {
    signedIn(['view'])
    invoke.mockResolvedValue([key({})])
    const w = mount(Keys, { global: { plugins: [ElementPlus, router] } })
    await flushPromises()
    expect(w.find('[data-test="key-lend-A-01"]').exists()).toBe(false)
    expect(w.find('[data-test="key-deposit-open"]').exists()).toBe(false)
  })

  it('shows the core\'s reason for a refused borrower and lets a supervisor lend anyway with a reason', async () => {
    signedIn(['keys', 'override_key_loan', 'view'])
    invoke.mockImplementation(async (cmd: string, args: Record<string, unknown>) => {
      if (cmd === 'key_candidates') return [{ name: '李四', kind: 'authorised', kind_label: '授权人', basis: '书面授权（长期）' }]
      if (cmd === 'key_lend' && !(args.loan as { override_reason: string | null }).override_reason) {
        throw { code: 'key.not_authorised', message: '1-1-101 的钥匙不能借给“王五”：业主的书面授权里没有这个人。' }
      }
      return { ...loan, borrower: '王五', override_reason: '业主电话同意', overdue: false }
    })
    const w = mount(KeyLendDialog, { props: { modelValue: false, k: key({}) }, global: { plugins: [ElementPlus] }, attachTo: document.body })
    await w.setProps({ modelValue: true })
    await flushPromises()
    await wait()
    const body = document.body
    const input = (t: string) => body.querySelector<HTMLInputElement>(`[data-test="${t}"] input, input[data-test="${t}"]`)!
    expect(body.querySelector('[data-test="key-lend-pick-0"]')?.textContent).toContain('李四')
    for (const [t, v] of [['key-lend-borrower', '王五'], ['key-lend-id-last4', '110101198001010011'], ['key-lend-purpose', '查漏水']]) {
      input(t).value = v
      input(t).dispatchEvent(new Event('input'))
    }
    await flushPromises()
    expect(body.querySelector('[data-test="key-lend-id-problem"]')?.textContent).toContain('不要输入完整号码')
    expect(body.querySelector<HTMLButtonElement>('[data-test="key-lend-submit"]')!.disabled).toBe(true)
    input('key-lend-id-last4').value = '123x'
    input('key-lend-id-last4').dispatchEvent(new Event('input'))
    await flushPromises()
    body.querySelector<HTMLButtonElement>('[data-test="key-lend-submit"]')!.click()
    await flushPromises()
    expect(body.querySelector('[data-test="key-lend-refused"]')?.textContent).toContain('业主的书面授权里没有这个人')
    body.querySelector<HTMLElement>('[data-test="key-lend-override"] input')!.click()
    await flushPromises()
    input('key-lend-reason').value = '业主电话同意'
    input('key-lend-reason').dispatchEvent(new Event('input'))
    await flushPromises()
    body.querySelector<HTMLButtonElement>('[data-test="key-lend-submit"]')!.click()
    await flushPromises()
    const last = invoke.mock.calls.filter((c) => c[0] === 'key_lend').pop()!
    expect(last[1]).toEqual({ keyId: 1, loan: { borrower: '王五', borrower_kind: 'owner', id_type: '身份证', id_last4: '123x', purpose: '查漏水', due: '', override_reason: '业主电话同意' } })
    expect(w.emitted('saved')?.[0]?.[0]).toContain('已借给 王五（主管特批）')
    w.unmount()
  })

  it('首页 lists the keys not back', async () => {
    invoke.mockResolvedValue([loan])
    const w = mount(HomeKeys, { global: { plugins: [ElementPlus, router] } })
    await flushPromises()
    expect(invoke).toHaveBeenCalledWith('key_overdue', undefined)
    expect(w.text()).toContain('逾期未还的钥匙')
    expect(w.text()).toContain('李四（授权人）')
    expect(w.text()).toContain('2026-11-23 12:00')
  })
})
