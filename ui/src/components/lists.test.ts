// A unit's long lists: the statement opens on its newest lines and keeps date
// order; receipts filter by any column shown and page.
import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }))

import type { ReceiptInfo, StatementLine } from '../api'
import StatementTable from './StatementTable.vue'
import ReceiptTable from './ReceiptTable.vue'

const lines: StatementLine[] = Array.from({ length: 45 }, (_, i) => ({
  date: `2026-${String((i % 12) + 1).padStart(2, '0')}-01`, kind: 'charge', text: `物业服务费 第${i + 1}行`, charge: '100.00', credit: '0.00', balance: `${(i + 1) * 100}.00`,
}))

const receipts: ReceiptInfo[] = Array.from({ length: 25 }, (_, i) => ({
  receipt_no: `SF${String(i + 1).padStart(7, '0')}`, paid_at: `2026-03-${String(i + 1).padStart(2, '0')}T10:00:00+08:00`, amount: `${i + 1}00.00`,
  method: '现金', payer: i === 7 ? '欧阳娜娜' : '张三', operator: '王前台', void_reason: null, prints: 1,
} as unknown as ReceiptInfo))

const texts = (w: ReturnType<typeof mount>, test: string) => w.find(`[data-test="${test}"]`).findAll('tbody tr').map((r) => r.text())

describe('StatementTable', () => {
  it('opens on the last page, in date order', async () => {
    const w = mount(StatementTable, { props: { lines }, global: { plugins: [ElementPlus] } })
    await flushPromises()
    const shown = texts(w, 'unit-statement')
    expect(shown).toHaveLength(5)
    expect(shown[0]).toContain('第41行')
    expect(shown[4]).toContain('第45行')
  })
})

describe('ReceiptTable', () => {
  it('pages twenty at a time and filters by payer', async () => {
    const w = mount(ReceiptTable, { props: { receipts }, global: { plugins: [ElementPlus] } })
    await flushPromises()
    expect(texts(w, 'receipts')).toHaveLength(20)
    await w.find('[data-test="receipts-filter"]').setValue('欧阳')
    await flushPromises()
    const shown = texts(w, 'receipts')
    expect(shown).toHaveLength(1)
    expect(shown[0]).toContain('SF0000008')
  })
})
