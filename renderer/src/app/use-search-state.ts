import { useCallback, useEffect, useState } from 'react'
import type { UiQuery } from '../engine/protocol'
import { paramsToQuery, queryToParams } from '../features/search/url-state'

/**
 * The current search, kept in the URL (so it can be bookmarked and shared) and restored on
 * back/forward.
 */
/** `replace` for typing (one history entry per search, not per keystroke), `push` otherwise. */
export type HistoryMode = 'push' | 'replace'

export function useSearchState(): [UiQuery, (next: UiQuery, mode?: HistoryMode) => void] {
  const [query, setQuery] = useState<UiQuery>(() =>
    paramsToQuery(new URLSearchParams(window.location.search)),
  )

  useEffect(() => {
    const onPop = () => setQuery(paramsToQuery(new URLSearchParams(window.location.search)))
    window.addEventListener('popstate', onPop)
    return () => window.removeEventListener('popstate', onPop)
  }, [])

  const update = useCallback((next: UiQuery, mode: HistoryMode = 'push') => {
    const search = queryToParams(next).toString()
    const url = `${window.location.pathname}${search ? `?${search}` : ''}`
    if (url !== `${window.location.pathname}${window.location.search}`) {
      if (mode === 'push') window.history.pushState(null, '', url)
      else window.history.replaceState(null, '', url)
    }
    setQuery(next)
  }, [])

  return [query, update]
}
