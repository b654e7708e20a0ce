// Reading a unit code as a clerk types it, so the search box can tell a unit
// code from a name: "3栋2单元1502室", "３－２－１５０２", "s1-101" → "3-2-1502", "S1-101".
// The core reads the code again and has the last word.

const BUILDING = /^(.+?)(?:号楼|栋|幢|座|楼)(.*)$/

function halfWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
}

function part(p: string, marks: RegExp): string | null {
  const t = p.replace(marks, '')
  return /^[0-9A-Za-z]+$/.test(t) ? t.toUpperCase() : null
}

/** The code as 楼栋-单元-房号 (or 楼栋-房号), or null when the text is not a unit code. */
export function normaliseUnitCode(text: string): string | null {
  const t = halfWidth(text).replace(/\s+/g, '').replace(/[—–]/g, '-')
  if (!t) return null
  let parts: Array<string | null>
  if (t.includes('-')) {
    const raw = t.split('-')
    if (raw.length < 2 || raw.length > 3) return null
    parts = raw.map((p, i) => part(p, i === raw.length - 1 ? /(室|号)$/ : i === 0 ? /(号楼|栋|幢|座|楼)$/ : /单元$/))
  } else {
    const b = BUILDING.exec(t)
    if (!b) return null
    const [entrance, room] = b[2].includes('单元') ? b[2].split('单元', 2) : ['', b[2]]
    parts = [part(b[1], /$^/), ...(entrance ? [part(entrance, /$^/)] : []), part(room, /(室|号)$/)]
  }
  if (parts.some((p) => p == null)) return null
  return parts.join('-')
}
