import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AccessFactsIndex, buildAccessContext } from './access-context'
import type { HealthcareService, Organization, PractitionerRole } from './fhir-types'
import { EXT, FIELD, nos } from './urls'

const meta = { lastUpdated: '2025-01-01T00:00:00Z' }
const hs = (
  id: string,
  field: string,
  locations: string[],
  org?: string,
  sensitive = false,
): HealthcareService => ({
  resourceType: 'HealthcareService',
  id,
  meta,
  name: id,
  type: [{ coding: [{ system: nos('TRE_R227-ChampActivite'), code: field }] }],
  extension: [{ url: EXT.sensitiveUnit, valueBoolean: sensitive }],
  location: locations.map((l) => ({ reference: `Location/${l}` })),
  ...(org
    ? { providedBy: { reference: `https://ror.example/fhir/Organization/${org}/_history/3` } }
    : {}),
})
const org = (id: string, parent?: string): Organization => ({
  resourceType: 'Organization',
  id,
  meta,
  name: id,
  ...(parent ? { partOf: { reference: `Organization/${parent}` } } : {}),
})
const ids = (list: readonly { id: string }[]) => list.map((o) => o.id).sort()

describe('AccessFactsIndex', () => {
  it('derives offer facts from HealthcareServices', () => {
    const ctx = buildAccessContext([hs('a', FIELD.ms, ['l1', 'l2'], 'eg', true)])
    expect(ctx.offer('a')).toEqual({
      id: 'a',
      field: '04',
      isSensitive: true,
      locationIds: ['l1', 'l2'],
      organizationId: 'eg',
    })
    expect(ids(ctx.offersOfLocation('l2'))).toEqual(['a'])
    expect(ctx.offer('zz')).toBeUndefined()
  })

  it('replaces what a newer version of an offer says (moved to another place)', () => {
    const ctx = buildAccessContext([hs('a', FIELD.mco, ['l1']), hs('a', FIELD.mco, ['l2'])])
    expect(ctx.offersOfLocation('l1')).toEqual([])
    expect(ids(ctx.offersOfLocation('l2'))).toEqual(['a'])
  })

  it('collects the offers of an organisation and of everything below it', () => {
    const ctx = buildAccessContext([
      org('ej'),
      org('eg', 'ej'),
      org('oi', 'eg'),
      org('uf', 'oi'),
      hs('a', FIELD.ms, [], 'uf'),
      hs('b', FIELD.ms, [], 'eg'),
      hs('c', FIELD.mco, [], 'other'),
    ])
    expect(ids(ctx.offersOfOrganization('ej'))).toEqual(['a', 'b'])
    expect(ids(ctx.offersOfOrganization('oi'))).toEqual(['a'])
  })

  it('survives a partOf cycle', () => {
    const ctx = buildAccessContext([org('x', 'y'), org('y', 'x'), hs('a', FIELD.ms, [], 'y')])
    expect(ids(ctx.offersOfOrganization('x'))).toEqual(['a'])
  })

  it('links practitioners to the offers of their roles', () => {
    const role = (id: string, offer: string): PractitionerRole => ({
      resourceType: 'PractitionerRole',
      id,
      meta,
      practitioner: { reference: 'Practitioner/p' },
      healthcareService: [{ reference: `HealthcareService/${offer}` }],
    })
    const ctx = buildAccessContext([
      role('r1', 'a'),
      role('r2', 'b'),
      hs('a', FIELD.ville, []),
      hs('b', FIELD.mco, []),
    ])
    expect(ids(ctx.offersOfPractitioner('p'))).toEqual(['a', 'b'])
  })

  it('asks the fallback for offers the batch does not redefine', () => {
    const old = buildAccessContext([hs('a', FIELD.mco, ['l1']), hs('b', FIELD.ms, ['l1'])])
    const batch = new AccessFactsIndex(old)
    batch.add(hs('a', FIELD.mco, ['l9']))
    // `a` moved away from l1 in the batch; `b` is only known from the fallback.
    expect(ids(batch.offersOfLocation('l1'))).toEqual(['b'])
    expect(ids(batch.offersOfLocation('l9'))).toEqual(['a'])
    expect(batch.offer('b')?.field).toBe('04')
  })
})

describe('AccessFactsIndex links, kept compact', () => {
  it('lists the offers of a place, an organisation, a practitioner as a Map of Sets would', () => {
    // Versions of offers (few ids over few places, so that places gather many offers and
    // offers move between them) and of roles; the expected lists come from plain Sets.
    const version = fc.record({
      id: fc.integer({ min: 0, max: 40 }),
      locations: fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 }),
      org: fc.integer({ min: 0, max: 2 }),
      role: fc.integer({ min: 0, max: 30 }),
      practitioner: fc.integer({ min: 0, max: 2 }),
    })
    fc.assert(
      fc.property(fc.array(version, { maxLength: 120 }), (versions) => {
        const index = new AccessFactsIndex()
        const atPlace = new Map<string, Set<string>>()
        const ofOrg = new Map<string, Set<string>>()
        const known = new Map<string, { locations: string[]; org: string }>()
        const add = (m: Map<string, Set<string>>, k: string, v: string) =>
          m.set(k, (m.get(k) ?? new Set()).add(v))
        for (const v of versions) {
          const id = `o${v.id}`
          const locations = v.locations.map((l) => `l${l}`)
          const old = known.get(id)
          for (const l of old?.locations ?? []) atPlace.get(l)?.delete(id)
          if (old) ofOrg.get(old.org)?.delete(id)
          for (const l of locations) add(atPlace, l, id)
          add(ofOrg, `g${v.org}`, id)
          known.set(id, { locations, org: `g${v.org}` })
          index.addOffer({
            id,
            isSensitive: false,
            locationIds: locations,
            organizationId: `g${v.org}`,
          })
          index.setRole(`r${v.role}`, `p${v.practitioner}`, [id])
        }
        const inOrder = (list: readonly { id: string }[]) => list.map((o) => o.id)
        for (let l = 0; l < 4; l++) {
          expect(inOrder(index.offersOfLocation(`l${l}`))).toEqual([
            ...(atPlace.get(`l${l}`) ?? []),
          ])
        }
        for (let g = 0; g < 3; g++) {
          expect(inOrder(index.offersOfOrganization(`g${g}`))).toEqual([
            ...(ofOrg.get(`g${g}`) ?? []),
          ])
        }
        // Each role's last version links its practitioner to one offer.
        const roles = new Map<number, { p: number; offer: number }>()
        for (const v of versions) roles.set(v.role, { p: v.practitioner, offer: v.id })
        for (let p = 0; p < 3; p++) {
          const offers = [...roles.values()].filter((r) => r.p === p).map((r) => `o${r.offer}`)
          expect(ids(index.offersOfPractitioner(`p${p}`))).toEqual([...new Set(offers)].sort())
        }
      }),
      { numRuns: 200 },
    )
  })
})
