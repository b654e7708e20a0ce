// 录入答卷 at keyboard speed: the unit, one digit per question, Enter saves
// the sheet with the scores in question order and clears for the next unit;
// a refusal from the core is shown and nothing is cleared.
import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'

const survey = {
  id: 2, name: '2026年下半年满意度调查', period: '2026-H2', period_label: '2026年下半年', opened_on: '2026-11-01', closed_on: null, closed_by: null, answers: 0, operator: '李主管', locked: false,
  questions: [
    { id: 1, position: 1, kind: 'score', kind_label: '评分题', text: '客服服务态度' },
    { id: 2, position: 2, kind: 'comment', kind_label: '意见题', text: '其他意见' },
    { id: 3, position: 3, kind: 'score', kind_label: '评分题', text: '保洁' },
  ],
}
let refuse = false
const invoke = vi.fn(async (command: string, args?: { form: { unit: string } }) => {
  if (command === 'survey_answer') {
    if (refuse) throw { code: 'survey.answered', message: '3-2-1502 已经交过“2026年下半年满意度调查”的答卷，每户每次调查只收一份。' }
    return { unit: args?.form.unit, replies: [] }
  }
  return null
})
vi.mock('@tauri-apps/api/core', () => ({ invoke: (c: string, a: unknown) => invoke(c, a as never) }))

import SurveyAnswer from './SurveyAnswer.vue'
import { session } from '../store'

async function sheet(w: ReturnType<typeof mount>, unit: string, keys: string[]) {
  await w.find('[data-test="survey-unit"]').setValue(unit)
  const scores = w.find('[data-test="survey-scores"]')
  for (const key of keys) await scores.trigger('keydown', { key })
  await flushPromises()
}

describe('录入答卷', () => {
  it('saves a sheet typed with the keyboard and clears for the next unit', async () => {
    session.status = { permissions: ['service', 'view'] } as never
    const w = mount(SurveyAnswer, { props: { survey: survey as never }, global: { plugins: [ElementPlus] }, attachTo: document.body })
    await w.find('[data-test="survey-comment-2"]').setValue('电梯有异响')
    await sheet(w, '3-2-1502', ['5', 'Enter'])
    expect(invoke).not.toHaveBeenCalled()
    await sheet(w, '3-2-1502', ['4', 'Enter'])
    expect(invoke).toHaveBeenCalledWith('survey_answer', {
      survey: '2026年下半年满意度调查',
      form: { unit: '3-2-1502', respondent: '', visited_on: '', visited_by: '', scores: [5, 4], comments: ['电梯有异响'] },
    })
    expect((w.find('[data-test="survey-unit"]').element as HTMLInputElement).value).toBe('')
    expect(w.text()).toContain('已打 0 / 2 题')

    refuse = true
    await sheet(w, '3-2-1502', ['3', '3', 'Enter'])
    expect(w.find('[data-test="survey-answer-error"]').text()).toContain('每户每次调查只收一份')
    expect((w.find('[data-test="survey-unit"]').element as HTMLInputElement).value).toBe('3-2-1502')
    w.unmount()
  })
})
