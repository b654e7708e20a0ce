// The monthly workbook for finance (月度报表).

/** The month's headline figures (estate-core handover::Headline); rates as "92.50%", blank when nothing to divide. */
export interface MonthlyHeadline {
  period: string
  billed: string
  collected: string
  collection_rate: string
  household_rate: string
  clearance_rate: string
  arrears: string
  prepaid: string
  deposits_held: string
  receipts: number
  voids: number
}

export interface SheetInfo {
  name: string
  rows: number
}

export interface MonthlyExported {
  path: string
  folder: string
  sheets: SheetInfo[]
  headline: MonthlyHeadline
  viewer_problem: string | null
}
