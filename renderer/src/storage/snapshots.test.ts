import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  emptyCounts,
  SNAPSHOT_FORMAT_VERSION,
  type SnapshotManifest,
} from '../../../core/snapshot/manifest'
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
})
