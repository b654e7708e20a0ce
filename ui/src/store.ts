// The session as the window sees it: the estate file, who is signed in, what
// they may do, and a status line. Refreshed from the shell after each change.
import { reactive } from 'vue'
import * as api from './api'
import type { ApiError, Permission, Status } from './api'

export const ROLE_LABELS: Record<string, string> = { clerk: '前台', supervisor: '主管', finance: '财务' }

export const session = reactive({
  status: null as Status | null,
  /** The last thing done, for the status line. */
  note: '',
  locked: false,
})

export function can(p: Permission): boolean {
  return session.status?.permissions.includes(p) ?? false
}

/** Not theirs alone, but theirs with a supervisor's approval on the spot (主管授权 asks for it). */
export function needsApproval(p: Permission): boolean {
  return !can(p) && (session.status?.approvable.includes(p) ?? false)
}

/** Offered to them: theirs, or theirs with a supervisor's approval; greyed otherwise. */
export function mayAsk(p: Permission): boolean {
  return can(p) || needsApproval(p)
}

export async function refresh(): Promise<Status> {
  session.status = await api.startup()
  return session.status
}

export function setStatus(status: Status) {
  session.status = status
}

export function note(text: string) {
  session.note = text
}

export function errorText(e: unknown): string {
  return api.toApiError(e as ApiError).message
}
