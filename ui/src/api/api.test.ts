import { beforeEach, describe, expect, it, vi } from 'vitest'

const invoke = vi.fn()
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args) }))

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
    const e = await api.pay({ unit: '1-1-101', amount: '1', method: 'cash', payer: '', reference: '', bills: [] }).catch((x) => x)
    expect(isApiError(e)).toBe(true)
    expect(e.code).toBe('app.bridge')
    expect(e.message).toContain('command pay not found')
    expect(toApiError(new Error('boom')).message).toContain('boom')
    expect(toApiError(undefined)).toEqual({ code: 'app.unknown', message: '出现未知错误，数据没有改动。请重试。' })
  })

  it('sends each command its arguments by name', async () => {
    invoke.mockResolvedValue({})
    await api.unitCard('3-2-1502')
    await api.printReceipt('SF0000002')
    await api.setSetting('paper_size', 'a5')
    expect(invoke.mock.calls).toEqual([
      ['unit_card', { unit: '3-2-1502' }],
      ['print_receipt', { receiptNo: 'SF0000002' }],
      ['set_setting', { key: 'paper_size', value: 'a5' }],
    ])
  })
})
