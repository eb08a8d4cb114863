/**
 * The desktop sync service under Node: settings + credentials in, the core engine against the
 * sandbox over HTTP, events out, and the new snapshot handed to the storage worker (Dexie on a
 * fake IndexedDB) over a real MessageChannel.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MessageChannel } from 'node:worker_threads'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { nodePortTransfer } from '../tests/support/ports'
import { DEFAULT_SETTINGS, type MainEvent, type Settings } from '../core/ipc/contract'
import { SnapshotReader } from '../core/snapshot/codec'
import { RorDatabase } from '../renderer/src/storage/db'
import { serveSnapshotTransfers } from '../renderer/src/storage/snapshot-receiver'
import { SnapshotRepository } from '../renderer/src/storage/snapshots'
import { mutate, startTestSandbox } from '../tests/support/sync-harness'
import type { Sandbox } from '../tools/ror-sandbox/server'
import type { StoredSecrets } from './credentials-store'
import { SyncWorkerPool } from './sync-workers'
import { createSyncService, credentialsFor, type SyncServiceDeps } from './sync-service'

let sandbox: Sandbox
let dir: string
beforeAll(async () => {
  sandbox = await startTestSandbox({ exportFileSize: 100 })
  dir = mkdtempSync(join(tmpdir(), 'ror-sync-service-'))
})
afterAll(async () => {
  await sandbox.close()
  rmSync(dir, { recursive: true, force: true })
})

function settings(): Settings {
  return {
    ...DEFAULT_SETTINGS,
    server: {
      kind: 'local-sandbox',
      fhirBaseUrl: sandbox.fhirBase,
      tokenUrl: sandbox.tokenUrl,
      clientId: 'profil-0',
    },
  }
}

function service(
  name: string,
  secrets: StoredSecrets = { clientSecret: 'sandbox' },
  extra: Partial<SyncServiceDeps> = {},
) {
  const events: MainEvent[] = []
  const db = new RorDatabase(name, { indexedDB: new IDBFactory(), IDBKeyRange })
  const channel = new MessageChannel()
  serveSnapshotTransfers(
    nodePortTransfer(channel.port2),
    new SnapshotRepository(db),
    () => undefined,
  )
  const port = nodePortTransfer(channel.port1) as ReturnType<SyncServiceDeps['storagePort']>
  const deps: SyncServiceDeps = {
    dataDir: join(dir, name),
    settings: { read: async () => ({ settings: settings() }) },
    credentials: { readSecrets: async () => secrets },
    emit: (e) => events.push(e),
    storagePort: () => port,
    ...extra,
  }
  const close = () => {
    channel.port1.close()
    db.close()
  }
  return { sync: createSyncService(deps), events, db, close, dataDir: deps.dataDir }
}

describe('desktop sync service', () => {
  it('syncs, reports progress, and installs the snapshot in the storage worker', async () => {
    const { sync, events, db, close, dataDir } = service('full')
    const started = await sync.start({ mode: 'auto' })
    expect(started.ok).toBe(true)
    expect(sync.status().state).toBe('running')
    expect((await sync.start({ mode: 'auto' })).ok).toBe(false) // one at a time
    await sync.idle()
    const last = sync.status()
    expect(last).toMatchObject({
      state: 'idle',
      last: { ok: true, kind: 'full', fullReason: 'no-snapshot' },
    })
    const progress = events.filter((e) => e.type === 'sync:progress')
    expect(progress.length).toBeGreaterThan(3)
    expect(
      progress.some((e) => e.type === 'sync:progress' && e.progress.phase === 'download'),
    ).toBe(true)
    expect(events.at(-1)?.type).toBe('sync:finished')
    const mainFile = new SnapshotReader(readFileSync(join(dataDir, 'current.snap'))).manifest
    expect((await new SnapshotRepository(db).active())?.manifest).toEqual(mainFile)

    await mutate(sandbox, 20)
    await sync.start({ mode: 'auto' })
    await sync.idle()
    expect(sync.status().last).toMatchObject({ ok: true, kind: 'delta' })
    const updated = new SnapshotReader(readFileSync(join(dataDir, 'current.snap'))).manifest
    expect((await new SnapshotRepository(db).active())?.manifest).toEqual(updated)
    close()
  })

  it('maps in worker threads when given a pool, and closes it after the sync', async () => {
    const pools: SyncWorkerPool[] = []
    const { sync, close, dataDir } = service('workers', undefined, {
      unitProcessor: () => {
        const pool = new SyncWorkerPool({ size: 2 })
        const map = pool.map.bind(pool)
        pool.map = (input) => {
          mapped += 1
          return map(input)
        }
        pools.push(pool)
        return pool
      },
    })
    let mapped = 0
    await sync.start({ mode: 'full' })
    await sync.idle()
    expect(sync.status().last).toMatchObject({ ok: true, kind: 'full' })
    expect(pools).toHaveLength(1)
    expect(mapped).toBeGreaterThan(0)
    const manifest = new SnapshotReader(readFileSync(join(dataDir, 'current.snap'))).manifest
    expect(manifest.counts.offer).toBeGreaterThan(0)
    close()
  })

  it('says what is missing before starting', async () => {
    const { sync, close } = service('nosecret', {})
    const started = await sync.start({ mode: 'auto' })
    expect(started).toMatchObject({ ok: false, error: { code: 'missing-secret' } })
    close()
  })

  it('cancels, keeping the previous snapshot', async () => {
    sandbox.setFaults({ latencyMs: 100 })
    const { sync, db, close } = service('cancel')
    try {
      await sync.start({ mode: 'full' })
      setTimeout(() => sync.cancel(), 150)
      await sync.idle()
      expect(sync.status().last).toMatchObject({
        ok: false,
        error: { code: 'cancelled' },
        previousSnapshotKept: true,
      })
      expect(await new SnapshotRepository(db).active()).toBeNull()
    } finally {
      sandbox.setFaults({})
      close()
    }
  })
})

describe('credentialsFor (ROR-FHIR-NOTES §5.1)', () => {
  const with1 = {
    ...DEFAULT_SETTINGS,
    accessProfile: 1 as const,
    server: { ...DEFAULT_SETTINGS.server, clientId: 'c' },
  }
  it('asks for a certificate for profiles 1–5 and uses it without the secret', () => {
    expect(credentialsFor(with1, { clientSecret: 's' })).toMatchObject({
      ok: false,
      error: { code: 'missing-certificate' },
    })
    const cert = { format: 'pkcs12' as const, data: new Uint8Array([1]), passphrase: 'p' }
    expect(credentialsFor(with1, { clientSecret: 's', certificate: cert })).toEqual({
      ok: true,
      certificate: { format: 'pkcs12', data: cert.data, passphrase: 'p' },
    })
  })

  it('needs a client id first', () => {
    expect(credentialsFor(DEFAULT_SETTINGS, { clientSecret: 's' })).toMatchObject({
      ok: false,
      error: { code: 'not-configured' },
    })
  })
})
