import L from 'leaflet'
import type { FeatureCollection } from 'geojson'

/** Metropolitan France plus Corsica: the initial view of the map. */
export const FRANCE_BOUNDS = L.latLngBounds([41.2, -5.3], [51.2, 9.7])

const OUTLINE_STYLE: L.PathOptions = {
  color: '#5b6b80',
  weight: 0.8,
  fillColor: '#eef2f6',
  fillOpacity: 1,
}

/**
 * Offline base layer: département outlines bundled in data/geo (Natural Earth), drawn on
 * the map's canvas renderer (the map's default renderer) — no tile server, so the map works with no network.
 */
export async function loadDepartementsLayer(url: string, signal: AbortSignal): Promise<L.GeoJSON> {
  const response = await fetch(url, { signal })
  if (!response.ok) {
    throw new Error(`Fond de carte introuvable (${response.status}) : ${url}`)
  }
  const data = (await response.json()) as FeatureCollection
  return L.geoJSON(data, {
    style: () => OUTLINE_STYLE,
    interactive: false,
  })
}
