// Every failure the UI sees is {code, message}: the core's own errors arrive
// in that shape; anything else (a broken bridge, a missing command) is mapped
// to it here so screens have one thing to show.

export interface ApiError {
  /** A stable dotted code the UI may branch on, e.g. "receipt.already_void". */
  code: string
  /** Chinese, says what to do. */
  message: string
}

export function isApiError(e: unknown): e is ApiError {
  return typeof e === 'object' && e !== null && typeof (e as ApiError).code === 'string' && typeof (e as ApiError).message === 'string'
}

// Tauri refuses arguments of the wrong JSON type (or missing ones) before our
// code runs, with an English string: "invalid args `amount` for command `pay`:
// invalid type: integer `5`, expected a string".
const invalidArgs = /^invalid args `([^`]*)` for command `([^`]*)`/

export function toApiError(e: unknown): ApiError {
  if (isApiError(e)) return { code: e.code, message: e.message }
  const refused = typeof e === 'string' ? invalidArgs.exec(e) : null
  if (refused) {
    return {
      code: 'desk.bad_request',
      message: `提交的内容有一项格式不对（字段 ${refused[1]}），数据没有改动。请检查填写的内容后重试；如果一再出现，请重新启动 EstateDesk。`,
    }
  }
  const detail = typeof e === 'string' ? e : e instanceof Error ? e.message : ''
  if (detail) return { code: 'app.bridge', message: `程序内部通信出错（${detail}）。请重试；如果一再出现，请重新启动 EstateDesk。` }
  return { code: 'app.unknown', message: '出现未知错误，数据没有改动。请重试。' }
}

/** Codes the screens branch on. */
export const Codes = {
  notSignedIn: 'app.not_signed_in',
  noDatabase: 'app.no_database',
  forbidden: 'staff.forbidden',
} as const
