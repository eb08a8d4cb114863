import L from 'leaflet'
import Supercluster from 'supercluster'
import type { Feature, Point } from 'geojson'
import type { SearchResponse } from '../../engine/protocol'

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

/**
 * Result markers on the map's canvas, clustered with supercluster: one layer module fed with
 * plain typed arrays (never one React element per marker). Redraws the visible clusters on
 * every move; the hovered and selected offers get an orange ring.
 */
export class ResultsLayer {
  private readonly group = L.layerGroup()
  private readonly highlight = L.layerGroup()
  private clusters = new Supercluster<{ k: number }>({ radius: 48, maxZoom: 15, minPoints: 3 })
  private points: Points | undefined
  private byId = new Map<string, number>()
  private marked = new Set<string>()

  constructor(
    private readonly map: L.Map,
    private readonly callbacks: ResultsLayerCallbacks,
  ) {
    this.group.addTo(map)
    this.highlight.addTo(map)
    map.on('moveend', this.redraw)
  }

  setPoints(points: Points | undefined): void {
    this.points = points
    this.byId = new Map(points?.ids.map((id, p) => [id, p]) ?? [])
    const features: Feature<Point, { k: number }>[] = []
    if (points) {
      for (let p = 0; p < points.lat.length; p++) {
        features.push({
          type: 'Feature',
          properties: { k: p },
          geometry: { type: 'Point', coordinates: [points.lon[p] ?? 0, points.lat[p] ?? 0] },
        })
      }
    }
    this.clusters = new Supercluster<{ k: number }>({ radius: 48, maxZoom: 15, minPoints: 3 })
    this.clusters.load(features)
    this.redraw()
  }

  /** Offers to ring (hovered and selected). */
  setMarked(ids: readonly (string | undefined)[]): void {
    this.marked = new Set(ids.filter((id): id is string => id !== undefined))
    this.drawHighlight()
  }

  /** Bounds of every result point, if any. */
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
    const started = performance.now()
    this.group.clearLayers()
    const b = this.map.getBounds()
    const zoom = Math.round(this.map.getZoom())
    const visible = this.clusters.getClusters(
      [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()],
      zoom,
    )
    for (const feature of visible) {
      const [lon, lat] = feature.geometry.coordinates as [number, number]
      const props = feature.properties as {
        cluster?: boolean
        point_count?: number
        cluster_id?: number
        k?: number
      }
      if (props.cluster && props.cluster_id !== undefined) {
        this.addCluster(lat, lon, props.cluster_id, props.point_count ?? 0)
      } else if (props.k !== undefined) {
        this.addMarker(lat, lon, props.k)
      }
    }
    this.drawHighlight()
    // Exposed for the benchmark (« map redraw after a pan »), read from the DOM: until the
    // frame in which the canvas renderer paints (Leaflet requested its frame first, so this
    // callback runs after the paint of the same frame).
    const container = this.map.getContainer()
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
      const zoom = this.clusters.getClusterExpansionZoom(clusterId)
      if (zoom <= this.map.getMaxZoom()) {
        this.map.setView([lat, lon], zoom)
        return
      }
      // Offers at the very same place never split: open the first one.
      const first = this.clusters.getLeaves(clusterId, 1)[0]?.properties.k
      const id = first === undefined ? undefined : this.points?.ids[first]
      if (id) this.callbacks.onSelect(id)
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
      const p = this.byId.get(id)
      if (p === undefined) continue
      this.highlight.addLayer(L.circleMarker([points.lat[p] ?? 0, points.lon[p] ?? 0], HIGHLIGHT))
    }
  }

  remove(): void {
    this.map.off('moveend', this.redraw)
    this.group.remove()
    this.highlight.remove()
  }
}
