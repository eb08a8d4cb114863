import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { characteristicSlice, RESTRICTED_SLICES } from '../../core/ror/characteristic'
import {
  hsContactLevel,
  hsContactTelecomLevel,
  orgContactLevel,
  telecomLevel,
} from '../../core/ror/confidentiality'
import type {
  HealthcareService,
  Organization,
  Resource,
  RorResource,
} from '../../core/ror/fhir-types'
import { EXT } from '../../core/ror/urls'
import { ACCESS_PROFILES, type AccessProfile } from '../../core/snapshot/records'
import { ROR_RESOURCE_TYPES, type GeneratedStore } from '../generate/store-types'
import { startSandbox, type Sandbox } from './server'
import { allPages, getToken, makeOracle, raw } from './test-client'

const INC =
  '_include=HealthcareService:organization&_include:iterate=Organization:partof' +
  '&_include=HealthcareService:location&_revinclude=PractitionerRole:service' +
  '&_include=PractitionerRole:practitioner'

let store: GeneratedStore
let sandbox: Sandbox

beforeAll(async () => {
  sandbox = await startSandbox({ scale: { eg: 150 }, seed: 1 })
  store = sandbox.store
})
afterAll(() => sandbox.close())

async function everything(profile: AccessProfile): Promise<Resource[]> {
  const token = await getToken(sandbox.tokenUrl, `profil-${profile}`)
  const pages = await allPages(`${sandbox.fhirBase}/HealthcareService?_count=50&${INC}`, token)
  const more = await allPages(`${sandbox.fhirBase}/Location?_count=200`, token)
  return [...pages, ...more].flatMap((p) => (p.entry ?? []).map((e) => e.resource))
}

function facts(resources: Resource[]) {
  // The sandbox serves only the five ROR types, all of which have `telecom`.
  const telecoms = resources.flatMap((r) => (r as RorResource).telecom ?? [])
  const offers = resources.filter(
    (r): r is HealthcareService => r.resourceType === 'HealthcareService',
  )
  const offerContacts = offers.flatMap(
    (o) => o.extension?.filter((e) => e.url === EXT.hsContact) ?? [],
  )
  const orgContacts = resources
    .filter((r): r is Organization => r.resourceType === 'Organization')
    .flatMap((o) => o.contact ?? [])
  return {
    restrictedTelecoms: [...telecoms, ...orgContacts.flatMap((c) => c.telecom ?? [])].filter(
      (t) => telecomLevel(t) !== '1',
    ).length,
    restrictedContacts:
      offerContacts.filter(
        (c) =>
          hsContactLevel(c) !== '1' ||
          (c.extension ?? [])
            .filter((sub) => sub.url === EXT.hsContactTelecom)
            .some((sub) => hsContactTelecomLevel(sub) !== '1'),
      ).length + orgContacts.filter((c) => orgContactLevel(c) !== '1').length,
    restrictedSlices: offers
      .flatMap((o) => o.characteristic ?? [])
      .filter((c) => RESTRICTED_SLICES.has(characteristicSlice(c))).length,
    sensitiveFlags: offers.filter((o) => o.extension?.some((e) => e.url === EXT.sensitiveUnit))
      .length,
    sensitiveUnits: offers.filter((o) =>
      o.extension?.some((e) => e.url === EXT.sensitiveUnit && e.valueBoolean === true),
    ).length,
  }
}

describe('profile filtering', () => {
  it('shows profile 0 no level-2/3 telecom, no restricted slice and no sensitive unit', async () => {
    const seen = facts(await everything(0))
    expect(seen).toEqual({
      restrictedTelecoms: 0,
      restrictedContacts: 0,
      restrictedSlices: 0,
      sensitiveFlags: 0,
      sensitiveUnits: 0,
    })
  })

  it('shows profile 1 all of them (the data does hold such elements)', async () => {
    const seen = facts(await everything(1))
    expect(seen.restrictedTelecoms).toBeGreaterThan(0)
    expect(seen.restrictedContacts).toBeGreaterThan(0)
    expect(seen.restrictedSlices).toBeGreaterThan(0)
    expect(seen.sensitiveUnits).toBeGreaterThan(0)
  })

  it('reports per-profile counts in /$sandbox/stats equal to the policy applied to the store', async () => {
    const res = await raw(`${sandbox.url}/$sandbox/stats`)
    expect(res.status).toBe(200)
    const stats = JSON.parse(res.body) as {
      counts: Record<string, number>
      byProfile: Record<string, Record<string, number>>
    }
    const oracle = makeOracle(store)
    for (const type of ROR_RESOURCE_TYPES) {
      expect(stats.counts[type]).toBe(store.count(type))
      for (const profile of ACCESS_PROFILES) {
        expect(stats.byProfile[profile]?.[type], `${type} profile ${profile}`).toBe(
          oracle(type, profile).length,
        )
      }
    }
    expect(stats.byProfile[0]!.HealthcareService).toBeLessThan(stats.counts.HealthcareService!)
  })
})
