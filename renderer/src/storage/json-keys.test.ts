import { describe, expect, it } from 'vitest'
import { SnapshotReader } from '../../../core/snapshot/codec'
import { recordKeysOf } from './json-keys'

const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value))

/** What JSON.parse says the top-level `id` / `offerId` strings are. */
function parsedKeys(records: Record<string, unknown>[]) {
  return records.map((r) => ({
    ...(typeof r.id === 'string' ? { id: r.id } : {}),
    ...(typeof r.offerId === 'string' ? { offerId: r.offerId } : {}),
  }))
}

describe('recordKeysOf (keys of a chunk of record JSON, without parsing it)', () => {
  it('reads the same keys as JSON.parse on every chunk of the demo snapshot', async () => {
    const fs = (await import('node:fs' as string)) as { readFileSync(p: string): Uint8Array }
    const path = new URL('../../../data/demo/demo.snap', import.meta.url).pathname
    const reader = new SnapshotReader(new Uint8Array(fs.readFileSync(path)))
    const kinds = new Set<string>()
    reader.header.chunks.forEach((info, i) => {
      const records = reader.chunk(i) as unknown as Record<string, unknown>[]
      kinds.add(info.kind)
      expect(recordKeysOf(bytes(records))).toEqual(parsedKeys(records))
    })
    // Offers, organisations, places, roles (offerId), practitioners and placements.
    expect(kinds.size).toBe(6)
  })

  it('ignores keys of nested objects and brackets or quotes inside strings', () => {
    const records = [
      { name: 'a "quoted" {brace} [bracket], id', contacts: [{ id: 'nested' }], id: 'o-1' },
      { telecoms: { offerId: 'deep' }, offerId: 'x\\y"z', id: 'é-2' },
      { id: 3, offerId: null, other: [[{}], 'id'] },
      { points: [{ lat: 1, lon: 2 }], id: 'ü\n4' },
    ]
    expect(recordKeysOf(bytes(records))).toEqual([
      { id: 'o-1' },
      { offerId: 'x\\y"z', id: 'é-2' },
      {},
      { id: 'ü\n4' },
    ])
  })

  it('reads keys written with escapes, and no key that only starts like a wanted one', () => {
    const json =
      '[{"\\u0069d":"e-1","idx":"no","offerIds":["no"]},{"offerI":"no","i":"no","id":"e-2"}]'
    expect(JSON.parse(json)).toEqual([
      { id: 'e-1', idx: 'no', offerIds: ['no'] },
      { offerI: 'no', i: 'no', id: 'e-2' },
    ])
    expect(recordKeysOf(new TextEncoder().encode(json))).toEqual([{ id: 'e-1' }, { id: 'e-2' }])
  })

  it('accepts whitespace between tokens and refuses a truncated chunk', () => {
    const spaced = new TextEncoder().encode('[ { "id" : "a" , "n" : 1 } ,\n {"offerId":"b"} ]')
    expect(recordKeysOf(spaced)).toEqual([{ id: 'a' }, { offerId: 'b' }])
    expect(recordKeysOf(bytes([]))).toEqual([])
    expect(() => recordKeysOf(bytes([{ id: 'a' }]).subarray(0, 8))).toThrow(SyntaxError)
    expect(() => recordKeysOf(new TextEncoder().encode('[{"id":"a'))).toThrow(SyntaxError)
  })
})
