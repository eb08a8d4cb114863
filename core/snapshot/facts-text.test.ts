import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeTextColumn, encodeTextColumn, ROWS_PER_TURN } from './facts-text'

const roundTrip = async (col: unknown[], list: boolean) => {
  const { text, encoding } = encodeTextColumn(col, list)
  return { encoding, back: await decodeTextColumn(text, encoding, col.length, list) }
}

describe('facts text columns', () => {
  it('writes ids, codes and nulls as lines', async () => {
    const col = ['30000001', null, '05', '', 'hs-1.2']
    const { text, encoding } = encodeTextColumn(col, false)
    expect(encoding).toBe('l')
    expect(text).toBe('30000001\n\u0001\n05\n\nhs-1.2\n')
    expect(await decodeTextColumn(text, encoding, col.length, false)).toEqual(col)
  })

  it('writes lists with tabs, empty lists and null lists told apart', async () => {
    const col = [['20000001'], [], null, ['a', 'b', 'c']]
    const { text, encoding } = encodeTextColumn(col, true)
    expect(encoding).toBe('l')
    expect(await decodeTextColumn(text, encoding, col.length, true)).toEqual(col)
  })

  it('falls back to JSON for values lines cannot hold', async () => {
    expect(await roundTrip(['a\nb', 'c'], false)).toEqual({ encoding: 'j', back: ['a\nb', 'c'] })
    expect((await roundTrip(['a\tb'], false)).encoding).toBe('l')
    expect(await roundTrip([['a\tb']], true)).toEqual({ encoding: 'j', back: [['a\tb']] })
    expect(await roundTrip([['']], true)).toEqual({ encoding: 'j', back: [['']] })
    expect(await roundTrip(['\u0001'], false)).toEqual({ encoding: 'j', back: ['\u0001'] })
  })

  it('refuses a column that does not hold the expected rows', async () => {
    const { text } = encodeTextColumn(['a', 'b'], false)
    expect(await decodeTextColumn(text, 'l', 3, false)).toBeNull()
    expect(await decodeTextColumn(text, 'l', 1, false)).toBeNull()
    expect(await decodeTextColumn('', 'l', 1, false)).toBeNull()
    expect(await decodeTextColumn('a\nb', 'l', 2, false)).toBeNull()
    expect(await decodeTextColumn('["a"]', 'j', 2, false)).toBeNull()
    expect(await decodeTextColumn('a\n', 'x' as 'l', 1, false)).toBeNull()
    expect(await decodeTextColumn('', 'l', 0, true)).toEqual([])
  })

  it('pauses between slices of rows, with the same values', async () => {
    const col = Array.from({ length: ROWS_PER_TURN * 2 + 5 }, (_, i) =>
      i % 7 === 0 ? null : [`l${i}`, `m${i}`],
    )
    const { text, encoding } = encodeTextColumn(col, true)
    let pauses = 0
    const back = await decodeTextColumn(text, encoding, col.length, true, async () => {
      pauses += 1
    })
    expect(pauses).toBe(2)
    expect(back).toEqual(col)
  })

  it('round-trips any strings, nulls and lists', async () => {
    const value = fc.option(fc.string({ unit: 'binary' }), { nil: null })
    const listValue = fc.option(fc.array(fc.string({ unit: 'binary' }), { maxLength: 4 }), {
      nil: null,
    })
    await fc.assert(
      fc.asyncProperty(fc.array(value), async (col) => {
        expect((await roundTrip(col, false)).back).toEqual(col)
      }),
    )
    await fc.assert(
      fc.asyncProperty(fc.array(listValue), async (col) => {
        expect((await roundTrip(col, true)).back).toEqual(col)
      }),
    )
  })
})
