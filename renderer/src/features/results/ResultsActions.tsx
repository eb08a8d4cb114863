import { useState } from 'react'
import type { SearchResultItem } from '../../../../core/search/types'
import { PrintList, PRINT_LIMIT } from './PrintList'
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
  const [printItems, setPrintItems] = useState<SearchResultItem[] | null>(null)
  const [isPrinting, setPrinting] = useState(false)

  /** Print view (A4): the map as shown and the first results as a full list. */
  const print = async () => {
    setPrinting(true)
    try {
      setPrintItems(
        await engineClient().send('engine:page', { query, offset: 0, limit: PRINT_LIMIT }),
      )
      // Let React render the print list before the dialog freezes the page.
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))
      window.print()
    } catch (e) {
      setError(`Impression impossible : ${(e as Error).message}`)
    } finally {
      setPrinting(false)
    }
  }

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
      <button
        type="button"
        className="secondary-button"
        onClick={() => void print()}
        disabled={isPrinting}
      >
        Imprimer
      </button>
      {printItems && <PrintList items={printItems} total={total} />}
      <SavedSearches query={query} />
      {error && (
        <p className="problem" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}
