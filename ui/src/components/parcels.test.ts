// The batch intake in the browser: the scanner's number and Enter, then Enter
// through the kept unit and the guessed name saves, and the focus is back on
// the number; the pickup finds by code and sends the code it was found by.
import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createMemoryHistory, createRouter } from 'vue-router'

const calls: Array<[string, Record<string, unknown> | undefined]> = []
const parcel = (id: number, code: string) => ({
  id, kind: 'parcel', kind_label: '快递', carrier: '顺丰速运', tracking_no: `SF00000000000${id}`, unit: '1-1-101', recipient: '张三',
  size: 'small', size_label: '小件', shelf: 'A', pickup_code: code, received_at: '2026-11-23T09:30:00+08:00', operator: '王前台',
  status: 'waiting', status_label: '待取', notified_at: null, reminded_at: null, days: 0, overdue: false, pickup: null, returned: null,
})
vi.mock('@tauri-apps/api/core', () => ({
  invoke: vi.fn(async (command: string, args?: Record<string, unknown>) => {
    calls.push([command, args])
    if (command === 'parcel_guess_recipient') return '张三'
    if (command === 'parcel_in') return parcel(calls.filter(([c]) => c === 'parcel_in').length, `A-100${calls.filter(([c]) => c === 'parcel_in').length}`)
    if (command === 'parcel_find') return [parcel(1, 'A-1001')]
    if (command === 'parcel_pickup') return [{ ...parcel(1, 'A-1001'), status: 'collected' }]
    return null
  }),
}))

import ParcelIntake from './ParcelIntake.vue'
import ParcelPickup from './ParcelPickup.vue'

const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { template: '<div/>' } }] })
const enter = (el: { trigger: (e: string, o: object) => Promise<void> }) => el.trigger('keydown', { key: 'Enter' })

describe('batch intake', () => {
  it('saves on the third Enter and goes back to the number, keeping the unit and the name', async () => {
    calls.length = 0
    const w = mount(ParcelIntake, { attachTo: document.body, global: { plugins: [ElementPlus, router] } })
    const tracking = w.find('input[data-test="parcel-tracking"]')
    await tracking.setValue('SF1234567890123')
    await enter(tracking)
    await flushPromises()
    expect(document.activeElement?.getAttribute('data-test')).toBe('parcel-unit')
    const unit = w.find('input[data-test="parcel-unit"]')
    await unit.setValue('1-1-101')
    await enter(unit)
    await flushPromises()
    expect(document.activeElement?.getAttribute('data-test')).toBe('parcel-recipient')
    expect((w.find('input[data-test="parcel-recipient"]').element as HTMLInputElement).value).toBe('张三')
    await enter(w.find('input[data-test="parcel-recipient"]'))
    await flushPromises()
    const saved = calls.find(([c]) => c === 'parcel_in')?.[1]?.form as Record<string, string>
    expect([saved.tracking_no, saved.unit, saved.recipient, saved.shelf, saved.carrier]).toEqual(['SF1234567890123', '1-1-101', '张三', 'A', ''])
    expect(document.activeElement?.getAttribute('data-test')).toBe('parcel-tracking')
    expect((tracking.element as HTMLInputElement).value).toBe('')
    expect((unit.element as HTMLInputElement).value).toBe('1-1-101')
    expect(w.find('[data-test="parcel-batch"]').text()).toContain('A-1001')
    // The next parcel of the same unit: the name is not asked for again.
    await tracking.setValue('SF1234567890124')
    await enter(tracking)
    await enter(unit)
    await enter(w.find('input[data-test="parcel-recipient"]'))
    await flushPromises()
    expect(calls.filter(([c]) => c === 'parcel_guess_recipient').length).toBe(1)
    expect(calls.filter(([c]) => c === 'parcel_in').length).toBe(2)
    w.unmount()
  })
})

describe('pickup', () => {
  it('finds by code on Enter and hands over with the code said', async () => {
    calls.length = 0
    const w = mount(ParcelPickup, { attachTo: document.body, global: { plugins: [ElementPlus, router] } })
    const text = w.find('input[data-test="parcel-find-text"]')
    await text.setValue('A-1001')
    await enter(text)
    await flushPromises()
    expect(calls[0]).toEqual(['parcel_find', { by: 'code', text: 'A-1001' }])
    expect(w.find('[data-test="parcel-found"]').text()).toContain('A-1001')
    await w.find('button[data-test="parcel-pickup-confirm"]').trigger('click')
    await flushPromises()
    const form = calls.find(([c]) => c === 'parcel_pickup')?.[1]?.form as Record<string, unknown>
    expect([form.ids, form.code, form.collector]).toEqual([[1], 'A-1001', 'recipient'])
    w.unmount()
  })
})
