/**
 * Addresses and coordinates. An establishment sits near its commune's point (jitter growing
 * with the commune's population); its places sit on the same site or nearby. Street names are
 * invented; the commune, postal code and INSEE code are real.
 */
import type { Address, Extension } from '../../core/ror/fhir-types'
import type { Model } from './model'
import { street } from './names'
import type { Rng } from './prng'
import { CS, EXT } from './systems'

export interface Point {
  lat: number
  lon: number
  isReliable: boolean
}

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6

/** Moves a point by a random offset of about `km` kilometres. */
export function jitter(
  rng: Rng,
  lat: number,
  lon: number,
  km: number,
): { lat: number; lon: number } {
  const dy = rng.gauss() * km * 0.5
  const dx = rng.gauss() * km * 0.5
  const cos = Math.max(0.2, Math.cos((lat * Math.PI) / 180))
  return { lat: round6(lat + dy / 111.32), lon: round6(lon + dx / (111.32 * cos)) }
}

/** Point of an establishment, or undefined when it has no geolocation (flag bit 1). */
export function egPoint(m: Model, eg: number): Point | undefined {
  if ((m.ds.org.get('flags', eg) & 1) !== 0) return undefined
  const c = m.ds.org.get('commune', eg)
  const pop = m.communes.population[c] ?? 0
  const rng = m.base('Organization', eg, 1)
  const km = Math.min(4, 0.4 + Math.sqrt(pop) / 120)
  const p = jitter(rng, m.communes.lat[c] ?? 46.6, m.communes.lon[c] ?? 2.4, km)
  return { ...p, isReliable: rng.chance(0.85) }
}

/** Point of a place: on its establishment's site, or an annex a few kilometres away. */
export function placePoint(m: Model, loc: number, isAnnex: boolean): Point | undefined {
  const site = egPoint(m, m.ds.loc.get('eg', loc))
  if (!site) return undefined
  const rng = m.base('Location', loc, 1)
  const p = jitter(rng, site.lat, site.lon, isAnnex ? rng.int(1, 5) : 0.12)
  return { ...p, isReliable: rng.chance(0.88) }
}

/** Postal address in a commune: one structured line (ADXP extensions), postal code, city. */
export function postalAddress(m: Model, rng: Rng, commune: number): Address {
  const s = street(rng)
  const line = [s.number, s.type, s.base].filter((p) => p !== '').join(' ')
  const parts: Extension[] = []
  if (s.number !== '') parts.push({ url: EXT.houseNumber, valueString: s.number })
  parts.push({ url: EXT.streetNameType, valueString: s.type })
  parts.push({ url: EXT.streetNameBase, valueString: s.base })
  const postalCodes = m.communes.postalCodes[commune] ?? []
  const name = m.communes.name[commune] ?? ''
  const address: Address = {
    line: [line],
    _line: [{ extension: parts }],
    city: rng.chance(0.3) ? upperFold(name) : name,
  }
  if (postalCodes.length > 0) address.postalCode = rng.pick(postalCodes)
  return address
}

/** FR Core INSEE code extension of Organization.address (binding JDV_J124). */
export function inseeCodeExtension(m: Model, commune: number): Extension {
  return {
    url: EXT.inseeCode,
    valueCoding: { system: CS.commune, code: m.communes.code[commune] ?? '' },
  }
}

/** EG geolocation: standard geolocation extension + ror-confidence-geolocation (notes §3.2). */
export function geolocationExtension(point: Point): Extension {
  return {
    url: EXT.geolocation,
    extension: [
      { url: 'latitude', valueDecimal: point.lat },
      { url: 'longitude', valueDecimal: point.lon },
      { url: EXT.confidenceGeolocation, valueBoolean: point.isReliable },
    ],
  }
}

/** `Orléans` → `ORLEANS`, as many producers write city names. */
export function upperFold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase()
}
