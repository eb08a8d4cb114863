/**
 * Result order (issue 6): with an origin, by distance to the nearest point (offers without
 * coordinates last), then by name; without origin, by name. Names compare by their French
 * folded form (core/geo/fold.ts `foldText`: case, accents, ligatures and punctuation ignored,
 * « St » read as « Saint »), then by the name as served, then by offer id, so the order is
 * total and identical in every host.
 *
 * Why not `Intl.Collator('fr')`: sorting 400,000 names with it takes ~1.4 s on our build VM
 * against ~0.25 s with folded keys. On letters, digits and spaces the folded order equals the
 * collator's primary order; only the weights between punctuation marks differ.
 */
import type { SearchIndex } from './types'

/** Compares two rows by name (folded key, then name as served, then offer id). */
export function compareByName(index: SearchIndex, a: number, b: number): number {
  const ka = index.sortKeys[a] ?? ''
  const kb = index.sortKeys[b] ?? ''
  if (ka !== kb) return ka < kb ? -1 : 1
  const na = index.names[a] ?? ''
  const nb = index.names[b] ?? ''
  if (na !== nb) return na < nb ? -1 : 1
  const ia = index.offerIds[a] ?? ''
  const ib = index.offerIds[b] ?? ''
  return ia < ib ? -1 : ia > ib ? 1 : 0
}

/** Compares two distances, NaN (no coordinates) after every number. */
export function compareDistance(da: number, db: number): number {
  if (da === db) return 0
  if (Number.isNaN(da)) return Number.isNaN(db) ? 0 : 1
  if (Number.isNaN(db)) return -1
  return da < db ? -1 : 1
}

/**
 * Rank of every row in name order, computed once on demand (a full sort of the offers) and
 * cached on the index: afterwards sorting large result sets compares integers only.
 */
export function nameRanks(index: SearchIndex): Uint32Array {
  const cached = index.scratch.ranks
  if (cached) return cached
  const rows = new Uint32Array(index.size)
  for (let r = 0; r < rows.length; r++) rows[r] = r
  rows.sort((a, b) => compareByName(index, a, b))
  const ranks = new Uint32Array(index.size)
  for (let k = 0; k < rows.length; k++) ranks[rows[k] ?? 0] = k
  index.scratch.ranks = ranks
  return ranks
}

/** Comparator over positions into `rows` / `distances` (distances empty = no origin). */
function positionComparator(
  index: SearchIndex,
  rows: Uint32Array,
  distances: Float64Array | undefined,
  ranks: Uint32Array | undefined,
): (p: number, q: number) => number {
  const byName = ranks
    ? (a: number, b: number) => (ranks[a] ?? 0) - (ranks[b] ?? 0)
    : (a: number, b: number) => compareByName(index, a, b)
  if (!distances) return (p, q) => byName(rows[p] ?? 0, rows[q] ?? 0)
  return (p, q) =>
    compareDistance(distances[p] ?? NaN, distances[q] ?? NaN) || byName(rows[p] ?? 0, rows[q] ?? 0)
}

/** Sets above this size are sorted with cached name ranks rather than string compares. */
const RANKS_THRESHOLD = 20_000

/**
 * Positions `0…m-1` of `rows` in result order, all of them. Large sets use the cached name
 * ranks (built on first use).
 */
export function sortPositions(
  index: SearchIndex,
  rows: Uint32Array,
  distances: Float64Array | undefined,
): Uint32Array {
  const ranks =
    rows.length > RANKS_THRESHOLD ? nameRanks(index) : (index.scratch.ranks ?? undefined)
  const positions = new Uint32Array(rows.length)
  for (let p = 0; p < positions.length; p++) positions[p] = p
  return positions.sort(positionComparator(index, rows, distances, ranks))
}

/**
 * The positions of the result window `[offset, offset + limit)` in result order, without
 * sorting everything: a bounded max-heap keeps the best `offset + limit` positions
 * (O(m log k)), which is what a results page or the CLI needs.
 */
export function windowPositions(
  index: SearchIndex,
  rows: Uint32Array,
  distances: Float64Array | undefined,
  offset: number,
  limit: number,
): Uint32Array {
  const k = Math.min(rows.length, offset + limit)
  if (k <= 0 || offset >= rows.length) return new Uint32Array(0)
  if (k * 4 >= rows.length) return sortPositions(index, rows, distances).slice(offset, k)
  const cmp = positionComparator(index, rows, distances, index.scratch.ranks ?? undefined)
  const heap = new Uint32Array(k)
  let size = 0
  for (let p = 0; p < rows.length; p++) {
    if (size < k) {
      heap[size] = p
      siftUp(heap, size++, cmp)
    } else if (cmp(p, heap[0] ?? 0) < 0) {
      heap[0] = p
      siftDown(heap, size, cmp)
    }
  }
  return heap.sort(cmp).slice(offset, k)
}

/** Max-heap on `cmp`: the worst kept position sits at the root. */
function siftUp(heap: Uint32Array, i: number, cmp: (p: number, q: number) => number): void {
  const item = heap[i] ?? 0
  while (i > 0) {
    const parent = (i - 1) >> 1
    const up = heap[parent] ?? 0
    if (cmp(item, up) <= 0) break
    heap[i] = up
    i = parent
  }
  heap[i] = item
}

function siftDown(heap: Uint32Array, size: number, cmp: (p: number, q: number) => number): void {
  const item = heap[0] ?? 0
  let i = 0
  for (;;) {
    let child = 2 * i + 1
    if (child >= size) break
    const right = child + 1
    if (right < size && cmp(heap[right] ?? 0, heap[child] ?? 0) > 0) child = right
    if (cmp(heap[child] ?? 0, item) <= 0) break
    heap[i] = heap[child] ?? 0
    i = child
  }
  heap[i] = item
}
