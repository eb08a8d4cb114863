import type { Gazetteer } from '../../../core/geo/gazetteer'
import { parsePatientAge } from '../../../core/ror/age'
import type { SearchQuery } from '../../../core/search/types'
import type { QueryProblem, UiQuery } from './protocol'

/** Radius bounds accepted from the UI (km). */
export const MAX_RADIUS_KM = 1000

/**
 * Turns the UI's query into the engine's: parses the age, resolves a commune origin to its
 * centroid, checks the radius. A criterion that cannot be used is reported (in French, naming
 * the field) and left out, rather than silently changing the results.
 */
export function resolveQuery(
  ui: UiQuery,
  gazetteer: Pick<Gazetteer, 'resolve' | 'centroid'> | undefined,
): {
  query: SearchQuery
  origin?: { lat: number; lon: number; label: string }
  problems: QueryProblem[]
} {
  const problems: QueryProblem[] = []
  const query: SearchQuery = {}
  const lists = [
    'activities',
    'families',
    'fields',
    'careModes',
    'offerTypes',
    'categories',
    'publics',
    'departements',
    'regions',
  ] as const
  for (const key of lists) {
    const values = ui[key]?.filter((v) => v.trim() !== '')
    if (values && values.length > 0) query[key] = values
  }
  if (ui.includeClosed) query.includeClosed = true
  const text = ui.text?.trim()
  if (text) query.text = text

  const age = ui.age?.trim()
  if (age) {
    const minutes = parsePatientAge(age)
    if (minutes === undefined) {
      problems.push({
        field: 'age',
        message: `Âge « ${age} » non compris : indiquez des années (9) ou une unité : 18mo, 3wk, 10d.`,
      })
    } else query.ageMinutes = minutes
  }

  let origin: { lat: number; lon: number; label: string } | undefined
  if (ui.origin?.kind === 'commune') {
    const commune = gazetteer?.resolve(ui.origin.code)
    const centroid = gazetteer?.centroid(ui.origin.code)
    if (commune && centroid) origin = { ...centroid, label: commune.name }
    else
      problems.push({
        field: 'origin',
        message: `Commune ${ui.origin.code} inconnue du référentiel des communes.`,
      })
  } else if (ui.origin?.kind === 'point') {
    const { lat, lon } = ui.origin
    if (Math.abs(lat) <= 90 && Math.abs(lon) <= 180) {
      origin = { lat, lon, label: ui.origin.label ?? `${lat.toFixed(4)}, ${lon.toFixed(4)}` }
    } else
      problems.push({ field: 'origin', message: 'Point de départ hors des coordonnées possibles.' })
  }
  if (origin) query.origin = { lat: origin.lat, lon: origin.lon }

  if (ui.radiusKm !== undefined) {
    if (!origin) {
      if (!ui.origin)
        problems.push({
          field: 'radiusKm',
          message: 'Le rayon demande un point de départ (commune ou point sur la carte).',
        })
    } else if (!(ui.radiusKm > 0 && ui.radiusKm <= MAX_RADIUS_KM)) {
      problems.push({
        field: 'radiusKm',
        message: `Rayon de ${ui.radiusKm} km hors limites (de 1 à ${MAX_RADIUS_KM} km).`,
      })
    } else query.radiusKm = ui.radiusKm
  }
  return origin ? { query, origin, problems } : { query, problems }
}
