import { describe, expect, it } from 'vitest'
import { nextSteps, orderNext } from './service'

describe('service desk steps', () => {
  it('walks a complaint one step at a time, and closes an invalid one at once', () => {
    expect(nextSteps('complaint', 'recorded', false)).toEqual(['classified'])
    expect(nextSteps('complaint', 'classified', false)).toEqual(['investigated'])
    expect(nextSteps('complaint', 'classified', true)).toEqual(['closed'])
    expect(nextSteps('complaint', 'proposed', false)).toEqual(['replied'])
    expect(nextSteps('complaint', 'summarised', false)).toEqual(['closed'])
    expect(nextSteps('complaint', 'closed', false)).toEqual([])
  })

  it('answers other requests before visiting or closing them', () => {
    expect(nextSteps('repair', 'recorded', false)).toEqual(['replied', 'assigned'])
    expect(nextSteps('consult', 'assigned', false)).toEqual(['replied'])
    expect(nextSteps('service', 'replied', false)).toEqual(['visited', 'closed'])
  })

  it('checks a public repair and calls back the owner of an in-unit one, only once done', () => {
    expect(orderNext('unit', 'arrived')).toEqual(['done'])
    expect(orderNext('unit', 'done')).toEqual(['visited', 'dispatched'])
    expect(orderNext('public', 'done')).toEqual(['checked', 'dispatched'])
    expect(orderNext('public', 'checked')).toEqual(['closed'])
    expect(orderNext('public', 'closed')).toEqual([])
  })
})
