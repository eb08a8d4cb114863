import { deflateSync, strToU8 } from 'fflate'
import { describe, expect, it } from 'vitest'
import { inflateJson } from './inflate-json'

const packed = (text: string, level: 0 | 6 = 6) => deflateSync(strToU8(text), { level })

const records = (n: number, seed: number) =>
  Array.from({ length: n }, (_, i) => ({
    type: 'offer',
    id: `r${(i * 7919 + seed) % 100003}`,
    name: `Consultation « ${i} » d’été, "guillemets" \\ barre ${'é'.repeat(i % 5)}`,
    nested: { list: [1, [2, { a: '}]' }], '{['], empty: {}, none: null },
    codes: [],
  }))

describe('inflateJson (one reused scratch buffer)', () => {
  it('equals JSON.parse of the text, whatever the sizes and their order', () => {
    for (const n of [1, 8000, 10, 800, 0, 20000, 2]) {
      const text = JSON.stringify(records(n, n))
      expect(inflateJson(packed(text))).toEqual(JSON.parse(text))
    }
  })

  it('a stored (uncompressed) block larger than the scratch buffer is read whole', () => {
    const text = JSON.stringify(records(40000, 1))
    expect(text.length).toBeGreaterThan(4 << 20)
    expect(inflateJson(packed(text, 0))).toEqual(JSON.parse(text))
  })

  it('takes white space and other JSON values as JSON.parse does', () => {
    for (const text of [
      ' [ {"a":1} ,\n {"b":"x\\\\"} ] ',
      '[]',
      ' [ ] ',
      '[1,2,3]',
      '[{"a":1},2]',
      '{"a":[{"b":1}]}',
      '"texte"',
      '[{"a":"\\"}"},{"b":"\\\\\\""}]',
    ]) {
      expect(inflateJson(packed(text))).toEqual(JSON.parse(text))
    }
  })

  it('malformed text throws the SyntaxError JSON.parse throws', () => {
    for (const text of ['[{"a":1},]', '[{"a":1}', '[{"a":1}] x', '[{"a":"}]', '[{"a":1}{"b":2}]']) {
      expect(() => inflateJson(packed(text))).toThrow(SyntaxError)
    }
  })

  it('corrupt data throws instead of returning what was in the buffer', () => {
    const good = packed(JSON.stringify(records(2000, 2)))
    inflateJson(good)
    const corrupt = good.slice(0, good.length >> 1)
    corrupt[10] = (corrupt[10] ?? 0) ^ 0xff
    expect(() => inflateJson(corrupt)).toThrow()
  })
})
