/**
 * A sorted-keys prefix index with ranked top-k retrieval, for autocomplete over a static list
 * (communes by folded name or postal code). A query is a binary search for the range of keys
 * starting with the prefix, then one scan of that range keeping the `limit` best items.
 */

/** One searchable key of an item. `tier` 0 is a stronger kind of key than 1 (see below). */
export interface PrefixKey {
  key: string
  item: number
  /** 0: the item's main key (its full name); 1: a secondary key (a later word of the name). */
  tier: 0 | 1
}

/** A hit: the item and its match class, best first: 0 exact main key, 1 main-key prefix, 2 exact secondary key, 3 secondary-key prefix. */
export interface PrefixHit {
  item: number
  matchClass: 0 | 1 | 2 | 3
}

export class PrefixIndex {
  private readonly keys: string[]
  private readonly items: Int32Array
  private readonly tiers: Uint8Array

  /**
   * @param entries - keys (duplicates allowed), in any order
   * @param itemRank - static rank of each item, lower is better (e.g. by population); breaks
   *   ties inside a match class. Must hold one distinct value per item.
   */
  constructor(
    entries: readonly PrefixKey[],
    private readonly itemRank: Int32Array,
  ) {
    const order = entries
      .map((_, i) => i)
      .sort((a, b) => {
        const ka = entries[a]!.key
        const kb = entries[b]!.key
        return ka < kb ? -1 : ka > kb ? 1 : 0
      })
    this.keys = order.map((i) => entries[i]!.key)
    this.items = Int32Array.from(order, (i) => entries[i]!.item)
    this.tiers = Uint8Array.from(order, (i) => entries[i]!.tier)
  }

  /** Index of the first key ≥ `s` (code-unit order, as the constructor sorted). */
  private lowerBound(s: string): number {
    let lo = 0
    let hi = this.keys.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.keys[mid]! < s) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /**
   * The best `limit` items with a key starting with `prefix`, each item once with its best
   * match class, ordered by match class then static rank.
   */
  search(prefix: string, limit: number): PrefixHit[] {
    if (prefix === '' || limit <= 0) return []
    const n = this.itemRank.length
    // Keys equal to the prefix sort first in its range; '\uffff' sorts after any key
    // character (keys are folded ASCII), so the range ends at prefix + '\uffff'.
    const start = this.lowerBound(prefix)
    const exactEnd = this.lowerBound(`${prefix}\u0000`)
    const end = this.lowerBound(`${prefix}\uffff`)
    // Top-k sorted by score = matchClass * n + itemRank (unique per item and class).
    const top: { item: number; score: number }[] = []
    for (let i = start; i < end; i++) {
      const item = this.items[i]!
      const score = (this.tiers[i]! * 2 + (i < exactEnd ? 0 : 1)) * n + this.itemRank[item]!
      if (top.length === limit && score >= top[limit - 1]!.score) continue
      const existing = top.findIndex((t) => t.item === item)
      if (existing >= 0) {
        if (top[existing]!.score <= score) continue
        top.splice(existing, 1)
      }
      let at = top.length
      while (at > 0 && top[at - 1]!.score > score) at--
      top.splice(at, 0, { item, score })
      if (top.length > limit) top.pop()
    }
    return top.map((t) => ({
      item: t.item,
      matchClass: Math.floor(t.score / n) as PrefixHit['matchClass'],
    }))
  }
}
