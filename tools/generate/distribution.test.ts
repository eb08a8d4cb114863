/**
 * Distribution sanity of a mid-size dataset: fields, confidentiality levels, sensitive units,
 * geolocation, dates, regions, population weighting, age units, capacities, closures.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { HealthcareService, Location, Organization } from 'fhir/r4'
import { DATA_EPOCH_MS, SPREAD_MS } from './clock'
import { sampleCommunes } from './geo'
import { openStore } from './store'
import type { GeneratedStore } from './store-types'
import { ageRangeOf, extensionsOf, smallStore } from './testing'

const SD = 'https://interop.esante.gouv.fr/ig/fhir/ror/StructureDefinition/'

let store: GeneratedStore
let offers: HealthcareService[]
let orgs: Organization[]
let places: Location[]

beforeAll(async () => {
  store = await smallStore(3, 1500)
  offers = store
    .ids('HealthcareService')
    .map((id) => store.get('HealthcareService', id) as HealthcareService)
  orgs = store.ids('Organization').map((id) => store.get('Organization', id) as Organization)
  places = store.ids('Location').map((id) => store.get('Location', id) as Location)
})

const share = (n: number, total: number) => n / total
const isEstablishment = (o: Organization) =>
  o.type?.some((t) => t.coding?.some((c) => /TRE_R66|TRE_R02/.test(c.system ?? '')))

describe('distribution of a generated dataset', () => {
  it('mixes the five fields of activity, ville and médico-social first', () => {
    const champs = new Map<string, number>()
    for (const hs of offers) {
      const c = hs.type?.[0]?.coding?.[0]?.code ?? '?'
      champs.set(c, (champs.get(c) ?? 0) + 1)
    }
    expect([...champs.keys()].sort()).toEqual(['01', '02', '03', '04', '05'])
    for (const n of champs.values()) expect(share(n, offers.length)).toBeGreaterThan(0.02)
    expect(share(champs.get('05') ?? 0, offers.length)).toBeGreaterThan(0.2)
    expect(offers.length / 1500).toBeGreaterThan(3)
  })

  it('spreads confidentiality levels: mostly public, some professional, few crisis-only', () => {
    const levels =
      JSON.stringify(offers)
        .match(/TRE-R283-NiveauConfidentialite","code":"(\d)"/g)
        ?.map((m) => m.slice(-2, -1)) ?? []
    const count = (l: string) => levels.filter((x) => x === l).length
    expect(levels.length).toBeGreaterThan(1000)
    expect(share(count('1'), levels.length)).toBeGreaterThan(0.6)
    expect(share(count('2'), levels.length)).toBeGreaterThan(0.08)
    expect(share(count('3'), levels.length)).toBeGreaterThan(0.01)
    expect(share(count('3'), levels.length)).toBeLessThan(0.1)
  })

  it('flags about 2 % of offers as sensitive units (the flag is always present)', () => {
    const flags = offers.map(
      (hs) => extensionsOf(hs, `${SD}ror-healthcareservice-sensitive-unit`)[0]?.valueBoolean,
    )
    expect(flags.every((f) => typeof f === 'boolean')).toBe(true)
    const rate = share(flags.filter((f) => f === true).length, offers.length)
    expect(rate).toBeGreaterThan(0.008)
    expect(rate).toBeLessThan(0.05)
  })

  it('geolocates almost every establishment, places near it, a few without coordinates', () => {
    const egs = orgs.filter(isEstablishment)
    expect(egs.length).toBe(1500)
    const located = egs.filter((o) =>
      JSON.stringify(o.address).includes('StructureDefinition/geolocation'),
    )
    expect(share(located.length, egs.length)).toBeGreaterThan(0.95)
    expect(located.length).toBeLessThan(egs.length)
    const positioned = places.filter((p) => p.position)
    expect(share(positioned.length, places.length)).toBeGreaterThan(0.95)
    expect(offers.some((hs) => !hs.location)).toBe(true)
    expect(offers.some((hs) => (hs.location?.length ?? 0) === 2)).toBe(true)
  })

  it('spreads meta.lastUpdated over three years, creation before last update', () => {
    const times = offers.map((hs) => Date.parse(hs.meta?.lastUpdated ?? ''))
    expect(Math.max(...times)).toBeLessThanOrEqual(DATA_EPOCH_MS)
    expect(Math.min(...times)).toBeGreaterThanOrEqual(DATA_EPOCH_MS - SPREAD_MS)
    const older = times.filter((t) => t < DATA_EPOCH_MS - SPREAD_MS / 3)
    expect(share(older.length, times.length)).toBeGreaterThan(0.2)
    for (const hs of offers.slice(0, 300)) {
      const created = Date.parse(
        String(extensionsOf(hs, `${SD}ror-meta-creation-date`)[0]?.valueDateTime),
      )
      expect(created).toBeLessThanOrEqual(Date.parse(hs.meta?.lastUpdated ?? ''))
    }
  })

  it('places establishments where people live, in every region', () => {
    const egs = orgs.filter(isEstablishment)
    const regions = new Set(egs.map((o) => o.meta?.tag?.[0]?.code))
    expect(regions.size).toBeGreaterThanOrEqual(16)
    const inCommune = (code: string) =>
      egs.filter((o) => JSON.stringify(o.address).includes(`"code":"${code}"`)).length
    // Paris (2.1 M inhabitants) against Mende (12 k) in the test gazetteer.
    expect(inCommune('75056')).toBeGreaterThan(10 * Math.max(1, inCommune('48095')))
  })

  it('writes ages mostly in years, some in days or months, a few without unit', () => {
    const units = offers.flatMap((hs) => {
      const a = ageRangeOf(hs)
      return [a.low.unit ?? 'none', a.high.unit ?? 'none']
    })
    const n = (u: string) => units.filter((x) => x === u).length
    expect(share(n('a'), units.length)).toBeGreaterThan(0.6)
    expect(n('d')).toBeGreaterThan(units.length * 0.05)
    expect(n('mo')).toBeGreaterThan(0)
    expect(n('none')).toBeGreaterThan(0)
  })

  it('gives capacities to hospitalisation and accommodation places, closes a few offers', () => {
    const withCapacity = places.filter(
      (p) => extensionsOf(p, `${SD}ror-location-supported-capacity`).length > 0,
    )
    expect(share(withCapacity.length, places.length)).toBeGreaterThan(0.2)
    const closed = offers.filter((hs) =>
      hs.notAvailable?.some((n) => n.id === 'closingReopeningDate'),
    )
    expect(share(closed.length, offers.length)).toBeGreaterThan(0.003)
    expect(share(closed.length, offers.length)).toBeLessThan(0.04)
  })

  it('keeps the region scale inside its region', async () => {
    const region = await openStore({ scale: 'region', seed: 2, communes: sampleCommunes() })
    expect(region.count('Organization')).toBeGreaterThan(15_000)
    const ids = region.ids('HealthcareService')
    for (let i = 0; i < ids.length; i += Math.floor(ids.length / 200)) {
      expect(region.get('HealthcareService', ids[i] ?? '')?.meta?.tag?.[0]?.code).toBe('84')
    }
  })
})
