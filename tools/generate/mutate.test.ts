import { describe, expect, it } from 'vitest'
import type { HealthcareService, Location } from 'fhir/r4'
import type { RorResourceType } from './store-types'
import { ROR_RESOURCE_TYPES } from './store-types'
import { allResources, referencesIn, smallStore } from './testing'

const NOW = new Date('2027-01-15T10:00:00.123Z')

const split = (key: string) => key.split('/') as [RorResourceType, string]

describe('mutate', () => {
  it('stamps every created, modified or closed resource with lastUpdated = now, and only them', async () => {
    const store = await smallStore(9, 120)
    const summary = store.mutate(60, NOW)
    expect(summary.created + summary.modified + summary.closed + summary.deleted).toBe(60)
    expect(summary.created).toBeGreaterThan(0)
    expect(summary.modified).toBeGreaterThan(0)
    expect(summary.closed).toBeGreaterThan(0)
    expect(summary.deleted).toBeGreaterThan(0)
    expect(summary.at).toBe(NOW.toISOString())
    for (const key of summary.changedKeys) {
      const [type, id] = split(key)
      expect(store.get(type, id)?.meta?.lastUpdated, key).toBe(NOW.toISOString())
    }
    // What a `_lastUpdated=ge<now>` query would return is exactly the changed resources.
    const recent = new Set<string>()
    for (const type of ROR_RESOURCE_TYPES) {
      for (const id of store.ids(type))
        if (store.lastUpdatedMs(type, id) >= NOW.getTime()) recent.add(`${type}/${id}`)
    }
    expect([...recent].sort()).toEqual([...summary.changedKeys].sort())
  })

  it('removes deleted resources without a trace, keeps counts and references right', async () => {
    const store = await smallStore(9, 120)
    const before = Object.fromEntries(ROR_RESOURCE_TYPES.map((t) => [t, store.count(t)]))
    const offersBefore = new Set(store.ids('HealthcareService'))
    const summary = store.mutate(80, NOW)
    for (const key of summary.deletedKeys) {
      const [type, id] = split(key)
      expect(store.has(type, id)).toBe(false)
      expect(store.get(type, id)).toBeUndefined()
      expect(store.ids(type)).not.toContain(id)
      expect(summary.changedKeys).not.toContain(key)
    }
    const newOffers = store.ids('HealthcareService').filter((id) => !offersBefore.has(id))
    expect(newOffers.length).toBe(summary.created)
    for (const id of newOffers) expect(summary.changedKeys).toContain(`HealthcareService/${id}`)
    const deletedOffers = summary.deletedKeys.filter((k) =>
      k.startsWith('HealthcareService/'),
    ).length
    expect(deletedOffers).toBe(summary.deleted)
    expect(store.count('HealthcareService')).toBe(
      (before.HealthcareService ?? 0) + summary.created - summary.deleted,
    )
    for (const type of ROR_RESOURCE_TYPES) expect(store.count(type)).toBe(store.ids(type).length)
    for (const [, resource] of allResources(store)) {
      for (const ref of referencesIn(resource))
        expect(store.has(...split(ref)), `${resource.id} → ${ref}`).toBe(true)
    }
  })

  it('expresses closures in the data: notAvailable on offers, status on places', async () => {
    const store = await smallStore(10, 150)
    const summary = store.mutate(120, NOW)
    const day = NOW.toISOString().slice(0, 10)
    let closedOffers = 0
    let closedPlaces = 0
    for (const key of summary.changedKeys) {
      const [type, id] = split(key)
      if (type === 'HealthcareService') {
        const hs = store.get(type, id) as HealthcareService
        if (
          hs.notAvailable?.some((n) => n.id === 'closingReopeningDate' && n.during?.start === day)
        )
          closedOffers += 1
      } else if (type === 'Location') {
        const loc = store.get(type, id) as Location
        if (loc.status !== 'active') closedPlaces += 1
      }
    }
    // A resource closed earlier in the batch may have been deleted since.
    expect(closedOffers + closedPlaces).toBeLessThanOrEqual(summary.closed)
    expect(closedOffers + closedPlaces).toBeGreaterThanOrEqual(
      summary.closed - summary.deletedKeys.length,
    )
    expect(closedOffers).toBeGreaterThan(0)
  })

  it('is deterministic given the store state and the number of previous mutations', async () => {
    const a = await smallStore(9, 100)
    const b = await smallStore(9, 100)
    const first = a.mutate(30, NOW)
    expect(b.mutate(30, NOW)).toEqual(first)
    const later = new Date(NOW.getTime() + 60_000)
    const second = a.mutate(30, later)
    expect(b.mutate(30, later)).toEqual(second)
    expect(second.changedKeys).not.toEqual(first.changedKeys)
    for (const id of a.ids('HealthcareService').slice(-20)) {
      expect(b.get('HealthcareService', id)).toEqual(a.get('HealthcareService', id))
    }
  })
})
