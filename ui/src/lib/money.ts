// Money arrives from the core as yuan text with two decimals ("1234.50", "-12.00").
// The screens show it with thousands separators; sums for the form are done in
// integer fen, never in floating point.

/** "1234.5" → 123450; null when the text is not an amount with at most two decimals. */
export function toFen(text: string | null | undefined): number | null {
  if (text == null) return null
  const cleaned = text.trim().replace(/^[¥￥]/, '').replace(/元$/, '').replace(/[,，\s]/g, '')
  const m = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(cleaned)
  if (!m) return null
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'))
  if (!Number.isSafeInteger(fen)) return null
  return m[1] ? -fen : fen
}

/** 123450 → "1234.50" (the form the core reads). */
export function fenToText(fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/** "1234567.5" → "1,234,567.50"; an empty cell for null. */
export function formatMoney(text: string | null | undefined): string {
  const fen = toFen(text)
  if (fen == null) return text ?? ''
  const [int, frac] = fenToText(fen).replace('-', '').split('.')
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${fen < 0 ? '-' : ''}${grouped}.${frac}`
}

/** Adds amounts given as yuan text; returns yuan text. */
export function sumMoney(values: string[]): string {
  return fenToText(values.reduce((acc, v) => acc + (toFen(v) ?? 0), 0))
}

/** What is wrong with an amount as typed, in Chinese; null when it is fine. */
export function amountProblem(text: string): string | null {
  if (!text.trim()) return '请填写金额'
  const fen = toFen(text)
  if (fen == null) return '金额应写成 300.00 这样的数字，最多两位小数'
  if (fen <= 0) return '金额必须大于 0'
  return null
}
