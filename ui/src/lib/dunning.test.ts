import { describe, expect, it } from 'vitest'
import { STAGE_FILTERS, stageTag, warningTag } from './dunning'

describe('dunning names and colours', () => {
  it('offers any, not yet chased, then the stages mildest first', () => {
    expect(STAGE_FILTERS.map((s) => s.value)).toEqual(['', '未催缴', '提醒', '催缴函', '上门', '律师函·诉讼'])
  })
  it('colours stages by how far they went and warnings by urgency', () => {
    expect([null, 'reminder', 'letter', 'visit', 'legal'].map((s) => stageTag(s as never))).toEqual(['info', 'primary', 'warning', 'warning', 'danger'])
    expect([warningTag('approaching'), warningTag('past')]).toEqual(['warning', 'danger'])
  })
})
