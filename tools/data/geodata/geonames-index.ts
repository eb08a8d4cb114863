/**
 * Finds the GeoNames cities500 place that stands for a commune. Several places can carry the
 * same INSEE code in admin4 (the town and its hamlets or quartiers): the one named like the
 * commune wins, then the administrative seat, then the most populous.
 */
import { foldText } from '../../../core/geo/fold'
import type { GeoNamesPlace } from './sources'

/** GeoNames feature codes, most "central" first (capital, seats of admin levels, places). */
const FEATURE_RANK: Readonly<Record<string, number>> = {
  PPLC: 0,
  PPLA: 1,
  PPLA2: 2,
  PPLA3: 3,
  PPLA4: 4,
  PPLA5: 5,
  PPL: 6,
  PPLL: 7,
  PPLX: 8,
}

/** Territories whose GeoNames rows may carry no INSEE code: matched by name instead. */
const NAME_MATCHED_COUNTRIES: Readonly<Record<string, string>> = {
  YT: '976',
  PM: '975',
  BL: '977',
  MF: '978',
}

/**
 * The INSEE code of a place: admin4 in France and most DROM; in Mayotte and
 * Saint-Pierre-et-Miquelon GeoNames puts it in admin1 instead.
 */
function inseeCodeOf(p: GeoNamesPlace): string | undefined {
  if (p.admin4 !== '') return p.admin4
  return /^97\d{3}$/.test(p.admin1) ? p.admin1 : undefined
}

export function comparePlaces(a: GeoNamesPlace, b: GeoNamesPlace, foldedName: string): number {
  const nameA = foldText(a.name) === foldedName ? 0 : 1
  const nameB = foldText(b.name) === foldedName ? 0 : 1
  return (
    nameA - nameB ||
    (FEATURE_RANK[a.featureCode] ?? 9) - (FEATURE_RANK[b.featureCode] ?? 9) ||
    b.population - a.population ||
    a.id - b.id
  )
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

export class GeoNamesIndex {
  private readonly byInsee = new Map<string, GeoNamesPlace[]>()
  private readonly byTerritoryName = new Map<string, GeoNamesPlace[]>()
  private readonly placesByTerritory = new Map<string, GeoNamesPlace[]>()

  constructor(places: readonly GeoNamesPlace[]) {
    for (const p of places) {
      const insee = inseeCodeOf(p)
      if (insee !== undefined) pushTo(this.byInsee, insee, p)
      const dep = NAME_MATCHED_COUNTRIES[p.countryCode]
      if (dep !== undefined && insee === undefined) {
        pushTo(this.byTerritoryName, `${dep}|${foldText(p.name)}`, p)
        pushTo(this.placesByTerritory, dep, p)
      }
    }
  }

  /** Best place whose admin4 is one of `codes` (the commune's code first, then former codes). */
  byCodes(codes: readonly string[], communeName: string): GeoNamesPlace | undefined {
    const folded = foldText(communeName)
    for (const code of codes) {
      const candidates = this.byInsee.get(code)
      if (candidates) return [...candidates].sort((a, b) => comparePlaces(a, b, folded))[0]
    }
    return undefined
  }

  /**
   * For Mayotte, Saint-Pierre-et-Miquelon, Saint-Barthélemy and Saint-Martin, where GeoNames
   * has no INSEE code: the place of that territory with the same folded name, or, when the
   * territory is a single commune, its main place (Gustavia, Marigot).
   */
  byTerritory(departement: string, communeName: string, isSingleCommune: boolean) {
    const folded = foldText(communeName)
    const named = this.byTerritoryName.get(`${departement}|${folded}`)
    const candidates = named ?? (isSingleCommune ? this.placesByTerritory.get(departement) : undefined)
    if (!candidates) return undefined
    return [...candidates].sort((a, b) => comparePlaces(a, b, folded))[0]
  }

  /** Latest GeoNames modification date among the places, to date the extract. */
  static latestModification(places: readonly GeoNamesPlace[]): string {
    return places.reduce((max, p) => (p.modified > max ? p.modified : max), '')
  }
}
