// 主管授权: a clerk's supervisor-only action (void a receipt, waive, edit fees
// or a billed unit, restore) is tried as it is; when the core answers
// `staff.approval_needed`, the one ApprovalDialog asks a supervisor for their
// name and password on the spot and the same call is made again with them.
// The core decides and records both names; a wrong password (counted there
// towards the supervisor's lock) is shown in the dialog to try again; 取消
// sends nothing more, so nothing is written.
import { reactive } from 'vue'
import { toApiError } from '../api/error'
import type { ApiError } from '../api/error'
import type { Approval } from '../api/types'

export const APPROVAL_NEEDED = 'staff.approval_needed'

/** Refusals of the approver, not of the action: the dialog stays open for another try. */
const APPROVER_REFUSED = new Set(['staff.approver_bad_credentials', 'staff.approver_not_supervisor', 'staff.locked', 'staff.inactive'])

/** What the caller gets when the supervisor's approval was not given. */
export const CANCELLED: ApiError = { code: 'approval.cancelled', message: '没有主管授权，已取消，数据没有改动。' }

/** The dialog's state: what is being approved, what is typed, the last refusal. */
export const approval = reactive({ open: false, action: '', name: '', password: '', error: '', busy: false })

interface Asking {
  retry: (given: Approval) => Promise<void>
  cancel: () => void
}
let asking: Asking | null = null

/**
 * Runs `call()`; if the core wants a supervisor's approval for it, asks for one
 * (`action` says what, e.g. “作废收据 SF0000001”) and runs `call(approval)` until
 * it is done, refused for another reason, or cancelled (`CANCELLED`).
 */
export async function withApproval<T>(action: string, call: (approval?: Approval) => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (e) {
    const refused = toApiError(e)
    if (refused.code !== APPROVAL_NEEDED) throw refused
  }
  asking?.cancel()
  return new Promise<T>((resolve, reject) => {
    Object.assign(approval, { open: true, action, name: '', password: '', error: '', busy: false })
    const close = () => {
      asking = null
      Object.assign(approval, { open: false, password: '', busy: false })
    }
    asking = {
      async retry(given) {
        try {
          const done = await call(given)
          close()
          resolve(done)
        } catch (e) {
          const refused = toApiError(e)
          if (APPROVER_REFUSED.has(refused.code)) {
            Object.assign(approval, { error: refused.message, password: '' })
            return
          }
          close()
          reject(refused)
        }
      },
      cancel() {
        close()
        reject(CANCELLED)
      },
    }
  })
}

/** 授权 (Enter): tries again with the name and password typed. */
export async function submitApproval(): Promise<void> {
  if (!asking || approval.busy) return
  const name = approval.name.trim()
  if (!name || !approval.password) {
    approval.error = '请主管输入自己的姓名和密码。'
    return
  }
  approval.busy = true
  approval.error = ''
  try {
    await asking.retry({ name, password: approval.password })
  } finally {
    approval.busy = false
  }
}

/** 取消 (Esc): the action is dropped; nothing was written. */
export function cancelApproval(): void {
  asking?.cancel()
}

