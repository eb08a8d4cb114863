/**
 * Topology-preserving polygon simplification for the département outlines.
 *
 * Natural Earth's admin-1 polygons share their border vertices exactly. Simplifying each
 * polygon on its own would move a shared border differently on each side and open slivers
 * between neighbours. So vertices where the set of rings using them changes ("junctions")
 * are locked, and Douglas-Peucker runs on each chain between two locked vertices: a shared
 * chain is the same vertex sequence on both sides (reversed), and the run below is
 * direction-independent, so both sides keep the same vertices.
 */

export type Position = [number, number]
export type Ring = Position[]
/** A polygon: outer ring then holes, each closed (first = last). */
export type Polygon = Ring[]

const key = (p: Position) => `${p[0]},${p[1]}`

/** Squared distance from p to segment ab, x scaled by `kx` (cos of the latitude). */
function segmentDistance2(p: Position, a: Position, b: Position, kx: number): number {
  const ax = a[0] * kx
  const bx = b[0] * kx
  const px = p[0] * kx
  const dx = bx - ax
  const dy = b[1] - a[1]
  const len2 = dx * dx + dy * dy
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (p[1] - a[1]) * dy) / len2))
  const ex = px - (ax + t * dx)
  const ey = p[1] - (a[1] + t * dy)
  return ex * ex + ey * ey
}

/**
 * Douglas-Peucker on an open chain; returns the kept indexes (ends included), ascending.
 * Ties on the farthest vertex go to the smaller coordinate key, so the result does not depend
 * on the direction the chain is walked.
 */
export function douglasPeucker(chain: readonly Position[], tolerance: number): number[] {
  const last = chain.length - 1
  if (last < 1) return last === 0 ? [0] : []
  const first = chain[0]!
  const end = chain[last]!
  // (x + y) is commutative in IEEE arithmetic, so kx is the same in both directions.
  const kx = Math.cos((((first[1] + end[1]) / 2) * Math.PI) / 180)
  const keep = new Uint8Array(chain.length)
  keep[0] = 1
  keep[last] = 1
  const stack: [number, number][] = [[0, last]]
  const tol2 = tolerance * tolerance
  while (stack.length > 0) {
    const [i, j] = stack.pop()!
    let best = -1
    let bestD = tol2
    // Same segment orientation whichever way the chain is walked: bit-identical distances.
    const [a, b] = key(chain[i]!) <= key(chain[j]!) ? [chain[i]!, chain[j]!] : [chain[j]!, chain[i]!]
    for (let k = i + 1; k < j; k++) {
      const d = segmentDistance2(chain[k]!, a, b, kx)
      if (d > bestD || (d === bestD && best >= 0 && key(chain[k]!) < key(chain[best]!))) {
        best = k
        bestD = d
      }
    }
    if (best >= 0) {
      keep[best] = 1
      stack.push([i, best], [best, j])
    }
  }
  const out: number[] = []
  keep.forEach((v, i) => v && out.push(i))
  return out
}

/** For each vertex key, a signature of the rings that use it (sorted ring ids). */
function ringOwners(rings: readonly Ring[]): Map<string, string> {
  const owners = new Map<string, number[]>()
  rings.forEach((ring, id) => {
    for (const p of ring.slice(0, -1)) {
      const k = key(p)
      const list = owners.get(k)
      if (!list) owners.set(k, [id])
      else if (list[list.length - 1] !== id) list.push(id)
    }
  })
  return new Map([...owners].map(([k, ids]) => [k, ids.join('|')]))
}

/** Indexes of the locked vertices of an open ring (no closing duplicate). */
function lockedIndexes(open: Ring, owners: Map<string, string>): number[] {
  const n = open.length
  const sig = open.map((p) => owners.get(key(p)) ?? '')
  const locked: number[] = []
  for (let i = 0; i < n; i++) {
    const s = sig[i]!
    if (s.split('|').length >= 3 || s !== sig[(i + n - 1) % n] || s !== sig[(i + 1) % n]) {
      locked.push(i)
    }
  }
  if (locked.length > 0) return locked
  // Island, or a ring wholly shared with one other ring (an enclave): anchor on the smallest
  // key, which both sides agree on, and on the vertex farthest from it.
  let a = 0
  open.forEach((p, i) => {
    if (key(p) < key(open[a]!)) a = i
  })
  let b = (a + 1) % n
  let bestD = -1
  open.forEach((p, i) => {
    const d = (p[0] - open[a]![0]) ** 2 + (p[1] - open[a]![1]) ** 2
    if (d > bestD || (d === bestD && key(p) < key(open[b]!))) {
      bestD = d
      b = i
    }
  })
  return a < b ? [a, b] : [b, a]
}

function simplifyRing(ring: Ring, owners: Map<string, string>, tolerance: number): Ring {
  const open = ring.slice(0, -1)
  if (open.length < 4) return ring
  const locked = lockedIndexes(open, owners)
  const n = open.length
  const out: Ring = []
  locked.forEach((start, li) => {
    const stop = locked[(li + 1) % locked.length]!
    const chain: Position[] = []
    for (let i = start; ; i = (i + 1) % n) {
      chain.push(open[i]!)
      if (i === stop && chain.length > 1) break
    }
    const kept = douglasPeucker(chain, tolerance)
    for (const k of kept.slice(0, -1)) out.push(chain[k]!)
  })
  out.push(out[0]!)
  return out
}

/**
 * Simplifies every ring of every polygon with the shared-border rule above. Rings left with
 * fewer than 4 positions (islets below the tolerance) are dropped; a polygon whose outer ring
 * is dropped goes with its holes.
 */
export function simplifyPolygons(polygons: readonly Polygon[][], tolerance: number): Polygon[][] {
  const all = polygons.flatMap((f) => f.flat())
  const owners = ringOwners(all)
  return polygons.map((feature) =>
    feature
      .map((poly) => poly.map((ring) => simplifyRing(ring, owners, tolerance)))
      .filter((poly) => poly[0] !== undefined && poly[0].length >= 4)
      .map((poly) => poly.filter((ring) => ring.length >= 4)),
  )
}

/** Rounds positions to `digits` decimals and removes the consecutive duplicates it creates. */
export function roundRing(ring: Ring, digits: number): Ring {
  const f = 10 ** digits
  const out: Ring = []
  for (const [x, y] of ring) {
    const p: Position = [Math.round(x * f) / f, Math.round(y * f) / f]
    const prev = out[out.length - 1]
    if (!prev || prev[0] !== p[0] || prev[1] !== p[1]) out.push(p)
  }
  return out
}
