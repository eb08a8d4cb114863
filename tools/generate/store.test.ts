import { describe, expect, it } from 'vitest'
import type { Organization } from 'fhir/r4'
import type { RorResourceType } from './store-types'
import { ROR_RESOURCE_TYPES } from './store-types'
import { allResources, referencesIn, smallStore } from './testing'

describe('openStore determinism', () => {
  it('gives identical resources for the same seed and different ones for another seed', async () => {
    const a = await smallStore(11, 120)
    const b = await smallStore(11, 120)
    const c = await smallStore(12, 120)
    for (const type of ROR_RESOURCE_TYPES) {
      expect(b.ids(type)).toEqual(a.ids(type))
      for (const id of a.ids(type).slice(0, 60)) expect(b.get(type, id)).toEqual(a.get(type, id))
    }
    const first = a.ids('HealthcareService').slice(0, 40)
    const same = first.filter(
      (id) =>
        JSON.stringify(a.get('HealthcareService', id)) ===
        JSON.stringify(c.get('HealthcareService', id)),
    )
    expect(same.length).toBeLessThan(first.length / 4)
  })

  it('returns a fresh object on every get (callers may mutate it)', async () => {
    const store = await smallStore(1, 20)
    const id = store.ids('Organization')[0] ?? ''
    const r1 = store.get('Organization', id) as Organization
    r1.name = 'changé'
    expect((store.get('Organization', id) as Organization).name).not.toBe('changé')
  })
})

describe('reference integrity and store helpers', () => {
  it('resolves every reference of every resource to a live resource', async () => {
    const store = await smallStore(5, 250)
    let checked = 0
    for (const [, resource] of allResources(store)) {
      for (const ref of referencesIn(resource)) {
        const [type, id] = ref.split('/') as [RorResourceType, string]
        expect(store.has(type, id), `${resource.resourceType}/${resource.id} → ${ref}`).toBe(true)
        checked += 1
      }
    }
    expect(checked).toBeGreaterThan(2000)
  })

  it('builds EJ → EG → OI hierarchies and offers provided by an EG or OI', async () => {
    const store = await smallStore(5, 250)
    const orgs = new Map(
      store.ids('Organization').map((id) => [id, store.get('Organization', id) as Organization]),
    )
    const isEj = (o: Organization) => !o.partOf
    const isEg = (o: Organization) =>
      o.type?.some((t) =>
        t.coding?.some((c) => c.system?.includes('TRE_R66') || c.system?.includes('TRE_R02')),
      )
    let ej = 0
    let eg = 0
    let oi = 0
    for (const o of orgs.values()) {
      const parent = orgs.get(store.organizationPartOf(o.id ?? '') ?? '')
      if (isEj(o)) ej += 1
      else if (isEg(o)) {
        eg += 1
        expect(parent && isEj(parent), `EG ${o.id} partOf an EJ`).toBe(true)
      } else {
        oi += 1
        expect(parent && !isEj(parent), `OI ${o.id} partOf an EG or OI`).toBe(true)
      }
    }
    expect(eg).toBe(250)
    expect(ej).toBeGreaterThan(100)
    expect(oi).toBeGreaterThan(0)
    for (const id of store.ids('HealthcareService')) {
      const provider = orgs.get(store.offerOrganization(id) ?? '')
      expect(provider && !isEj(provider)).toBe(true)
    }
  })

  it('keeps the fast helpers consistent with the materialised resources', async () => {
    const store = await smallStore(8, 150)
    for (const [type, r] of allResources(store)) {
      const id = r.id ?? ''
      expect(store.lastUpdatedMs(type, id)).toBe(Date.parse(r.meta?.lastUpdated ?? ''))
      expect(store.region(type, id)).toBe(r.meta?.tag?.[0]?.code)
      const values = ((r as { identifier?: { value?: string }[] }).identifier ?? []).map(
        (i) => i.value,
      )
      expect([...store.identifierValues(type, id)].sort()).toEqual([...values].sort())
    }
    for (const id of store.ids('HealthcareService')) {
      const hs = store.get('HealthcareService', id) as {
        location?: { reference: string }[]
        providedBy?: { reference: string }
      }
      expect(store.offerLocations(id)).toEqual(
        (hs.location ?? []).map((l) => l.reference.split('/')[1]),
      )
      expect(store.offerOrganization(id)).toBe(hs.providedBy?.reference.split('/')[1])
      for (const loc of store.offerLocations(id)) expect(store.locationOffers(loc)).toContain(id)
      for (const pr of store.offerPractitionerRoles(id)) {
        const role = store.get('PractitionerRole', pr) as {
          healthcareService?: { reference: string }[]
          practitioner?: { reference: string }
        }
        expect(role.healthcareService?.[0]?.reference).toBe(`HealthcareService/${id}`)
        expect(store.practitionerRolePractitioner(pr)).toBe(
          role.practitioner?.reference.split('/')[1],
        )
      }
    }
    for (const type of ROR_RESOURCE_TYPES) expect(store.count(type)).toBe(store.ids(type).length)
    expect(store.get('HealthcareService', 'nope')).toBeUndefined()
    expect(store.has('Location', store.ids('HealthcareService')[0] ?? '')).toBe(false)
  })
})
