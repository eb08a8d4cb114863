/**
 * Electron's snapshot transfer, run under Node: main's sender and the storage worker's receiver
 * over a real MessageChannel, into Dexie slots on a fresh fake IndexedDB.
 */
import { readFileSync } from 'node:fs'
import { MessageChannel } from 'node:worker_threads'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { nodePortTransfer } from '../support/ports'
import type { MainToStorage, StorageToMain, TransferPort } from '../../core/ipc/snapshot-transfer'
import { concatBytes, SnapshotEncoder, SnapshotReader } from '../../core/snapshot/codec'
import type { SnapshotManifest } from '../../core/snapshot/manifest'
import { sendSnapshot, TransferError } from '../../main/snapshot-sender'
import { RorDatabase } from '../../renderer/src/storage/db'
import { serveSnapshotTransfers } from '../../renderer/src/storage/snapshot-receiver'
import { SnapshotRepository } from '../../renderer/src/storage/snapshots'

const DEMO = new Uint8Array(readFileSync(new URL('../../data/demo/demo.snap', import.meta.url)))

let db: RorDatabase
let repo: SnapshotRepository
let channel: MessageChannel
let main: TransferPort<MainToStorage, StorageToMain>
let activated: SnapshotManifest[]
let stop: () => void

beforeEach(() => {
  db = new RorDatabase('transfer', { indexedDB: new IDBFactory(), IDBKeyRange })
  repo = new SnapshotRepository(db)
  channel = new MessageChannel()
  main = nodePortTransfer(channel.port1)
  activated = []
  stop = serveSnapshotTransfers(nodePortTransfer(channel.port2), repo, (m) => activated.push(m))
})
afterEach(() => {
  stop()
  channel.port1.close()
  channel.port2.close()
  db.close()
})

async function storedCount(): Promise<number> {
  let n = 0
  await repo.forEachActiveChunk((_kind, records) => {
    n += records.length
  })
  return n
}

describe('snapshot transfer main → storage worker', () => {
  it('stores every chunk packed and activates the snapshot', async () => {
    const progress: number[] = []
    const result = await sendSnapshot(main, DEMO, {
      transferId: 't1',
      onProgress: (sent) => progress.push(sent),
    })
    expect(result.skipped).toBe(false)
    const manifest = new SnapshotReader(DEMO).manifest
    expect((await repo.active())?.manifest).toEqual(manifest)
    expect(await storedCount()).toBe(Object.values(manifest.counts).reduce((a, b) => a + b, 0))
    expect(await db.chunks.count()).toBe(new SnapshotReader(DEMO).header.chunks.length)
    expect(progress.at(-1)).toBe(new SnapshotReader(DEMO).header.chunks.length)
    expect(activated).toEqual([manifest])
  })

  it('skips a snapshot that is already active', async () => {
    await sendSnapshot(main, DEMO, { transferId: 't1' })
    const again = await sendSnapshot(main, DEMO, { transferId: 't2' })
    expect(again.skipped).toBe(true)
    expect(activated).toHaveLength(1)
  })

  it('refuses a corrupted chunk and keeps the active snapshot', async () => {
    await sendSnapshot(main, DEMO, { transferId: 't1' })
    const before = await repo.active()
    // Another snapshot (new creation date → new checksum), with its last chunk damaged.
    const reader = new SnapshotReader(DEMO)
    expect(reader.header.chunks.length).toBeGreaterThan(8)
    const encoder = new SnapshotEncoder()
    reader.header.chunks.forEach((info, i) => encoder.add(info.kind, reader.chunk(i)))
    const { formatVersion: _v, counts: _c, checksum: _s, ...rest } = reader.manifest
    const other = concatBytes(encoder.finish({ ...rest, createdAt: '2030-01-01T00:00:00Z' }))
    other[other.length - 5]! ^= 0xff
    const error = await sendSnapshot(main, other, { transferId: 't3' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TransferError)
    expect((error as Error).message).toMatch(/corrompu ou tronqué/)
    expect(await repo.active()).toEqual(before)
    expect(await storedCount()).toBe(
      Object.values(reader.manifest.counts).reduce((a, b) => a + b, 0),
    )
  })
})
