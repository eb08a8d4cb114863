import { useId, useRef } from 'react'
import { useQueries } from '@tanstack/react-query'
import type { SearchResultItem } from '../../../../core/search/types'
import type { SearchResponse, UiQuery } from '../../engine/protocol'
import { engineQueries } from '../../engine/queries'
import { formatAgeRange, formatCount, formatDistance } from '../../lib/format'
import { useLabel, VALUE_SETS } from '../../lib/terminology'
import { EmptyState } from './EmptyState'
import { ResultsActions } from './ResultsActions'
import { useVirtualRows } from './use-virtual-rows'

export const PAGE_SIZE = 100
const ROW_HEIGHT = 92

interface ResultsListProps {
  query: UiQuery
  response: SearchResponse | undefined
  isSearching: boolean
  error: Error | null
  hasSnapshot: boolean
  selectedId: string | undefined
  hoveredId: string | undefined
  onSelect: (offerId: string) => void
  onHover: (offerId: string | undefined) => void
}

const PRECISION_NOTE: Record<SearchResultItem['precision'], string | undefined> = {
  location: undefined,
  structure: 'position de la structure',
  commune: 'position approximative (commune)',
  none: 'non localisée',
}

/** The results, virtualised: count, distance, age range, activities, precision flag. */
export function ResultsList(props: ResultsListProps) {
  const id = useId()
  const scroller = useRef<HTMLDivElement>(null)
  const total = props.response?.total ?? 0
  const { start, end } = useVirtualRows(scroller, ROW_HEIGHT, total)
  const firstPage = Math.floor(start / PAGE_SIZE)
  const lastPage = Math.floor(Math.max(start, end - 1) / PAGE_SIZE)
  const pageNumbers = props.response ? range(firstPage, lastPage) : []
  const pages = useQueries({
    // Pages are keyed by the query they belong to; the worker answers them from its last run.
    queries: pageNumbers.map((page) =>
      engineQueries.page(props.query, page * PAGE_SIZE, PAGE_SIZE),
    ),
  })
  const itemAt = (k: number): SearchResultItem | undefined => {
    const page = pages[Math.floor(k / PAGE_SIZE) - firstPage]
    return page?.data?.[k % PAGE_SIZE]
  }

  return (
    <section className="panel results-panel" aria-labelledby={`${id}-title`}>
      <div className="results-header">
        <h2 id={`${id}-title`} className="panel-title">
          Résultats
        </h2>
        {props.response && (
          <p className="results-count" role="status" aria-live="polite">
            {formatCount(total)} {total > 1 ? 'offres' : 'offre'}
          </p>
        )}
      </div>
      {props.response && total > 0 && <ResultsActions query={props.query} total={total} />}
      {props.response?.problems.map((problem) => (
        <p key={problem.field} className="problem" role="alert">
          {problem.message}
        </p>
      ))}
      {props.error && (
        <p className="problem" role="alert">
          La recherche a échoué : {props.error.message}
        </p>
      )}
      {!props.hasSnapshot && <p className="empty-state">Aucun instantané n’est chargé.</p>}
      {props.response && total === 0 && (
        <EmptyState query={props.query} response={props.response} />
      )}
      <div ref={scroller} className="results-scroller" aria-busy={props.isSearching}>
        <ul className="results" aria-label="Offres trouvées" style={{ height: total * ROW_HEIGHT }}>
          {range(start, end - 1).map((k) => (
            <ResultRow
              key={k}
              position={k}
              total={total}
              item={itemAt(k)}
              isSelected={itemAt(k)?.offerId === props.selectedId}
              isHovered={itemAt(k)?.offerId === props.hoveredId}
              onSelect={props.onSelect}
              onHover={props.onHover}
            />
          ))}
        </ul>
      </div>
    </section>
  )
}

interface ResultRowProps {
  position: number
  total: number
  item: SearchResultItem | undefined
  isSelected: boolean
  isHovered: boolean
  onSelect: (offerId: string) => void
  onHover: (offerId: string | undefined) => void
}

function ResultRow({
  position,
  total,
  item,
  isSelected,
  isHovered,
  onSelect,
  onHover,
}: ResultRowProps) {
  const label = useLabel()
  const style = { top: position * ROW_HEIGHT, height: ROW_HEIGHT }
  if (!item) {
    return (
      <li
        className="result is-loading"
        style={style}
        aria-setsize={total}
        aria-posinset={position + 1}
      >
        Chargement…
      </li>
    )
  }
  const activities = item.activities.map((code) => label(VALUE_SETS.activity, code))
  const note = PRECISION_NOTE[item.precision]
  const className = ['result', isSelected && 'is-selected', isHovered && 'is-hovered']
    .filter(Boolean)
    .join(' ')
  return (
    <li
      className={className}
      style={style}
      aria-setsize={total}
      aria-posinset={position + 1}
      onMouseEnter={() => onHover(item.offerId)}
      onMouseLeave={() => onHover(undefined)}
    >
      <button
        type="button"
        className="result-button"
        aria-current={isSelected ? 'true' : undefined}
        onClick={() => onSelect(item.offerId)}
        onFocus={() => onHover(item.offerId)}
      >
        <span className="result-line">
          <span className="result-name">{item.name}</span>
          {item.distanceKm !== undefined && (
            <span className="result-distance">{formatDistance(item.distanceKm)}</span>
          )}
        </span>
        <span className="result-meta">
          {[item.structureName, item.city].filter(Boolean).join(' · ')}
          {item.isClosed && <span className="tag tag-closed">fermée</span>}
        </span>
        <span className="result-meta">
          {formatAgeRange(item.ageMin, item.ageMax)}
          {note && <span className="tag tag-precision">{note}</span>}
        </span>
        <span className="result-activities" title={activities.join(', ')}>
          {activities.join(' · ')}
        </span>
      </button>
    </li>
  )
}

function range(from: number, to: number): number[] {
  const out: number[] = []
  for (let i = from; i <= to; i++) out.push(i)
  return out
}
