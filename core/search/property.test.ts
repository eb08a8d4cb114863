/**
 * Property test (issue 6 « Tests »): on random small snapshots and random queries, the engine
 * returns exactly what a brute-force scan written straight from the rules returns — same
 * total, same page, same order, same distances and flags.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { foldChars, foldText, isExpandedAbbreviation, tokenize } from '../geo/fold'
import { haversineKm } from '../geo/haversine'
import { ageMatches } from '../ror/age'
import type { OfferRecord, OrganizationRecord } from '../snapshot/records'
import { buildSearchIndex, type SearchIndexInput } from './build'
import { matchAll, search } from './search'
import { arbQuery, arbSnapshot, COMMUNES, NOW } from '../../tests/support/search-arbitraries'
import type { SearchQuery } from './types'

interface Expected {
  id: string
  distanceKm: number
  point?: { lat: number; lon: number }
  isClosed: boolean
}

const ms = (s: string | undefined): number => (s === undefined ? NaN : Date.parse(s))

function chainOf(input: SearchIndexInput, o: OfferRecord) {
  const orgs = input.organizations ?? []
  let eg: OrganizationRecord | undefined
  let ej: OrganizationRecord | undefined
  let closed = false
  let id = o.providedBy
  for (let depth = 0; id !== undefined && depth < 8; depth++) {
    const org = orgs.find((x) => x.id === id)
    if (!org) break
    if (org.kind === 'EG') eg ??= org
    if (org.kind === 'EJ') ej ??= org
    if (ms(org.closedAt) <= NOW) closed = true
    if (org.kind === 'EJ') break
    id = org.partOf
  }
  return { eg, ej, closed }
}

function isClosed(input: SearchIndexInput, o: OfferRecord): boolean {
  const start = ms(o.closure?.start)
  const end = ms(o.closure?.end)
  if (start <= NOW && (Number.isNaN(end) || end > NOW)) return true
  if (chainOf(input, o).closed) return true
  const locs = o.locationIds.flatMap((id) => (input.locations ?? []).filter((l) => l.id === id))
  return locs.length > 0 && locs.every((l) => l.status === 'inactive' || l.status === 'suspended')
}

function place(input: SearchIndexInput, o: OfferRecord) {
  const eg = chainOf(input, o).eg
  const addresses = [
    ...o.locationIds.map((id) => input.locations?.find((l) => l.id === id)?.address),
    eg?.address,
  ]
  const pl = input.placements?.find((p) => p.offerId === o.id)
  const code = pl?.communeCode ?? addresses.find((a) => a?.communeCode)?.communeCode
  const info = code === undefined ? undefined : COMMUNES[code]
  const cities = [info?.name, ...addresses.map((a) => a?.city)].filter((c) => !!c) as string[]
  // Without gazetteer entry: the département encoded in the INSEE code (3 characters overseas).
  const dept = info?.departement ?? code?.slice(0, code.startsWith('97') ? 3 : 2)
  return { points: pl?.points ?? [], cities, dept, region: info?.region ?? o.region }
}

function textMatches(input: SearchIndexInput, o: OfferRecord, text: string): boolean {
  const { eg, ej } = chainOf(input, o)
  const fields = [o.name, eg?.name, eg?.alias, eg?.finess, ej?.name, ej?.finess]
  const tokens = [...fields, ...place(input, o).cities].flatMap((f) => (f ? tokenize(f) : []))
  const raw = foldChars(text)
    .split(' ')
    .filter((t) => t !== '')
  return raw.every((r) => {
    const alts = isExpandedAbbreviation(r) ? [tokenize(r)[0] ?? r, r] : [r]
    return alts.some((a) => tokens.some((t) => t.startsWith(a)))
  })
}

const within = (codes: readonly string[] | undefined, value: string | undefined): boolean =>
  !codes || codes.length === 0 || (value !== undefined && codes.includes(value))
const anyWithin = (codes: readonly string[] | undefined, values: readonly string[]): boolean =>
  !codes || codes.length === 0 || values.some((v) => codes.includes(v))

function bruteForce(input: SearchIndexInput, q: SearchQuery): Expected[] {
  const out: Expected[] = []
  for (const o of input.offers) {
    const closed = isClosed(input, o)
    if (closed && !q.includeClosed) continue
    if (q.ageMinutes !== undefined) {
      if (o.age ? !ageMatches(o.age, q.ageMinutes) : !q.includeUnknownAge) continue
    }
    const families = q.families ?? []
    const wanted = [
      ...(q.activities ?? []),
      ...families.flatMap((f) => input.familyActivities?.get(f) ?? []),
    ]
    if ((q.activities ?? []).length + families.length > 0) {
      const viaActivity = o.activities.some((a) => wanted.includes(a))
      const viaOwnFamily = o.activityFamilies.some((f) => families.includes(f))
      if (!viaActivity && !viaOwnFamily) continue
    }
    const { eg } = chainOf(input, o)
    const p = place(input, o)
    const filtersOk =
      within(q.fields, o.field) &&
      within(q.offerTypes, o.offerType) &&
      within(q.categories, eg?.category) &&
      within(q.departements, p.dept) &&
      within(q.regions, p.region) &&
      anyWithin(q.careModes, o.careModes) &&
      anyWithin(q.publics, o.publics)
    if (!filtersOk) continue
    if (q.text !== undefined && !textMatches(input, o, q.text)) continue
    let distanceKm = NaN
    let point = p.points[0]
    if (q.origin) {
      const ds = p.points.map((pt) => haversineKm(q.origin!.lat, q.origin!.lon, pt.lat, pt.lon))
      const best = ds.reduce((b, d, i) => (b < 0 || d < ds[b]! ? i : b), -1)
      distanceKm = best < 0 ? NaN : ds[best]!
      point = p.points[best]
      if (q.radiusKm !== undefined && !(distanceKm <= q.radiusKm)) continue
    }
    out.push({ id: o.id, distanceKm, point, isClosed: closed })
  }
  const byId = new Map(input.offers.map((o) => [o.id, o]))
  const key = (e: Expected) => {
    const o = byId.get(e.id)!
    return [foldText(o.name), o.name, o.id]
  }
  const cmpStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
  return out.sort((a, b) => {
    if (q.origin) {
      const da = Number.isNaN(a.distanceKm) ? Infinity : a.distanceKm
      const db = Number.isNaN(b.distanceKm) ? Infinity : b.distanceKm
      if (da !== db) return da < db ? -1 : 1
    }
    const [ka, kb] = [key(a), key(b)]
    return cmpStr(ka[0]!, kb[0]!) || cmpStr(ka[1]!, kb[1]!) || cmpStr(ka[2]!, kb[2]!)
  })
}

describe('engine = brute force', () => {
  it('returns the same total, page, order, distances and flags', () => {
    fc.assert(
      fc.property(
        arbSnapshot,
        fc.array(arbQuery, { minLength: 1, maxLength: 6 }),
        fc.nat(),
        (input, qs, pick) => {
          const index = buildSearchIndex(input)
          const points = (input.placements ?? []).flatMap((p) => p.points)
          for (const q0 of qs) {
            const q = { ...q0, now: NOW }
            // Half the radius queries put the rim exactly on a point (radius is inclusive).
            const rim = points[pick % Math.max(1, points.length)]
            if (q.origin && q.radiusKm !== undefined && rim && pick % 2 === 0) {
              q.radiusKm = haversineKm(q.origin.lat, q.origin.lon, rim.lat, rim.lon)
            }
            const expected = bruteForce(input, q)
            const res = search(index, q)
            expect(res.total).toBe(expected.length)
            const offset = q.offset ?? 0
            const page = expected.slice(offset, offset + (q.limit ?? 50))
            expect(res.items.map((i) => i.offerId)).toEqual(page.map((e) => e.id))
            res.items.forEach((item, k) => {
              const e = page[k]!
              expect(item.distanceKm ?? NaN).toBe(e.distanceKm)
              expect(item.isClosed).toBe(e.isClosed)
              expect(item.lat === undefined ? undefined : { lat: item.lat, lon: item.lon }).toEqual(
                e.point && { lat: e.point.lat, lon: e.point.lon },
              )
            })
            const all = matchAll(index, q)
            expect(Array.from(all.offers, (r) => index.offerIds[r]!)).toEqual(
              expected.map((e) => e.id),
            )
          }
        },
      ),
      { numRuns: 300 },
    )
  })
})
