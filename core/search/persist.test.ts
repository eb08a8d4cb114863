import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { arbQuery, arbSnapshot, NOW } from '../../tests/support/search-arbitraries'
import { offer } from '../../tests/support/search-records'
import { buildSearchIndex } from './build'
import {
  SearchIndexFormatError,
  deserializeSearchIndex,
  readSearchIndexMeta,
  serializeSearchIndex,
  serializeSearchIndexParts,
} from './persist'
import { matchAll, search } from './search'
import { suggestActivities, suggestStructures } from './suggest'

describe('persisted search index', () => {
  it('answers every query exactly like the index it was saved from', () => {
    fc.assert(
      fc.property(arbSnapshot, fc.array(arbQuery, { minLength: 1, maxLength: 4 }), (input, qs) => {
        const built = buildSearchIndex({ ...input, activityLabel: (c) => `Activité ${c}` })
        const bytes = serializeSearchIndex(built, { snapshot: 'abc' })
        // An unaligned copy exercises the realignment path too.
        const shifted = new Uint8Array(bytes.length + 3).subarray(3)
        shifted.set(bytes)
        for (const loaded of [deserializeSearchIndex(bytes), deserializeSearchIndex(shifted)]) {
          for (const q of qs) {
            const query = { ...q, now: NOW }
            expect(search(loaded, query).items).toEqual(search(built, query).items)
            expect(matchAll(loaded, query).offers).toEqual(matchAll(built, query).offers)
          }
          expect(suggestStructures(loaded, 'hop')).toEqual(suggestStructures(built, 'hop'))
          expect(suggestActivities(loaded, 'act')).toEqual(suggestActivities(built, 'act'))
        }
        expect(readSearchIndexMeta(bytes)).toEqual({ snapshot: 'abc' })
      }),
      { numRuns: 60 },
    )
  })

  it('in parts: views on the index arrays, not copies', () => {
    const built = buildSearchIndex({ offers: [offer('o1', { name: 'Un' }), offer('o2')] })
    const parts = serializeSearchIndexParts(built, { snapshot: 'abc' })
    expect(parts.some((p) => p.buffer === built.ageMin.buffer)).toBe(true)
    expect(parts.some((p) => p.buffer === built.pointOffsets.buffer)).toBe(true)
  })

  it('keeps names holding line breaks or nothing at all', () => {
    const names = ['Ligne 1\nLigne 2', '', 'Écoute « ados »']
    const built = buildSearchIndex({ offers: names.map((name, i) => offer(`o${i}`, { name })) })
    const loaded = deserializeSearchIndex(serializeSearchIndex(built))
    expect(loaded.names).toEqual(built.names)
    expect(search(loaded, {}).items).toEqual(search(built, {}).items)
  })

  it('rejects a file that is not an index, or is truncated', () => {
    expect(() => deserializeSearchIndex(new TextEncoder().encode('RORSNAP\n…'))).toThrow(
      SearchIndexFormatError,
    )
    const bytes = serializeSearchIndex(buildSearchIndex({ offers: [] }))
    expect(() => deserializeSearchIndex(bytes.subarray(0, 20))).toThrow(SearchIndexFormatError)
  })
})
