import type { SearchResultItem } from '../../../../core/search/types'
import { formatAgeRange, formatCount, formatDistance } from '../../lib/format'
import { useLabel, VALUE_SETS } from '../../lib/terminology'

/** Results printed at most (a long list belongs in the CSV export). */
export const PRINT_LIMIT = 500

/** The result list as printed (hidden on screen): every row, not just the visible window. */
export function PrintList({ items, total }: { items: readonly SearchResultItem[]; total: number }) {
  const label = useLabel()
  return (
    <section className="print-only" aria-hidden="true">
      <h2>
        {formatCount(total)} {total > 1 ? 'offres' : 'offre'}
        {total > items.length ? ` — les ${items.length} premières` : ''}
      </h2>
      <table className="print-table">
        <thead>
          <tr>
            <th>Offre</th>
            <th>Structure</th>
            <th>Commune</th>
            <th>Âges</th>
            <th>Distance</th>
            <th>Activités</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.offerId}>
              <td>{item.name}</td>
              <td>
                {item.structureName}
                {item.finess ? ` (FINESS ${item.finess})` : ''}
              </td>
              <td>{item.city}</td>
              <td>{formatAgeRange(item.ageMin, item.ageMax)}</td>
              <td>{formatDistance(item.distanceKm)}</td>
              <td>{item.activities.map((c) => label(VALUE_SETS.activity, c)).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
