import type { Origin, UiQuery } from '../../engine/protocol'

/**
 * The search lives in the URL's query string so it can be bookmarked, reopened and shared:
 * `?activite=022&activite=023&age=9&commune=18033&rayon=30&texte=…`. French parameter names,
 * codes as values. Unknown parameters are ignored; malformed ones are dropped here and the
 * engine reports what it could not use.
 */
const LISTS = {
  activite: 'activities',
  famille: 'families',
  champ: 'fields',
  mode: 'careModes',
  type: 'offerTypes',
  categorie: 'categories',
  public: 'publics',
  dep: 'departements',
  region: 'regions',
} as const satisfies Record<string, keyof UiQuery>

export function queryToParams(query: UiQuery): URLSearchParams {
  const params = new URLSearchParams()
  for (const [param, key] of Object.entries(LISTS)) {
    for (const value of query[key] ?? []) params.append(param, value)
  }
  if (query.age) params.set('age', query.age)
  if (query.origin?.kind === 'commune') params.set('commune', query.origin.code)
  if (query.origin?.kind === 'point') {
    params.set('point', `${round(query.origin.lat)},${round(query.origin.lon)}`)
  }
  if (query.origin && query.radiusKm !== undefined) params.set('rayon', String(query.radiusKm))
  if (query.text) params.set('texte', query.text)
  if (query.includeClosed) params.set('fermees', '1')
  return params
}

export function paramsToQuery(params: URLSearchParams): UiQuery {
  const query: UiQuery = {}
  for (const [param, key] of Object.entries(LISTS)) {
    const values = params.getAll(param).filter((v) => v.length > 0 && v.length <= 64)
    if (values.length > 0) query[key] = values
  }
  const age = params.get('age')
  if (age) query.age = age.slice(0, 16)
  const origin = parseOrigin(params)
  if (origin) {
    query.origin = origin
    const radius = Number(params.get('rayon'))
    if (params.has('rayon') && Number.isFinite(radius)) query.radiusKm = radius
  }
  const text = params.get('texte')
  if (text) query.text = text.slice(0, 200)
  if (params.get('fermees') === '1') query.includeClosed = true
  return query
}

function parseOrigin(params: URLSearchParams): Origin | undefined {
  const commune = params.get('commune')
  if (commune && /^[0-9AB]{5}$/i.test(commune))
    return { kind: 'commune', code: commune.toUpperCase() }
  const point = /^(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)$/.exec(params.get('point') ?? '')
  if (point) return { kind: 'point', lat: Number(point[1]), lon: Number(point[2]) }
  return undefined
}

function round(value: number): number {
  return Math.round(value * 1e5) / 1e5
}

/** True when the query asks for nothing (no criterion at all). */
export function isEmptyQuery(query: UiQuery): boolean {
  return queryToParams(query).toString() === ''
}
