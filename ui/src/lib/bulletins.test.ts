import { describe, expect, it, vi } from 'vitest'
import type { Notice, NoticeTemplate } from '../api'
import { copyText, fieldsFor, hintFor, stateOf, valuesToSend } from './bulletins'

const water: NoticeTemplate = {
  id: 1,
  name: '停水通知',
  title: '停水通知',
  body: '因{原因}，{小区}定于{开始}至{结束}对{范围}停水。电话：{电话}',
  placeholders: ['原因', '小区', '开始', '结束', '范围', '电话'],
  automatic: [{ name: '小区', value: '翠湖花园' }, { name: '电话', value: '' }],
  to_type: ['原因', '开始', '结束', '范围'],
  updated_at: '',
  updated_by: '系统',
  used: 0,
}

describe('the notice board', () => {
  it('asks for each typed placeholder and an automatic one whose setting is blank', () => {
    expect(fieldsFor(water).map((f) => f.name)).toEqual(['原因', '开始', '结束', '范围', '电话'])
    expect(fieldsFor(undefined)).toEqual([])
    const kept = fieldsFor(water, [{ name: '开始', value: '明天8:00' }, { name: '地点', value: '广场' }])
    expect(kept.find((f) => f.name === '开始')?.value).toBe('明天8:00')
    expect(kept.some((f) => f.name === '地点')).toBe(false)
  })

  it('sends trimmed values and leaves the blank ones for the core to name', () => {
    expect(valuesToSend([{ name: '原因', value: ' 检修 ' }, { name: '开始', value: '  ' }])).toEqual([{ name: '原因', value: '检修' }])
  })

  it('gives examples and says a notice was withdrawn with its reason', () => {
    expect(hintFor('开始')).toContain('8:00')
    expect(hintFor('别的')).toBe('')
    const n = { withdrawn: null } as Notice
    expect(stateOf(n)).toBe('有效')
    expect(stateOf({ ...n, withdrawn: { reason: '改期', at: '', operator: '' } })).toBe('已撤回：改期')
  })

  it('copies with the clipboard, or with the copy command when the clipboard is refused', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined)
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    expect(await copyText('停水通知')).toBe(true)
    expect(writeText).toHaveBeenCalledWith('停水通知')
    writeText.mockRejectedValue(new Error('not allowed'))
    const exec = vi.fn().mockReturnValue(true)
    Object.defineProperty(document, 'execCommand', { value: exec, configurable: true })
    expect(await copyText('停水通知')).toBe(true)
    expect(exec).toHaveBeenCalledWith('copy')
    expect(document.querySelectorAll('textarea').length).toBe(0)
  })
})
