/** The human-readable results table of `search` (default output). */
import { formatAgeBound } from '../../core/search/format'
import type { SearchResultItem } from '../../core/search/types'

const PRECISION_MARK: Readonly<Record<SearchResultItem['precision'], string>> = {
  location: '',
  structure: ' (structure)',
  commune: ' (commune)',
  none: ' (sans position)',
}

function cut(text: string, width: number): string {
  return text.length <= width ? text.padEnd(width) : `${text.slice(0, width - 1)}…`
}

/** One line per result; the precision flag follows the commune when not the place itself. */
export function formatTable(
  items: readonly SearchResultItem[],
  withDistance: boolean,
  activityLabel: (code: string) => string,
): string {
  if (items.length === 0)
    return 'Aucune offre ne correspond : élargir le rayon, l’âge ou les activités.\n'
  const columns: [string, number, (i: SearchResultItem) => string][] = [
    ['Offre', 36, (i) => `${i.name}${i.isClosed ? ' [fermée]' : ''}`],
    ['Structure', 30, (i) => i.structureName ?? ''],
    ['Commune', 26, (i) => `${i.city ?? ''}${PRECISION_MARK[i.precision]}`],
    [
      'Âges',
      16,
      (i) =>
        i.ageMin && i.ageMax ? `${formatAgeBound(i.ageMin)}–${formatAgeBound(i.ageMax)}` : '?',
    ],
    ['Activités', 40, (i) => i.activities.map((c) => `${c} ${activityLabel(c)}`).join(', ')],
  ]
  if (withDistance) {
    columns.unshift(['km', 7, (i) => (i.distanceKm === undefined ? '—' : i.distanceKm.toFixed(1))])
  }
  const line = (cells: string[]) => cells.join('  ').trimEnd()
  const rows = items.map((i) => line(columns.map(([, w, f]) => cut(f(i), w))))
  return [line(columns.map(([h, w]) => cut(h, w))), ...rows].join('\n') + '\n'
}
