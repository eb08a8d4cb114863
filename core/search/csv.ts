/**
 * CSV for French Excel (issue 6 « Export »): UTF-8 with a byte-order mark (without it Excel
 * reads UTF-8 as Windows-1252), `;` as separator (the list separator of French Windows),
 * CRLF line ends, RFC 4180 quoting, and decimal commas so coordinates and distances are
 * numbers in a French spreadsheet. Shared by the CLI (`search --csv`) and the app's export.
 */
import type { SearchResultItem } from './types'
import { formatAgeBound } from './format'

export type CsvCell = string | number | boolean | undefined | null

const BOM = '\uFEFF'
const NEEDS_QUOTES = /[;"\r\n]|^\s|\s$/
/** Text Excel would run as a formula (CSV injection): neutralised with a leading apostrophe. */
const FORMULA_START = /^[=+\-@\t\r]/
const PLAIN_NUMBER = /^-?\d+(?:[.,]\d+)?$/

/** One cell: numbers with a decimal comma, booleans as oui/non, text quoted when needed. */
export function csvCell(value: CsvCell): string {
  if (value === undefined || value === null) return ''
  if (typeof value === 'boolean') return value ? 'oui' : 'non'
  if (typeof value === 'number') {
    return Number.isFinite(value) ? String(value).replace('.', ',') : ''
  }
  let text = value
  if (FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** A whole CSV document: BOM, header line, rows, each line ended by CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header, ...rows].map((r) => r.map(csvCell).join(';'))
  return BOM + lines.map((l) => `${l}\r\n`).join('')
}

/** Columns of the results export, in order. */
export const RESULT_COLUMNS = [
  'Identifiant offre',
  'Offre',
  'Structure (EG)',
  'Entité juridique',
  'FINESS',
  'Activités',
  'Âge minimum',
  'Âge maximum',
  'Commune',
  'Code commune',
  'Latitude',
  'Longitude',
  'Précision',
  'Distance (km)',
  'Fermée',
] as const

/** French words for the precision flag. */
const PRECISION_WORDS: Readonly<Record<SearchResultItem['precision'], string>> = {
  location: 'lieu',
  structure: 'structure',
  commune: 'commune',
  none: 'aucune',
}

/**
 * Results as CSV. Activities are written as codes, or « code libellé » when `activityLabel`
 * is given (labels come from the terminologies at display time).
 */
export function resultsToCsv(
  items: readonly SearchResultItem[],
  activityLabel?: (code: string) => string,
): string {
  const rows = items.map((it): CsvCell[] => [
    it.offerId,
    it.name,
    it.structureName,
    it.legalEntityName,
    it.finess,
    it.activities
      .map((c) => {
        const label = activityLabel?.(c)
        return label && label !== c ? `${c} ${label}` : c
      })
      .join(', '),
    it.ageMin && formatAgeBound(it.ageMin),
    it.ageMax && formatAgeBound(it.ageMax),
    it.city,
    it.communeCode,
    it.lat,
    it.lon,
    PRECISION_WORDS[it.precision],
    it.distanceKm === undefined ? undefined : Math.round(it.distanceKm * 1000) / 1000,
    it.isClosed,
  ])
  return toCsv(RESULT_COLUMNS, rows)
}
