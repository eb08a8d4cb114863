import { describe, expect, it } from 'vitest'
import { decodeEncodedChunk, encodeChunk } from './chunk'
import { SnapshotIntegrityError, SnapshotFormatError } from './codec'

const offers = Array.from({ length: 300 }, (_, i) => ({
  type: 'offer',
  id: `hs-${i}`,
  name: `Offre ${i}`,
}))

describe('encoded chunks', () => {
  it('round-trips records at both compression levels', () => {
    const fast = encodeChunk('offer', offers, 1)
    const small = encodeChunk('offer', offers, 6)
    expect(decodeEncodedChunk(fast)).toEqual(offers)
    expect(decodeEncodedChunk(small)).toEqual(offers)
    expect(fast.count).toBe(300)
  })

  it('detects a corrupted byte and a wrong count or kind', () => {
    const chunk = encodeChunk('offer', offers)
    const damaged = chunk.bytes.slice()
    damaged[10] = (damaged[10] ?? 0) ^ 0xff
    expect(() => decodeEncodedChunk({ ...chunk, bytes: damaged })).toThrow(SnapshotIntegrityError)
    expect(() => decodeEncodedChunk({ ...chunk, count: 299 })).toThrow(SnapshotFormatError)
    expect(() => decodeEncodedChunk({ ...chunk, kind: 'location' })).toThrow(SnapshotFormatError)
  })
})
