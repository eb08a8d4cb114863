import { queryOptions } from '@tanstack/react-query'
import communesUrl from '../../../data/geo/communes.json?url'
import demoUrl from '../../../data/demo/demo.snap?url'
import { engineClient } from './client'
import type { EngineStatus, Suggestion, UiQuery } from './protocol'

type OpenEngine = (open: () => Promise<EngineStatus>) => Promise<EngineStatus>
let openEngine: OpenEngine = (open) => open()

/**
 * How the host opens the engine before its status enables searches (main.tsx): the desktop
 * app first finishes a profile purge a crash left pending (features/sync/purge.ts).
 */
export function setOpenEngine(host: OpenEngine): void {
  openEngine = host
}

/**
 * React Query over the local engine (CONVENTIONS 10). Everything here reads local data, so
 * `staleTime: Infinity`: what invalidates these queries is a snapshot activation (the
 * `snapshot-changed` engine event invalidates the whole `['engine']` tree).
 */
export const engineQueries = {
  all: () => ['engine'] as const,
  status: () =>
    queryOptions({
      queryKey: [...engineQueries.all(), 'status'] as const,
      // Opening is idempotent: the first call installs the demo snapshot when the store is empty.
      queryFn: () => openEngine(() => engineClient().send('engine:open', { demoUrl, communesUrl })),
      staleTime: Infinity,
    }),
  search: (query: UiQuery, limit: number) =>
    queryOptions({
      queryKey: [...engineQueries.all(), 'search', query, limit] as const,
      queryFn: () => engineClient().send('engine:search', { query, limit }),
      staleTime: Infinity,
    }),
  page: (query: UiQuery, offset: number, limit: number) =>
    queryOptions({
      queryKey: [...engineQueries.all(), 'page', query, offset, limit] as const,
      queryFn: () => engineClient().send('engine:page', { query, offset, limit }),
      staleTime: Infinity,
    }),
  detail: (offerId: string) =>
    queryOptions({
      queryKey: [...engineQueries.all(), 'detail', offerId] as const,
      queryFn: () => engineClient().send('engine:detail', { offerId }),
      staleTime: Infinity,
    }),
  suggest: (kind: Suggestion['kind'], text: string, limit = 8) =>
    queryOptions({
      queryKey: [...engineQueries.all(), 'suggest', kind, text, limit] as const,
      queryFn: () => engineClient().send('engine:suggest', { kind, text, limit }),
      staleTime: Infinity,
    }),
}
