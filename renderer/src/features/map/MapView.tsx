import { useEffect, useRef, useState } from 'react'
import L from 'leaflet'
import 'leaflet/dist/leaflet.css'
import departementsUrl from '../../../../data/geo/departements.json?url'
import type { SearchResponse } from '../../engine/protocol'
import { FRANCE_BOUNDS, loadDepartementsLayer } from './base-layer'
import { ResultsLayer } from './results-layer'

export type MapStatus = 'loading' | 'ready' | 'error'

interface MapViewProps {
  response: SearchResponse | undefined
  /** Radius of the current search, drawn around its origin. */
  radiusKm: number | undefined
  selectedId: string | undefined
  hoveredId: string | undefined
  onSelect: (offerId: string) => void
  onHover: (offerId: string | undefined) => void
  /** A click on the map: search around that point. */
  onPickPoint: (lat: number, lon: number) => void
  /** « Rechercher dans cette zone »: the visible area as an origin and a radius. */
  onSearchHere: (lat: number, lon: number, radiusKm: number) => void
  onStatusChange?: (status: MapStatus) => void
}

const ORIGIN_STYLE: L.CircleMarkerOptions = {
  radius: 5,
  color: '#d9480f',
  fillColor: '#d9480f',
  fillOpacity: 1,
  interactive: false,
}
const RADIUS_STYLE: L.PathOptions = {
  color: '#d9480f',
  weight: 1.5,
  fillOpacity: 0.05,
  dashArray: '6 4',
  interactive: false,
}

/**
 * The one component that owns the Leaflet map instance (plain Leaflet, driven
 * imperatively; no react-leaflet). Canvas mode: outlines, markers and clusters share one
 * canvas; results go through ResultsLayer.
 */
export function MapView(props: MapViewProps) {
  const containerRef = useRef<HTMLDivElement>(null)
  const mapRef = useRef<L.Map | null>(null)
  const layerRef = useRef<ResultsLayer | null>(null)
  const originRef = useRef<L.LayerGroup | null>(null)
  const callbacks = useRef(props)
  const [status, setStatus] = useState<MapStatus>('loading')

  useEffect(() => {
    callbacks.current = props
  })

  useEffect(() => {
    const container = containerRef.current
    if (!container) return
    const map = L.map(container, {
      preferCanvas: true,
      renderer: L.canvas({ padding: 0.2 }),
      zoomSnap: 0.25,
      minZoom: 4,
      maxZoom: 16,
      keyboard: true,
    })
    map.attributionControl.setPrefix(false)
    map.attributionControl.addAttribution('Fond : Natural Earth (départements)')
    map.fitBounds(FRANCE_BOUNDS)
    mapRef.current = map
    layerRef.current = new ResultsLayer(map, {
      onSelect: (id) => callbacks.current.onSelect(id),
      onHover: (id) => callbacks.current.onHover(id),
    })
    originRef.current = L.layerGroup().addTo(map)
    map.on('click', (event: L.LeafletMouseEvent) =>
      callbacks.current.onPickPoint(event.latlng.lat, event.latlng.lng),
    )
    const controller = new AbortController()
    loadDepartementsLayer(departementsUrl, controller.signal)
      .then((layer) => {
        layer.addTo(map)
        layer.bringToBack()
        setStatus('ready')
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return
        console.warn(error)
        setStatus('error')
      })
    const resize = new ResizeObserver(() => map.invalidateSize())
    resize.observe(container)
    return () => {
      controller.abort()
      resize.disconnect()
      layerRef.current?.remove()
      map.remove()
      mapRef.current = null
    }
  }, [])

  const { response, radiusKm } = props
  useEffect(() => {
    const map = mapRef.current
    layerRef.current?.setPoints(response?.points)
    const group = originRef.current
    group?.clearLayers()
    if (!map || !group || !response) return
    const origin = response.origin
    if (origin) {
      L.circleMarker([origin.lat, origin.lon], ORIGIN_STYLE).bindTooltip(origin.label).addTo(group)
      if (radiusKm !== undefined) {
        const circle = L.circle([origin.lat, origin.lon], {
          ...RADIUS_STYLE,
          radius: radiusKm * 1000,
        }).addTo(group)
        map.fitBounds(circle.getBounds(), { padding: [20, 20], animate: false })
      }
    } else {
      // Fitted to a few thousand results at most: no pass over a national result set.
      const few = response.total > 0 && response.total <= 5000
      const bounds = few ? layerRef.current?.bounds(FRANCE_BOUNDS) : undefined
      if (bounds?.isValid()) {
        map.fitBounds(bounds, { padding: [30, 30], maxZoom: 13, animate: false })
      }
    }
  }, [response, radiusKm])

  useEffect(() => {
    layerRef.current?.setMarked([props.hoveredId, props.selectedId])
  }, [props.hoveredId, props.selectedId])

  const { onStatusChange } = props
  useEffect(() => {
    onStatusChange?.(status)
  }, [status, onStatusChange])

  const searchHere = () => {
    const map = mapRef.current
    if (!map) return
    const center = map.getCenter()
    const size = map.getSize()
    const edge = map.containerPointToLatLng([size.x / 2, size.y / 2 - Math.min(size.x, size.y) / 2])
    props.onSearchHere(
      center.lat,
      center.lng,
      Math.max(1, Math.round(center.distanceTo(edge) / 1000)),
    )
  }

  return (
    <div className="map-area">
      <div
        ref={containerRef}
        className="map"
        role="region"
        aria-label="Carte de France"
        aria-describedby="map-help"
        data-map-status={status}
        data-point-count={response?.points.lat.length ?? 0}
      />
      <p id="map-help" className="sr-only">
        Carte des résultats : cliquez sur la carte pour chercher autour d’un point.
      </p>
      <button type="button" className="map-button" onClick={searchHere}>
        Rechercher dans cette zone
      </button>
      {status === 'error' && (
        <p className="map-error" role="alert">
          Le fond de carte n’a pas pu être chargé. Les résultats restent consultables dans la liste.
        </p>
      )}
    </div>
  )
}
