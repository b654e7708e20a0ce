// The shapes the desktop shell returns (estate-core's Serialize types), one file per part of the work.
// Money is yuan text with two decimals ("1234.50"); dates are "2026-11-23".
export type * from './common'
export type * from './register'
export type * from './fees'
export type * from './arrears'
export type * from './handover'
export type * from './dunning'
export type * from './latefee'
export type * from './close'
export type * from './backup'
export type * from './keys'
export type * from './parcels'
export type * from './inventory'
