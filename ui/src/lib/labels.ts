// Chinese names of the fee ledger's codes, as the core names them.
import type { BasisCode } from '../api'

export const BASES: Array<{ code: BasisCode; label: string; unit: string }> = [
  { code: 'area', label: '按面积', unit: '元/㎡/月' },
  { code: 'unit', label: '按户', unit: '元/户/月' },
  { code: 'quantity', label: '按用量', unit: '元/用量' },
  { code: 'once', label: '一次性', unit: '元/户' },
]

export const basisLabel = (code: BasisCode) => BASES.find((b) => b.code === code)?.label ?? code
export const basisUnit = (code: BasisCode) => BASES.find((b) => b.code === code)?.unit ?? '元'

/** The unit types a price can be for; "" is the general price. */
export const PRICE_TYPES = ['', '住宅', '商铺', '车位', '储藏室', '办公']
export const priceTypeLabel = (t: string | null) => t || '通用'

export const CYCLES = [1, 2, 3, 6, 12]
export const cycleLabel = (n: number) => (n === 1 ? '每月' : n === 12 ? '每年' : `每 ${n} 个月`)
