import L from 'leaflet'
import type { SearchResponse } from '../../engine/protocol'
import type { ClusterReply, ClusterRequest } from './cluster-protocol'

export interface ResultsLayerCallbacks {
  onSelect: (offerId: string) => void
  onHover: (offerId: string | undefined) => void
}

type Points = SearchResponse['points']

const MARKER: L.CircleMarkerOptions = {
  radius: 6,
  color: '#ffffff',
  weight: 1.5,
  fillColor: '#1f4e8c',
  fillOpacity: 0.9,
  bubblingMouseEvents: false,
}
const CLUSTER: L.CircleMarkerOptions = {
  color: '#ffffff',
  weight: 2,
  fillColor: '#2f6db3',
  fillOpacity: 0.85,
  bubblingMouseEvents: false,
}
const HIGHLIGHT: L.CircleMarkerOptions = {
  radius: 11,
  color: '#d9480f',
  weight: 3,
  fill: false,
  interactive: false,
}

/** The clustering worker, or a stand-in (tests, hosts without workers: nothing is drawn). */
export type ClusterPort = Pick<Worker, 'postMessage' | 'terminate'> & {
  onmessage: ((event: MessageEvent<ClusterReply>) => void) | null
}

function clusterWorker(): ClusterPort {
  return new Worker(new URL('./cluster.worker.ts', import.meta.url), { type: 'module' })
}

/**
 * Result markers on the map's canvas, clustered with supercluster in a worker
 * (cluster.worker.ts): one layer module fed with plain typed arrays (never one React element
 * per marker). Asks the worker for the visible clusters on every move and draws the latest
 * answer; the hovered and selected offers get an orange ring.
 */
export class ResultsLayer {
  private readonly group = L.layerGroup()
  private readonly highlight = L.layerGroup()
  private readonly worker: ClusterPort
  private points: Points | undefined
  /** Generation of `points`; the worker answers for the generation it has loaded. */
  private gen = 0
  private loaded = -1
  private req = 0
  /** When the latest redraw was asked for (benchmark figure, see `draw`). */
  private started = 0
  private readonly expansions = new Map<number, (zoom: number, first: number | null) => void>()
  private marked = new Set<string>()

  constructor(
    private readonly map: L.Map,
    private readonly callbacks: ResultsLayerCallbacks,
    worker: () => ClusterPort = clusterWorker,
  ) {
    this.group.addTo(map)
    this.highlight.addTo(map)
    map.on('moveend', this.redraw)
    this.worker = worker()
    this.worker.onmessage = ({ data }) => this.answer(data)
  }

  setPoints(points: Points | undefined): void {
    this.points = points
    this.gen += 1
    this.group.clearLayers()
    this.drawHighlight()
    if (!points || points.lat.length === 0) return
    // Copies: the engine's arrays stay whole for the list and the highlight.
    const lat = Float64Array.from(points.lat)
    const lon = Float64Array.from(points.lon)
    const request: ClusterRequest = { type: 'load', gen: this.gen, lat, lon }
    this.worker.postMessage(request, [lat.buffer, lon.buffer])
  }

  /** Offers to ring (hovered and selected). */
  setMarked(ids: readonly (string | undefined)[]): void {
    this.marked = new Set(ids.filter((id): id is string => id !== undefined))
    this.drawHighlight()
  }

  /**
   * Bounds of the result points, metropolitan France first: when some results are there,
   * overseas ones (shown on the map all the same) would otherwise zoom the view out to the globe.
   */
  bounds(within: L.LatLngBounds): L.LatLngBounds | undefined {
    const points = this.points
    if (!points || points.lat.length === 0) return undefined
    const inside = L.latLngBounds([])
    const all = L.latLngBounds([])
    for (let p = 0; p < points.lat.length; p++) {
      const point = L.latLng(points.lat[p] ?? 0, points.lon[p] ?? 0)
      all.extend(point)
      if (within.contains(point)) inside.extend(point)
    }
    return inside.isValid() ? inside : all
  }

  readonly redraw = (): void => {
    if (this.loaded !== this.gen) return // drawn once the worker has the points
    this.started = performance.now()
    const b = this.map.getBounds()
    const request: ClusterRequest = {
      type: 'query',
      gen: this.gen,
      req: ++this.req,
      bbox: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()],
      zoom: Math.round(this.map.getZoom()),
    }
    this.worker.postMessage(request)
  }

  private answer(reply: ClusterReply): void {
    if (reply.gen !== this.gen) return // about an older result set
    switch (reply.type) {
      case 'loaded':
        this.loaded = reply.gen
        return this.redraw()
      case 'clusters':
        if (reply.req === this.req) this.draw(reply.items)
        return
      case 'expansion':
        this.expansions.get(reply.req)?.(reply.zoom, reply.firstPoint)
        this.expansions.delete(reply.req)
    }
  }

  private draw(items: Float64Array): void {
    this.group.clearLayers()
    for (let i = 0; i < items.length; i += 4) {
      const [lon, lat, count, id] = [items[i]!, items[i + 1]!, items[i + 2]!, items[i + 3]!]
      if (count > 0) this.addCluster(lat, lon, id, count)
      else this.addMarker(lat, lon, id)
    }
    this.drawHighlight()
    // Exposed for the benchmark (« map redraw after a pan »), read from the DOM: from the move
    // to the frame in which the canvas renderer paints (Leaflet requested its frame first, so
    // this callback runs after the paint of the same frame).
    const container = this.map.getContainer()
    const started = this.started
    requestAnimationFrame(() => {
      container.dataset.lastRedrawMs = (performance.now() - started).toFixed(2)
    })
  }

  private addCluster(lat: number, lon: number, clusterId: number, count: number): void {
    const radius = Math.min(26, 10 + Math.log2(count) * 2.2)
    const marker = L.circleMarker([lat, lon], { ...CLUSTER, radius })
    marker.bindTooltip(String(count), {
      permanent: true,
      direction: 'center',
      className: 'cluster-label',
    })
    marker.on('click', () => {
      const req = ++this.req
      this.expansions.set(req, (zoom, first) => {
        if (zoom <= this.map.getMaxZoom()) {
          this.map.setView([lat, lon], zoom)
          return
        }
        // Offers at the very same place never split: open the first one.
        const id = first === null ? undefined : this.points?.ids[first]
        if (id) this.callbacks.onSelect(id)
      })
      const request: ClusterRequest = { type: 'expand', gen: this.gen, req, clusterId }
      this.worker.postMessage(request)
    })
    this.group.addLayer(marker)
  }

  private addMarker(lat: number, lon: number, p: number): void {
    const id = this.points?.ids[p]
    if (!id) return
    const marker = L.circleMarker([lat, lon], MARKER)
    marker.on('click', () => this.callbacks.onSelect(id))
    marker.on('mouseover', () => this.callbacks.onHover(id))
    marker.on('mouseout', () => this.callbacks.onHover(undefined))
    this.group.addLayer(marker)
  }

  private drawHighlight(): void {
    this.highlight.clearLayers()
    const points = this.points
    if (!points) return
    for (const id of this.marked) {
      // A scan for the one or two marked ids (no id → index map over 385,000 results).
      const p = points.ids.indexOf(id)
      if (p < 0) continue
      this.highlight.addLayer(L.circleMarker([points.lat[p] ?? 0, points.lon[p] ?? 0], HIGHLIGHT))
    }
  }

  remove(): void {
    this.map.off('moveend', this.redraw)
    this.worker.terminate()
    this.group.remove()
    this.highlight.remove()
  }
}
