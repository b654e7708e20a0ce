import { beforeEach, describe, expect, it, vi } from 'vitest'

const invoke = vi.fn()
// vi.mock is hoisted above the imports: the stand-in channel must be too.
const { FakeChannel } = vi.hoisted(() => ({
  FakeChannel: class<T> {
    onmessage: (m: T) => void = () => {}
  },
}))
type FakeChannel<T> = { onmessage: (m: T) => void }
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args), Channel: FakeChannel }))

import * as api from './index'
import { isApiError, toApiError } from './error'

describe('the api client', () => {
  beforeEach(() => {
    invoke.mockReset()
  })

  it('passes the core error {code, message} through unchanged', async () => {
    invoke.mockRejectedValue({ code: 'receipt.already_void', message: '收据 SF0000001 已经作废过了，不能再作废。' })
    await expect(api.voidReceipt('SF0000001', '重复')).rejects.toEqual({
      code: 'receipt.already_void',
      message: '收据 SF0000001 已经作废过了，不能再作废。',
    })
    expect(invoke).toHaveBeenCalledWith('void_receipt', { receiptNo: 'SF0000001', reason: '重复' })
  })

  it('maps anything else to {code, message} in Chinese', async () => {
    invoke.mockRejectedValue('command pay not found')
    const e = await api.pay({ unit: '1-1-101', amount: '1', method: 'cash', payer: '', reference: '', bills: [], late_fee_waivers: [] }).catch((x) => x)
    expect(isApiError(e)).toBe(true)
    expect(e.code).toBe('app.bridge')
    expect(e.message).toContain('command pay not found')
    expect(toApiError(new Error('boom')).message).toContain('boom')
    expect(toApiError(undefined)).toEqual({ code: 'app.unknown', message: '出现未知错误，数据没有改动。请重试。' })
  })

  it('says in Chinese when the shell refuses an argument of the wrong type', async () => {
    // What Tauri rejects with when an argument does not deserialize, before any of our code runs.
    invoke.mockRejectedValue('invalid args `amount` for command `pay`: invalid type: integer `5`, expected a string')
    const e = await api.pay({ unit: '1-1-101', amount: '5', method: 'cash', payer: '', reference: '', bills: [], late_fee_waivers: [] }).catch((x) => x)
    expect(e.code).toBe('desk.bad_request')
    expect(e.message).toMatch(/^提交的内容有一项格式不对（字段 amount），数据没有改动。/)
    expect(e.message).not.toMatch(/invalid|expected|integer/)
    const missing = toApiError('invalid args `unit` for command `unit_card`: command unit_card missing required key unit')
    expect(missing.code).toBe('desk.bad_request')
    expect(missing.message).toContain('字段 unit')
    expect(missing.message).not.toContain('missing')
  })

  it('sends each command its arguments by name', async () => {
    invoke.mockResolvedValue({})
    await api.unitCard('3-2-1502')
    await api.printReceipt('SF0000002')
    await api.setSetting('paper_size', 'a5')
    await api.unitLateFees('3-2-1502')
    await api.setLateFeeRule({ item: '物业服务费', rate: '万分之三', grace_days: 15, cap_percent: 100, from: '' })
    expect(invoke.mock.calls).toEqual([
      ['unit_card', { unit: '3-2-1502' }],
      ['print_receipt', { receiptNo: 'SF0000002' }],
      ['set_setting', { key: 'paper_size', value: 'a5' }],
      ['unit_late_fees', { unit: '3-2-1502', asOf: '' }],
      ['set_late_fee_rule', { form: { item: '物业服务费', rate: '万分之三', grace_days: 15, cap_percent: 100, from: '' } }],
    ])
  })

  it('sends register forms by name and feeds import progress from the channel', async () => {
    invoke.mockResolvedValue({})
    await api.editPerson(7, { name: '张三', phones: '13800000001', id_number: '' })
    await api.endOccupancy('3-2-1502', 12, '2026-11-23')
    await api.addVehicle('3-2-1502', '浙A12345', null)
    await api.revealPerson(7)
    await api.exportPerson(7)
    await api.erasePerson(7, '本人申请')
    expect(invoke.mock.calls).toEqual([
      ['edit_person', { personId: 7, form: { name: '张三', phones: '13800000001', id_number: '' } }],
      ['end_occupancy', { unit: '3-2-1502', occupancyId: 12, to: '2026-11-23' }],
      ['add_vehicle', { unit: '3-2-1502', plate: '浙A12345', personId: null }],
      ['reveal_person', { personId: 7 }],
      ['export_person', { personId: 7 }],
      ['erase_person', { personId: 7, reason: '本人申请' }],
    ])
    invoke.mockReset()
    const seen: number[] = []
    invoke.mockImplementation(async (_cmd: string, args: { onProgress: FakeChannel<{ done: number; total: number }> }) => {
      args.onProgress.onmessage({ done: 100, total: 250 })
      args.onProgress.onmessage({ done: 250, total: 250 })
      return { rows: 250 }
    })
    const form = { path: '/tmp/r.xlsx', sheet: '', dry_run: true, skip_bad_rows: false }
    const report = await api.importOwners(form, (p) => seen.push(p.done))
    expect(report.rows).toBe(250)
    expect(seen).toEqual([100, 250])
    expect(invoke.mock.calls[0][0]).toBe('import_owners')
    expect(invoke.mock.calls[0][1].form).toEqual(form)
  })
})
