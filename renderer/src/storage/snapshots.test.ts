import Dexie from 'dexie'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  emptyCounts,
  SNAPSHOT_FORMAT_VERSION,
  type SnapshotManifest,
} from '../../../core/snapshot/manifest'
import { encodeChunk } from '../../../core/snapshot/chunk'
import { Locator } from '../../../core/snapshot/locator'
import { RorDatabase } from './db'
import { SnapshotRepository, SnapshotVerificationError } from './snapshots'

function manifest(counts: Partial<SnapshotManifest['counts']>): SnapshotManifest {
  return {
    formatVersion: SNAPSHOT_FORMAT_VERSION,
    accessProfile: 0,
    source: { kind: 'import', files: ['test.json'] },
    createdAt: '2026-11-26T08:00:00.000Z',
    counts: { ...emptyCounts(), ...counts },
    skipped: { count: 0, reasons: [] },
    ignored: {},
    superseded: 0,
    hiddenByProfile: 0,
    checksum: { algorithm: 'crc32-chunks', value: '00000000' },
  }
}

const offers = (n: number, tag: string) =>
  Array.from({ length: n }, (_, i) => ({ type: 'offer', id: `${tag}-${i}` }))

async function readAll(repo: SnapshotRepository) {
  const seen: { kind: string; id: string }[] = []
  await repo.forEachActiveChunk((kind, records) => {
    for (const record of records) seen.push({ kind, id: (record as { id: string }).id })
  })
  return seen
}

describe('SnapshotRepository (two slots, atomic activation)', () => {
  let db: RorDatabase
  let repo: SnapshotRepository

  beforeEach(() => {
    db = new RorDatabase('test', { indexedDB: new IDBFactory(), IDBKeyRange })
    repo = new SnapshotRepository(db)
  })

  afterEach(() => db.close())

  it('has no active snapshot at first', async () => {
    await expect(repo.active()).resolves.toBeNull()
    await expect(readAll(repo)).resolves.toEqual([])
  })

  it('activates a complete snapshot and reads it back chunk by chunk', async () => {
    const writer = await repo.beginWrite()
    await writer.writeChunk('offer', offers(1000, 'x'))
    await writer.writeChunk('offer', offers(5, 'y'))
    await writer.activate(manifest({ offer: 1005 }))
    const active = await repo.active()
    expect(active?.slot).toBe(writer.slot)
    expect(active?.manifest.counts.offer).toBe(1005)
    const seen = await readAll(repo)
    expect(seen).toHaveLength(1005)
    expect(seen.at(-1)).toEqual({ kind: 'offer', id: 'y-4' })
    // Packed: two rows hold 1005 records.
    await expect(db.chunks.count()).resolves.toBe(2)
  })

  it('refuses to activate when stored counts differ, keeping the previous snapshot', async () => {
    const first = await repo.beginWrite()
    await first.writeChunk('offer', offers(3, 'old'))
    await first.activate(manifest({ offer: 3 }))

    const second = await repo.beginWrite()
    expect(second.slot).not.toBe(first.slot)
    await second.writeChunk('offer', offers(2, 'new'))
    await expect(second.activate(manifest({ offer: 3 }))).rejects.toBeInstanceOf(
      SnapshotVerificationError,
    )
    expect((await repo.active())?.slot).toBe(first.slot)
    expect((await readAll(repo)).map((r) => r.id)).toEqual(['old-0', 'old-1', 'old-2'])
  })

  it('verifies the rows in the database: a row lost or one it did not write refuses activation', async () => {
    const first = await repo.beginWrite()
    await first.writeChunk('offer', offers(3, 'old'))
    await first.activate(manifest({ offer: 3 }))

    const lost = await repo.beginWrite()
    // Nine rows: the first eight are sent at the eighth (one transaction), the last at activation.
    for (let i = 0; i < 9; i++) await lost.writeChunk('offer', offers(1, `a${i}`))
    await db.chunks.delete([lost.slot, 1]) // e.g. a write that did not reach the disk
    await expect(lost.activate(manifest({ offer: 9 }))).rejects.toThrow(
      /offer : 8 enregistrés, 9 attendus ; 1 bloc\(s\) écrit\(s\) absent\(s\)/,
    )
    expect((await repo.active())?.slot).toBe(first.slot)

    const foreign = await repo.beginWrite()
    await foreign.writeChunk('offer', offers(2, 'c'))
    const { bytes, ...chunk } = encodeChunk('offer', offers(2, 'x'))
    await db.chunks.put({ slot: foreign.slot, seq: 50, ...chunk, data: bytes }) // not its own
    await expect(foreign.activate(manifest({ offer: 2 }))).rejects.toThrow(/1 bloc\(s\) inattendu/)
    expect((await readAll(repo)).map((r) => r.id)).toEqual(['old-0', 'old-1', 'old-2'])

    // What a successful activation counted is what the rows hold, dead records excluded.
    const ok = await repo.beginWrite()
    await ok.writeEncodedChunk({ ...encodeChunk('offer', offers(3, 'd')), dead: ['d-1'] }, [
      offers(3, 'd')[0]!,
      offers(3, 'd')[2]!,
    ] as never)
    await ok.writeChunk('location', [{ type: 'location', id: 'm' }])
    await expect(ok.activate(manifest({ offer: 3, location: 1 }))).rejects.toBeInstanceOf(
      SnapshotVerificationError,
    )
    const again = await repo.beginWrite()
    await again.writeEncodedChunk({ ...encodeChunk('offer', offers(3, 'd')), dead: ['d-1'] }, [
      offers(3, 'd')[0]!,
      offers(3, 'd')[2]!,
    ] as never)
    await again.activate(manifest({ offer: 2 }))
    expect((await readAll(repo)).map((r) => r.id)).toEqual(['d-0', 'd-2'])
  })

  it('an aborted write leaves the active snapshot untouched; the next write reuses the slot', async () => {
    const first = await repo.beginWrite()
    await first.writeChunk('location', [{ type: 'location', id: 'l1' }])
    await first.activate(manifest({ location: 1 }))

    const failed = await repo.beginWrite()
    await failed.writeChunk('location', [{ type: 'location', id: 'l2' }])
    await failed.abort()
    expect((await readAll(repo)).map((r) => r.id)).toEqual(['l1'])

    const next = await repo.beginWrite()
    expect(next.slot).toBe(failed.slot)
    await next.writeChunk('location', [{ type: 'location', id: 'l3' }])
    await next.activate(manifest({ location: 1 }))
    expect((await readAll(repo)).map((r) => r.id)).toEqual(['l3'])
  })

  it('a write interrupted before activation (crash) is invisible after reopening', async () => {
    const factory = new IDBFactory()
    const first = new RorDatabase('crash', { indexedDB: factory, IDBKeyRange })
    const repoA = new SnapshotRepository(first)
    const ok = await repoA.beginWrite()
    await ok.writeChunk('offer', offers(2, 'kept'))
    await ok.activate(manifest({ offer: 2 }))
    const interrupted = await repoA.beginWrite()
    await interrupted.writeChunk('offer', offers(7, 'partial'))
    first.close()

    const reopened = new RorDatabase('crash', { indexedDB: factory, IDBKeyRange })
    const repoB = new SnapshotRepository(reopened)
    expect((await readAll(repoB)).map((r) => r.id)).toEqual(['kept-0', 'kept-1'])
    reopened.close()
  })

  it('clearAll purges every slot (profile lowered)', async () => {
    const writer = await repo.beginWrite()
    await writer.writeChunk('offer', offers(1, 'z'))
    await writer.activate(manifest({ offer: 1 }))
    await repo.clearAll()
    await expect(repo.active()).resolves.toBeNull()
    await expect(db.chunks.count()).resolves.toBe(0)
  })

  it('stores chunks as compressed bytes, a view copied out of its buffer, and locates records', async () => {
    const writer = await repo.beginWrite()
    const records = offers(10, 'v')
    const chunk = encodeChunk('offer', records)
    // The chunk as a view in the middle of a bigger buffer, like a snapshot file's chunk.
    const file = new Uint8Array(chunk.bytes.length + 64)
    file.set(chunk.bytes, 32)
    await writer.writeEncodedChunk(
      { ...chunk, bytes: file.subarray(32, 32 + chunk.bytes.length) },
      records as never,
    )
    await writer.writeChunk('location', [{ type: 'location', id: 'l1' }])
    await writer.activate(manifest({ offer: 10, location: 1 }))
    const rows = await db.chunks.toArray()
    expect(rows[0]?.data.buffer.byteLength).toBe(chunk.bytes.length)
    expect((await readAll(repo)).map((r) => r.id)).toEqual([...records.map((r) => r.id), 'l1'])
    const locator = new Locator(await repo.locator(writer.slot))
    expect(locator.chunksOf('offer:v-3')).toEqual([0])
    expect(locator.chunksOf('location:l1')).toEqual([1])
    const [read] = await repo.readChunks(writer.slot, [1])
    expect(read?.records).toEqual([{ type: 'location', id: 'l1' }])
  })

  it('stores an overlay chunk with its dead list: reads, counts and locates the live records only', async () => {
    const writer = await repo.beginWrite()
    const records = offers(4, 'w')
    const live = records.filter((r) => r.id !== 'w-2')
    const chunk = { ...encodeChunk('offer', records), dead: ['w-2'] }
    await expect(writer.writeEncodedChunk(chunk, records as never)).rejects.toThrow(RangeError)
    await writer.writeEncodedChunk(chunk, live as never)
    await writer.writeChunk('offer', [{ type: 'offer', id: 'w-2', name: 'new' }])
    await writer.activate(manifest({ offer: 4 }))
    expect((await db.chunks.toArray())[0]?.dead).toEqual(['w-2'])
    expect((await readAll(repo)).map((r) => r.id)).toEqual(['w-0', 'w-1', 'w-3', 'w-2'])
    const locator = new Locator(await repo.locator(writer.slot))
    expect(locator.chunksOf('offer:w-2')).toEqual([1])
  })

  it('reads in passes: the kinds of the first pass, then the next, live counts told between', async () => {
    const writer = await repo.beginWrite()
    const first = offers(3, 'o')
    await writer.writeEncodedChunk(
      { ...encodeChunk('offer', first), dead: ['o-1'] },
      first.filter((r) => r.id !== 'o-1') as never,
    )
    await writer.writeChunk('location', [{ type: 'location', id: 'l-0' }])
    await writer.writeChunk('practitioner', [{ type: 'practitioner', id: 'p-0' }])
    await writer.writeChunk('offer', offers(2, 'q'))
    await writer.writeChunk('placement', [{ offerId: 'o-0', points: [], precision: 'none' }])
    await writer.activate(manifest({ offer: 4, location: 1, practitioner: 1, placement: 1 }))
    const seen: string[] = []
    const told: [number, number][] = []
    const active = await repo.forEachActiveChunkInPasses(
      [['location', 'placement'], ['offer']],
      (kind, records) => {
        for (const r of records) seen.push(`${kind}:${(r as { id?: string }).id ?? ''}`)
      },
      (pass, live) => {
        told.push([pass, live.offer])
        seen.push('--')
      },
    )
    expect(active?.slot).toBe(writer.slot)
    expect(seen).toEqual([
      'location:l-0',
      'placement:',
      '--',
      'offer:o-0',
      'offer:o-2',
      'offer:q-0',
      'offer:q-1',
    ])
    expect(told).toEqual([[1, 4]])
  })

  it('copies a chunk of the active snapshot only to the position it had', async () => {
    const writer = await repo.beginWrite()
    const chunk = encodeChunk('offer', offers(2, 'c'))
    await expect(writer.copyChunk(chunk, 0, 1)).rejects.toThrow(/bloc 1 recopié à la position 0/)
    await writer.copyChunk({ ...chunk, dead: ['c-1'] }, 0, 0)
    expect(writer.written().offer).toBe(1)
  })

  it('keeps a search index only for the active slot, and drops it when the slot is rewritten', async () => {
    const writer = await repo.beginWrite()
    await writer.writeChunk('offer', offers(1, 'i'))
    await writer.activate(manifest({ offer: 1 }))
    const other = writer.slot === 'a' ? 'b' : 'a'
    await expect(repo.saveSearchIndex(other, new Uint8Array([1]))).resolves.toBe(false)
    await expect(repo.saveSearchIndex(writer.slot, new Uint8Array([7]))).resolves.toBe(true)
    await expect(repo.searchIndex(writer.slot)).resolves.toEqual(new Uint8Array([7]))
    // Stored as a Blob; an index stored as bytes by an earlier version is still read.
    expect((await db.searchIndexes.get(writer.slot))?.bytes).toBeInstanceOf(Blob)
    await db.searchIndexes.put({ slot: writer.slot, bytes: new Uint8Array([8, 9]) })
    await expect(repo.searchIndex(writer.slot)).resolves.toEqual(new Uint8Array([8, 9]))
    const next = await repo.beginWrite()
    await next.writeChunk('offer', offers(1, 'j'))
    await next.activate(manifest({ offer: 1 }))
    const third = await repo.beginWrite()
    expect(third.slot).toBe(writer.slot)
    await expect(repo.searchIndex(writer.slot)).resolves.toBeUndefined()
  })
})

describe('RorDatabase upgrade', () => {
  it('converts version-1 chunk rows (record objects) to compressed bytes, keeping the snapshot', async () => {
    const factory = new IDBFactory()
    const old = new Dexie('upgrade', { indexedDB: factory, IDBKeyRange })
    old.version(1).stores({ slots: 'slot', chunks: '[slot+seq], slot', state: 'key' })
    await old
      .table('chunks')
      .put({ slot: 'a', seq: 0, kind: 'offer', count: 3, records: offers(3, 'u') })
    await old
      .table('slots')
      .put({ slot: 'a', state: 'complete', startedAt: 'x', manifest: manifest({ offer: 3 }) })
    await old.table('state').put({ key: 'activeSlot', value: { slot: 'a', activatedAt: 'x' } })
    old.close()

    const db = new RorDatabase('upgrade', { indexedDB: factory, IDBKeyRange })
    const repo = new SnapshotRepository(db)
    expect((await readAll(repo)).map((r) => r.id)).toEqual(['u-0', 'u-1', 'u-2'])
    const [row] = await db.chunks.toArray()
    expect(row?.data).toBeInstanceOf(Uint8Array)
    expect(row && 'records' in row).toBe(false)
    // No locator was stored by version 1: it is built from the chunks on first use.
    expect(new Locator(await repo.locator('a')).chunksOf('offer:u-2')).toEqual([0])
    db.close()
  })
})
