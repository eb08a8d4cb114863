import { describe, expect, it } from 'vitest'
import { openStore } from '../generate/store'
import { LinkIndex } from './link-index'

describe('LinkIndex', () => {
  it('follows mutations to the same links as an index built afterwards', async () => {
    const store = await openStore({ scale: { eg: 80 }, seed: 4 })
    const orgs = [...store.ids('Organization')]
    const practitioners = [...store.ids('Practitioner')]
    const kept = new LinkIndex(store)
    // Built (and its subtree cache filled) before the mutations.
    for (const org of orgs) kept.offersUnderOrganization(org)
    for (const p of practitioners) kept.offersOfPractitioner(p)
    const now = Date.parse('2030-03-01T00:00:00.000Z')
    let created = 0
    let deleted = 0
    for (let k = 0; k < 3; k += 1) {
      const summary = store.mutate(150, new Date(now + k * 60_000))
      kept.mutated(summary)
      created += summary.created
      deleted += summary.deleted
    }
    expect(created).toBeGreaterThan(0)
    expect(deleted).toBeGreaterThan(0)
    const fresh = new LinkIndex(store)
    const sorted = (ids: readonly string[]) => [...ids].sort()
    let nonEmpty = 0
    for (const org of store.ids('Organization')) {
      const expected = sorted(fresh.offersUnderOrganization(org))
      expect(sorted(kept.offersUnderOrganization(org)), org).toEqual(expected)
      if (expected.length > 0) nonEmpty += 1
    }
    // Practitioners created by the mutations as well as those deleted by them.
    for (const p of new Set([...practitioners, ...store.ids('Practitioner')])) {
      expect(sorted(kept.offersOfPractitioner(p)), p).toEqual(sorted(fresh.offersOfPractitioner(p)))
    }
    expect(nonEmpty).toBeGreaterThan(orgs.length / 4)
  })
})
