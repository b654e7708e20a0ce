// Backups (设置 → 备份与恢复).
import type { ApiError } from '../error'
import type { DaySummary } from './close'

export type BackupReason = 'day_close' | 'upgrade' | 'restore' | 'scheduled' | 'on_demand'

export interface Backup {
  file: string
  name: string
  /** Local time, "2026-12-04 15:30:00". */
  taken_at: string
  reason: BackupReason
  reason_label: string
  bytes: number
}

export interface BackupMade {
  backup: Backup
  folder: string
  /** Our oldest backups removed to keep the number of generations set. */
  pruned: string[]
}

/** A backup made along with another action (the daily close, the timer): the action stands either way. */
export interface BackupOutcome {
  made: BackupMade | null
  problem: ApiError | null
}

export interface Backups {
  folder: string
  default_folder: string
  keep: number
  interval_minutes: number
  /** Newest first. */
  backups: Backup[]
  /** Why the folder could not be read (a USB drive not plugged in). */
  problem: ApiError | null
  last_scheduled: BackupOutcome | null
}

export interface Restored {
  from: string
  /** The estate as it was just before, kept in the backup folder (null: there was no file yet). */
  safety: Backup | null
  version: number
  /** Who restored it, and the supervisor who approved a clerk's restore on the spot. */
  restored_by: string
  approved_by: string | null
}

/** A day just closed, and the backup made at the close. */
export type ClosedDay = DaySummary & { backup: BackupOutcome }
