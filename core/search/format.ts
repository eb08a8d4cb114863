/** Plain-French rendering of search values, shared by the CLI table and the CSV export. */
import type { AgeBound } from '../snapshot/records'

/** French singular / plural of the JDV_J37 UCUM time units. */
const UNIT_WORDS: Readonly<Record<string, [string, string]>> = {
  a: ['an', 'ans'],
  mo: ['mois', 'mois'],
  wk: ['semaine', 'semaines'],
  d: ['jour', 'jours'],
  h: ['heure', 'heures'],
  min: ['minute', 'minutes'],
  s: ['seconde', 'secondes'],
  ms: ['milliseconde', 'millisecondes'],
}

/**
 * An age bound as served, in words: `{value: 18, unit: 'mo'}` → « 18 mois », a bound without
 * unit is in years (ROR-FHIR-NOTES §3.5) → « 35 ans »; an unknown unit is shown as served.
 */
export function formatAgeBound(bound: AgeBound): string {
  const unit = bound.unit ?? 'a'
  const words = UNIT_WORDS[unit]
  if (!words) return `${bound.value} ${unit}`
  return `${bound.value} ${bound.value >= 2 ? words[1] : words[0]}`
}

/** A distance in km with one decimal, French style (« 12,3 km »). */
export function formatKm(km: number): string {
  return `${km.toLocaleString('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} km`
}
