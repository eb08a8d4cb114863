import { describe, expect, it } from 'vitest'
import { offer as baseOffer } from '../../tests/support/search-records'
import type { BuildResult } from '../snapshot/builder'
import type { ChunkKind } from '../snapshot/manifest'
import {
  RECORD_TYPES,
  type DomainRecord,
  type LocationRecord,
  type OfferRecord,
} from '../snapshot/records'
import { recordsOf } from '../../tests/support/sync-harness'
import { MemorySnapshotStore } from './memory-store'
import type { StoredRecord } from './snapshot-store'
import { BaseUnsortedError, writeBuild, writeMerge } from './write-snapshot'

const offer = (id: string, lastUpdated: string, locationIds: string[] = []): OfferRecord =>
  baseOffer(id, { name: `offre ${id}`, lastUpdated, locationIds })

const place = (id: string, lat: number): LocationRecord => ({
  type: 'location',
  id,
  lastUpdated: '2026-01-01T00:00:00Z',
  telecoms: [],
  position: { lat, lon: 2 },
})

function build(records: DomainRecord[]): BuildResult {
  const sorted = [...records].sort((a, b) => (a.id < b.id ? -1 : 1))
  const recordsOf = (t: DomainRecord['type']) => sorted.filter((r) => r.type === t)
  return {
    stats: {
      skipped: { count: 0, reasons: [] },
      ignored: {},
      superseded: 0,
      hiddenByProfile: 0,
      counts: Object.fromEntries(RECORD_TYPES.map((t) => [t, recordsOf(t).length])) as never,
    },
    recordsOf,
    jsonOf: (t) => recordsOf(t).map((r) => JSON.stringify(r)),
    all: () => RECORD_TYPES.flatMap(recordsOf),
    toArray: () => RECORD_TYPES.flatMap(recordsOf),
  }
}

const MANIFEST = {
  accessProfile: 0 as const,
  source: { kind: 'sync' as const, server: 'x' },
  createdAt: '2026-11-26T00:00:00Z',
  skipped: { count: 0, reasons: [] },
  ignored: {},
  superseded: 0,
  hiddenByProfile: 0,
}

async function snapshot(records: DomainRecord[], chunkSize = 2): Promise<MemorySnapshotStore> {
  const store = new MemorySnapshotStore()
  const writer = await store.begin()
  await writeBuild(build(records), writer, { chunkSize })
  await writer.commit(MANIFEST)
  return store
}

/** The stored records of one kind, in stored order. */
async function stored(store: MemorySnapshotStore, kind: ChunkKind): Promise<StoredRecord[]> {
  const out: StoredRecord[] = []
  await (await store.current())!.forEachChunk([kind], (_k, records) => {
    out.push(...records)
  })
  return out
}

describe('writeMerge (delta into the active snapshot)', () => {
  it('adds, updates, removes what the delta saw, keeps the rest, sorted by id', async () => {
    const base = await snapshot([
      offer('a', '1', ['L1']),
      offer('c', '1'),
      offer('e', '1'),
      offer('g', '1'),
      place('L1', 45),
      place('L2', 48),
    ])
    const delta = build([
      offer('b', '2'),
      offer('c', '2', ['L2']),
      offer('h', '2'),
      offer('e', '1'),
    ])
    const seen = [
      'HealthcareService/b',
      'HealthcareService/c',
      'HealthcareService/e',
      'HealthcareService/g',
      'HealthcareService/h',
    ]
    const target = new MemorySnapshotStore()
    const writer = await target.begin()
    const stats = await writeMerge((await base.current())!, delta, seen, writer, { chunkSize: 2 })
    const manifest = await writer.commit(MANIFEST)

    expect(stats).toEqual({ added: 2, updated: 1, unchanged: 1, removed: 1, kept: 3 })
    const offers = (await stored(target, 'offer')) as OfferRecord[]
    expect(offers.map((o) => `${o.id}@${o.lastUpdated}`)).toEqual([
      'a@1',
      'b@2',
      'c@2',
      'e@1',
      'h@2',
    ])
    expect(manifest.counts).toMatchObject({ offer: 5, location: 2, placement: 5 })
    // Placements are recomputed: c moved to L2.
    expect(recordsOf(target.bytes).get('placement/c')).toMatchObject({
      precision: 'location',
      points: [{ lat: 48, lon: 2 }],
    })
  })

  it('merges into a base whose kinds interleave (each kind ascending)', async () => {
    const store = new MemorySnapshotStore()
    const w = await store.begin()
    // As the file encoder stores them: full chunks first, each kind's last chunk at the end.
    await w.writeChunk('offer', [offer('a', '1'), offer('b', '1')])
    await w.writeChunk('location', [place('L1', 1)])
    await w.writeChunk('offer', [offer('d', '1')])
    await w.commit(MANIFEST)
    const target = new MemorySnapshotStore()
    const writer = await target.begin()
    const delta = build([offer('c', '2'), offer('e', '2')])
    await writeMerge((await store.current())!, delta, [], writer, { chunkSize: 2 })
    await writer.commit(MANIFEST)
    const ids = ((await stored(target, 'offer')) as OfferRecord[]).map((o) => o.id)
    expect(ids).toEqual(['a', 'b', 'c', 'd', 'e'])
  })

  it('refuses a base that is not sorted by id', async () => {
    const store = new MemorySnapshotStore()
    const writer = await store.begin()
    await writer.writeChunk('offer', [offer('b', '1'), offer('a', '1')])
    await writer.commit(MANIFEST)
    const target = await new MemorySnapshotStore().begin()
    await expect(
      writeMerge((await store.current())!, build([]), [], target),
    ).rejects.toBeInstanceOf(BaseUnsortedError)
  })
})
