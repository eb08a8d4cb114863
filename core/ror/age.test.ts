import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  MINUTES_PER_UNIT,
  ageMatches,
  ageRangeFromBounds,
  ageRangeFromFhir,
  parsePatientAge,
} from './age'

const YEAR = 525_960
const MONTH = 43_830

describe('parsePatientAge', () => {
  it.each([
    ['35', 35 * YEAR],
    ['2a', 2 * YEAR],
    ['18mo', 18 * MONTH],
    ['3wk', 3 * 10_080],
    ['10d', 10 * 1_440],
    ['0', 0],
    [' 7 ans ', 7 * YEAR],
    ['4 mois', 4 * MONTH],
    ['2 sem', 2 * 10_080],
    ['5j', 5 * 1_440],
    ['12h', 12 * 60],
  ])('%j → %d minutes', (text, minutes) => {
    expect(parsePatientAge(text)).toBe(minutes)
  })

  it.each(['', 'abc', '-3', '2.5', '18m', '3 years old', '1e3', '35kg'])('refuses %j', (text) => {
    expect(parsePatientAge(text)).toBeUndefined()
  })

  it('keeps years and months consistent (1 a = 12 mo = 365.25 d)', () => {
    expect(MINUTES_PER_UNIT.a).toBe(12 * MINUTES_PER_UNIT.mo!)
    expect(MINUTES_PER_UNIT.a).toBe(365.25 * MINUTES_PER_UNIT.d!)
  })
})

describe('ageRangeFromFhir', () => {
  it('reads UCUM codes and keeps the bounds as served', () => {
    const r = ageRangeFromFhir({
      low: {
        value: 15,
        system:
          'https://mos.esante.gouv.fr/NOS/TRE_R247-UcumUniteMesure/FHIR/TRE-R247-UcumUniteMesure',
        code: 'a',
      },
      high: { value: 150, code: 'a' },
    })
    expect(r).toEqual({
      low: { value: 15, unit: 'a' },
      high: { value: 150, unit: 'a' },
      minMinutes: 15 * YEAR,
      maxMinutesExclusive: 151 * YEAR,
    })
  })

  it('reads a bound without unit as years and omits the unit', () => {
    const r = ageRangeFromFhir({ low: { value: 18 }, high: { value: 90 } })
    expect(r?.low).toEqual({ value: 18 })
    expect(r?.minMinutes).toBe(18 * YEAR)
    expect(r?.maxMinutesExclusive).toBe(91 * YEAR)
  })

  it('falls back to the human unit when the code is missing', () => {
    expect(
      ageRangeFromFhir({ low: { value: 0, unit: 'jours' }, high: { value: 3, unit: 'mois' } }),
    ).toMatchObject({ minMinutes: 0, maxMinutesExclusive: 4 * MONTH })
  })

  it.each([
    ['missing high', { low: { value: 1, code: 'a' } }],
    ['unknown unit', { low: { value: 1, code: 'kg' }, high: { value: 2, code: 'a' } }],
    ['negative value', { low: { value: -1, code: 'a' }, high: { value: 2, code: 'a' } }],
    ['missing value', { low: { code: 'a' }, high: { value: 2, code: 'a' } }],
  ])('is undefined for %s', (_label, range) => {
    expect(ageRangeFromFhir(range)).toBeUndefined()
  })
})

describe('ageMatches (both bounds inclusive, in each bound unit, rounded down)', () => {
  const months = ageRangeFromBounds({ value: 6, unit: 'mo' }, { value: 36, unit: 'mo' })!
  it.each([
    ['5mo', false],
    ['6mo', true],
    ['36mo', true],
    ['3a', true], // 36 months exactly
    ['37mo', false],
    ['26wk', false], // 26 weeks = 5.98 months → 5 months
    ['27wk', true], // 6.2 months → 6
    ['183d', true], // 6.01 months
    ['182d', false],
  ])('6–36 mo, patient %s → %s', (age, expected) => {
    expect(ageMatches(months, parsePatientAge(age)!)).toBe(expected)
  })

  const years = ageRangeFromBounds({ value: 18 }, { value: 90 })!
  it.each([
    ['17', false],
    ['18', true],
    ['90', true],
    ['1091mo', true], // 90 years 11 months: still 90 when rounded down
    ['1092mo', false], // 91 years
    ['216mo', true], // exactly 18 years
    ['215mo', false],
  ])('18–90 (no unit), patient %s → %s', (age, expected) => {
    expect(ageMatches(years, parsePatientAge(age)!)).toBe(expected)
  })

  it('questionnaire default 0 d – 120 a accepts a newborn and a centenarian', () => {
    const r = ageRangeFromBounds({ value: 0, unit: 'd' }, { value: 120, unit: 'a' })!
    expect(ageMatches(r, 0)).toBe(true)
    expect(ageMatches(r, parsePatientAge('120')!)).toBe(true)
    expect(ageMatches(r, parsePatientAge('121')!)).toBe(false)
  })

  it('equals the definition "floor(age in unit) within [low, high]" for any ages and units', () => {
    const unit = fc.constantFrom('a', 'mo', 'wk', 'd', 'h')
    fc.assert(
      fc.property(
        fc.nat(130),
        fc.nat(130),
        unit,
        unit,
        fc.nat(130 * YEAR),
        (a, b, unitLow, unitHigh, age) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a]
          const r = ageRangeFromBounds({ value: lo, unit: unitLow }, { value: hi, unit: unitHigh })!
          const inLow = Math.floor(age / MINUTES_PER_UNIT[unitLow]!)
          const inHigh = Math.floor(age / MINUTES_PER_UNIT[unitHigh]!)
          expect(ageMatches(r, age)).toBe(lo <= inLow && inHigh <= hi)
        },
      ),
      { numRuns: 2000 },
    )
  })
})
