import { useState, useSyncExternalStore } from 'react'
import type { UiQuery } from '../../engine/protocol'
import { queryToParams } from './url-state'
import { loadSaved, saveSearch, subscribeSaved, type SavedSearch } from './saved-store'

/** Saves the current search under a name; lists saved searches as links to reopen them. */
export function SavedSearches({ query }: { query: UiQuery }) {
  const saved = useSyncExternalStore(subscribeSaved, loadSaved, loadSaved)
  const [isNaming, setNaming] = useState(false)
  const [name, setName] = useState('')

  const save = () => {
    const trimmed = name.trim()
    if (!trimmed) return
    saveSearch({
      name: trimmed,
      params: queryToParams(query).toString(),
      savedAt: new Date().toISOString(),
    })
    setName('')
    setNaming(false)
  }

  return (
    <div className="saved-searches">
      {isNaming ? (
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault()
            save()
          }}
        >
          <label>
            Nom de la recherche
            <input
              value={name}
              onChange={(event) => setName(event.target.value)}
              autoFocus
              maxLength={80}
            />
          </label>
          <button type="submit" className="secondary-button">
            Enregistrer
          </button>
          <button type="button" className="link-like" onClick={() => setNaming(false)}>
            Annuler
          </button>
        </form>
      ) : (
        <button type="button" className="secondary-button" onClick={() => setNaming(true)}>
          Enregistrer la recherche
        </button>
      )}
      {saved.length > 0 && <SavedList saved={saved} />}
    </div>
  )
}

function SavedList({ saved }: { saved: readonly SavedSearch[] }) {
  return (
    <details className="saved-list">
      <summary>Recherches enregistrées ({saved.length})</summary>
      <ul>
        {saved.map((s) => (
          <li key={s.name}>
            <a
              href={`?${s.params}`}
              onClick={(event) => {
                // Reopen in place (no reload: the index stays in memory).
                event.preventDefault()
                window.history.pushState(null, '', `?${s.params}`)
                window.dispatchEvent(new PopStateEvent('popstate'))
              }}
            >
              {s.name}
            </a>
          </li>
        ))}
      </ul>
    </details>
  )
}
