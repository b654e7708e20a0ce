// The data-test hooks the end-to-end tests rely on land on the elements they drive.
import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createMemoryHistory, createRouter } from 'vue-router'

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn().mockResolvedValue(null) }))

import SearchBox from '../components/SearchBox.vue'
import SignIn from './SignIn.vue'
import { session } from '../store'
import type { Status } from '../api'

const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', name: 'units', component: { template: '<div/>' } }] })

const status: Status = {
  database: '/srv/estate.db', receipts_dir: '/srv/receipts', estate_name: '翠湖花园', has_staff: false, staff: null,
  permissions: [], approvable: [], idle_lock_minutes: 10, problem: null, problem_path: null, default_path: '', demo_path: '',
}

describe('screens', () => {
  it('puts the search hook on the text input itself', () => {
    const w = mount(SearchBox, { global: { plugins: [ElementPlus, router] } })
    expect(w.find('input[data-test="search"]').exists()).toBe(true)
  })

  it('asks for the first supervisor when the estate has no accounts, and submits only when ready', async () => {
    session.status = status
    const w = mount(SignIn, { global: { plugins: [ElementPlus] } })
    expect(w.text()).toContain('建立主管账号并登录')
    expect(w.find('input[data-test="sign-in-repeat"]').exists()).toBe(true)
    const submit = w.find('button[data-test="sign-in-submit"]')
    expect(submit.attributes('disabled')).toBeDefined()
    await w.find('input[data-test="sign-in-name"]').setValue('王主管')
    await w.find('input[data-test="sign-in-password"]').setValue('demo12345')
    await w.find('input[data-test="sign-in-repeat"]').setValue('demo12')
    await new Promise((done) => setTimeout(done, 200)) // Element Plus shows a field's error after a short debounce
    await flushPromises()
    expect(w.text()).toContain('两次输入的密码不一样')
    expect(w.find('button[data-test="sign-in-submit"]').attributes('disabled')).toBeDefined()
    await w.find('input[data-test="sign-in-repeat"]').setValue('demo12345')
    expect(w.find('button[data-test="sign-in-submit"]').attributes('disabled')).toBeUndefined()
  })
})
