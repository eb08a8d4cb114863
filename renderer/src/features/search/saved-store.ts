/**
 * Saved searches: a name and the search's URL parameters, kept in this origin's local
 * storage (the search itself is just codes and numbers, no patient data).
 */
export interface SavedSearch {
  name: string
  params: string
  savedAt: string
}

const KEY = 'ror-hors-ligne:recherches'
const MAX_SAVED = 50
const listeners = new Set<() => void>()
let cache: { raw: string | null; value: SavedSearch[] } = { raw: null, value: [] }

function isSavedSearch(value: unknown): value is SavedSearch {
  const v = value as Partial<SavedSearch> | null
  return (
    typeof v?.name === 'string' && typeof v.params === 'string' && typeof v.savedAt === 'string'
  )
}

/** Stable snapshot for useSyncExternalStore (same array while storage is unchanged). */
export function loadSaved(): SavedSearch[] {
  const raw = localStorage.getItem(KEY)
  if (raw === cache.raw) return cache.value
  let value: SavedSearch[]
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : []
    value = Array.isArray(parsed) ? parsed.filter(isSavedSearch) : []
  } catch {
    // A damaged entry is ignored rather than breaking the app; the next save rewrites it.
    value = []
  }
  cache = { raw, value }
  return value
}

export function saveSearch(entry: SavedSearch): void {
  const rest = loadSaved().filter((s) => s.name !== entry.name)
  localStorage.setItem(KEY, JSON.stringify([entry, ...rest].slice(0, MAX_SAVED)))
  for (const listener of listeners) listener()
}

export function subscribeSaved(listener: () => void): () => void {
  listeners.add(listener)
  const onStorage = (event: StorageEvent) => event.key === KEY && listener()
  window.addEventListener('storage', onStorage)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('storage', onStorage)
  }
}
