/**
 * Seeded pseudo-random numbers for the synthetic ROR generator. Everything the generator
 * produces derives from these functions (never Math.random), so one seed always yields the
 * same dataset, and one entity can be re-materialised on its own from (seed, table, index,
 * version) without replaying the whole generation.
 */

/** 32-bit finaliser of MurmurHash3: spreads every input bit over the output. */
function fmix32(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/** Hashes a list of integers into one 32-bit seed (order matters). */
export function seedFor(...parts: readonly number[]): number {
  let h = 0x9e3779b9
  for (const p of parts) {
    // Split into two 32-bit halves so indices and epoch seconds above 2^32 still mix in.
    const lo = p >>> 0
    const hi = Math.floor(p / 0x100000000) >>> 0
    h = fmix32(h ^ lo)
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) + hi
    h = fmix32(h >>> 0)
  }
  return h >>> 0
}

/** FNV-1a over a byte array: a cheap content fingerprint for cache keys. */
export function fnv1a(bytes: Uint8Array): number {
  let h = 0x811c9dc5
  for (let i = 0; i < bytes.length; i += 1) {
    h ^= bytes[i] ?? 0
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** mulberry32 generator with small helpers; cheap to create (one per entity). */
export class Rng {
  private state: number

  constructor(seed: number) {
    this.state = seed >>> 0
  }

  /** Uniform float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)]
    if (item === undefined) throw new RangeError('Rng.pick: empty array')
    return item
  }

  /** Index drawn with probability proportional to weights[i]. */
  weightedIndex(weights: readonly number[]): number {
    let total = 0
    for (const w of weights) total += w
    let r = this.next() * total
    for (let i = 0; i < weights.length; i += 1) {
      r -= weights[i] ?? 0
      if (r < 0) return i
    }
    return weights.length - 1
  }

  /** Up to n distinct elements, in a random order. */
  sample<T>(items: readonly T[], n: number): T[] {
    const pool = [...items]
    const out: T[] = []
    while (out.length < n && pool.length > 0) {
      const i = Math.floor(this.next() * pool.length)
      out.push(pool.splice(i, 1)[0] as T)
    }
    return out
  }

  /** Approximately normal value (sum of uniforms), mean 0 and standard deviation 1. */
  gauss(): number {
    // Sum of 4 uniforms: mean 2, variance 4/12; rescaled to unit variance.
    return (this.next() + this.next() + this.next() + this.next() - 2) * Math.sqrt(3)
  }
}

/** Sampler over a fixed weight vector: O(log n) per draw after an O(n) setup. */
export class WeightedSampler {
  private readonly cumulative: Float64Array

  constructor(weights: ArrayLike<number>) {
    this.cumulative = new Float64Array(weights.length)
    let total = 0
    for (let i = 0; i < weights.length; i += 1) {
      total += Math.max(0, weights[i] ?? 0)
      this.cumulative[i] = total
    }
  }

  get size(): number {
    return this.cumulative.length
  }

  get total(): number {
    return this.cumulative[this.cumulative.length - 1] ?? 0
  }

  /** Position drawn with probability proportional to its weight. */
  draw(rng: Rng): number {
    const target = rng.next() * this.total
    let lo = 0
    let hi = this.cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if ((this.cumulative[mid] ?? 0) > target) hi = mid
      else lo = mid + 1
    }
    return lo
  }
}
