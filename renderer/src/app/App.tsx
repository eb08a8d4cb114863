import { useCallback, useEffect, useState } from 'react'
import { Header } from './Header'
import { SearchPanel } from '../features/search/SearchPanel'
import { ResultsList } from '../features/results/ResultsList'
import { DetailPanel } from '../features/detail/DetailPanel'
import { MapView, type MapStatus } from '../features/map/MapView'
import { AboutDialog } from '../features/about/AboutDialog'

/**
 * The app shell: header (snapshot status), search panel, results list, map and detail
 * panel. `data-app-state` on <html> tells tests and support staff when the UI is usable.
 */
export function App() {
  const [mapStatus, setMapStatus] = useState<MapStatus>('loading')
  const [isAboutOpen, setAboutOpen] = useState(false)
  const onMapStatus = useCallback((status: MapStatus) => setMapStatus(status), [])

  useEffect(() => {
    document.documentElement.dataset.appState = mapStatus === 'loading' ? 'loading' : 'ready'
  }, [mapStatus])

  return (
    <div className="app">
      <Header onOpenAbout={() => setAboutOpen(true)} />
      <main className="workspace">
        <SearchPanel />
        <ResultsList />
        <MapView onStatusChange={onMapStatus} />
        <DetailPanel />
      </main>
      {isAboutOpen && <AboutDialog onClose={() => setAboutOpen(false)} />}
    </div>
  )
}
