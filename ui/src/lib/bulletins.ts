// The notice board's screen logic: the issue dialog's fields (one per
// placeholder the clerk types, plus an automatic one whose setting is blank),
// what is sent, and copying a notice's text for a message. Filling the
// placeholders stays in the core (its preview), so the screen never fills a
// text differently from the PDF.
import type { Filled, Notice, NoticeTemplate } from '../api'

/** The fields of the issue dialog: each placeholder typed, then each automatic one with no value set. */
export function fieldsFor(t: NoticeTemplate | undefined, before: Filled[] = []): Filled[] {
  if (!t) return []
  const names = [...t.to_type, ...t.automatic.filter((a) => !a.value.trim()).map((a) => a.name)]
  // What was typed for a name is kept when the clerk switches template and back.
  return names.map((name) => ({ name, value: before.find((f) => f.name === name)?.value ?? '' }))
}

/** The values as the core takes them: trimmed, blank ones left out (the core lists them as missing). */
export function valuesToSend(fields: Filled[]): Filled[] {
  return fields.map((f) => ({ name: f.name, value: f.value.trim() })).filter((f) => f.value !== '')
}

/** A hint under a field: an example of what goes there. */
export function hintFor(name: string): string {
  const hints: Record<string, string> = {
    原因: '如：二次供水管道检修',
    开始: '如：11月25日（周三）8:00',
    结束: '如：11月25日18:00',
    范围: '如：3栋、5栋全体住户',
    地点: '如：小区中心广场',
    费用: '如：2027年度物业服务费',
    电话: '设置里没有服务中心电话，请填写',
    小区: '设置里没有小区名称，请填写',
  }
  return hints[name] ?? ''
}

/** A notice's state as the list shows it. */
export function stateOf(n: Notice): string {
  return n.withdrawn ? `已撤回：${n.withdrawn.reason}` : '有效'
}

/**
 * Puts `text` on the clipboard: the async clipboard where the web view allows
 * it, else the old copy command on a hidden text area (WebKitGTK without a
 * secure context). Returns whether it worked.
 */
export async function copyText(text: string, doc: Document = document): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      // A web view that neither allows nor refuses (no permission prompt to answer) would leave the clerk waiting.
      const late = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('clipboard timeout')), 1500))
      await Promise.race([navigator.clipboard.writeText(text), late])
      return true
    }
  } catch {
    // Fall through to the copy command.
  }
  const area = doc.createElement('textarea')
  area.value = text
  area.setAttribute('readonly', '')
  area.style.position = 'fixed'
  area.style.opacity = '0'
  doc.body.appendChild(area)
  area.select()
  let ok = false
  try {
    ok = doc.execCommand('copy')
  } catch {
    ok = false
  }
  doc.body.removeChild(area)
  return ok
}
