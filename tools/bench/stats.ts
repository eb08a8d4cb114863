/** Small helpers shared by the benchmarks: timing, percentiles, tables, a seeded PRNG. */

import { Rng } from '../generate/prng'

/** The p-th percentile (p in percent, 0–100: `percentile(xs, 95)`), nearest rank. */
export function percentile(samples: readonly number[], p: number): number {
  if (p > 0 && p < 1)
    throw new RangeError(`percentile takes p in percent (got ${p}); write 95, not 0.95`)
  if (samples.length === 0) return NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)))
  return sorted[rank - 1] ?? NaN
}

export interface Summary {
  n: number
  p50: number
  p95: number
  max: number
  mean: number
}

export function summarise(samples: readonly number[]): Summary {
  const mean = samples.reduce((a, b) => a + b, 0) / Math.max(1, samples.length)
  return {
    n: samples.length,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    max: samples.length === 0 ? NaN : Math.max(...samples),
    mean,
  }
}

/** Runs `fn` and returns its result and the elapsed milliseconds. */
export function timed<T>(fn: () => T): [T, number] {
  const t0 = performance.now()
  const out = fn()
  return [out, performance.now() - t0]
}

/** Fixed-width text table; numbers right-aligned. */
export function table(
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string {
  const cells = [header, ...rows].map((r) => r.map((c) => (typeof c === 'number' ? fmt(c) : c)))
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)))
  const line = (r: readonly string[], raw: readonly (string | number)[]) =>
    r
      .map((c, i) =>
        typeof raw[i] === 'number' ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0),
      )
      .join('  ')
      .trimEnd()
  const sep = widths.map((w) => '-'.repeat(w)).join('  ')
  return [
    line(cells[0] ?? [], header),
    sep,
    ...rows.map((r, k) => line(cells[k + 1] ?? [], r)),
  ].join('\n')
}

/** Milliseconds with a precision that suits their size. */
export function fmt(n: number): string {
  if (!Number.isFinite(n)) return '—'
  if (Math.abs(n) >= 100) return n.toFixed(0)
  if (Math.abs(n) >= 10) return n.toFixed(1)
  return n.toFixed(2)
}

export function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`
}

/** Seeded PRNG (the generator's mulberry32), so every run draws the same queries. */
export function prng(seed: number): () => number {
  const rng = new Rng(seed)
  return () => rng.next()
}

/** A random element (uniform). */
export function pick<T>(rand: () => number, items: readonly T[]): T {
  const item = items[Math.floor(rand() * items.length)]
  if (item === undefined) throw new Error('pick from an empty list')
  return item
}
