/**
 * Builds the offline gazetteer rows: every commune of the COG (decoupage-administratif) with
 * a point, joined to GeoNames cities500 on the INSEE code, with documented fallbacks so that
 * every row has coordinates and says how good they are (`coordSource`).
 */
import type {
  CommuneRow,
  CommunesFile,
  CoordSource,
  SecondaryRow,
} from '../../../core/geo/communes-file'
import { COMMUNE_FIELDS, SECONDARY_FIELDS } from '../../../core/geo/communes-file'
import { foldText } from '../../../core/geo/fold'
import { GeoNamesIndex } from './geonames-index'
import type { GeoSources, SourceCommune } from './sources'
import { isKeptDepartement } from './scope'

interface Point {
  lat: number
  lon: number
  source: CoordSource
}

const round5 = (x: number) => Math.round(x * 1e5) / 1e5

function mean(points: readonly Point[], source: CoordSource): Point | undefined {
  if (points.length === 0) return undefined
  const lat = points.reduce((s, p) => s + p.lat, 0) / points.length
  const lon = points.reduce((s, p) => s + p.lon, 0) / points.length
  return { lat, lon, source }
}

/** Direct GeoNames points (INSEE join, or name in territories without INSEE codes). */
function directPoints(
  communes: readonly SourceCommune[],
  index: GeoNamesIndex,
  communesPerDep: Map<string, number>,
): Map<string, Point> {
  const points = new Map<string, Point>()
  for (const c of communes) {
    const byCode = index.byCodes([c.code, ...(c.anciensCodes ?? [])], c.nom)
    if (byCode) {
      points.set(c.code, { lat: byCode.lat, lon: byCode.lon, source: 'geonames' })
      continue
    }
    const single = communesPerDep.get(c.departement) === 1
    const byName = index.byTerritory(c.departement, c.nom, single)
    if (byName) points.set(c.code, { lat: byName.lat, lon: byName.lon, source: 'geonames-nom' })
  }
  return points
}

/** Groups the known points by a key (postal code, EPCI) for the mean-based fallbacks. */
function groupPoints(
  communes: readonly SourceCommune[],
  points: Map<string, Point>,
  keysOf: (c: SourceCommune) => readonly string[],
): Map<string, Point[]> {
  const groups = new Map<string, Point[]>()
  for (const c of communes) {
    const p = points.get(c.code)
    if (!p) continue
    for (const key of keysOf(c)) {
      const list = groups.get(key)
      if (list) list.push(p)
      else groups.set(key, [p])
    }
  }
  return groups
}

/**
 * Fallbacks for current communes without a GeoNames place, in order of measured accuracy
 * (leave-one-out on the communes that have one: postal median 4.3 km, EPCI median 7.9 km).
 */
function fallbackPoints(sources: GeoSources, current: SourceCommune[], points: Map<string, Point>) {
  const epciOf = new Map<string, string>()
  for (const e of sources.epci) for (const m of e.membres) epciOf.set(m.code, e.code)
  const byPostal = groupPoints(current, points, (c) => c.codesPostaux ?? [])
  // Some EPCI straddle a département border: average the members of the same département
  // first, all members only when none of those has a point.
  const epciKey = (c: SourceCommune) => {
    const e = epciOf.get(c.code)
    return e === undefined ? [] : [`${e}|${c.departement}`, e]
  }
  const byEpci = groupPoints(current, points, epciKey)
  const chefLieu = new Map(sources.departements.map((d) => [d.code, d.chefLieu]))
  for (const c of current) {
    if (points.has(c.code)) continue
    const postal = (c.codesPostaux ?? []).flatMap((pc) => byPostal.get(pc) ?? [])
    const epci = epciKey(c)
      .map((k) => byEpci.get(k) ?? [])
      .find((list) => list.length > 0)
    const head = points.get(chefLieu.get(c.departement) ?? '')
    const p =
      mean(postal, 'postal') ??
      mean(epci ?? [], 'epci') ??
      (head && { ...head, source: 'chef-lieu' })
    if (!p) throw new Error(`Aucune coordonnée possible pour la commune ${c.code} ${c.nom}`)
    points.set(c.code, p)
  }
}

function toRow(c: SourceCommune, p: Point, postalCodes: string[], population: number): CommuneRow {
  return [
    c.code,
    c.nom,
    postalCodes,
    c.departement,
    c.region,
    round5(p.lat),
    round5(p.lon),
    population,
    p.source,
  ]
}

/** Orders rows by INSEE code, then name (déléguées never share both). */
const byCodeThenName = <T extends [string, string, ...unknown[]]>(a: T, b: T) =>
  a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0

export interface CommunesBuild {
  file: CommunesFile
  /** Rows dropped because they only duplicate their commune nouvelle (same code and name). */
  droppedSecondary: number
}

/** Assembles `communes.json` from the loaded sources. `source` is the provenance string. */
export function buildCommunes(sources: GeoSources, source: string): CommunesBuild {
  const kept = sources.communes.filter((c) => isKeptDepartement(c.departement))
  const current = kept.filter((c) => c.type === 'commune-actuelle')
  const communesPerDep = new Map<string, number>()
  for (const c of current) communesPerDep.set(c.departement, (communesPerDep.get(c.departement) ?? 0) + 1)

  const index = new GeoNamesIndex(sources.geonames)
  const points = directPoints(current, index, communesPerDep)
  fallbackPoints(sources, current, points)
  const currentByCode = new Map(current.map((c) => [c.code, c]))

  const rows: CommuneRow[] = current.map((c) =>
    toRow(c, points.get(c.code)!, [...(c.codesPostaux ?? [])].sort(), c.population ?? 0),
  )
  // Arrondissements municipaux (Paris, Lyon, Marseille): GeoNames has no place with their code,
  // so they take the city's point unless one appears in a future cities500.
  for (const a of kept.filter((c) => c.type === 'arrondissement-municipal')) {
    const parent = points.get(a.commune ?? '')
    const own = index.byCodes([a.code], a.nom)
    const p: Point | undefined = own
      ? { lat: own.lat, lon: own.lon, source: 'geonames' }
      : parent && { ...parent, source: 'parent' }
    if (!p) throw new Error(`Arrondissement ${a.code} sans commune parente ${a.commune}`)
    rows.push(toRow(a, p, [...(a.codesPostaux ?? [])].sort(), a.population ?? 0))
  }

  const secondary: SecondaryRow[] = []
  let droppedSecondary = 0
  for (const s of kept.filter((c) => c.type === 'commune-deleguee' || c.type === 'commune-associee')) {
    const parentCode = s.chefLieu ?? ''
    const parent = currentByCode.get(parentCode)
    if (!parent) throw new Error(`Commune ${s.type} ${s.code} ${s.nom} sans parent ${parentCode}`)
    if (parent.code === s.code && foldText(parent.nom) === foldText(s.nom)) {
      droppedSecondary++
      continue
    }
    const own = index.byCodes([s.code], s.nom)
    const p: Point = own
      ? { lat: own.lat, lon: own.lon, source: 'geonames' }
      : { ...points.get(parent.code)!, source: 'parent' }
    const kind = s.type === 'commune-deleguee' ? 'deleguee' : 'associee'
    secondary.push([...toRow(s, p, [], 0), parent.code, kind])
  }

  const formerCodes: Record<string, string> = {}
  const codes = new Set(rows.map((r) => r[0]))
  for (const c of [...current].sort((a, b) => (a.code < b.code ? -1 : 1))) {
    for (const old of c.anciensCodes ?? []) {
      if (!codes.has(old) && !(old in formerCodes)) formerCodes[old] = c.code
    }
  }
  const sortedFormer = Object.fromEntries(Object.entries(formerCodes).sort(byCodeThenName))

  return {
    file: {
      version: 1,
      source,
      fields: COMMUNE_FIELDS,
      rows: rows.sort(byCodeThenName),
      secondary: { fields: SECONDARY_FIELDS, rows: secondary.sort(byCodeThenName) },
      formerCodes: sortedFormer,
    },
    droppedSecondary,
  }
}
