/**
 * Browser mode: the engine with `fetch`, the Dexie slots and the resume state in IndexedDB
 * (fake IndexedDB under Node), against the local sandbox over real HTTP.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ChunkKind } from '../../core/snapshot/manifest'
import { runSync } from '../../core/sync/engine'
import { SyncCancelledError } from '../../core/sync/errors'
import { MemorySnapshotStore } from '../../core/sync/memory-store'
import type { StoredRecord } from '../../core/sync/snapshot-store'
import { runBrowserSync, type BrowserSyncRequest } from '../../renderer/src/engine/sync-runner'
import { RorDatabase } from '../../renderer/src/storage/db'
import { SnapshotRepository } from '../../renderer/src/storage/snapshots'
import {
  deletionShadow,
  diffRecords,
  expectConverged,
  mutate,
  recordsOf,
  sandboxSync,
  startTestSandbox,
} from '../support/sync-harness'
import type { Sandbox } from '../../tools/ror-sandbox/server'

let sandbox: Sandbox
beforeAll(async () => {
  sandbox = await startTestSandbox({ exportFileSize: 100 })
})
afterAll(() => sandbox.close())

const freshDb = () => new RorDatabase('browser-sync', { indexedDB: new IDBFactory(), IDBKeyRange })

function request(mode: BrowserSyncRequest['mode'] = 'auto'): BrowserSyncRequest {
  return {
    fhirBaseUrl: sandbox.fhirBase,
    tokenUrl: sandbox.tokenUrl,
    clientId: 'profil-0',
    clientSecret: 'sandbox',
    profile: 0,
    region: null,
    mode,
  }
}

/** The active slot's records by `kind/id`. */
async function activeRecords(db: RorDatabase): Promise<Map<string, StoredRecord>> {
  const out = new Map<string, StoredRecord>()
  await new SnapshotRepository(db).forEachActiveChunk((kind: ChunkKind, records) => {
    for (const r of records as StoredRecord[])
      out.set(`${kind}/${'type' in r ? r.id : r.offerId}`, r)
  })
  return out
}

async function reference(): Promise<Map<string, StoredRecord>> {
  const store = new MemorySnapshotStore()
  await runSync(sandboxSync(sandbox, 0, store, { mode: 'full' }))
  return recordsOf(store.bytes)
}

describe('browser-mode sync into the Dexie slots', () => {
  it('full sync, then delta, give the same records as the file engine', async () => {
    const db = freshDb()
    const full = await runBrowserSync(db, request())
    expect(full.mode).toBe('full')
    const repo = new SnapshotRepository(db)
    expect((await repo.active())?.manifest.counts).toEqual(full.manifest.counts)
    // Packed: about 1000 records per row, not one row per record.
    const total = Object.values(full.manifest.counts).reduce((a, b) => a + b, 0)
    expect(await db.chunks.count()).toBeLessThanOrEqual(Math.ceil(total / 1000) + 6)
    expect(diffRecords(await activeRecords(db), await reference()).different).toEqual([])

    const before = await activeRecords(db)
    const changes = await mutate(sandbox, 40)
    const delta = await runBrowserSync(db, request())
    expect(delta.mode).toBe('delta')
    const shadow = deletionShadow(before, changes.deletedKeys)
    expect(
      expectConverged(await activeRecords(db), await reference(), changes.deletedKeys, shadow),
    ).toEqual([])
    db.close()
  })

  it('a cancelled delta keeps the active slot and resumes from IndexedDB', async () => {
    const db = freshDb()
    await runBrowserSync(db, request())
    const before = await new SnapshotRepository(db).active()
    await mutate(sandbox, 120)
    const controller = new AbortController()
    let pages = 0
    const cancelled = runBrowserSync(db, request(), {
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === 'progress' && e.phase === 'delta' && ++pages === 2) controller.abort()
      },
    })
    await expect(cancelled).rejects.toBeInstanceOf(SyncCancelledError)
    expect(await new SnapshotRepository(db).active()).toEqual(before)
    const staged = await db.state.where('key').startsWith('sync:unit:').count()
    expect(staged).toBeGreaterThanOrEqual(2)

    const resumed = await runBrowserSync(db, request())
    expect(resumed.mode).toBe('delta')
    expect(resumed.resumedUnits).toBeGreaterThanOrEqual(2)
    expect(await db.state.where('key').startsWith('sync:').count()).toBe(0)
    db.close()
  })
})
