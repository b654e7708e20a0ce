import { describe, expect, it } from 'vitest'
import { ACCEPTANCE_ITEMS, INSPECTION_ITEMS, actionsFor, applicationMissing, applicationOf, checklist, deductionProblem, deductionsOf, emptyApplication, findingsOf, periodText, refundFigures, stepWho, STATUSES } from './reno'

describe('reno', () => {
  it('offers only the steps the status allows, in the order of the work', () => {
    expect(actionsFor('applied')).toEqual(['approve', 'reject'])
    expect(actionsFor('approved')).toEqual(['pay'])
    expect(actionsFor('paid')).toEqual(['issue', 'extend'])
    expect(actionsFor('issued')).toEqual(['print_permit', 'inspect', 'waterproof', 'release', 'extend', 'complete'])
    expect(actionsFor('completion_requested')).toContain('accept')
    expect(actionsFor('completion_requested')).not.toContain('complete')
    expect(actionsFor('accepted')).toEqual(['print_permit', 'release', 'refund'])
    expect(actionsFor('refunded')).toEqual(['print_voucher', 'close'])
    expect(actionsFor('rejected')).toEqual([])
    // No permit to print before it is issued; no voucher before the refund.
    for (const s of ['applied', 'approved', 'paid', 'rejected'] as const) expect(actionsFor(s)).not.toContain('print_permit')
    for (const s of STATUSES.map((x) => x.value).filter((s) => s !== 'refunded' && s !== 'closed')) expect(actionsFor(s)).not.toContain('print_voucher')
  })

  it('the application drops blank worker rows and keeps the scope in the core order', () => {
    const form = { ...emptyApplication('2026-11-05'), applicant: ' 张三 ', contractor: '美家', foreman: '刘工', foreman_phone: '13900001234', planned_end: '2026-12-31', scope: ['水电', '墙体'] }
    form.workers = [{ name: ' 王师傅 ', phone: '', id_last4: '123x' }, { name: '', phone: '', id_last4: '' }]
    const a = applicationOf(form)
    expect(a.applicant).toBe('张三')
    expect(a.scope).toEqual(['墙体', '水电'])
    expect(a.workers).toEqual([{ name: '王师傅', phone: '', id_last4: '123x' }])
    expect(applicationMissing('1-1-101', form)).toBe('')
    expect(applicationMissing('', { ...form, scope: [], contractor: ' ' })).toBe('请填写：房号、施工单位、施工范围')
  })

  it('ticked checklist items become the findings', () => {
    const lines = checklist(INSPECTION_ITEMS)
    expect(findingsOf(lines)).toEqual([])
    lines[3].problem = true
    lines[3].what = ' 楼道堆放建筑垃圾 '
    lines[4].problem = true
    expect(findingsOf(lines)).toEqual(['垃圾:楼道堆放建筑垃圾', '施工时间'])
    expect(checklist(ACCEPTANCE_ITEMS).map((l) => l.item)).toEqual(['承重墙', '防水', '水电', '门窗', '外立面', '公共部位'])
  })

  it('deductions are amount:reason, summed in fen against what is held', () => {
    const rows = [{ amount: '300', reason: '楼道墙面损坏修复' }, { amount: '', reason: '' }, { amount: '0.5', reason: '清洁' }]
    expect(deductionsOf(rows)).toEqual(['300:楼道墙面损坏修复', '0.5:清洁'])
    expect(refundFigures('2000.00', rows)).toEqual({ deducted: '300.50', refunded: '1699.50', tooMuch: false })
    expect(refundFigures('2000.00', [])).toEqual({ deducted: '0.00', refunded: '2000.00', tooMuch: false })
    expect(refundFigures('200.00', [{ amount: '300', reason: 'x' }])).toEqual({ deducted: '300.00', refunded: '0.00', tooMuch: true })
    expect(refundFigures('2000.00', [{ amount: 'abc', reason: 'x' }])).toBeNull()
    expect(deductionProblem({ amount: '300', reason: '' })).toBe('请写明扣款原因')
    expect(deductionProblem({ amount: '-3', reason: 'x' })).toContain('扣款金额')
    expect(deductionProblem({ amount: '', reason: '' })).toBe('')
  })

  it('says who did a step and the period after extensions', () => {
    expect(stepWho({ operator: '王前台', approved_by: '李主管' })).toBe('王前台（李主管 授权）')
    expect(stepWho({ operator: '李主管', approved_by: null })).toBe('李主管')
    expect(periodText({ planned_start: '2026-11-05', planned_end: '2027-01-31', end: '2027-02-28' })).toBe('2026-11-05 至 2027-02-28（已延期）')
    expect(periodText({ planned_start: '2026-11-05', planned_end: '2027-01-31', end: '2027-01-31' })).toBe('2026-11-05 至 2027-01-31')
  })
})
