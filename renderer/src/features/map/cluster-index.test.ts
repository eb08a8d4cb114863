import { describe, expect, it } from 'vitest'
import { ClusterIndex } from './cluster-index'
import type { Bbox, ClusterReply } from './cluster-protocol'

const FRANCE: Bbox = [-5.5, 41, 10, 51.5]

/** Points: three at Bourges, one at Paris, one alone in Brest. */
function points() {
  const at = [
    [47.08, 2.4],
    [47.081, 2.401],
    [47.082, 2.399],
    [48.85, 2.35],
    [48.39, -4.49],
  ]
  return {
    lat: Float64Array.from(at.map((p) => p[0]!)),
    lon: Float64Array.from(at.map((p) => p[1]!)),
  }
}

const itemsOf = (reply: ClusterReply | null) => {
  if (reply?.type !== 'clusters') throw new Error(`no clusters: ${JSON.stringify(reply)}`)
  const out: { lon: number; lat: number; count: number; id: number }[] = []
  for (let i = 0; i < reply.items.length; i += 4) {
    const [lon, lat, count, id] = Array.from(reply.items.subarray(i, i + 4))
    out.push({ lon: lon!, lat: lat!, count: count!, id: id! })
  }
  return out
}

describe('map clustering (worker side)', () => {
  it('answers the visible clusters and points of the loaded generation', () => {
    const index = new ClusterIndex()
    expect(index.handle({ type: 'load', gen: 1, ...points() })).toEqual({ type: 'loaded', gen: 1 })
    // Zoomed out: Bourges' three points make one cluster, the others stay single points.
    const far = itemsOf(index.handle({ type: 'query', gen: 1, req: 1, bbox: FRANCE, zoom: 5 }))
    expect(far.filter((i) => i.count > 0).map((i) => i.count)).toEqual([3])
    expect(
      far
        .filter((i) => i.count === 0)
        .map((i) => i.id)
        .sort(),
    ).toEqual([3, 4])
    // Zoomed in on Bourges: the three points, by their index in the loaded arrays.
    const near = itemsOf(
      index.handle({ type: 'query', gen: 1, req: 2, bbox: [2.39, 47.07, 2.41, 47.09], zoom: 16 }),
    )
    expect(near.map((i) => i.id).sort()).toEqual([0, 1, 2])
    expect(near.every((i) => i.count === 0)).toBe(true)
  })

  it('expands a cluster, and ignores requests about another generation', () => {
    const index = new ClusterIndex()
    index.handle({ type: 'load', gen: 7, ...points() })
    const cluster = itemsOf(
      index.handle({ type: 'query', gen: 7, req: 1, bbox: FRANCE, zoom: 5 }),
    ).find((i) => i.count > 0)!
    const expansion = index.handle({ type: 'expand', gen: 7, req: 2, clusterId: cluster.id })
    expect(expansion).toMatchObject({ type: 'expansion', gen: 7, req: 2 })
    if (expansion?.type !== 'expansion') throw new Error('no expansion')
    expect(expansion.zoom).toBeGreaterThan(5)
    expect([0, 1, 2]).toContain(expansion.firstPoint)
    expect(index.handle({ type: 'query', gen: 6, req: 3, bbox: FRANCE, zoom: 5 })).toBeNull()
    expect(index.handle({ type: 'expand', gen: 8, req: 4, clusterId: cluster.id })).toBeNull()
  })
})
