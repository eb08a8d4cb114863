import { describe, expect, it } from 'vitest'
import {
  EDGE_DIR,
  EXAMPLES_DIR,
  fixtureResources,
  fixtureValues,
  latestValidVersions,
} from '../../tests/support/fhir-fixtures'
import { applyAccessPolicy, buildAccessContext } from '../ror/access-policy'
import type { Resource, RorResource } from '../ror/fhir-types'
import { mapResource } from '../ror/map'
import { SnapshotBuilder, accessContextFromRecords } from './builder'
import {
  ACCESS_PROFILES,
  RECORD_TYPES,
  type AccessProfile,
  type DomainRecord,
  type LocationRecord,
  type OfferRecord,
  type PractitionerRoleRecord,
} from './records'

const EDGE_FILES = [
  'structures.json',
  'offers.json',
  'locations.ndjson',
  'people.json',
  'dup-old.json',
  'dup-new.json',
]
const edge = fixtureResources(EDGE_DIR, EDGE_FILES)
const examples = fixtureResources(EXAMPLES_DIR)

function build(profile: AccessProfile, values: readonly unknown[]) {
  const b = new SnapshotBuilder({ profile })
  b.addAll(values)
  return b.finish()
}
const byId = (records: DomainRecord[]) => new Map(records.map((r) => [`${r.type}/${r.id}`, r]))

/** Deterministic shuffle (mulberry32). */
function shuffled<T>(list: readonly T[], seed: number): T[] {
  const out = [...list]
  let s = seed
  const rand = () => {
    s = (s + 0x6d2b79f5) | 0
    let t = Math.imul(s ^ (s >>> 15), 1 | s)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

describe('SnapshotBuilder', () => {
  it('gives the same records whatever the input order', () => {
    const reference = build(2, [...examples, ...edge])
    for (const seed of [1, 2, 3]) {
      const again = build(2, shuffled([...examples, ...edge], seed))
      expect(again.toArray()).toEqual(reference.toArray())
      expect(again.stats).toEqual(reference.stats)
    }
  })

  it('serves the same records as objects and as JSON texts', () => {
    const result = build(3, [...examples, ...edge])
    for (const type of RECORD_TYPES) {
      const texts = [...result.jsonOf(type)]
      expect(texts.map((t) => JSON.parse(t) as unknown)).toEqual([...result.recordsOf(type)])
      expect(texts).toHaveLength(result.stats.counts[type])
    }
  })

  it('keeps the latest meta.lastUpdated across inputs, in both orders', () => {
    const [older] = fixtureValues(EDGE_DIR, 'dup-old.json')
    const [newer] = fixtureValues(EDGE_DIR, 'dup-new.json')
    for (const values of [
      [older, newer],
      [newer, older],
    ]) {
      const result = build(1, values)
      const records = result.toArray()
      const stats = result.stats
      expect(records).toHaveLength(1)
      expect(records[0]).toMatchObject({
        id: 'hs-dup',
        name: 'Nouveau nom Edge',
        lastUpdated: '2025-06-01T00:00:00Z',
      })
      expect((records[0] as OfferRecord).age?.high).toEqual({ value: 3, unit: 'a' })
      expect(stats.superseded).toBe(1)
    }
  })

  it('lets the later input win when lastUpdated is equal', () => {
    const [a] = fixtureValues(EDGE_DIR, 'dup-new.json') as Record<string, unknown>[]
    const b = { ...a, name: 'Même date, nom corrigé' }
    expect(build(1, [a, b]).toArray()[0]).toMatchObject({ name: 'Même date, nom corrigé' })
  })

  it.each(ACCESS_PROFILES)(
    'profile %i: equals mapping each resource filtered with the full context',
    (profile) => {
      const winners = latestValidVersions([...examples, ...edge])
      const ctx = buildAccessContext(winners.values())
      const expected = [...winners.values()].flatMap((r) => {
        const filtered = applyAccessPolicy<Resource>(r, profile, ctx).resource
        return filtered ? [mapResource(filtered as RorResource)] : []
      })
      const actual = build(profile, [...edge, ...examples]).toArray()
      expect(byId(actual)).toEqual(byId(expected))
    },
  )

  it('counts and explains what it skips, and ignores other resource types', () => {
    const b = new SnapshotBuilder({ profile: 1, maxReasons: 3 })
    fixtureValues(EDGE_DIR, 'bad.ndjson').forEach((v, i) => {
      if (typeof v === 'string')
        b.skip({
          resourceType: '?',
          element: '(input)',
          message: 'bad JSON',
          source: `bad.ndjson:${i + 1}`,
        })
      else b.add(v, `bad.ndjson:${i + 1}`)
    })
    const result = b.finish()
    const records = result.toArray()
    const stats = result.stats
    expect(records.map((r) => r.id)).toEqual(['hs-long-name', 'hs-valid-in-bad'])
    expect(stats.ignored).toEqual({ Task: 1 })
    expect(stats.skipped.count).toBe(9)
    expect(stats.skipped.reasons).toEqual([
      { resourceType: '?', element: '(input)', message: 'bad JSON', source: 'bad.ndjson:2' },
      expect.objectContaining({
        resourceType: 'HealthcareService',
        id: 'hs-name-number',
        element: 'HealthcareService.name',
        source: 'bad.ndjson:3',
      }),
      expect.objectContaining({ id: 'hs-no-name', element: 'HealthcareService.name' }),
    ])
  })

  it('maps the edge cases (profile 1 sees everything)', () => {
    const records = byId(build(1, edge).toArray())
    const offer = (id: string) => records.get(`offer/${id}`) as OfferRecord
    expect(offer('hs-ms').age).toMatchObject({
      low: { value: 6, unit: 'mo' },
      high: { value: 36, unit: 'mo' },
    })
    expect(offer('hs-mco').age).toMatchObject({
      low: { value: 0, unit: 'wk' },
      high: { value: 52, unit: 'wk' },
    })
    expect(offer('hs-days').age).toMatchObject({ minMinutes: 0, maxMinutesExclusive: 29 * 1440 })
    expect(offer('hs-nounit').age?.low).toEqual({ value: 18 })
    expect(offer('hs-ms').publics).toEqual(['02'])
    expect(offer('hs-mco').locationIds).toEqual(['loc-a', 'loc-b'])
    expect(offer('hs-sensitive').isSensitive).toBe(true)
    expect(
      offer('hs-ms').contacts.map((c) => [
        c.confidentiality,
        c.telecoms.map((t) => t.confidentiality),
      ]),
    ).toEqual([
      ['1', ['1', '2']],
      ['2', ['2']],
      ['3', ['3']],
    ])
    const locMs = records.get('location/loc-ms') as LocationRecord
    // Capacity sub-values served as `valueCode` (second capacity) read like CodeableConcepts.
    expect(locMs.capacities).toEqual([
      { count: 12, kind: '01', status: '01', temporality: '01' },
      { count: 2, kind: '01', status: '02', temporality: '01', gender: '03' },
    ])
    expect(records.get('organization/eg-1')).toMatchObject({
      kind: 'EG',
      hasDropZone: true,
      orsanLevel: '2',
      finess: '180000019',
      siret: '26180001100015',
    })
    expect(records.get('organization/ej-1')).toMatchObject({
      kind: 'EJ',
      finess: '180000001',
      siren: '261800011',
      idNatStruct: '1180000001',
    })
    expect(records.get('organization/oi-1')).toMatchObject({
      kind: 'OI',
      partOf: 'eg-1',
      oiType: 'UF',
    })
    expect(records.get('location/loc-out')).toMatchObject({ position: { lat: 200.5, lon: 2.5 } })
  })

  it('hides sensitive units and what belongs only to them (profile 2)', () => {
    const result = build(2, edge)
    const records = result.toArray()
    const stats = result.stats
    const ids = records.map((r) => `${r.type}/${r.id}`)
    expect(ids).not.toContain('offer/hs-sensitive')
    expect(ids).not.toContain('location/loc-sens')
    expect(ids).not.toContain('practitionerRole/pr-sens')
    expect(ids).not.toContain('practitioner/prac-sens')
    expect(ids).toContain('practitionerRole/pr-ville')
    expect(stats.hiddenByProfile).toBe(4)
  })

  it('uses a fallback context for offers outside a delta batch', () => {
    const full = build(1, edge).toArray()
    const fallback = accessContextFromRecords(full)
    const delta = edge.filter(
      (r) => r.resourceType === 'PractitionerRole' || r.resourceType === 'Location',
    )
    const b = new SnapshotBuilder({ profile: 0, fallbackContext: fallback })
    b.addAll(delta)
    const ids = b
      .finish()
      .toArray()
      .map((r) => `${r.type}/${r.id}`)
    // Profile 0 sees the role of the ville offer only; the telecom of the ville place only.
    expect(ids.filter((i) => i.startsWith('practitionerRole/'))).toEqual([
      'practitionerRole/pr-ville',
    ])
    const without = new SnapshotBuilder({ profile: 0 })
    without.addAll(delta)
    expect(
      without
        .finish()
        .toArray()
        .filter((r) => r.type === 'practitionerRole'),
    ).toEqual([])
    expect(ids).not.toContain('location/loc-sens')
  })

  it('strips personal data from roles for profile 4', () => {
    const roles = build(4, edge)
      .toArray()
      .filter((r): r is PractitionerRoleRecord => r.type === 'practitionerRole')
    expect(roles.map((r) => r.id)).toEqual(['pr-mco', 'pr-ms', 'pr-ville'])
    for (const r of roles) {
      expect(r.exerciseName).toBeUndefined()
      expect(r.practitionerId).toBeUndefined()
      expect(r.telecoms).toEqual([])
      expect(r.profession).toBe('10')
    }
  })
})
