/**
 * Patient age ranges (ROR-FHIR-NOTES §3.5): `ror-healthcareservice-patient-type.ageRange` is a
 * Range whose bounds carry UCUM time units from JDV_J37 (`a`, `mo`, `wk`, `d`, `h`, `min`, `s`,
 * `ms`); a bound without unit means years; both bounds are inclusive.
 *
 * Everything is normalised to minutes, the smallest unit that keeps the usual units exact:
 * 1 a = 365.25 d = 525,960 min and 1 mo = 1/12 a = 43,830 min, so "2 a" and "24 mo" are the
 * same age.
 */
import type { AgeBound, AgeRange } from '../snapshot/records'
import type { Quantity, Range } from './fhir-types'

/** Minutes in one unit of each UCUM time code of JDV_J37. */
export const MINUTES_PER_UNIT: Readonly<Record<string, number>> = {
  a: 525_960,
  mo: 43_830,
  wk: 10_080,
  d: 1_440,
  h: 60,
  min: 1,
  s: 1 / 60,
  ms: 1 / 60_000,
}

/** Human spellings seen in `Quantity.unit` when `Quantity.code` is missing. */
const UNIT_ALIASES: Readonly<Record<string, string>> = {
  an: 'a',
  ans: 'a',
  année: 'a',
  années: 'a',
  year: 'a',
  years: 'a',
  mois: 'mo',
  month: 'mo',
  months: 'mo',
  semaine: 'wk',
  semaines: 'wk',
  week: 'wk',
  weeks: 'wk',
  jour: 'd',
  jours: 'd',
  day: 'd',
  days: 'd',
  heure: 'h',
  heures: 'h',
  hour: 'h',
  hours: 'h',
  minute: 'min',
  minutes: 'min',
}

/** The UCUM code of a time unit, from a code or a human spelling; undefined when unknown. */
export function normaliseUnit(unit: string): string | undefined {
  const trimmed = unit.trim()
  if (trimmed in MINUTES_PER_UNIT) return trimmed
  return UNIT_ALIASES[trimmed.toLowerCase()]
}

/** Minutes per unit of a bound; a bound without unit is in years (notes §3.5 ⚠). */
export function minutesPerUnit(bound: AgeBound): number | undefined {
  if (bound.unit === undefined) return MINUTES_PER_UNIT.a
  const code = normaliseUnit(bound.unit)
  return code === undefined ? undefined : MINUTES_PER_UNIT[code]
}

/**
 * Builds the normalised range from two bounds as served. A patient whose age is A minutes
 * matches when `low.value <= floor(A / unitLow)` and `floor(A / unitHigh) <= high.value`,
 * i.e. `low.value * unitLow <= A < (high.value + 1) * unitHigh`.
 * Returns undefined when a unit is unknown or a value is not a finite, non-negative number.
 */
export function ageRangeFromBounds(low: AgeBound, high: AgeBound): AgeRange | undefined {
  const unitLow = minutesPerUnit(low)
  const unitHigh = minutesPerUnit(high)
  if (unitLow === undefined || unitHigh === undefined) return undefined
  if (!isAgeValue(low.value) || !isAgeValue(high.value)) return undefined
  return {
    low,
    high,
    minMinutes: low.value * unitLow,
    maxMinutesExclusive: (high.value + 1) * unitHigh,
  }
}

/**
 * Reads `ageRange.valueRange` as served. Both bounds are 1..1 in the extension definition; a
 * range missing a bound, a value or with an unknown unit is not used (undefined).
 */
export function ageRangeFromFhir(range: Range | undefined): AgeRange | undefined {
  const low = boundFromQuantity(range?.low)
  const high = boundFromQuantity(range?.high)
  if (!low || !high) return undefined
  return ageRangeFromBounds(low, high)
}

function boundFromQuantity(q: Quantity | undefined): AgeBound | undefined {
  if (!q || typeof q.value !== 'number') return undefined
  // The UCUM code is authoritative; `unit` is the human display and only a fallback.
  const unit = q.code ?? q.unit
  return unit === undefined || unit === '' ? { value: q.value } : { value: q.value, unit }
}

function isAgeValue(v: number): boolean {
  return Number.isFinite(v) && v >= 0
}

/** Whether a patient aged `ageMinutes` fits `range` (both bounds inclusive, notes §3.5). */
export function ageMatches(range: AgeRange, ageMinutes: number): boolean {
  return range.minMinutes <= ageMinutes && ageMinutes < range.maxMinutesExclusive
}

const PATIENT_AGE = /^(\d{1,6})\s*([a-zA-Zéè]*)$/

const PATIENT_UNITS: Readonly<Record<string, string>> = {
  '': 'a',
  a: 'a',
  an: 'a',
  ans: 'a',
  y: 'a',
  mo: 'mo',
  mois: 'mo',
  wk: 'wk',
  w: 'wk',
  sem: 'wk',
  d: 'd',
  j: 'd',
  jours: 'd',
  h: 'h',
  min: 'min',
}

/**
 * Parses a patient age typed by a user: whole years (`"35"`) or a whole number with a unit
 * (`"18mo"`, `"3wk"`, `"10d"`, `"2a"`; French `ans`, `mois`, `sem`, `j` too). Returns the age in
 * minutes, or undefined when the text is not an age. `m` alone is refused (months or minutes?).
 */
export function parsePatientAge(text: string): number | undefined {
  const m = PATIENT_AGE.exec(text.trim())
  if (!m) return undefined
  const unit = PATIENT_UNITS[(m[2] ?? '').toLowerCase()]
  if (unit === undefined) return undefined
  const perUnit = MINUTES_PER_UNIT[unit]
  return perUnit === undefined ? undefined : Number(m[1]) * perUnit
}
