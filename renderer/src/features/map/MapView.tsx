import { useEffect, useRef, useState } from 'react'
import L from 'leaflet'
import 'leaflet/dist/leaflet.css'
import departementsUrl from '../../../../data/geo/departements.json?url'
import { FRANCE_BOUNDS, loadDepartementsLayer } from './base-layer'

export type MapStatus = 'loading' | 'ready' | 'error'

interface MapViewProps {
  onStatusChange?: (status: MapStatus) => void
}

/**
 * The one component that owns the Leaflet map instance (plain Leaflet, driven
 * imperatively; no react-leaflet). Canvas mode: markers and outlines share one canvas.
 */
export function MapView({ onStatusChange }: MapViewProps) {
  const containerRef = useRef<HTMLDivElement>(null)
  const [status, setStatus] = useState<MapStatus>('loading')

  useEffect(() => {
    const container = containerRef.current
    if (!container) return
    const renderer = L.canvas({ padding: 0.2 })
    const map = L.map(container, {
      preferCanvas: true,
      renderer,
      zoomSnap: 0.25,
      minZoom: 4,
      maxZoom: 16,
      attributionControl: true,
    })
    map.attributionControl.setPrefix(false)
    map.attributionControl.addAttribution('Fond : Natural Earth (départements)')
    map.fitBounds(FRANCE_BOUNDS)
    const controller = new AbortController()
    loadDepartementsLayer(departementsUrl, controller.signal)
      .then((layer) => {
        layer.addTo(map)
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
      map.remove()
    }
  }, [])

  useEffect(() => {
    onStatusChange?.(status)
  }, [status, onStatusChange])

  return (
    <div className="map-area">
      <div
        ref={containerRef}
        className="map"
        role="region"
        aria-label="Carte de France"
        data-map-status={status}
      />
      {status === 'error' && (
        <p className="map-error" role="alert">
          Le fond de carte n’a pas pu être chargé. Les résultats restent consultables dans la liste.
        </p>
      )}
    </div>
  )
}
