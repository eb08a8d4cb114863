/**
 * Where an offer is, for search: its points (kd-tree), its commune, city, département and
 * région. Points come from the placement resolved once per snapshot (core/snapshot/resolve.ts:
 * the offer's places, else its EG's geolocation, else its commune's centroid).
 */
import KDBush from 'kdbush'
import type {
  Address,
  OfferRecord,
  OrganizationRecord,
  ResolvedPlacement,
} from '../snapshot/records'
import { departementOfCommune, type LocationLookup } from './organizations'
import type { CommuneInfo } from './types'

/** Memoised gazetteer lookup (thousands of offers share a commune). */
export function memoCommune(
  lookup: ((code: string) => CommuneInfo | undefined) | undefined,
): (code: string | undefined) => CommuneInfo | undefined {
  const memo = new Map<string, CommuneInfo | undefined>()
  return (code) => {
    if (code === undefined || lookup === undefined) return undefined
    if (!memo.has(code)) memo.set(code, lookup(code))
    return memo.get(code)
  }
}

export interface Place {
  communeCode?: string
  city?: string
  departement?: string
  region?: string
}

/**
 * Commune, city, département and région of an offer: the placement's commune, else the first
 * place's or the EG's address commune. The gazetteer gives the name, département and région;
 * without it the département comes from the INSEE code and the région from the offer's
 * source region tag (meta.tag TRE_R30). `onCity` receives every city name known for the offer
 * (gazetteer, places, EG address) for the text index; duplicates are harmless there.
 */
export function placeOf(
  offer: OfferRecord,
  placement: ResolvedPlacement | undefined,
  eg: OrganizationRecord | undefined,
  locations: LocationLookup,
  communeOf: (code: string | undefined) => CommuneInfo | undefined,
  onCity: (city: string) => void,
): Place {
  let communeCode = placement?.communeCode
  let city: string | undefined
  const seeAddress = (a: Address | undefined): void => {
    if (!a) return
    communeCode ??= a.communeCode
    if (a.city) {
      city ??= a.city
      onCity(a.city)
    }
  }
  for (const id of offer.locationIds) seeAddress(locations.get(id)?.address)
  seeAddress(eg?.address)
  const info = communeOf(communeCode)
  if (info) onCity(info.name)
  return {
    communeCode,
    city: info?.name ?? city,
    departement: info?.departement ?? (communeCode ? departementOfCommune(communeCode) : undefined),
    region: info?.region ?? offer.region,
  }
}

/** Point columns of the index. */
export interface PointColumns {
  pointOffsets: Uint32Array
  pointOffer: Uint32Array
  pointLat: Float64Array
  pointLon: Float64Array
  kdTree: KDBush
}

/** Collects offer points in row order, then builds the kd-tree (x = lon, y = lat). */
export class PointsBuilder {
  private readonly offsets: Uint32Array
  private readonly lats: number[] = []
  private readonly lons: number[] = []
  private readonly rows: number[] = []

  constructor(rows: number) {
    this.offsets = new Uint32Array(rows + 1)
  }

  add(row: number, placement: ResolvedPlacement | undefined): void {
    for (const p of placement?.points ?? []) {
      // resolve.ts already rejects absurd coordinates; keep the index safe regardless.
      if (!(Math.abs(p.lat) <= 90 && Math.abs(p.lon) <= 180)) continue
      this.lats.push(p.lat)
      this.lons.push(p.lon)
      this.rows.push(row)
    }
    this.offsets[row + 1] = this.lats.length
  }

  finish(): PointColumns {
    const count = this.lats.length
    const kdTree = new KDBush(Math.max(1, count), 64, Float64Array)
    for (let i = 0; i < count; i++) kdTree.add(this.lons[i] ?? 0, this.lats[i] ?? 0)
    // KDBush cannot be empty: a dummy point (id ≥ count, never mapped to a row) keeps it valid.
    if (count === 0) kdTree.add(0, -90)
    kdTree.finish()
    return {
      pointOffsets: this.offsets,
      pointOffer: Uint32Array.from(this.rows),
      pointLat: Float64Array.from(this.lats),
      pointLon: Float64Array.from(this.lons),
      kdTree,
    }
  }
}
