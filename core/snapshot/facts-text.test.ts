import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeTextColumn, encodeTextColumn } from './facts-text'

const roundTrip = (col: unknown[], list: boolean) => {
  const { text, encoding } = encodeTextColumn(col, list)
  return { encoding, back: decodeTextColumn(text, encoding, col.length, list) }
}

describe('facts text columns', () => {
  it('writes ids, codes and nulls as lines', () => {
    const col = ['30000001', null, '05', '', 'hs-1.2']
    const { text, encoding } = encodeTextColumn(col, false)
    expect(encoding).toBe('l')
    expect(text).toBe('30000001\n\u0001\n05\n\nhs-1.2\n')
    expect(decodeTextColumn(text, encoding, col.length, false)).toEqual(col)
  })

  it('writes lists with tabs, empty lists and null lists told apart', () => {
    const col = [['20000001'], [], null, ['a', 'b', 'c']]
    const { text, encoding } = encodeTextColumn(col, true)
    expect(encoding).toBe('l')
    expect(decodeTextColumn(text, encoding, col.length, true)).toEqual(col)
  })

  it('falls back to JSON for values lines cannot hold', () => {
    expect(roundTrip(['a\nb', 'c'], false)).toEqual({ encoding: 'j', back: ['a\nb', 'c'] })
    expect(roundTrip(['a\tb'], false).encoding).toBe('l')
    expect(roundTrip([['a\tb']], true)).toEqual({ encoding: 'j', back: [['a\tb']] })
    expect(roundTrip([['']], true)).toEqual({ encoding: 'j', back: [['']] })
    expect(roundTrip(['\u0001'], false)).toEqual({ encoding: 'j', back: ['\u0001'] })
  })

  it('refuses a column that does not hold the expected rows', () => {
    const { text } = encodeTextColumn(['a', 'b'], false)
    expect(decodeTextColumn(text, 'l', 3, false)).toBeNull()
    expect(decodeTextColumn(text, 'l', 1, false)).toBeNull()
    expect(decodeTextColumn('', 'l', 1, false)).toBeNull()
    expect(decodeTextColumn('a\nb', 'l', 2, false)).toBeNull()
    expect(decodeTextColumn('["a"]', 'j', 2, false)).toBeNull()
    expect(decodeTextColumn('a\n', 'x' as 'l', 1, false)).toBeNull()
    expect(decodeTextColumn('', 'l', 0, true)).toEqual([])
  })

  it('round-trips any strings, nulls and lists', () => {
    const value = fc.option(fc.string({ unit: 'binary' }), { nil: null })
    const listValue = fc.option(fc.array(fc.string({ unit: 'binary' }), { maxLength: 4 }), {
      nil: null,
    })
    fc.assert(
      fc.property(fc.array(value), (col) => {
        expect(roundTrip(col, false).back).toEqual(col)
      }),
    )
    fc.assert(
      fc.property(fc.array(listValue), (col) => {
        expect(roundTrip(col, true).back).toEqual(col)
      }),
    )
  })
})
