/**
 * fast-check arbitraries of small, dense snapshots and queries for the search property test:
 * few codes and words, points in a 100 km box, dates around NOW, so that random queries
 * often match something and every rule (boundaries, ties, closures) is exercised.
 */
import fc from 'fast-check'
import type { SearchIndexInput } from '../../core/search/build'
import type { CommuneInfo, SearchQuery } from '../../core/search/types'
import type {
  GeoPrecision,
  LocationRecord,
  OfferRecord,
  OrganizationRecord,
  ResolvedPlacement,
} from '../../core/snapshot/records'
import { parsePatientAge } from '../../core/ror/age'
import { ages, location, offer, org, placement } from './search-records'

export const NOW = Date.parse('2025-06-15T00:00:00Z')

export const COMMUNES: Readonly<Record<string, CommuneInfo>> = {
  '18033': { name: 'Bourges', departement: '18', region: '24' },
  '18279': { name: 'Vierzon', departement: '18', region: '24' },
  '42218': { name: 'Saint-Étienne', departement: '42', region: '84' },
}
const COMMUNE_CODES = [...Object.keys(COMMUNES), '2A004', '97411']

const WORDS = [
  'Strasbourg',
  'Stéphane',
  'Hôpital',
  'hopital',
  'Saint',
  'St',
  'Étienne',
  'CMP',
  'Œuvre',
  'jour',
  'Jour',
  'de',
  'lyon-sud',
  'Zèbre',
]
const ACTIVITIES = ['001', '022', '045', '409']
const FAMILIES = ['01', '004']
const CODES = ['01', '03', 'X']
const UNITS = [undefined, 'a', 'mo', 'wk', 'd'] as const
const DATES = [
  '2025-06-14',
  '2025-06-15',
  '2025-06-15T00:00:00Z',
  '2025-06-16',
  '2024-01-01',
  'bad',
]

const sub = <T>(values: readonly T[]) => fc.subarray([...values])
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined })
const name = fc
  .array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 })
  .map((w) => w.join(' '))
/** Offer names: often the same few, so ties in the name order are common. */
const offerName = fc.oneof(
  fc.constantFrom('CMP', 'cmp', 'Hôpital de jour', 'Hopital de Jour'),
  name,
)
/** Ids whose code-unit order is the reverse of the row order (hsz0, hsy1…): tie-breaks show. */
const offerId = (i: number): string => `hs${String.fromCharCode(122 - i)}${i}`
const lat = fc.double({ min: 46.7, max: 47.5, noNaN: true })
const lon = fc.double({ min: 1.9, max: 2.9, noNaN: true })
const point = fc.record({ lat, lon })
const bound = fc.tuple(fc.integer({ min: 0, max: 30 }), fc.constantFrom(...UNITS))

const arbAge = opt(fc.tuple(bound, bound).map(([[lv, lu], [hv, hu]]) => ages([lv, lu], [hv, hu])))

function arbOffer(i: number, orgIds: string[], locIds: string[]): fc.Arbitrary<OfferRecord> {
  return fc
    .record({
      name: offerName,
      activities: sub(ACTIVITIES),
      activityFamilies: sub(FAMILIES),
      field: opt(fc.constantFrom(...CODES)),
      offerType: opt(fc.constantFrom(...CODES)),
      careModes: sub(CODES),
      publics: sub(CODES),
      age: arbAge,
      region: opt(fc.constantFrom('24', '84')),
      providedBy: opt(fc.constantFrom(...orgIds, 'missing')),
      locationIds: sub(locIds),
      closure: opt(
        fc.record({ start: opt(fc.constantFrom(...DATES)), end: opt(fc.constantFrom(...DATES)) }),
      ),
    })
    .map((f) => {
      const o = offer(offerId(i), { ...f, name: f.name })
      for (const k of ['field', 'offerType', 'age', 'region', 'providedBy', 'closure'] as const) {
        if (o[k] === undefined) delete o[k]
      }
      return o
    })
}

const arbOrgs: fc.Arbitrary<OrganizationRecord[]> = fc
  .tuple(
    fc.integer({ min: 0, max: 2 }),
    fc.integer({ min: 0, max: 4 }),
    fc.integer({ min: 0, max: 3 }),
  )
  .chain(([nEj, nEg, nOi]) => {
    const ej = Array.from({ length: nEj }, (_, i) => `ej${i}`)
    const eg = Array.from({ length: nEg }, (_, i) => `eg${i}`)
    const rec = (id: string, kind: OrganizationRecord['kind'], parents: string[]) =>
      fc
        .record({
          name,
          finess: opt(fc.constantFrom('180000028', '420784878', '2A0000001')),
          category: opt(fc.constantFrom(...CODES)),
          closedAt: opt(fc.constantFrom(...DATES)),
          partOf: parents.length > 0 ? opt(fc.constantFrom(...parents)) : fc.constant(undefined),
          commune: opt(fc.constantFrom(...COMMUNE_CODES)),
          city: opt(fc.constantFrom('Bourges', 'Lyon')),
        })
        .map(({ commune, city, ...f }) => {
          const o = org(id, kind, { ...f, address: { communeCode: commune, city } })
          for (const k of ['finess', 'category', 'closedAt', 'partOf'] as const) {
            if (o[k] === undefined) delete o[k]
          }
          return o
        })
    return fc.tuple(
      ...ej.map((id) => rec(id, 'EJ', [])),
      ...eg.map((id) => rec(id, 'EG', ej)),
      ...Array.from({ length: nOi }, (_, i) => rec(`oi${i}`, 'OI', [...eg, `oi${i + 1}`])),
    )
  })

const arbLocations: fc.Arbitrary<LocationRecord[]> = fc
  .array(
    fc.record({
      status: opt(fc.constantFrom('active', 'inactive', 'suspended')),
      commune: opt(fc.constantFrom(...COMMUNE_CODES)),
      city: opt(fc.constantFrom('Vierzon', 'Saint-Étienne')),
    }),
    { maxLength: 4 },
  )
  .map((ls) =>
    ls.map(({ status, commune, city }, i) => {
      const l = location(`loc${i}`, { address: { communeCode: commune, city } })
      if (status !== undefined) l.status = status
      return l
    }),
  )

function arbPlacement(offerId: string): fc.Arbitrary<ResolvedPlacement | undefined> {
  return opt(
    fc
      .record({
        points: fc.array(point, { maxLength: 3 }),
        precision: fc.constantFrom<GeoPrecision>('location', 'structure', 'commune'),
        commune: opt(fc.constantFrom(...COMMUNE_CODES)),
      })
      .map(({ points, precision, commune }) =>
        placement(offerId, points, points.length === 0 ? 'none' : precision, commune),
      ),
  )
}

export const arbSnapshot: fc.Arbitrary<SearchIndexInput> = fc
  .tuple(arbOrgs, arbLocations, fc.integer({ min: 0, max: 25 }))
  .chain(([organizations, locations, n]) => {
    const orgIds = organizations.map((o) => o.id)
    const locIds = locations.map((l) => l.id)
    return fc
      .tuple(
        fc.tuple(...Array.from({ length: n }, (_, i) => arbOffer(i, orgIds, locIds))),
        fc.tuple(...Array.from({ length: n }, (_, i) => arbPlacement(offerId(i)))),
      )
      .map(([offers, placements]) => ({
        offers,
        organizations,
        locations,
        placements: placements.filter((p): p is ResolvedPlacement => p !== undefined),
        commune: (code: string) => COMMUNES[code],
        familyActivities: new Map([['004', ['409', '001']]]),
      }))
  })

const arbAgeText = fc
  .tuple(fc.integer({ min: 0, max: 400 }), fc.constantFrom('', 'mo', 'wk', 'd'))
  .map(([v, u]) => parsePatientAge(`${v}${u}`))

const optCodes = (values: readonly string[]) => opt(sub(values))

export const arbQuery: fc.Arbitrary<SearchQuery> = fc
  .record({
    activities: optCodes([...ACTIVITIES, '999']),
    families: optCodes([...FAMILIES, '2.4']),
    ageMinutes: arbAgeText,
    includeUnknownAge: fc.boolean(),
    origin: opt(point),
    radiusKm: opt(fc.double({ min: 0, max: 80, noNaN: true })),
    text: opt(
      fc.oneof(
        fc.constantFrom('st', 'ste', 'St-É', 'st etienne', 'saint', 'hop de', 'oeuvre', '18', ' '),
        fc
          .tuple(name, fc.integer({ min: 1, max: 8 }))
          .map(([t, cut]) => t.slice(0, Math.max(1, t.length - cut))),
      ),
    ),
    fields: optCodes(CODES),
    offerTypes: optCodes(CODES),
    categories: optCodes(CODES),
    careModes: optCodes(CODES),
    publics: optCodes(CODES),
    departements: optCodes(['18', '42', '2A', '974']),
    regions: optCodes(['24', '84']),
    includeClosed: fc.boolean(),
    offset: fc.integer({ min: 0, max: 5 }),
    limit: fc.integer({ min: 1, max: 30 }),
  })
  .map((q) => {
    const out: SearchQuery = {}
    for (const [k, v] of Object.entries(q)) if (v !== undefined) Object.assign(out, { [k]: v })
    return out
  })
