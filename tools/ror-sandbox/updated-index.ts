/**
 * Per-type copy of `meta.lastUpdated` so that a `_lastUpdated` search (the ROR delta queries,
 * ROR-FHIR-NOTES §5.5) does not ask the store for the instant of every resource of the type
 * (393,000 offers at national scale, ~40 ms, again for every page): the instants sit in one
 * Float64Array, in the store's order, scanned in about a millisecond.
 *
 * The index only narrows the pool: the search still applies its whole predicate to what the
 * index returns, so it must return a superset of the resources whose current lastUpdated is in
 * the range. It is built per type on first use (or by `warm`) and then follows the mutations it
 * is told about (`mutated`, called by the `/$sandbox/mutate` route, like the access caches): a
 * changed or deleted resource's copied instant becomes stale and, when the resource is still
 * alive, it joins a small overlay read from the store. The copy is made again when the overlay
 * grows past an eighth of it.
 */
import type { GeneratedStore, MutationSummary, RorResourceType } from '../generate/store-types'
import { ROR_RESOURCE_TYPES } from '../generate/store-types'
import type { DateBound } from './search-params'
import { runNow, runSliced } from './steps'

interface TypeIndex {
  ids: readonly string[]
  /** lastUpdated (epoch ms) of `ids[k]` when the index was built. */
  ms: Float64Array
  /** Ids changed or deleted since the build: their entry in `ms` is stale. */
  stale: Set<string>
  /** Ids changed (created, modified, closed) since the build. */
  overlay: Set<string>
}

/** Resources read between two yields of an incremental build. */
const BUILD_SLICE = 20_000

/** The [lo, hi) instant interval in which every bound holds (FHIR prefix semantics). */
export function boundsInterval(bounds: readonly DateBound[]): { lo: number; hi: number } {
  let lo = -Infinity
  let hi = Infinity
  for (const b of bounds) {
    if (b.prefix === 'ge' || b.prefix === 'eq') lo = Math.max(lo, b.startMs)
    if (b.prefix === 'gt') lo = Math.max(lo, b.endMs)
    if (b.prefix === 'le' || b.prefix === 'eq') hi = Math.min(hi, b.endMs)
    if (b.prefix === 'lt') hi = Math.min(hi, b.startMs)
  }
  return { lo, hi }
}

export class UpdatedIndex {
  private readonly types = new Map<RorResourceType, TypeIndex>()
  /** Mutations seen: an incremental build that saw one midway is dropped. */
  private generation = 0

  constructor(private readonly store: GeneratedStore) {}

  /**
   * Ids that may satisfy every bound (a superset of those that do), alive or not: the caller
   * applies the exact predicate.
   */
  candidates(type: RorResourceType, bounds: readonly DateBound[]): string[] {
    const { lo, hi } = boundsInterval(bounds)
    if (!(lo < hi)) return []
    const index = this.typeIndex(type)
    const { ms, ids, stale } = index
    const out: string[] = []
    for (let k = 0; k < ms.length; k += 1) {
      const t = ms[k]!
      if (t >= lo && t < hi && (stale.size === 0 || !stale.has(ids[k]!))) out.push(ids[k]!)
    }
    for (const id of index.overlay) out.push(id)
    return out
  }

  /** Follows a mutation of the store (its summary lists every resource it touched). */
  mutated(summary: Pick<MutationSummary, 'changedKeys' | 'deletedKeys'>): void {
    this.generation += 1
    const touch = (key: string, alive: boolean): void => {
      const slash = key.indexOf('/')
      const index = this.types.get(key.slice(0, slash) as RorResourceType)
      if (!index) return // not built yet: it will be built from the current state
      const id = key.slice(slash + 1)
      index.stale.add(id)
      if (alive) index.overlay.add(id)
      else index.overlay.delete(id)
    }
    for (const key of summary.changedKeys) touch(key, true)
    for (const key of summary.deletedKeys) touch(key, false)
    for (const [type, index] of this.types) {
      if (index.stale.size > Math.max(1000, index.ids.length / 8)) this.types.delete(type)
    }
  }

  /** Builds the missing type indexes without holding the event loop for long. */
  async warm(stop: () => boolean = () => false): Promise<void> {
    for (const type of ROR_RESOURCE_TYPES) {
      if (stop()) return
      if (this.types.has(type)) continue
      const generation = this.generation
      const index = await runSliced(this.build(type), stop)
      // Built across a mutation, it may mix two states: a later query builds it again.
      if (index && generation === this.generation && !this.types.has(type)) {
        this.types.set(type, index)
      }
    }
  }

  private typeIndex(type: RorResourceType): TypeIndex {
    let index = this.types.get(type)
    if (!index) {
      index = runNow(this.build(type))
      this.types.set(type, index)
    }
    return index
  }

  /** Reads the instants of every resource of `type`, pausing every BUILD_SLICE resources. */
  private *build(type: RorResourceType): Generator<void, TypeIndex> {
    const ids = this.store.ids(type)
    const ms = new Float64Array(ids.length)
    for (let k = 0; k < ids.length; k += 1) {
      ms[k] = this.store.lastUpdatedMs(type, ids[k]!)
      if ((k + 1) % BUILD_SLICE === 0) yield
    }
    return { ids, ms, stale: new Set(), overlay: new Set() }
  }
}
