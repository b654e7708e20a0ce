import { describe, expect, it } from 'vitest'
import type { Backup } from '../api'
import { formatSize, lastScheduledText, offersRestore, restoreAtStartText, restoreConfirmText, scheduleText } from './backups'

const backup: Backup = {
  file: '/data/backups/翠湖花园-20261204-153000-日结.db', name: '翠湖花园-20261204-153000-日结.db',
  taken_at: '2026-12-04 15:30:00', reason: 'day_close', reason_label: '日结', bytes: 364544,
}

describe('backups', () => {
  it('sizes read as the CLI prints them', () => {
    expect(formatSize(364544)).toBe('356 KB')
    expect(formatSize(1)).toBe('1 KB')
    expect(formatSize(1288490)).toBe('1.2 MB')
  })

  it('the timer says how often, or that it is off', () => {
    expect(scheduleText(120)).toBe('程序开着时每 2 小时备份一次')
    expect(scheduleText(45)).toBe('程序开着时每 45 分钟备份一次')
    expect(scheduleText(0)).toContain('不定时备份')
  })

  it('the last timed backup is named, or why it failed', () => {
    expect(lastScheduledText(null)).toBeNull()
    expect(lastScheduledText({ made: { backup, folder: '/data/backups', pruned: [] }, problem: null })).toBe(`上次定时备份：2026-12-04 15:30:00，${backup.name}`)
    expect(lastScheduledText({ made: null, problem: { code: 'backup.folder_missing', message: '备份文件夹 /media/u 不存在。' } })).toBe('上次定时备份没有做成：备份文件夹 /media/u 不存在。')
  })

  it('the restore confirmation names the backup, the file replaced and where the safety backup goes', () => {
    const text = restoreConfirmText(backup, '/data/estate.db', '/data/backups')
    for (const want of [backup.name, '2026-12-04 15:30:00', '日结', '/data/estate.db', '恢复前', '/data/backups', '重新登录']) expect(text).toContain(want)
    expect(restoreAtStartText('/u/b.db', '/data/estate.db')).toContain('不会删除')
  })

  it('the start screen offers a restore only for a corrupt or too new file', () => {
    expect(offersRestore({ code: 'db.corrupt', message: '' }, '/data/estate.db')).toBe(true)
    expect(offersRestore({ code: 'db.too_new', message: '' }, '/data/estate.db')).toBe(true)
    expect(offersRestore({ code: 'db.not_found', message: '' }, '/data/estate.db')).toBe(false)
    expect(offersRestore({ code: 'db.corrupt', message: '' }, null)).toBe(false)
    expect(offersRestore(null, '/data/estate.db')).toBe(false)
  })
})
