/**
 * Column-oriented, growable tables of numbers: the generator keeps one small row per entity
 * (indices into shared tables, dates, version) instead of FHIR JSON, so a national dataset
 * (~1.2 M entities) fits in tens of megabytes and serialises to a flat binary cache.
 */

export type ColumnType = 'u8' | 'u16' | 'i32' | 'u32' | 'f64'
export type Schema = Readonly<Record<string, ColumnType>>

type AnyArray = Uint8Array | Uint16Array | Int32Array | Uint32Array | Float64Array

const CTORS = {
  u8: Uint8Array,
  u16: Uint16Array,
  i32: Int32Array,
  u32: Uint32Array,
  f64: Float64Array,
} as const

export interface SerializedColumn {
  name: string
  type: ColumnType
  bytes: Uint8Array
}

export class Table<S extends Schema> {
  private arrays: Record<string, AnyArray> = {}
  private capacity: number
  length = 0

  constructor(
    readonly schema: S,
    capacity = 1024,
  ) {
    this.capacity = Math.max(16, capacity)
    for (const [name, type] of Object.entries(schema)) {
      this.arrays[name] = new CTORS[type](this.capacity)
    }
  }

  get(col: keyof S & string, i: number): number {
    return this.column(col)[i] ?? 0
  }

  set(col: keyof S & string, i: number, value: number): void {
    this.column(col)[i] = value
  }

  /** Appends a row (unset columns are 0) and returns its index. */
  push(values: Partial<Record<keyof S & string, number>>): number {
    if (this.length === this.capacity) this.grow(this.capacity * 2)
    const i = this.length
    this.length += 1
    for (const [name, value] of Object.entries(values)) {
      if (value !== undefined) this.column(name)[i] = value as number
    }
    return i
  }

  /** The live typed array of a column (valid until the next push that grows the table). */
  column(col: string): AnyArray {
    const a = this.arrays[col]
    if (!a) throw new RangeError(`unknown column "${col}"`)
    return a
  }

  private grow(capacity: number): void {
    for (const [name, type] of Object.entries(this.schema)) {
      const next = new CTORS[type](capacity)
      next.set(this.column(name))
      this.arrays[name] = next
    }
    this.capacity = capacity
  }

  serialize(): SerializedColumn[] {
    return Object.entries(this.schema).map(([name, type]) => {
      const a = this.column(name)
      return {
        name,
        type,
        bytes: new Uint8Array(a.buffer, a.byteOffset, this.length * a.BYTES_PER_ELEMENT),
      }
    })
  }

  /** Rebuilds a table from serialised columns (copied, so the source buffer can be dropped). */
  static restore<S extends Schema>(
    schema: S,
    length: number,
    columns: readonly SerializedColumn[],
  ): Table<S> {
    const table = new Table(schema, length + 1024)
    for (const [name, type] of Object.entries(schema)) {
      const col = columns.find((c) => c.name === name)
      if (!col || col.type !== type) throw new Error(`cache: column "${name}" missing or retyped`)
      const target = table.column(name)
      if (col.bytes.byteLength !== length * target.BYTES_PER_ELEMENT) {
        throw new Error(`cache: column "${name}" has ${col.bytes.byteLength} bytes`)
      }
      new Uint8Array(target.buffer, 0, col.bytes.byteLength).set(col.bytes)
    }
    table.length = length
    return table
  }
}

/** Organisations: EJ (kind 0), EG (kind 1) and OI (kind 2). */
export const ORG_SCHEMA = {
  kind: 'u8',
  /** partOf: EG → EJ, OI → EG or pôle; -1 for EJ. */
  parent: 'i32',
  /** EG: category profile; EJ: kind of legal entity; OI: hospital service (UF) or pôle label. */
  cat: 'u16',
  /** EJ: legal status (index in LEGAL_STATUSES); OI: 0 pôle, 1 UF. */
  sub: 'u16',
  commune: 'i32',
  /** FINESS serial within the département (EJ/EG not liberal), -1 when none. */
  serial: 'i32',
  /** EG: ordinal within its EJ (SIRET NIC); OI: ordinal within its EG. */
  aux: 'i32',
  /** EG bits: 1 no geolocation, 2 drop zone, 4 ORSAN level, 8 ORSAN 2nd line. */
  flags: 'u8',
  created: 'u32',
  updated: 'f64',
  version: 'u16',
  deleted: 'u8',
} as const satisfies Schema

export const HS_SCHEMA = {
  org: 'i32',
  eg: 'i32',
  tpl: 'u16',
  loc0: 'i32',
  loc1: 'i32',
  /** Ordinal of this template within the establishment (for names: "Médecine 2"). */
  nth: 'u16',
  created: 'u32',
  updated: 'f64',
  version: 'u16',
  deleted: 'u8',
  /** Closure start (epoch seconds, 0 = open) and kind (1 temporary, 2 definitive). */
  closedAt: 'u32',
  closure: 'u8',
} as const satisfies Schema

export const LOC_SCHEMA = {
  eg: 'i32',
  tpl: 'u16',
  created: 'u32',
  updated: 'f64',
  version: 'u16',
  deleted: 'u8',
  closedAt: 'u32',
  closure: 'u8',
} as const satisfies Schema

export const PR_SCHEMA = {
  hs: 'i32',
  prac: 'i32',
  eg: 'i32',
  loc: 'i32',
  tpl: 'u16',
  created: 'u32',
  updated: 'f64',
  version: 'u16',
  deleted: 'u8',
} as const satisfies Schema

export const PRAC_SCHEMA = {
  /** EG of the first role: gives the region tag. */
  eg: 'i32',
  tpl: 'u16',
  created: 'u32',
  updated: 'f64',
  version: 'u16',
  deleted: 'u8',
} as const satisfies Schema

export interface Dataset {
  org: Table<typeof ORG_SCHEMA>
  hs: Table<typeof HS_SCHEMA>
  loc: Table<typeof LOC_SCHEMA>
  pr: Table<typeof PR_SCHEMA>
  prac: Table<typeof PRAC_SCHEMA>
}

export const ORG_KIND = { ej: 0, eg: 1, oi: 2 } as const
