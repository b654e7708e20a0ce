// The notice board (公告通知): estate-core bulletins::Template, Bulletin, Preview.

/** A placeholder's name and its value. */
export interface Filled {
  name: string
  value: string
}

export interface NoticeTemplate {
  id: number
  name: string
  title: string
  body: string
  /** Every placeholder of the title and body, in order. */
  placeholders: string[]
  /** Those filled from the settings ({小区} {电话} {落款} {日期}) with their value now; blank = not set, type it. */
  automatic: Filled[]
  /** Those typed when issuing: a field each. */
  to_type: string[]
  updated_at: string
  updated_by: string
  /** Notices issued from it. */
  used: number
}

/** A new template, or an edit (blank fields stay as they were). */
export interface TemplateTextForm {
  name: string
  title: string
  body: string
}

export interface NewNoticeForm {
  /** The template's name or id. */
  template: string
  values: Filled[]
  /** "2026-11-23"; blank = today. */
  date: string
}

export interface NoticeWithdrawal {
  reason: string
  at: string
  operator: string
}

export interface Notice {
  id: number
  /** GG20261123-01 */
  bulletin_no: string
  template_id: number
  template_name: string
  title: string
  /** Paragraphs separated by "\n". */
  body: string
  /** The 落款 printed at the foot. */
  issuer: string
  dated: string
  /** "2026年11月23日" */
  date_text: string
  filled: Filled[]
  issued_at: string
  operator: string
  withdrawn: NoticeWithdrawal | null
}

export interface NoticePreview {
  title: string
  body: string
  issuer: string
  date_text: string
  /** Placeholders still without a value (they stay in braces in the text). */
  missing: string[]
}
