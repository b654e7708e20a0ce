import { describe, expect, it } from 'vitest'
import type { RoundAnswer, InspectItem, Round } from '../api'
import { checklistItems, mayFinish, openFindings, progress, unanswered } from './inspections'

const answer = (position: number, ok: boolean | null, order_no: string | null = null): RoundAnswer => ({
  position, item_id: position, item: `项${position}`, ok, result_label: ok === null ? '未填' : ok ? '正常' : '异常', note: ok === false ? '坏了' : '',
  answered_at: null, answered_by: null, order_no, order_status_label: order_no ? '已报修' : null, finding: `XJ1/${position}`,
})
const round = (answers: RoundAnswer[], finished = false): Round => ({
  id: 1, round_no: 'XJ1', checklist: 'public', checklist_label: '公共区域', title: '每周公共区域巡检', unit: '', inspected_on: '2026-11-23', inspector: '老周',
  finished, status_label: finished ? '已完成' : '进行中', items: answers.length, answered: answers.filter((a) => a.ok !== null).length, faults: 0, orders: 0,
  finished_at: null, finished_by: null, recorded_at: '', operator: '', answers,
})

describe('巡检', () => {
  it('finishes a round only once every item is answered', () => {
    const r = round([answer(1, true), answer(2, null), answer(3, false)])
    expect(unanswered(r).map((a) => a.position)).toEqual([2])
    expect(mayFinish(r)).toBe(false)
    expect(mayFinish(round([answer(1, true), answer(3, false)]))).toBe(true)
    expect(mayFinish(round([answer(1, true)], true))).toBe(false)
    expect(progress(r)).toBe('2/3')
  })

  it('offers a work order only for a finding that has none', () => {
    const r = round([answer(1, true), answer(2, false, 'WX1'), answer(3, false), answer(4, null)])
    expect(openFindings(r).map((a) => a.position)).toEqual([3])
  })

  it('lists a checklist in its order, the retired last', () => {
    const item = (id: number, checklist: 'public' | 'vacant', position: number, retired = false): InspectItem => ({ id, checklist, checklist_label: '', name: `i${id}`, position, retired, used: false })
    const items = [item(1, 'public', 2), item(2, 'public', 1), item(3, 'vacant', 1), item(4, 'public', 3, true)]
    expect(checklistItems(items, 'public', false).map((i) => i.id)).toEqual([2, 1])
    expect(checklistItems(items, 'public', true).map((i) => i.id)).toEqual([2, 1, 4])
    expect(checklistItems(items, 'vacant', true).map((i) => i.id)).toEqual([3])
  })
})
