// The count screen walks down the expected list from the keyboard (Enter marks
// the current line found and moves to the next line still to count), shows
// what holds up the sign-off, and offers the sign-off to a clerk with a
// supervisor to be asked; the stock list offers issue and return by state.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createMemoryHistory, createRouter } from 'vue-router'

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }))

import { invoke } from '@tauri-apps/api/core'
import type { Count, CountLine, Item, Permission, Status } from '../api'
import { session } from '../store'
import InventoryCount from './InventoryCount.vue'
import InventoryStock from './InventoryStock.vue'

const mocked = vi.mocked(invoke)

function line(no: number, expected: CountLine['expected'], found: boolean | null, note = ''): CountLine {
  const difference = expected === 'in_office' && found === false ? 'missing' : null
  const status = difference ? '缺失' : found === null ? (expected === 'out' ? '已发出' : '未点') : '相符'
  return { id: no, line_no: no, kind: 'resident_card', kind_label: '住户卡', label: `ZH000${no}`, place: expected === 'out' ? '1-1-101 张三' : '库存', expected, found, note, recorded_by: '', recorded_at: '', difference, status }
}

function count(lines: CountLine[]): Count {
  const counted = lines.filter((l) => l.expected === 'in_office')
  return {
    id: 7, period: '2026-11', started_at: '2026-11-28T16:00:00+08:00', started_by: '王前台', lines, closed: null,
    in_office: counted.length, recorded: counted.filter((l) => l.found !== null).length,
    differences: lines.filter((l) => l.difference).length, unexplained: lines.filter((l) => l.difference && !l.note).length,
  }
}

function signedIn(permissions: Permission[], approvable: Permission[]) {
  session.status = {
    database: '/srv/estate.db', receipts_dir: null, estate_name: '翠湖花园', has_staff: true, staff: null,
    permissions, approvable, idle_lock_minutes: 10, problem: null, problem_path: null, default_path: '', demo_path: '',
  } as Status
}

/** Answers the shell's commands from `state`, recording what was asked. */
function shell(state: { count: Count }) {
  mocked.mockImplementation(async (cmd: string, raw?: unknown) => {
    const args = raw as Record<string, unknown> | undefined
    if (cmd === 'inventory_counts') return [{ id: 7, period: '2026-11', started_at: '', started_by: '王前台', lines: state.count.lines.length, differences: 0, closed: null }]
    if (cmd === 'inventory_count') return state.count
    if (cmd === 'inventory_count_record') {
      const lines = state.count.lines.map((l) => (l.line_no === args?.lineNo ? line(l.line_no, l.expected, args?.found as boolean, args?.note as string) : l))
      state.count = count(lines)
      return state.count
    }
    throw { code: 'test.unexpected', message: cmd }
  })
}

describe('the count screen', () => {
  afterEach(() => {
    session.status = null
    mocked.mockReset()
  })

  it('marks the current line found with Enter and moves to the next line still to count', async () => {
    signedIn(['inventory', 'view'], ['sign_off_count'])
    const state = { count: count([line(1, 'in_office', true), line(2, 'out', null), line(3, 'in_office', null), line(4, 'in_office', null)]) }
    shell(state)
    const w = mount(InventoryCount, { global: { plugins: [ElementPlus] }, attachTo: document.body })
    await flushPromises()
    expect(w.find('[data-test="count-status-3"]').text()).toBe('未点')
    const sheet = w.find('[data-test="count-sheet"]')
    await sheet.trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(mocked).toHaveBeenCalledWith('inventory_count_record', { countId: 7, lineNo: 3, found: true, note: '' })
    expect(w.find('[data-test="count-status-3"]').text()).toBe('相符')
    await sheet.trigger('keydown', { key: 'q' })
    await flushPromises()
    expect(mocked).toHaveBeenLastCalledWith('inventory_count_record', { countId: 7, lineNo: 4, found: false, note: '' })
    expect(w.find('[data-test="count-diff-4"]').text()).toContain('缺失')
    expect(w.findAll('[data-test="count-holdup"]').map((h) => h.text())).toEqual(['还有 1 处差异没有写说明'])
    expect(w.find('[data-test="count-sign-off"]').attributes('disabled')).toBeDefined()
    await w.find('input[data-test="count-note-4"]').setValue('住户报失，已补卡')
    await w.find('[data-test="count-explain-4"]').trigger('click')
    await flushPromises()
    expect(mocked).toHaveBeenLastCalledWith('inventory_count_record', { countId: 7, lineNo: 4, found: false, note: '住户报失，已补卡' })
    expect(w.findAll('[data-test="count-holdup"]')).toHaveLength(0)
    expect(w.find('[data-test="count-sign-off"]').attributes('disabled')).toBeUndefined()
    expect(w.text()).toContain('主管授权')
    w.unmount()
  })

  it('does not offer the sign-off to finance', async () => {
    signedIn(['view', 'export_reports'], [])
    shell({ count: count([line(1, 'in_office', true)]) })
    const w = mount(InventoryCount, { global: { plugins: [ElementPlus] } })
    await flushPromises()
    expect(w.find('[data-test="count-sign-off"]').attributes('disabled')).toBeDefined()
    expect(w.find('[data-test="count-start"]').attributes('disabled')).toBeDefined()
    w.unmount()
  })
})

describe('the stock list', () => {
  afterEach(() => {
    session.status = null
    mocked.mockReset()
  })

  it('offers issue for an item in stock, return and its deposit receipt for one out, money right-aligned', async () => {
    signedIn(['inventory', 'view'], [])
    const items: Item[] = [
      { id: 1, kind: 'resident_card', kind_label: '住户卡', serial: 'ZH0001', name: '', added_at: '', added_by: '王前台', out: null },
      {
        id: 2, kind: 'resident_card', kind_label: '住户卡', serial: 'ZH0002', name: '', added_at: '', added_by: '王前台',
        out: { issue_id: 1, unit: '1-1-101', holder: '张三', issued_at: '2026-11-02T09:00:00+08:00', operator: '王前台', deposit_id: 3, deposit_held: '50.00', receipt_no: 'YJ0000001' },
      },
    ]
    mocked.mockResolvedValue(items)
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { template: '<div/>' } }] })
    const w = mount(InventoryStock, { global: { plugins: [ElementPlus, router] } })
    await flushPromises()
    expect(mocked).toHaveBeenCalledWith('inventory_items', { filter: { kind: '', unit: '', state: '' } })
    expect(w.find('[data-test="stock-counts"]').text()).toBe('共 2 件，在库 1，已发出 1')
    expect(w.find('[data-test="stock-issue-ZH0001"]').exists()).toBe(true)
    expect(w.find('[data-test="stock-return-ZH0002"]').exists()).toBe(true)
    expect(w.find('[data-test="stock-receipt-ZH0002"]').exists()).toBe(true)
    expect(w.find('[data-test="stock-return-ZH0001"]').exists()).toBe(false)
    expect(w.find('[data-test="stock-table"]').text()).toContain('YJ0000001')
    w.unmount()
  })
})
