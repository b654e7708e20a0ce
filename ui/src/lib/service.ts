// The service desk's choices as the core takes them (codes or the Chinese
// labels), and what step a request may take next: the same rules the core
// keeps (service/rules.rs), used only to offer the right button.
import { ElMessage } from 'element-plus'
import type { RequestKind, RequestStatus } from '../api'
import { note } from '../store'

export const KINDS = ['咨询', '服务', '报修', '投诉']
export const SUBJECTS = ['服务质量', '收费', '社区活动', '紧急事件', '毗邻关系', '其他']
export const URGENCIES = ['一般', '紧急', '特急']
export const CHANNELS = ['电话', '来访', '代述', '信函', '意见箱', '员工转达', '线上']
export const REPLY_CHANNELS = ['电话', '上门', '书面', '线上', '面谈']
export const AREAS = ['户内', '公共区域']
export const CATEGORIES = ['给排水', '电路', '门窗锁具', '墙地面', '公共设施', '其他']

export const STEP_LABELS: Record<string, string> = {
  classified: '定性',
  investigated: '调查原因',
  assigned: '指派责任人',
  proposed: '处理方案',
  replied: '答复业主',
  visited: '回访',
  summarised: '总结',
  closed: '关闭',
}

const PATH: RequestStatus[] = ['recorded', 'classified', 'investigated', 'assigned', 'proposed', 'replied', 'visited', 'summarised', 'closed']

/** The steps a request may take from where it stands (an invalid complaint only closes). */
export function nextSteps(kind: RequestKind, status: RequestStatus, invalid: boolean): RequestStatus[] {
  if (status === 'closed') return []
  if (kind === 'complaint') {
    if (status === 'classified' && invalid) return ['closed']
    return [PATH[PATH.indexOf(status) + 1]]
  }
  const next: Record<string, RequestStatus[]> = { recorded: ['replied', 'assigned'], assigned: ['replied'], replied: ['visited', 'closed'], visited: ['closed'] }
  return next[status] ?? []
}

/** A work order's next steps by where it stands; from done also 返修 (dispatched again). */
export type OrderAction = 'dispatched' | 'arrived' | 'done' | 'checked' | 'visited' | 'closed'
export const ORDER_LABELS: Record<OrderAction, string> = { dispatched: '派工', arrived: '到场', done: '完工', checked: '验收', visited: '回访', closed: '关闭' }

export function orderNext(area: 'public' | 'unit', status: string): OrderAction[] {
  const after: Record<string, OrderAction[]> = {
    reported: ['dispatched'],
    dispatched: ['arrived'],
    arrived: ['done'],
    done: [area === 'public' ? 'checked' : 'visited', 'dispatched'],
    checked: ['closed'],
    visited: ['closed'],
  }
  return after[status] ?? []
}

/** Says what was done: on the status line and as a passing message. */
export function told(text: string) {
  note(text)
  ElMessage.success(text)
}
