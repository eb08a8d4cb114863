import { useCallback, useEffect, useState } from 'react'
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import { engineClient } from '../engine/client'
import { engineQueries } from '../engine/queries'
import { AboutDialog } from '../features/about/AboutDialog'
import { SyncDialog } from '../features/sync/SyncDialog'
import { DetailPanel } from '../features/detail/DetailPanel'
import { MapView, type MapStatus } from '../features/map/MapView'
import { usePlatform } from '../platform/context'
import { PAGE_SIZE, ResultsList } from '../features/results/ResultsList'
import { DEFAULT_RADIUS_KM, SearchPanel } from '../features/search/SearchPanel'
import { useDebounced } from '../features/search/use-debounced'
import { Header } from './Header'
import { useSearchState } from './use-search-state'

/**
 * The app shell: header (snapshot status), search panel, results list, map and detail
 * panel. `data-app-state` on <html> tells tests and support staff when the UI is usable.
 */
export function App() {
  const queryClient = useQueryClient()
  const platform = usePlatform()
  const [query, setQuery] = useSearchState()
  const [mapStatus, setMapStatus] = useState<MapStatus>('loading')
  const [isAboutOpen, setAboutOpen] = useState(false)
  const [isSyncOpen, setSyncOpen] = useState(false)
  const [selectedId, setSelectedId] = useState<string | undefined>()
  const [hoveredId, setHoveredId] = useState<string | undefined>()
  const onMapStatus = useCallback((status: MapStatus) => setMapStatus(status), [])

  const status = useQuery(engineQueries.status())
  const searched = useDebounced(query, 120)
  const search = useQuery({
    ...engineQueries.search(searched, PAGE_SIZE),
    enabled: status.isSuccess,
    placeholderData: keepPreviousData,
  })

  // Desktop: each port from main goes to the storage worker, which receives main's snapshots.
  useEffect(
    () =>
      platform.onStoragePort((port) => {
        engineClient()
          .attachStoragePort(port)
          .catch((error: unknown) => console.error('Port de stockage refusé par le moteur', error))
      }),
    [platform],
  )

  // A new snapshot (import, sync) invalidates every local read.
  useEffect(
    () =>
      engineClient().onEvent((event) => {
        if (event.kind === 'snapshot-changed')
          void queryClient.invalidateQueries({ queryKey: engineQueries.all() })
      }),
    [queryClient],
  )

  const isReady =
    mapStatus !== 'loading' && !status.isPending && (!status.isSuccess || search.isSuccess)
  useEffect(() => {
    document.documentElement.dataset.appState = isReady ? 'ready' : 'loading'
  }, [isReady])

  const onPickPoint = useCallback(
    (lat: number, lon: number) =>
      setQuery({
        ...query,
        origin: { kind: 'point', lat, lon },
        radiusKm: query.radiusKm ?? DEFAULT_RADIUS_KM,
      }),
    [query, setQuery],
  )
  const onSearchHere = useCallback(
    (lat: number, lon: number, radiusKm: number) =>
      setQuery({ ...query, origin: { kind: 'point', lat, lon }, radiusKm }),
    [query, setQuery],
  )

  return (
    <div className="app">
      <Header onOpenAbout={() => setAboutOpen(true)} onOpenSync={() => setSyncOpen(true)} />
      <main className="workspace">
        <SearchPanel query={query} onChange={setQuery} originLabel={search.data?.origin?.label} />
        <ResultsList
          query={searched}
          response={search.data}
          isSearching={search.isFetching}
          error={status.error ?? search.error}
          hasSnapshot={Boolean(status.data?.manifest)}
          selectedId={selectedId}
          hoveredId={hoveredId}
          onSelect={setSelectedId}
          onHover={setHoveredId}
        />
        <MapView
          response={search.data}
          radiusKm={search.data?.origin ? searched.radiusKm : undefined}
          selectedId={selectedId}
          hoveredId={hoveredId}
          onSelect={setSelectedId}
          onHover={setHoveredId}
          onPickPoint={onPickPoint}
          onSearchHere={onSearchHere}
          onStatusChange={onMapStatus}
        />
        <DetailPanel offerId={selectedId} onSelect={setSelectedId} />
      </main>
      {isAboutOpen && <AboutDialog onClose={() => setAboutOpen(false)} />}
      {isSyncOpen && <SyncDialog onClose={() => setSyncOpen(false)} />}
    </div>
  )
}
