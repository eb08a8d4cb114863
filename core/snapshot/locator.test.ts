import { describe, expect, it } from 'vitest'
import { Locator, LocatorBuilder, MAX_LOCATABLE_CHUNKS, recordKey } from './locator'
import type { DomainRecord, ResolvedPlacement } from './records'

const offer = (id: string) => ({ type: 'offer', id }) as unknown as DomainRecord
const role = (id: string, offerId?: string) =>
  ({ type: 'practitionerRole', id, ...(offerId ? { offerId } : {}) }) as unknown as DomainRecord
const placement = (offerId: string) => ({ offerId }) as unknown as ResolvedPlacement

describe('recordKey', () => {
  it('keys records by kind and id, placements and roles by their offer', () => {
    expect(recordKey('offer', offer('hs-1'))).toBe('offer:hs-1')
    expect(recordKey('placement', placement('hs-1'))).toBe('placement@hs-1')
    expect(recordKey('practitionerRole', role('pr-1', 'hs-1'))).toBe('practitionerRole@hs-1')
    expect(recordKey('practitionerRole', role('pr-2'))).toBeUndefined()
  })
})

describe('Locator', () => {
  it('finds every chunk holding a key, once each, and nothing for unknown keys', () => {
    const builder = new LocatorBuilder()
    builder.add(0, 'offer', [offer('a'), offer('b')])
    builder.add(1, 'practitionerRole', [role('r1', 'a'), role('r2', 'b')])
    builder.add(2, 'practitionerRole', [role('r3', 'a'), role('r4', 'a')])
    builder.add(3, 'offer', [offer('c')])
    const locator = new Locator(builder.finish())
    expect(locator.size).toBe(7)
    expect(locator.chunksOf('offer:a')).toEqual([0])
    expect(locator.chunksOf('offer:c')).toEqual([3])
    expect(locator.chunksOf('practitionerRole@a')).toEqual([1, 2])
    expect(locator.chunksOf('practitionerRole@b')).toEqual([1])
    expect(locator.chunksOf('offer:zz')).toEqual([])
  })

  it('locates each of 20,000 ids in its chunk', () => {
    const builder = new LocatorBuilder()
    const chunkOf = new Map<string, number>()
    for (let seq = 0; seq < 20; seq++) {
      const ids = Array.from({ length: 1000 }, (_, i) => `hs-${(i * 20 + seq) * 7919}`)
      for (const id of ids) chunkOf.set(id, seq)
      builder.add(seq, 'offer', ids.map(offer))
    }
    const locator = new Locator(builder.finish())
    for (const [id, seq] of chunkOf) expect(locator.chunksOf(`offer:${id}`)).toContain(seq)
  })

  it('refuses a chunk number it cannot encode', () => {
    const builder = new LocatorBuilder()
    expect(() => builder.add(MAX_LOCATABLE_CHUNKS, 'offer', [offer('a')])).toThrow(RangeError)
    expect(() => builder.add(-1, 'offer', [offer('a')])).toThrow(RangeError)
  })
})
