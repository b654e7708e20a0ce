import { describe, expect, it } from 'vitest'
import type { KeyLoan } from '../api/types'
import { authorisations, authorisedText, emptyLoan, idTailProblem, loanState, monthOf, pickCandidate, statusTag } from './keys'

const loan = (over: Partial<KeyLoan>): KeyLoan => ({
  id: 1, key_id: 1, unit: '1-1-101', hook: 'A-01', borrower: '李四', borrower_kind: 'authorised', borrower_kind_label: '授权人', id_type: '身份证', id_last4: '123X',
  purpose: '开窗', out_at: '2026-11-23T09:00:00+08:00', due_at: '2026-11-23T18:00:00+08:00', operator: '王前台', approved_by: null, override_reason: null, returned: null, overdue: false,
  ...over,
})

describe('keys', () => {
  it('only the last four characters of a document are typed', () => {
    expect(idTailProblem('')).toBe('')
    expect(idTailProblem('123x')).toBe('')
    expect(idTailProblem('110101198001010011')).toContain('不要输入完整号码')
    expect(idTailProblem('12')).toContain('最后 4 位')
    expect(idTailProblem('12-4')).toContain('数字或字母')
  })

  it('states and colours', () => {
    expect(loanState(loan({}))).toBe('未还')
    expect(loanState(loan({ overdue: true }))).toBe('逾期未还')
    expect(loanState(loan({ overdue: true, returned: { returned_at: 'x', returned_by: '李四', condition: '', operator: 'w' } }))).toBe('逾期归还')
    expect(loanState(loan({ returned: { returned_at: 'x', returned_by: '李四', condition: '', operator: 'w' } }))).toBe('已还')
    expect([statusTag('in'), statusTag('out'), statusTag('overdue'), statusTag('released')]).toEqual(['success', 'warning', 'danger', 'info'])
  })

  it('the deposit form makes the authorisations', () => {
    expect(authorisations('李四、王五 赵六', true, ' 美家装饰 ', '2026-11-01', '2026-11-30')).toEqual([
      { kind: 'person', name: '李四', from: '', to: '' },
      { kind: 'person', name: '王五', from: '', to: '' },
      { kind: 'person', name: '赵六', from: '', to: '' },
      { kind: 'engineering', name: '', from: '', to: '' },
      { kind: 'contractor', name: '美家装饰', from: '2026-11-01', to: '2026-11-30' },
    ])
    expect(authorisations('', false, '', '', '')).toEqual([])
    expect(authorisedText([{ name: '李四', from: null, to: null }, { name: '美家', from: '2026-11-01', to: '2026-11-30' }])).toBe('李四、美家（2026-11-01 至 2026-11-30）')
  })

  it('picking a candidate fills the loan', () => {
    const f = pickCandidate(emptyLoan(), { name: '美家装饰 刘工', kind: 'contractor', kind_label: '施工方', basis: '施工授权' })
    expect([f.borrower, f.borrower_kind, f.id_type, f.due]).toEqual(['美家装饰 刘工', 'contractor', '身份证', ''])
  })

  it('a month from a day', () => {
    expect(monthOf('2026-11-23')).toEqual(['2026-11-01', '2026-11-30'])
    expect(monthOf('2028-02-05')).toEqual(['2028-02-01', '2028-02-29'])
  })
})
