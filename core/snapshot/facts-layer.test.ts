import { describe, expect, it } from 'vitest'
import {
  SnapshotEncoder,
  SnapshotReader,
  concatBytes,
  copyFactsSections,
  type ManifestInput,
} from './codec'
import { columnsOf, emptyFacts, encodeFacts, rowAt, type FactRow } from './facts'
import {
  applyFactsLayer,
  decodeFactsLayer,
  encodeFactsLayer,
  factsLayer,
  readFacts,
} from './facts-layer'
import { RECORD_TYPES, type RecordType } from './records'

const place = (id: string, chunk: number, commune: string | null): FactRow => ({
  id,
  chunk,
  updated: chunk * 10,
  lat: commune ? 47 : null,
  lon: commune ? 2 : null,
  commune,
})

const none = <T>(): Record<RecordType, T[]> =>
  Object.fromEntries(RECORD_TYPES.map((t) => [t, []])) as unknown as Record<RecordType, T[]>

const locations = (facts: ReturnType<typeof emptyFacts>) =>
  facts.location.id.map((_, i) => rowAt('location', facts.location, i))

const manifest: ManifestInput = {
  accessProfile: 1,
  source: { kind: 'import', files: ['a.json'] },
  createdAt: '2026-11-26T00:00:00.000Z',
  skipped: { count: 0, reasons: [] },
  ignored: {},
  superseded: 0,
  hiddenByProfile: 0,
}

describe('facts layers', () => {
  const base = emptyFacts()
  base.location = columnsOf('location', [place('a', 0, '18033'), place('c', 0, null)])

  it('replaces, adds and removes rows', () => {
    const rows = none<FactRow>()
    rows.location = [place('d', 1, '75056'), place('a', 1, null)]
    const gone = none<string>()
    gone.location = ['c', 'zz']
    const after = applyFactsLayer(base, factsLayer(rows, gone))
    expect(locations(after)).toEqual([place('a', 1, null), place('d', 1, '75056')])
    expect(after.offer).toBe(base.offer)
  })

  it('round-trips as a section, and is told from a plain facts section', async () => {
    const rows = none<FactRow>()
    rows.location = [place('b', 2, '13055')]
    const gone = none<string>()
    gone.location = ['a']
    const back = await decodeFactsLayer(encodeFactsLayer(factsLayer(rows, gone)))
    expect(back?.gone.location).toEqual(['a'])
    expect(locations(applyFactsLayer(base, back!))).toEqual([
      place('b', 2, '13055'),
      place('c', 0, null),
    ])
    expect(await decodeFactsLayer(encodeFacts(base))).toBeNull()
  })

  it('reads a file as its facts with every layer folded in, oldest first', async () => {
    const first = new SnapshotEncoder()
    first.setFacts(encodeFacts(base))
    const one = new SnapshotReader(concatBytes(first.finish(manifest)))
    const layers = [
      [[place('a', 1, '69123')], []],
      [[place('a', 2, null)], ['c']],
    ] as const
    let reader = one
    let bytes: Uint8Array = new Uint8Array(0)
    for (const [added, removed] of layers) {
      const rows = none<FactRow>()
      rows.location = [...added]
      const gone = none<string>()
      gone.location = [...removed]
      const next = new SnapshotEncoder()
      copyFactsSections(reader, next)
      next.addFactsLayer(encodeFactsLayer(factsLayer(rows, gone)))
      bytes = concatBytes(next.finish(manifest))
      reader = new SnapshotReader(bytes)
    }
    expect(reader.header.facts).toEqual(one.header.facts)
    expect(reader.header.factsLayers).toHaveLength(2)
    expect(reader.formatVersion).toBe(2)
    expect(locations((await readFacts(reader))!)).toEqual([place('a', 2, null)])
    // The last bytes of the file are the last layer's: damaged, it is refused.
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff
    expect(() => new SnapshotReader(bytes).factsLayerBytes()).toThrow(/faits/)
  })
})
