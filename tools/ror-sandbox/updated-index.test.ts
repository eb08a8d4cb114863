import { describe, expect, it } from 'vitest'
import { openStore } from '../generate/store'
import { ROR_RESOURCE_TYPES, type GeneratedStore } from '../generate/store-types'
import { collectCandidates } from './search'
import { emptyQuery, parseDateBound, type SearchQuery } from './search-params'
import { boundsInterval, UpdatedIndex } from './updated-index'

const HOUR = 3_600_000

/** `_lastUpdated` values around the instants the store holds: before, at and after each. */
function boundValues(instants: readonly number[]): string[] {
  const out: string[] = []
  for (const ms of instants) {
    const iso = new Date(ms).toISOString()
    for (const prefix of ['ge', 'gt', 'le', 'lt', 'eq', 'sa', 'eb']) {
      out.push(`${prefix}${iso}`, `${prefix}${iso.slice(0, 19)}Z`, `${prefix}${iso.slice(0, 10)}`)
    }
    out.push(`ge${new Date(ms - 1).toISOString()}`, `lt${new Date(ms + 1).toISOString()}`)
  }
  return out
}

function query(store: GeneratedStore, type: SearchQuery['type'], values: string[]): SearchQuery {
  const q = emptyQuery(type, 10)
  q.lastUpdated = values.map(parseDateBound)
  return q
}

/** The scan (previous behaviour) and the indexed search, as sorted id lists. */
function both(store: GeneratedStore, index: UpdatedIndex, q: SearchQuery): [string[], string[]] {
  return [collectCandidates(store, q).sort(), collectCandidates(store, q, index).sort()]
}

describe('UpdatedIndex', () => {
  it('turns bounds into the interval where all of them hold', () => {
    const day = parseDateBound('eq2030-01-02')
    expect(boundsInterval([day])).toEqual({ lo: day.startMs, hi: day.endMs })
    const a = parseDateBound('gt2030-01-02')
    const b = parseDateBound('le2030-01-05')
    expect(boundsInterval([a, b])).toEqual({ lo: a.endMs, hi: b.endMs })
    expect(boundsInterval([])).toEqual({ lo: -Infinity, hi: Infinity })
  })

  it('finds what a full scan finds, across mutations in and out of time order', async () => {
    const store = await openStore({ scale: { eg: 120 }, seed: 5 })
    const index = new UpdatedIndex(store)
    const instants: number[] = []
    // Built before the mutations (the usual case) for some types, after them for others.
    both(store, index, query(store, 'HealthcareService', ['ge2000']))
    both(store, index, query(store, 'Location', ['ge2000']))
    const base = Date.parse('2030-06-01T10:00:00.000Z')
    // The third mutation is stamped before the others: lastUpdated is not monotonic.
    for (const [k, offset] of [0, 2 * HOUR, -30 * 24 * HOUR, 3 * HOUR + 1].entries()) {
      const summary = store.mutate(40 + 30 * k, new Date(base + offset))
      index.mutated(summary)
      instants.push(base + offset)
      expect(summary.deletedKeys.length).toBeGreaterThan(0)
    }
    const old = store.lastUpdatedMs('Organization', store.ids('Organization')[0]!)
    const values = boundValues([...instants, old])
    let compared = 0
    let nonEmpty = 0
    for (const type of ROR_RESOURCE_TYPES) {
      for (const [i, value] of values.entries()) {
        // One bound, and two bounds (a window) with the next value.
        for (const set of [[value], [value, values[(i + 7) % values.length]!]]) {
          const [scan, indexed] = both(store, index, query(store, type, set))
          expect(indexed, `${type} ${set.join(' & ')}`).toEqual(scan)
          compared += 1
          if (scan.length > 0) nonEmpty += 1
        }
      }
    }
    expect(nonEmpty).toBeGreaterThan(compared / 4)
  })

  it('keeps the other filters and a rebuild after many changes', async () => {
    const store = await openStore({ scale: { eg: 60 }, seed: 2 })
    const index = new UpdatedIndex(store)
    const start = Date.parse('2031-01-01T00:00:00.000Z')
    both(store, index, query(store, 'HealthcareService', ['ge2000']))
    // More changes than the overlay keeps: the sorted part is rebuilt.
    for (let k = 0; k < 4; k += 1) index.mutated(store.mutate(400, new Date(start + k * HOUR)))
    const region = store.region('HealthcareService', store.ids('HealthcareService')[0]!)
    const q = query(store, 'HealthcareService', [`ge${new Date(start + HOUR).toISOString()}`])
    q.regions = [[region]]
    const [scan, indexed] = both(store, index, q)
    expect(scan.length).toBeGreaterThan(0)
    expect(indexed).toEqual(scan)
    const all = both(store, index, query(store, 'HealthcareService', ['ge2000']))
    expect(all[1]).toEqual(all[0])
    expect(all[0]).toHaveLength(store.count('HealthcareService'))
  })
})
