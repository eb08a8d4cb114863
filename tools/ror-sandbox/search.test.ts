import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CS } from '../../core/ror/urls'
import type { AccessProfile } from '../../core/snapshot/records'
import type { GeneratedStore } from '../generate/store-types'
import { startSandbox, type Sandbox } from './server'
import { allPages, fhirGet, getToken, makeOracle, type SearchBundle } from './test-client'

const INC =
  '_include=HealthcareService:organization&_include:iterate=Organization:partof' +
  '&_include=HealthcareService:location&_revinclude=PractitionerRole:service' +
  '&_include=PractitionerRole:practitioner'

let store: GeneratedStore
let sandbox: Sandbox
let oracle: ReturnType<typeof makeOracle>
const tokens = new Map<AccessProfile, string>()

beforeAll(async () => {
  sandbox = await startSandbox({ scale: { eg: 150 }, seed: 1 })
  store = sandbox.store
  oracle = makeOracle(store)
  for (const p of [0, 1, 3] as const) tokens.set(p, await getToken(sandbox.tokenUrl, `profil-${p}`))
})
afterAll(() => sandbox.close())

const token = (p: AccessProfile) => tokens.get(p)!
const matchIds = (pages: SearchBundle[]) =>
  pages.flatMap((b) =>
    (b.entry ?? []).filter((e) => e.search?.mode === 'match').map((e) => e.resource.id!),
  )

describe('paging', () => {
  it.each([0, 1, 3] as const)(
    'profile %i pages through next links with no duplicate and no gap',
    async (profile) => {
      for (const type of ['HealthcareService', 'Location', 'PractitionerRole'] as const) {
        const pages = await allPages(`${sandbox.fhirBase}/${type}?_count=7`, token(profile))
        const ids = matchIds(pages)
        const expected = oracle(type, profile).map((r) => r.id!)
        expect(new Set(ids).size).toBe(ids.length)
        expect([...ids].sort()).toEqual([...expected].sort())
        for (const page of pages) expect(page.total).toBe(expected.length)
        expect(pages.slice(0, -1).every((p) => p.entry?.length === 7)).toBe(true)
      }
    },
  )

  it('keeps a next link valid when it is replayed', async () => {
    const first = await fhirGet<SearchBundle>(`${sandbox.fhirBase}/Organization?_count=5`, token(1))
    const next = first.json.link?.find((l) => l.relation === 'next')?.url
    expect(next).toBeDefined()
    const a = await fhirGet<SearchBundle>(next!, token(1))
    const b = await fhirGet<SearchBundle>(next!, token(1))
    expect(matchIds([a.json])).toEqual(matchIds([b.json]))
    expect(matchIds([a.json])).not.toEqual(matchIds([first.json]))
  })
})

describe('search parameters', () => {
  const offers = () =>
    store.ids('HealthcareService').map((id) => ({
      id,
      ms: store.lastUpdatedMs('HealthcareService', id),
      region: store.region('HealthcareService', id),
    }))

  it('filters _lastUpdated with ge and le, repeated as AND', async () => {
    const sorted = offers().sort((a, b) => a.ms - b.ms)
    const lo = sorted[20]!.ms
    const hi = sorted[60]!.ms
    const url =
      `${sandbox.fhirBase}/HealthcareService?_count=1000` +
      `&_lastUpdated=ge${new Date(lo).toISOString()}&_lastUpdated=le${new Date(hi).toISOString()}`
    const ids = matchIds(await allPages(url, token(1)))
    const expected = sorted.filter((o) => o.ms >= lo && o.ms <= hi).map((o) => o.id)
    expect(ids.sort()).toEqual(expected.sort())
    expect(expected.length).toBeGreaterThan(30)
  })

  it('filters _tag by region with or without the TRE_R30 system', async () => {
    const expected = offers()
      .filter((o) => o.region === '24')
      .map((o) => o.id)
      .sort()
    for (const tag of [`${CS.region}|24`, '24']) {
      const url = `${sandbox.fhirBase}/HealthcareService?_count=500&_tag=${encodeURIComponent(tag)}`
      expect(matchIds(await allPages(url, token(1))).sort()).toEqual(expected)
    }
  })

  it('finds by _id list and by identifier', async () => {
    const [a, b] = store.ids('Location')
    const byId = await fhirGet<SearchBundle>(
      `${sandbox.fhirBase}/Location?_id=${a},${b},nope`,
      token(1),
    )
    expect(matchIds([byId.json]).sort()).toEqual([a, b].sort())
    const value = store.identifierValues('Location', b!)[0]!
    const byIdentifier = await fhirGet<SearchBundle>(
      `${sandbox.fhirBase}/Location?identifier=${encodeURIComponent(`any-system|${value}`)}`,
      token(1),
    )
    expect(matchIds([byIdentifier.json])).toEqual([b])
  })

  it('refuses unknown parameters, bad dates and forged page tokens with a 400', async () => {
    for (const query of ['name=x', '_lastUpdated=ge2024-13', '_pageToken=abc', '_count=-1']) {
      const res = await fhirGet(`${sandbox.fhirBase}/HealthcareService?${query}`, token(1))
      expect(res.status, query).toBe(400)
      expect(res.json).toMatchObject({ resourceType: 'OperationOutcome' })
    }
  })
})

describe('includes', () => {
  it('returns the ROR delta include set for the matches of a page', async () => {
    const res = await fhirGet<SearchBundle>(
      `${sandbox.fhirBase}/HealthcareService?_count=20&${INC}`,
      token(1),
    )
    const included = new Set(
      (res.json.entry ?? [])
        .filter((e) => e.search?.mode === 'include')
        .map((e) => `${e.resource.resourceType}/${e.resource.id}`),
    )
    for (const id of matchIds([res.json])) {
      let org = store.offerOrganization(id)
      while (org) {
        expect(included.has(`Organization/${org}`)).toBe(true)
        org = store.organizationPartOf(org)
      }
      for (const loc of store.offerLocations(id)) expect(included.has(`Location/${loc}`)).toBe(true)
      for (const role of store.offerPractitionerRoles(id)) {
        expect(included.has(`PractitionerRole/${role}`)).toBe(true)
        const practitioner = store.practitionerRolePractitioner(role)!
        expect(included.has(`Practitioner/${practitioner}`)).toBe(true)
      }
    }
    expect([...included].some((k) => k.startsWith('Practitioner/'))).toBe(true)
  })

  it('revincludes the offers of a place, filtered for the profile', async () => {
    const visible = new Set(oracle('HealthcareService', 0).map((r) => r.id))
    const pages = await allPages(
      `${sandbox.fhirBase}/Location?_count=50&_revinclude=HealthcareService:location`,
      token(0),
    )
    const offersSeen = pages.flatMap((p) =>
      (p.entry ?? []).filter((e) => e.search?.mode === 'include').map((e) => e.resource.id!),
    )
    expect(offersSeen.length).toBeGreaterThan(0)
    expect(offersSeen.every((id) => visible.has(id))).toBe(true)
  })
})

describe('read', () => {
  it('reads a resource and hides what the profile may not see', async () => {
    const visible0 = new Set(oracle('HealthcareService', 0).map((r) => r.id))
    const sensitive = store.ids('HealthcareService').find((id) => !visible0.has(id))!
    expect(
      (await fhirGet(`${sandbox.fhirBase}/HealthcareService/${sensitive}`, token(1))).status,
    ).toBe(200)
    const hidden = await fhirGet(`${sandbox.fhirBase}/HealthcareService/${sensitive}`, token(0))
    expect(hidden.status).toBe(404)
    expect((await fhirGet(`${sandbox.fhirBase}/Location/does-not-exist`, token(1))).status).toBe(
      404,
    )
  })
})
