// The register: units, people, occupancy, vehicles, transfers; the list, forms and import.
import type { Money } from './common'

export interface Unit {
  id: number
  code: string
  unit_type: string
  area: string | null
  handover: string | null
}

export interface Person {
  id: number
  name: string
  /** Masked by the core (138****1234); a supervisor's `revealPerson` is the one way to see them whole. */
  phones: string[]
  /** "110105********002X" when an ID number is on file; the full number never leaves the core. */
  id_masked: string | null
}

export type Role = 'owner' | 'co_owner' | 'tenant' | 'family' | 'authorised'

export interface Occupancy {
  id: number
  person: Person
  role: Role
  from: string
  to: string | null
}

export interface Vehicle {
  id: number
  plate: string
  person: string | null
}

export interface Transfer {
  id: number
  date: string
  from_people: string
  to_person: string
  note: string
}

/** A supervisor's look at one person's numbers in full (audited). */
export interface Revealed {
  id: number
  name: string
  phones: string[]
  id_number: string | null
}

/** The data-subject export, saved beside the estate file. */
export interface PersonExported {
  path: string
  folder: string
  exported: { person_id: number; file: string; units: number; vehicles: number; transfers: number; payments: number; dunning: number; audit: number }
  viewer_problem: string | null
}

/** What erasing a former tenant's personal data changed. */
export interface Erasure {
  person_id: number
  /** 已删除住户#<id>: the name everywhere from now on. */
  placeholder: string
  payments: number
  deposits: number
  letters: number
  /** Key loans, returns, authorisations and deposits that named them. */
  key_records: number
  /** Parcels addressed to them or collected by them. */
  parcel_records: number
  service_records: number
  vehicles: number
  audit_entries: number
}

export interface UnitCard {
  unit: Unit
  occupancies: Occupancy[]
  vehicles: Vehicle[]
  transfers: Transfer[]
  /** The unit's complaints (报修投诉), oldest first; those the owner withholds fees over are marked. */
  complaints: import('./service').UnitComplaint[]
}


// ---- The register: list, forms, import ------------------------------------

/** One line of the register list. */
export interface UnitRow {
  id: number
  code: string
  /** Position in code order (3-2-902 before 3-2-1502): what sorting by code sorts by. */
  order: number
  building: string
  entrance: string
  unit_type: string
  area: string | null
  handover: string | null
  /** Current owners and co-owners, joined with 、. */
  owners: string
  occupants: number
  owed: Money
}

export interface BuildingRow {
  code: string
  units: number
}

/** Fields as typed; the core reads them (blank = not given). */
export interface UnitDetailsForm {
  unit_type: string
  area: string
  handover: string
}

export interface NewUnitForm extends UnitDetailsForm {
  building: string
  /** Blank where the building has no entrances (shops, parking). */
  entrance: string
  room: string
}

export interface PersonForm {
  name: string
  /** One field, several numbers split by / or 、. */
  phones: string
  /** Blank = none (when editing: keep the one on file). */
  id_number: string
}

export interface OccupantForm extends PersonForm {
  role: Role
  from: string
}

export interface TransferForm extends PersonForm {
  date: string
  note: string
}

export interface ImportForm {
  path: string
  /** Blank = the first sheet. */
  sheet: string
  dry_run: boolean
  skip_bad_rows: boolean
}

export interface RowProblem {
  /** The row number Excel shows. */
  row: number
  /** The column's header as written in the file. */
  column: string
  code: string
  message: string
}

export interface ImportReport {
  rows: number
  units_created: number
  people_created: number
  opening_balances: number
  /** Bad rows left out (only when skipping them). */
  skipped: number
  errors: RowProblem[]
}

export interface ImportProgress {
  done: number
  total: number
}
