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

export function toApiError(e: unknown): ApiError {
  if (isApiError(e)) return { code: e.code, message: e.message }
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
