// What the backup screen and the start screen say about backups: sizes, the
// timer, the restore confirmation, and when to offer 从备份恢复.
import type { ApiError, Backup, BackupOutcome } from '../api'

/** Bytes as a clerk reads them: 356 KB, 1.2 MB (as `estate backup list` prints them). */
export function formatSize(bytes: number): string {
  if (bytes >= 1 << 20) return `${(bytes / (1 << 20)).toFixed(1)} MB`
  return `${Math.ceil(bytes / 1024)} KB`
}

/** The timer setting in words. */
export function scheduleText(minutes: number): string {
  if (minutes <= 0) return '不定时备份（只在日结、升级前、恢复前和手动时备份）'
  if (minutes % 60 === 0) return `程序开着时每 ${minutes / 60} 小时备份一次`
  return `程序开着时每 ${minutes} 分钟备份一次`
}

/** What the timer did last, or null before its first backup. */
export function lastScheduledText(last: BackupOutcome | null): string | null {
  if (!last) return null
  if (last.made) return `上次定时备份：${last.made.backup.taken_at}，${last.made.backup.name}`
  return `上次定时备份没有做成：${last.problem?.message ?? ''}`
}

/** The confirmation before a restore: which backup, what it replaces, and where the data of now is kept. */
export function restoreConfirmText(backup: Backup, estate: string, folder: string): string {
  return `将用备份“${backup.name}”（${backup.taken_at}，${backup.reason_label}）替换 ${estate} 里的全部数据。`
    + `恢复前，现在的数据会先另存为一份“恢复前”备份，放在 ${folder}。恢复后请重新登录。`
}

/** The start screen offers 从备份恢复 for a file refused as corrupt or written by a newer program. */
export function offersRestore(problem: ApiError | null | undefined, path: string | null | undefined): boolean {
  return !!path && (problem?.code === 'db.corrupt' || problem?.code === 'db.too_new')
}

/** The confirmation on the start screen, where the refused file is kept as found. */
export function restoreAtStartText(backupFile: string, estate: string): string {
  return `将用备份 ${backupFile} 替换 ${estate} 里的数据。现在这个打不开的文件会原样另存一份“恢复前”备份（放在它旁边的 backups 文件夹），不会删除。`
}
