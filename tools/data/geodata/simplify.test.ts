import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { Polygon, Position, Ring } from './simplify'
import { douglasPeucker, roundRing, simplifyPolygons } from './simplify'

const key = (p: Position) => p.join(',')

describe('douglasPeucker', () => {
  it('keeps only the ends of a straight or nearly straight chain', () => {
    const line: Position[] = [0, 1, 2, 3, 4].map((x) => [x, 45 + x * 1e-5])
    expect(douglasPeucker(line, 0.001)).toEqual([0, 4])
  })

  it('keeps a spike larger than the tolerance and drops one smaller', () => {
    const chain: Position[] = [
      [0, 45],
      [1, 45.0004],
      [2, 45],
      [3, 45.5],
      [4, 45],
    ]
    expect(douglasPeucker(chain, 0.001)).toEqual([0, 2, 3, 4])
  })

  it('gives the same vertices whichever way a chain is walked (property)', () => {
    const chain = fc.array(
      fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 200 })),
      { minLength: 2, maxLength: 60 },
    )
    fc.assert(
      fc.property(chain, fc.integer({ min: 1, max: 50 }), (pts, tol) => {
        const c: Position[] = pts.map(([x, y]) => [x / 100, 45 + y / 100])
        const forward = douglasPeucker(c, tol / 1000).map((i) => key(c[i]!))
        const reversed = [...c].reverse()
        const backward = douglasPeucker(reversed, tol / 1000).map((i) => key(reversed[i]!))
        expect(new Set(forward)).toEqual(new Set(backward))
      }),
    )
  })
})

/** Two squares side by side sharing a jagged border x ≈ 1, plus an island. */
function neighbours(jag: number[]): Polygon[][] {
  const border: Position[] = jag.map((dx, i) => [1 + dx, i / (jag.length - 1)])
  const left: Ring = [[0, 0], ...border, [0, 1], [0, 0]]
  const right: Ring = [[2, 0], [2, 1], ...[...border].reverse(), [2, 0]]
  const islet = [0, 1, 2, 3, 4, 5].map((i): Position => [
    5 + 1e-4 * Math.cos(i),
    5 + 1e-4 * Math.sin(i),
  ])
  const island: Ring = [...islet, islet[0]!]
  return [[[left], [island]], [[right]]]
}

describe('simplifyPolygons', () => {
  it('simplifies a shared border identically on both sides (property)', () => {
    const jags = fc.array(fc.integer({ min: -30, max: 30 }), { minLength: 3, maxLength: 40 })
    fc.assert(
      fc.property(jags, fc.integer({ min: 1, max: 20 }), (jag, tol) => {
        const input = neighbours(jag.map((j) => j / 1000))
        const [left, right] = simplifyPolygons(input, tol / 1000)
        const onBorder = (p: Position) => p[0] > 0.5 && p[0] < 1.5
        const l = left![0]![0]!.filter(onBorder).map(key)
        const r = right![0]![0]!.filter(onBorder).map(key)
        expect(new Set(l)).toEqual(new Set(r))
        // Junctions (the border's ends) are always kept.
        expect(l).toContain(key([1 + jag[0]! / 1000, 0]))
        expect(l).toContain(key([1 + jag[jag.length - 1]! / 1000, 1]))
      }),
    )
  })

  it('drops islets smaller than the tolerance but keeps closed rings', () => {
    const [left, right] = simplifyPolygons(neighbours([0, 0.2, 0]), 0.01)
    expect(left).toHaveLength(1) // the island is gone
    for (const ring of [...left!.flat(), ...right!.flat()]) {
      expect(ring.length).toBeGreaterThanOrEqual(4)
      expect(ring[0]).toEqual(ring[ring.length - 1])
    }
  })
})

describe('roundRing', () => {
  it('rounds to the given decimals and removes the duplicates it creates', () => {
    const ring: Ring = [
      [1.23456, 2.34561],
      [1.23459, 2.34564],
      [1.3, 2.4],
      [1.23456, 2.34561],
    ]
    expect(roundRing(ring, 4)).toEqual([
      [1.2346, 2.3456],
      [1.3, 2.4],
      [1.2346, 2.3456],
    ])
  })
})
