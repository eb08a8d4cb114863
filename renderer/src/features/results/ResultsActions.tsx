import { useState } from 'react'
import type { UiQuery } from '../../engine/protocol'
import { engineClient } from '../../engine/client'
import { SavedSearches } from '../search/SavedSearches'
import { downloadBytes } from '../snapshot/download'

function stamp(date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}-${pad(date.getHours())}h${pad(date.getMinutes())}`
}

/** Export the whole result set (CSV for French Excel), print it, save the search. */
export function ResultsActions({ query, total }: { query: UiQuery; total: number }) {
  const [isExporting, setExporting] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const exportCsv = async () => {
    setExporting(true)
    setError(null)
    try {
      // The CSV already starts with a BOM and uses `;`, so Excel in French opens it as is.
      const csv = await engineClient().send('engine:csv', { query })
      downloadBytes(`ror-recherche-${stamp()}.csv`, csv, 'text/csv;charset=utf-8')
    } catch (e) {
      setError(`Export impossible : ${(e as Error).message}`)
    } finally {
      setExporting(false)
    }
  }

  return (
    <div className="results-actions">
      <button
        type="button"
        className="secondary-button"
        onClick={() => void exportCsv()}
        disabled={isExporting}
      >
        {isExporting ? 'Export…' : `Exporter en CSV (${total})`}
      </button>
      <button type="button" className="secondary-button" onClick={() => window.print()}>
        Imprimer
      </button>
      <SavedSearches query={query} />
      {error && (
        <p className="problem" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}
