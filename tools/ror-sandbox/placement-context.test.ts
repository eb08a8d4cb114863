import { describe, expect, it } from 'vitest'
import { ACCESS_PROFILES } from '../../core/snapshot/records'
import { openStore } from '../generate/store'
import type { GeneratedStore, RorResourceType } from '../generate/store-types'
import { ROR_RESOURCE_TYPES } from '../generate/store-types'
import { AccessView, sandboxPolicy } from './access'
import { LinkIndex, MAX_ORG_DEPTH } from './link-index'
import { OfferFactsTable } from './offer-facts'
import { PlacementContext } from './placement-context'

/** Every resource as each profile sees it, serialised. */
function everything(view: AccessView, store: GeneratedStore): Map<string, string> {
  const out = new Map<string, string>()
  for (const type of ROR_RESOURCE_TYPES) {
    for (const id of store.ids(type)) {
      for (const profile of ACCESS_PROFILES) {
        out.set(`${profile} ${type}/${id}`, JSON.stringify(view.view(type, id, profile)))
      }
    }
  }
  return out
}

describe('PlacementContext', () => {
  it('filters every resource exactly as the full lists of offers do, across mutations', async () => {
    const store = await openStore({ scale: { eg: 60 }, seed: 3 })
    const reduced = new AccessView(store)
    // Another function than sandboxPolicy: the view then hands it the full lists.
    const full = new AccessView(store, (resource, profile, ctx) =>
      sandboxPolicy(resource, profile, ctx),
    )
    let hidden = 0
    let byProfile = 0
    for (let round = 0; round < 3; round += 1) {
      if (round > 0) {
        const summary = store.mutate(120, new Date(Date.parse('2030-01-01') + round * 60_000))
        reduced.invalidate(summary)
        full.invalidate(summary)
      }
      const expected = everything(full, store)
      expect(everything(reduced, store)).toEqual(expected)
      for (const [key, json] of expected) {
        if (json === 'null') hidden += 1
        const [profile, rest] = key.split(' ')
        if (profile === '0' && expected.get(`3 ${rest}`) !== json) byProfile += 1
      }
    }
    // The comparison covers hidden resources and elements that depend on the placement.
    expect(hidden).toBeGreaterThan(0)
    expect(byProfile).toBeGreaterThan(0)
  })

  it('walks the offers as a list where a subtree is too deep, loops or has too many facts', () => {
    // Organisations o0 ← o1 ← … ← o19 (partOf), one offer each; c1 ⇄ c2 form a loop; w holds
    // an offer whose packed fact does not fit the bit set.
    const parent = new Map<string, string>()
    for (let k = 1; k < 20; k += 1) parent.set(`o${k}`, `o${k - 1}`)
    parent.set('c1', 'c2').set('c2', 'c1')
    const orgs = [...Array.from({ length: 20 }, (_, k) => `o${k}`), 'c1', 'c2', 'w']
    const offerOrg = new Map(orgs.map((org) => [`hs-${org}`, org]))
    const offers = [...offerOrg.keys()]
    const ids: Record<string, readonly string[]> = { Organization: orgs, HealthcareService: offers }
    const store = {
      ids: (type: RorResourceType) => ids[type] ?? [],
      has: (type: RorResourceType, id: string) => (ids[type] ?? []).includes(id),
      organizationPartOf: (org: string) => parent.get(org),
      offerOrganization: (hs: string) => offerOrg.get(hs),
      offerPractitionerRoles: () => [],
      practitionerRolePractitioner: () => undefined,
      locationOffers: () => [],
    } as unknown as GeneratedStore
    const facts = new OfferFactsTable()
    // Fields f1…f15 and "deep" (index 16: packed 32); the offers more than MAX_ORG_DEPTH levels
    // below o0 are sensitive f14 (packed 29), the others f1…f13.
    const fields = [null, ...Array.from({ length: 15 }, (_, k) => `f${k + 1}`), 'deep']
    const packedOf = (org: string): number => {
      if (org === 'w') return 16 * 2 // field "deep" as packed 32: past the 31-bit set
      const depth = Number(org.slice(1))
      if (org.startsWith('o') && depth > MAX_ORG_DEPTH) return 14 * 2 + 1
      return ((depth % 13) + 1) * 2
    }
    facts.load(offers, { fields, packed: orgs.map(packedOf) })
    const links = new LinkIndex(store)
    const ctx = new PlacementContext(store, links, facts, (id) => facts.get(id))
    const pairs = (list: readonly { field?: string; isSensitive: boolean }[]) =>
      list.map((o) => `${o.field}/${o.isSensitive}`).sort()
    const walked = (org: string) =>
      pairs(
        [...new Set(links.offersUnderOrganization(org).map((id) => facts.get(id)!))].map(
          (packed) => ({ isSensitive: (packed & 1) === 1, field: facts.field(packed) }),
        ),
      )
    for (const org of [...orgs].reverse()) {
      expect(pairs(ctx.offersOfOrganization(org)), org).toEqual(walked(org))
    }
    // The walk stops MAX_ORG_DEPTH levels down: o0 does not see o17's field, o1 does.
    expect(walked('o0')).not.toContain('f14/true')
    expect(walked('o1')).toContain('f14/true')
    expect(walked('c1')).toHaveLength(2)
    expect(pairs(ctx.offersOfOrganization('w'))).toEqual(['deep/false'])
  })
})
