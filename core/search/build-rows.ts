/**
 * The per-row columns gathered during the single pass over the offers (build.ts), kept as
 * typed arrays and flat CSR builders so 400,000 offers do not become millions of small JS
 * objects.
 */
import { tokenize } from '../geo/fold'
import type { OfferRecord, OrganizationRecord } from '../snapshot/records'
import { CsrBuilder, Dictionary } from './csr'
import { instantMs } from './organizations'
import { TextIndexBuilder, TokenMemo } from './text-index'
import type { CodedColumn, StringColumn } from './types'

export type SingleColumn = 'field' | 'offerType' | 'category' | 'departement' | 'region'

/** Interns optional strings into a {@link StringColumn} (id 0 = none). */
export class StringColumnBuilder {
  private readonly dict = new Dictionary()
  readonly ids: Uint32Array

  constructor(n: number) {
    this.ids = new Uint32Array(n)
  }

  set(row: number, value: string | undefined): void {
    this.ids[row] = value === undefined || value === '' ? 0 : this.dict.intern(value) + 1
  }

  finish(): StringColumn {
    return { values: this.dict.values, ids: this.ids }
  }
}

/** The organisations used as EG or EJ, numbered in first-use order. */
export class OrgSlots {
  private readonly slots: Int32Array
  /** Slot → index in the input organisations. */
  readonly inputs: number[] = []

  constructor(private readonly orgs: readonly OrganizationRecord[]) {
    this.slots = new Int32Array(orgs.length).fill(-1)
  }

  slotOf(input: number): number {
    if (input < 0) return -1
    let slot = this.slots[input] ?? -1
    if (slot < 0) {
      slot = this.inputs.length
      this.slots[input] = slot
      this.inputs.push(input)
    }
    return slot
  }

  records(): OrganizationRecord[] {
    return this.inputs.map((i) => this.orgs[i] as OrganizationRecord)
  }
}

/** Accumulates the per-row columns during the single pass over the offers. */
export class Rows {
  readonly offerIds: string[] = []
  readonly names: string[] = []
  readonly sortKeys: string[] = []
  readonly structure: Int32Array
  readonly legalEntity: Int32Array
  readonly ageMin: Float64Array
  readonly ageMaxExclusive: Float64Array
  readonly ageLowValue: Float64Array
  readonly ageHighValue: Float64Array
  readonly ageLowUnit: Uint8Array
  readonly ageHighUnit: Uint8Array
  readonly ageUnits = new Dictionary()
  readonly closureStart: Float64Array
  readonly closureEnd: Float64Array
  readonly orgClosedAt: Float64Array
  readonly locationsClosed: Uint8Array
  readonly precision: Uint8Array
  readonly commune: StringColumnBuilder
  readonly city: StringColumnBuilder
  readonly activityCodes = new Dictionary()
  readonly familyCodes = new Dictionary()
  readonly activities = new CsrBuilder()
  readonly families = new CsrBuilder()
  readonly careModes = { codes: new Dictionary(), rows: new CsrBuilder() }
  readonly publics = { codes: new Dictionary(), rows: new CsrBuilder() }
  readonly single: Record<SingleColumn, CodedColumn>
  readonly folding = new TokenMemo()
  readonly text = new TextIndexBuilder(this.folding)
  /** Offer names repeat a lot (« Consultation de cardiologie »): fold each once. */
  private readonly nameMemo = new Map<string, { ids: readonly number[]; key: string }>()

  constructor(n: number) {
    const f64 = () => new Float64Array(n)
    ;[this.ageMin, this.ageMaxExclusive, this.ageLowValue, this.ageHighValue] = [
      f64(),
      f64(),
      f64(),
      f64(),
    ]
    ;[this.closureStart, this.closureEnd, this.orgClosedAt] = [f64(), f64(), f64()]
    this.ageLowUnit = new Uint8Array(n)
    this.ageHighUnit = new Uint8Array(n)
    this.structure = new Int32Array(n)
    this.legalEntity = new Int32Array(n)
    this.locationsClosed = new Uint8Array(n)
    this.precision = new Uint8Array(n)
    this.commune = new StringColumnBuilder(n)
    this.city = new StringColumnBuilder(n)
    const col = (): CodedColumn => ({ codes: new Dictionary(), ids: new Uint16Array(n) })
    this.single = {
      field: col(),
      offerType: col(),
      category: col(),
      departement: col(),
      region: col(),
    }
  }

  setCode(column: SingleColumn, row: number, code: string | undefined): void {
    const c = this.single[column]
    const id = code === undefined || code === '' ? 0 : c.codes.intern(code) + 1
    if (id > 0xffff) throw new RangeError(`Plus de 65 535 codes distincts dans « ${column} »`)
    c.ids[row] = id
  }

  private unitId(unit: string | undefined): number {
    return unit === undefined ? 0 : this.ageUnits.intern(unit) + 1
  }

  /** Coded criteria, age bounds and closure inputs of one offer. */
  addCodes(r: number, offer: OfferRecord, category: string | undefined): void {
    for (const c of offer.activities) this.activities.push(this.activityCodes.intern(c))
    this.activities.endRow()
    for (const c of offer.activityFamilies) this.families.push(this.familyCodes.intern(c))
    this.families.endRow()
    for (const c of offer.careModes) this.careModes.rows.push(this.careModes.codes.intern(c))
    this.careModes.rows.endRow()
    for (const c of offer.publics) this.publics.rows.push(this.publics.codes.intern(c))
    this.publics.rows.endRow()
    this.setCode('field', r, offer.field)
    this.setCode('offerType', r, offer.offerType)
    this.setCode('category', r, category)
    // ageRange is 1..1 in the ROR; NaN marks an offer whose range is unknown.
    const age = offer.age
    this.ageMin[r] = age?.minMinutes ?? NaN
    this.ageMaxExclusive[r] = age?.maxMinutesExclusive ?? NaN
    this.ageLowValue[r] = age?.low.value ?? NaN
    this.ageHighValue[r] = age?.high.value ?? NaN
    this.ageLowUnit[r] = this.unitId(age?.low.unit)
    this.ageHighUnit[r] = this.unitId(age?.high.unit)
    // notAvailable[closingReopeningDate]: closed from during.start until during.end (if any).
    this.closureStart[r] = instantMs(offer.closure?.start)
    this.closureEnd[r] = instantMs(offer.closure?.end)
  }

  /** Name columns and the name's tokens (the rest of the text document is added by the caller). */
  addName(offer: OfferRecord): void {
    let folded = this.nameMemo.get(offer.name)
    if (folded === undefined) {
      const tokens = tokenize(offer.name)
      folded = { ids: this.text.internTokens(tokens), key: tokens.join(' ') }
      this.nameMemo.set(offer.name, folded)
    }
    this.offerIds.push(offer.id)
    this.names.push(offer.name)
    this.sortKeys.push(folded.key)
    this.text.add(folded.ids)
  }
}
