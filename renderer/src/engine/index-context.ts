/**
 * What the offers refer to, kept compact while the search index is built (index-records.ts
 * `IndexFeed`). Held as decoded records, a national snapshot's 312,000 places and 385,000
 * placements were ~230 MB of small objects alive for the whole build: every full collection
 * of the engine worker marked them again, and the renderer's peak grew with them. Here each
 * place is a row of typed columns (status, commune, city, position) and each placement a row
 * of its points; a lookup hands back a small fresh object that dies young.
 */
import type { LocationFacts, LocationLookup } from '../../../core/search/organizations'
import type { PlaceInfo } from '../../../core/snapshot/resolve'
import type { LocationRecord, ResolvedPlacement } from '../../../core/snapshot/records'

/** Repeated strings (statuses, communes, cities) stored once, rows hold their number. */
class Strings {
  private readonly numbers = new Map<string, number>()
  readonly values: string[] = []

  /** -1 for none. */
  numberOf(value: string | undefined): number {
    if (value === undefined) return -1
    let n = this.numbers.get(value)
    if (n === undefined) {
      n = this.values.length
      this.numbers.set(value, n)
      this.values.push(value)
    }
    return n
  }

  valueOf(n: number): string | undefined {
    return n < 0 ? undefined : this.values[n]
  }
}

/** The places: what search and placement read of them, by id. */
export class CompactLocations implements LocationLookup {
  private readonly rows = new Map<string, number>()
  private readonly strings = new Strings()
  private status: number[] = []
  private commune: number[] = []
  private city: number[] = []
  /** NaN: no position. */
  private lat: number[] = []
  private lon: number[] = []

  get size(): number {
    return this.rows.size
  }

  add(record: LocationRecord): void {
    // A later record of the same id replaces an earlier one, as `new Map(entries)` does.
    const row = this.rows.get(record.id) ?? this.status.length
    this.rows.set(record.id, row)
    this.status[row] = this.strings.numberOf(record.status)
    this.commune[row] = this.strings.numberOf(record.address?.communeCode)
    this.city[row] = this.strings.numberOf(record.address?.city)
    this.lat[row] = record.position?.lat ?? NaN
    this.lon[row] = record.position?.lon ?? NaN
  }

  get(id: string): LocationFacts | undefined {
    const row = this.rows.get(id)
    if (row === undefined) return undefined
    const facts: LocationFacts = {}
    const status = this.strings.valueOf(this.status[row] ?? -1)
    if (status !== undefined) facts.status = status as LocationFacts['status']
    const communeCode = this.strings.valueOf(this.commune[row] ?? -1)
    const city = this.strings.valueOf(this.city[row] ?? -1)
    if (communeCode !== undefined || city !== undefined) {
      facts.address = {}
      if (communeCode !== undefined) facts.address.communeCode = communeCode
      if (city !== undefined) facts.address.city = city
    }
    return facts
  }

  /** What placement needs of a place (core/snapshot/resolve.ts `placeInfo`). */
  placeInfo(id: string): PlaceInfo | undefined {
    const row = this.rows.get(id)
    if (row === undefined) return undefined
    const info: PlaceInfo = {}
    const lat = this.lat[row] ?? NaN
    const lon = this.lon[row] ?? NaN
    if (!Number.isNaN(lat) && !Number.isNaN(lon)) info.position = { lat, lon }
    const communeCode = this.strings.valueOf(this.commune[row] ?? -1)
    if (communeCode) info.communeCode = communeCode
    return info
  }
}

/** The offers' placements, by offer id. */
export class CompactPlacements {
  private readonly rows = new Map<string, number>()
  private readonly strings = new Strings()
  /** Numbers of the precision's text: kept as it came, like the records. */
  private precision: number[] = []
  private commune: number[] = []
  /** Points of row r: [first[r], first[r] + count[r]). */
  private first: number[] = []
  private count: number[] = []
  private lat: number[] = []
  private lon: number[] = []

  get size(): number {
    return this.rows.size
  }

  add(placement: ResolvedPlacement): void {
    const row = this.rows.get(placement.offerId) ?? this.precision.length
    this.rows.set(placement.offerId, row)
    this.precision[row] = this.strings.numberOf(placement.precision)
    this.commune[row] = this.strings.numberOf(placement.communeCode)
    this.first[row] = this.lat.length
    this.count[row] = placement.points.length
    for (const p of placement.points) {
      this.lat.push(p.lat)
      this.lon.push(p.lon)
    }
  }

  of(offerId: string): ResolvedPlacement | undefined {
    const row = this.rows.get(offerId)
    if (row === undefined) return undefined
    const first = this.first[row] ?? 0
    const points: ResolvedPlacement['points'] = []
    for (let i = first; i < first + (this.count[row] ?? 0); i++) {
      points.push({ lat: this.lat[i] ?? NaN, lon: this.lon[i] ?? NaN })
    }
    const placement: ResolvedPlacement = {
      offerId,
      points,
      precision: this.strings.valueOf(this.precision[row] ?? -1) as ResolvedPlacement['precision'],
    }
    const communeCode = this.strings.valueOf(this.commune[row] ?? -1)
    if (communeCode !== undefined) placement.communeCode = communeCode
    return placement
  }
}
