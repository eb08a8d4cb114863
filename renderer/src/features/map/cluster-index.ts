/**
 * The clustering of the map's result points (cluster-protocol.ts), as the worker runs it
 * (cluster.worker.ts): supercluster's index of the latest points, queried for the visible
 * clusters on each map move.
 */
import Supercluster from 'supercluster'
import type { Feature, Point } from 'geojson'
import {
  CLUSTER_OPTIONS,
  type Bbox,
  type ClusterReply,
  type ClusterRequest,
} from './cluster-protocol'

export class ClusterIndex {
  private gen = -1
  private index = new Supercluster<{ k: number }>(CLUSTER_OPTIONS)

  /** The answer to `request`, or null when it is about points not loaded (any more). */
  handle(request: ClusterRequest): ClusterReply | null {
    switch (request.type) {
      case 'load':
        this.load(request.lat, request.lon)
        this.gen = request.gen
        return { type: 'loaded', gen: this.gen }
      case 'query':
        if (request.gen !== this.gen) return null
        return {
          type: 'clusters',
          gen: this.gen,
          req: request.req,
          items: this.query(request.bbox, request.zoom),
        }
      case 'expand': {
        if (request.gen !== this.gen) return null
        const zoom = this.index.getClusterExpansionZoom(request.clusterId)
        const first = this.index.getLeaves(request.clusterId, 1)[0]?.properties.k
        return {
          type: 'expansion',
          gen: this.gen,
          req: request.req,
          zoom,
          firstPoint: first ?? null,
        }
      }
    }
  }

  private load(lat: Float64Array, lon: Float64Array): void {
    const features: Feature<Point, { k: number }>[] = new Array(lat.length)
    for (let p = 0; p < lat.length; p++) {
      features[p] = {
        type: 'Feature',
        properties: { k: p },
        geometry: { type: 'Point', coordinates: [lon[p]!, lat[p]!] },
      }
    }
    this.index = new Supercluster<{ k: number }>(CLUSTER_OPTIONS)
    this.index.load(features)
  }

  /** Visible items, 4 numbers each (cluster-protocol.ts `ClusterReply`). */
  private query(bbox: Bbox, zoom: number): Float64Array<ArrayBuffer> {
    const visible = this.index.getClusters(bbox, zoom)
    const items = new Float64Array(visible.length * 4)
    visible.forEach((feature, i) => {
      const [lon, lat] = feature.geometry.coordinates as [number, number]
      const props = feature.properties as {
        cluster?: boolean
        point_count?: number
        cluster_id?: number
        k?: number
      }
      const cluster = props.cluster === true && props.cluster_id !== undefined
      const count = cluster ? (props.point_count ?? 0) : 0
      items.set([lon, lat, count, cluster ? props.cluster_id! : (props.k ?? -1)], i * 4)
    })
    return items
  }
}
