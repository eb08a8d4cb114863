import { describe, expect, it } from 'vitest'
import { openStore } from '../generate/store'
import { AccessView } from './access'

const text = (found: Uint8Array | string | null) =>
  found === null || typeof found === 'string' ? found : Buffer.from(found).toString('utf8')

describe('AccessView rendering', () => {
  it('serves what the visibility scan kept as a fresh rendering would, and not past a mutation', async () => {
    const store = await openStore({ scale: { eg: 40 }, seed: 5 })
    const view = new AccessView(store)
    const type = 'HealthcareService'
    const candidates = store.ids(type)
    const fresh = (id: string) => new AccessView(store).json(type, id, 3)
    const { ids, exceeded } = await view.visibleAmong(type, candidates, 3, 100_000)
    expect(exceeded).toBe(false)
    // Profile 3 does not see the sensitive units: some candidates are hidden.
    expect(ids.length).toBeGreaterThan(0)
    expect(ids.length).toBeLessThan(candidates.length)
    for (const id of candidates) {
      const json = fresh(id)
      const found = view.renderFound(type, id, 3)
      expect(text(found), id).toBe(json)
      expect(json === null, id).toBe(!ids.includes(id))
      // The visible ones come from what the scan kept (bytes), not from a second rendering.
      if (found !== null) expect(found, id).toBeInstanceOf(Uint8Array)
    }
    // A scan keeps the offers, then a mutation: what it kept is dropped, the changes are served.
    const other = new AccessView(store)
    await other.visibleAmong(type, candidates, 3, 100_000)
    const summary = store.mutate(200, new Date('2031-01-01T00:00:00Z'))
    other.invalidate(summary)
    const changed = summary.changedKeys
      .filter((key) => key.startsWith(`${type}/`))
      .map((key) => key.slice(type.length + 1))
      .filter((id) => candidates.includes(id) && fresh(id) !== null)
    expect(changed.length).toBeGreaterThan(0)
    for (const id of changed) {
      const found = other.renderFound(type, id, 3)
      expect(typeof found, id).toBe('string')
      expect(found, id).toBe(fresh(id))
    }
  })
})
