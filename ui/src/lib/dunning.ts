// The names the 催缴 screen offers and the colours it shows them in. The core
// reads the Chinese names back (it also knows the codes); nothing is decided here.
import type { Stage, WarningLevel } from '../api'

/** Escalation stages, mildest first. */
export const STAGES = ['提醒', '催缴函', '上门', '律师函·诉讼'] as const
/** How a contact was made. */
export const CHANNELS = ['电话', '短信', '微信', '上门', '邮寄', '当面', '律师'] as const
/** The stage filter: blank = any, 未催缴 = in arrears and not yet chased. */
export const STAGE_FILTERS = [{ value: '', label: '全部' }, { value: '未催缴', label: '未催缴' }, ...STAGES.map((s) => ({ value: s, label: s }))]

type TagType = 'info' | 'primary' | 'warning' | 'danger' | 'success'

/** Milder stages in calm colours, legal action in red; not yet chased in grey. */
export function stageTag(stage: Stage | null): TagType {
  switch (stage) {
    case 'reminder': return 'primary'
    case 'letter': return 'warning'
    case 'visit': return 'warning'
    case 'legal': return 'danger'
    default: return 'info'
  }
}

/** A period already run out is red; one running out soon is orange. */
export function warningTag(level: WarningLevel): TagType {
  return level === 'past' ? 'danger' : 'warning'
}
