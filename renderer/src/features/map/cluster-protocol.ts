/**
 * Messages between the map (results-layer.ts) and its clustering worker (cluster.worker.ts).
 * Clustering a national result set (385,000 points) takes ~1–2 s: done on the UI thread it froze
 * the page each time a broad search was shown. Every message carries the generation of the
 * points it is about, so that answers for an older result set are dropped.
 */

/** [west, south, east, north] in degrees. */
export type Bbox = [number, number, number, number]

export type ClusterRequest =
  | { type: 'load'; gen: number; lat: Float64Array; lon: Float64Array }
  | { type: 'query'; gen: number; req: number; bbox: Bbox; zoom: number }
  | { type: 'expand'; gen: number; req: number; clusterId: number }

/**
 * `items`: 4 numbers per visible item — lon, lat, count (0 for a single point), then the
 * cluster id (count > 0) or the point's index in the loaded arrays (count 0).
 */
export type ClusterReply =
  | { type: 'loaded'; gen: number }
  | { type: 'clusters'; gen: number; req: number; items: Float64Array<ArrayBuffer> }
  | { type: 'expansion'; gen: number; req: number; zoom: number; firstPoint: number | null }

export const CLUSTER_OPTIONS = { radius: 48, maxZoom: 15, minPoints: 3 } as const
