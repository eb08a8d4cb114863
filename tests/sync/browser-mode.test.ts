/**
 * Browser mode: the engine with `fetch`, the Dexie slots and the resume state in IndexedDB
 * (fake IndexedDB under Node), against the local sandbox over real HTTP.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SnapshotReader, concatBytes, topLayer } from '../../core/snapshot/codec'
import { readFacts } from '../../core/snapshot/facts-layer'
import { Locator, recordKey } from '../../core/snapshot/locator'
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

async function activeRows(db: RorDatabase) {
  const active = await new SnapshotRepository(db).active()
  const rows = await db.chunks.where('slot').equals(active!.slot).toArray()
  return rows.sort((a, b) => a.seq - b.seq)
}

async function activeFacts(db: RorDatabase) {
  return db.facts.get((await new SnapshotRepository(db).active())!.slot)
}

/** The detail panel's lookup: every live record is in a chunk its locator names. */
async function expectLocated(db: RorDatabase): Promise<void> {
  const repo = new SnapshotRepository(db)
  const active = (await repo.active())!
  const locator = new Locator(await repo.locator(active.slot))
  const chunks = new Map(
    (
      await repo.readChunks(
        active.slot,
        (await activeRows(db)).map((row) => row.seq),
      )
    ).map((c) => [c.seq, c]),
  )
  const lost: string[] = []
  for (const { kind, records } of chunks.values()) {
    for (const record of records as StoredRecord[]) {
      const key = recordKey(kind, record)
      if (key === undefined) continue
      const found = locator
        .chunksOf(key)
        .some((seq) =>
          chunks.get(seq)?.records.some((r) => recordKey(kind, r as StoredRecord) === key),
        )
      if (!found) lost.push(key)
    }
  }
  expect(lost).toEqual([])
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

    // The full sync stored its sync facts: the next delta is an overlay.
    expect(await db.facts.count()).toBe(1)
    const fullRows = await db.chunks.count()

    const before = await activeRecords(db)
    const changes = await mutate(sandbox, 40)
    const delta = await runBrowserSync(db, request())
    expect(delta.mode).toBe('delta')
    const shadow = deletionShadow(before, changes.deletedKeys)
    expect(
      expectConverged(await activeRecords(db), await reference(), changes.deletedKeys, shadow),
    ).toEqual([])
    // Overlay: the rows of the full sync copied as they were (some with a dead list), the
    // delta's records in rows of layer 1, and a facts layer.
    const rows = await activeRows(db)
    expect(rows.slice(0, fullRows).every((row) => !row.layer)).toBe(true)
    expect(rows.slice(0, fullRows).some((row) => (row.dead?.length ?? 0) > 0)).toBe(true)
    expect(rows.slice(fullRows).every((row) => row.layer === 1)).toBe(true)
    expect(rows.length).toBeGreaterThan(fullRows)
    expect((await activeFacts(db))?.layers).toHaveLength(1)
    await expectLocated(db)

    // A second delta overlays the first; then, without facts (a slot written by an import),
    // the delta reads every record and merges.
    const changes2 = await mutate(sandbox, 40)
    const before2 = await activeRecords(db)
    expect((await runBrowserSync(db, request())).mode).toBe('delta')
    expect((await activeRows(db)).some((row) => row.layer === 2)).toBe(true)
    const shadow2 = deletionShadow(before2, [...changes.deletedKeys, ...changes2.deletedKeys])
    const deleted = [...changes.deletedKeys, ...changes2.deletedKeys]
    expect(
      expectConverged(
        await activeRecords(db),
        await reference(),
        deleted,
        new Set([...shadow, ...shadow2]),
      ),
    ).toEqual([])
    await expectLocated(db)
    // Exported as it is stored (the app's « Exporter l’instantané »): a snapshot file with the
    // same records, its layers and its sync facts — a delta on it can be an overlay too.
    const exported = await new SnapshotRepository(db).activeAsFile()
    const file = new SnapshotReader(concatBytes(exported!.parts))
    expect(recordsOf(concatBytes(exported!.parts))).toEqual(await activeRecords(db))
    expect(topLayer(file.header.chunks)).toBe(2)
    expect(await readFacts(file)).not.toBeNull()
    // Without sync facts (unreadable, or a slot stored by an earlier version) the delta merges:
    // the layers are read in id order and written as one compact snapshot, with facts again.
    await db.facts.clear()
    const changes3 = await mutate(sandbox, 20)
    const before3 = await activeRecords(db)
    expect((await runBrowserSync(db, request())).mode).toBe('delta')
    expect((await activeRows(db)).every((row) => !row.layer && !row.dead)).toBe(true)
    const all = [...deleted, ...changes3.deletedKeys]
    const shadow3 = new Set([...shadow, ...shadow2, ...deletionShadow(before3, all)])
    expect(expectConverged(await activeRecords(db), await reference(), all, shadow3)).toEqual([])
    expect((await activeFacts(db))?.layers).toEqual([])
    await expectLocated(db)
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
