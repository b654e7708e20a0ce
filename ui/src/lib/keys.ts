// Keys held in custody (托管钥匙): what the 钥匙 screen and 首页 show, as pure
// functions. The core decides every rule; these only shape forms and labels.
import type { BorrowerKind, KeyAuthForm, KeyCandidate, KeyLoan, KeyLoanForm, KeyStatus } from '../api/types'

export const BORROWER_KINDS: Array<{ value: BorrowerKind; label: string }> = [
  { value: 'owner', label: '业主' },
  { value: 'authorised', label: '授权人' },
  { value: 'contractor', label: '施工方' },
  { value: 'staff', label: '员工（工程部）' },
]

export const ID_TYPES = ['身份证', '护照', '港澳通行证', '台胞证', '驾驶证', '工作证', '其他']

/** The tag colour of a key's state. */
export function statusTag(status: KeyStatus): 'success' | 'warning' | 'danger' | 'info' {
  return ({ in: 'success', out: 'warning', overdue: 'danger', released: 'info' } as const)[status]
}

/** A loan's state as the history shows it. */
export function loanState(l: KeyLoan): string {
  if (l.returned) return l.overdue ? '逾期归还' : '已还'
  return l.overdue ? '逾期未还' : '未还'
}

/** Checked as the clerk types, the core checks again: only the last 4 characters of a document number. */
export function idTailProblem(text: string): string {
  const t = text.trim()
  if (!t) return ''
  if (t.length > 4) return '只登记证件号码最后 4 位，请不要输入完整号码'
  if (!/^[0-9A-Za-z]{1,4}$/.test(t)) return '证件号码后 4 位只能是数字或字母（如 123X）'
  return t.length < 4 ? '还差几位：要最后 4 位' : ''
}

/** A blank loan, due today at the office's default time. */
export function emptyLoan(): KeyLoanForm {
  return { borrower: '', borrower_kind: 'owner', id_type: '身份证', id_last4: '', purpose: '', due: '', override_reason: null }
}

/** Picking someone from the authorised list fills the name and the kind (a staff member types their own name). */
export function pickCandidate(form: KeyLoanForm, c: KeyCandidate): KeyLoanForm {
  return { ...form, borrower: c.name, borrower_kind: c.kind }
}

/** The deposit form's authorisations: named persons (separated by 、，, or spaces), the engineering team, a contractor with dates. */
export function authorisations(persons: string, engineering: boolean, contractor: string, from: string, to: string): KeyAuthForm[] {
  const out: KeyAuthForm[] = persons
    .split(/[、，,;；\s]+/)
    .map((n) => n.trim())
    .filter(Boolean)
    .map((name) => ({ kind: 'person', name, from: '', to: '' }))
  if (engineering) out.push({ kind: 'engineering', name: '', from: '', to: '' })
  if (contractor.trim()) out.push({ kind: 'contractor', name: contractor.trim(), from, to })
  return out
}

/** Who may borrow, in a line: 李四、工程部、美家装饰（2026-11-01 至 2026-11-30）; blank when only the owner. */
export function authorisedText(list: Array<{ name: string; from: string | null; to: string | null }>): string {
  return list.map((a) => (a.from && a.to ? `${a.name}（${a.from} 至 ${a.to}）` : a.name)).join('、')
}

/** The first and last day of the month of `day` ("2026-11-23" → ["2026-11-01", "2026-11-30"]). */
export function monthOf(day: string): [string, string] {
  const [y, m] = day.split('-').map(Number)
  const last = new Date(y, m, 0).getDate()
  const mm = String(m).padStart(2, '0')
  return [`${y}-${mm}-01`, `${y}-${mm}-${String(last).padStart(2, '0')}`]
}
