import { describe, expect, it } from 'vitest'
import { csvCell, resultsToCsv, toCsv } from './csv'
import { formatAgeBound } from './format'

describe('CSV for French Excel', () => {
  it('starts with a BOM, separates with ; and ends lines with CRLF', () => {
    const csv = toCsv(['a', 'b'], [['x', 1.5]])
    expect(csv).toBe('\uFEFFa;b\r\nx;1,5\r\n')
  })

  it('quotes cells holding ; " or line breaks, doubling quotes', () => {
    expect(csvCell('a;b')).toBe('"a;b"')
    expect(csvCell('dit "le Grand"')).toBe('"dit ""le Grand"""')
    expect(csvCell('ligne\nsuivante')).toBe('"ligne\nsuivante"')
    expect(csvCell('sans souci')).toBe('sans souci')
  })

  it('neutralises text that Excel would run as a formula, not negative numbers', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"')
    expect(csvCell('-1.5')).toBe('-1.5')
    expect(csvCell(-1.5)).toBe('-1,5')
  })

  it('writes booleans as oui/non and missing values as empty cells', () => {
    expect([csvCell(true), csvCell(false), csvCell(undefined), csvCell(NaN)]).toEqual([
      'oui',
      'non',
      '',
      '',
    ])
  })

  it('exports result rows with labels, ages in words and a decimal comma', () => {
    const csv = resultsToCsv(
      [
        {
          offerId: 'hs1',
          name: 'HDJ; enfants',
          activities: ['409'],
          ageMin: { value: 18, unit: 'mo' },
          ageMax: { value: 17 },
          lat: 47.08,
          lon: 2.39,
          precision: 'commune',
          distanceKm: 12.34567,
          isClosed: false,
        },
      ],
      (c) => (c === '409' ? 'Pédopsychiatrie' : c),
    )
    const lines = csv.slice(1).split('\r\n')
    expect(lines).toHaveLength(3)
    expect(lines[1]).toBe(
      'hs1;"HDJ; enfants";;;;409 Pédopsychiatrie;18 mois;17 ans;;;47,08;2,39;commune;12,346;non',
    )
  })
})

describe('age bounds in words', () => {
  it('uses French units and years when the unit is missing', () => {
    expect(formatAgeBound({ value: 1, unit: 'a' })).toBe('1 an')
    expect(formatAgeBound({ value: 3, unit: 'wk' })).toBe('3 semaines')
    expect(formatAgeBound({ value: 0, unit: 'd' })).toBe('0 jour')
    expect(formatAgeBound({ value: 65 })).toBe('65 ans')
    expect(formatAgeBound({ value: 2, unit: 'xx' })).toBe('2 xx')
  })
})
