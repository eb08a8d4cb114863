/** Materialises result rows (list, CLI, CSV) from index rows. */
import { isClosedAt } from './criteria'
import type { AgeBound } from '../snapshot/records'
import { PRECISIONS, type SearchIndex, type SearchResultItem, type StringColumn } from './types'

/**
 * The result item of row `row`. `point` is the point to show (nearest to the origin, -1 when
 * the offer has none); `distanceKm` is NaN when there is no origin or no point.
 */
export function resultItem(
  index: SearchIndex,
  row: number,
  point: number,
  distanceKm: number,
  now: number,
): SearchResultItem {
  const offerId = index.offerIds[row]
  if (offerId === undefined) throw new RangeError(`Ligne ${row} absente de l’index de recherche`)
  const { orgs } = index
  const eg = index.structure[row] ?? -1
  const ej = index.legalEntity[row] ?? -1
  const finess = orgs.finess[eg] || orgs.finess[ej] || undefined
  const a = index.offerActivities
  const activities: string[] = []
  for (let k = a.offsets[row] ?? 0; k < (a.offsets[row + 1] ?? 0); k++) {
    activities.push(index.activityCodes.values[a.values[k] ?? 0] ?? '')
  }
  const hasAge = !Number.isNaN(index.ageMin[row] ?? NaN)
  const b = index.ageBounds
  const commune = stringAt(index.commune, row)
  const city = stringAt(index.city, row)
  // Keys in reading order (JSON output); absent values are left out, not set to undefined.
  return {
    offerId,
    name: index.names[row] ?? '',
    ...(eg >= 0 && { structureName: orgs.names[eg] }),
    ...(ej >= 0 && { legalEntityName: orgs.names[ej] }),
    ...(finess !== undefined && { finess }),
    activities,
    ...(hasAge && {
      ageMin: bound(b.lowValue[row] ?? NaN, b.lowUnit[row] ?? 0, b.units),
      ageMax: bound(b.highValue[row] ?? NaN, b.highUnit[row] ?? 0, b.units),
    }),
    ...(point >= 0 && { lat: index.pointLat[point], lon: index.pointLon[point] }),
    precision: PRECISIONS[index.precision[row] ?? 3] ?? 'none',
    ...(!Number.isNaN(distanceKm) && { distanceKm }),
    ...(commune !== undefined && { communeCode: commune }),
    ...(city !== undefined && { city }),
    isClosed: isClosedAt(index, row, now),
  }
}

/** An age bound as served: no unit stays without unit (= years). */
function bound(value: number, unit: number, units: readonly string[]): AgeBound {
  const u = unit === 0 ? undefined : units[unit - 1]
  return u === undefined ? { value } : { value, unit: u }
}

function stringAt(column: StringColumn, row: number): string | undefined {
  const id = column.ids[row] ?? 0
  return id === 0 ? undefined : column.values[id - 1]
}
