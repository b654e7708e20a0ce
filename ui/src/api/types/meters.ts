// Meters (抄表): estate-core's meters::model, as the shell returns it.
import type { RowProblem } from './register'

export type MeterKind = 'water' | 'electricity' | 'gas'
export type AnomalyKind = 'lower' | 'missing' | 'spike' | 'zero_occupied'
export type ShareBasis = 'area' | 'household'

export interface Meter {
  id: number
  kind: MeterKind
  unit: string | null
  name: string
  building: string | null
  parent: string | null
  digits: number
  start: string
  start_period: string
  fee: string
  serial: string
}

export interface Confirmation {
  note: string
  by: string
  at: string
}

export interface Anomaly {
  kind: AnomalyKind
  label: string
  meter_id: number
  meter: string
  unit: string | null
  period: string
  message: string
  confirmed: Confirmation | null
}

export interface ReadingLine {
  meter_id: number
  meter: string
  kind: MeterKind
  unit: string | null
  name: string
  period: string
  last: string
  value: string | null
  usage: string | null
  rollover: boolean
  swapped: string | null
  average: string | null
  spike_above: string | null
  digits: number
  occupied: boolean
  anomalies: Anomaly[]
}

export interface CheckReport {
  period: string
  meters: number
  readings: number
  anomalies: Anomaly[]
  unconfirmed: number
}

export interface MeterShare {
  unit: string
  weight: string
  amount: string
}

export interface MeterAllocation {
  id: number
  meter: string
  period: string
  basis: ShareBasis
  meter_usage: string
  units_usage: string
  shared_usage: string
  price: string
  total: string
  fee: string
  shares: MeterShare[]
  replaced: boolean
}

export interface MeterImportForm {
  path: string
  period: string
  kind: string
  sheet: string
  dry_run: boolean
  skip_bad_rows: boolean
}

export interface ReadingImport {
  rows: number
  written: number
  unchanged: number
  skipped: number
  errors: RowProblem[]
}
