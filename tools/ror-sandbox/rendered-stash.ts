/**
 * The JSON of resources a search has just filtered (as UTF-8 bytes, outside the JS heap), kept
 * until the page that serves them.
 * Deciding which candidates a profile may see (for `total` and paging) materialises and filters
 * each of them; the visible ones are then served on this page or the next ones, which used to
 * materialise, place and filter them a second time. The scan now serialises what it keeps and
 * leaves it here; the page takes it out. Bounded by a number of bytes: past it the oldest
 * entries go first (those of a paging the client abandoned, or the far pages of a large result
 * set, rendered again when served), so the stash never holds a whole national result set.
 */
import type { AccessProfile } from '../../core/snapshot/records'
import type { RorResourceType } from '../generate/store-types'

/** 32 MiB: a delta of 5,000 changes at national scale keeps ~26 MB (3,100 offers of ~8.4 kB). */
export const STASH_BYTES = 32 * 1024 * 1024

export class RenderedStash {
  private readonly byKey = new Map<string, Uint8Array>()
  private bytes = 0

  constructor(private readonly budget: number = STASH_BYTES) {}

  private static key(type: RorResourceType, id: string, profile: AccessProfile): string {
    return `${profile}|${type}/${id}`
  }

  /** Bytes held. */
  get size(): number {
    return this.bytes
  }

  /** Keeps `json`, dropping the oldest entries to stay within the budget. */
  put(type: RorResourceType, id: string, profile: AccessProfile, json: Uint8Array): void {
    const key = RenderedStash.key(type, id, profile)
    this.remove(key)
    if (json.length > this.budget) return
    for (const [oldest, kept] of this.byKey) {
      if (this.bytes + json.length <= this.budget) break
      this.byKey.delete(oldest)
      this.bytes -= kept.length
    }
    this.byKey.set(key, json)
    this.bytes += json.length
  }

  /** The JSON kept for this resource and profile, removed from the stash. */
  take(type: RorResourceType, id: string, profile: AccessProfile): Uint8Array | undefined {
    return this.remove(RenderedStash.key(type, id, profile))
  }

  private remove(key: string): Uint8Array | undefined {
    const json = this.byKey.get(key)
    if (json === undefined) return undefined
    this.byKey.delete(key)
    this.bytes -= json.length
    return json
  }

  /** Forgets everything (the store changed). */
  clear(): void {
    this.byKey.clear()
    this.bytes = 0
  }
}
