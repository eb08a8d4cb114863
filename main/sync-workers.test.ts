import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BundleSyntaxError } from '../core/sync/bundle-parser'
import { UnitLostError, mapUnitBytes } from '../core/sync/unit-processor'
import { runSync } from '../core/sync/engine'
import { MemorySnapshotStore } from '../core/sync/memory-store'
import { recordsOf, sandboxSync, startTestSandbox } from '../tests/support/sync-harness'
import type { Sandbox } from '../tools/ror-sandbox/server'
import { FileSnapshotStore } from './sync-files'
import { SyncWorkerPool } from './sync-workers'

let sandbox: Sandbox
let pool: SyncWorkerPool
let dir: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sync-workers-'))
  // Export files from the sandbox's cache come with a Content-Length (received in one buffer).
  sandbox = await startTestSandbox({
    scale: { eg: 80 },
    exportFileSize: 60,
    exportCacheDir: join(dir, 'exports'),
  })
  pool = new SyncWorkerPool({ size: 2 })
})
afterAll(async () => {
  await pool.close()
  await sandbox.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('SyncWorkerPool', () => {
  it.each([1, 3] as const)(
    'gives, with a file store, the same snapshot as mapping in-thread (profile %i)',
    async (profile) => {
      const memory = new MemorySnapshotStore()
      await runSync(sandboxSync(sandbox, profile, memory, { mode: 'full' }))
      const path = join(dir, `p${profile}.snap`)
      const result = await runSync(
        sandboxSync(sandbox, profile, new FileSnapshotStore(path), {
          mode: 'full',
          unitProcessor: pool,
        }),
      )
      expect(result.units).toBeGreaterThan(2)
      const expected = recordsOf(memory.bytes)
      expect(expected.size).toBeGreaterThan(500)
      expect(recordsOf(new Uint8Array(readFileSync(path)))).toEqual(expected)
    },
  )

  it('maps units received into shared buffers like the others, and lends them again', async () => {
    let leases = 0
    const shared = new (class extends SyncWorkerPool {
      override lease(length: number) {
        const bytes = super.lease(length)
        if (bytes) leases++
        return bytes
      }
    })({ size: 2, sharedFrom: 0 })
    try {
      const memory = new MemorySnapshotStore()
      await runSync(sandboxSync(sandbox, 2, memory, { mode: 'full' }))
      const viaPool = new MemorySnapshotStore()
      const result = await runSync(
        sandboxSync(sandbox, 2, viaPool, { mode: 'full', unitProcessor: shared }),
      )
      expect(result.units).toBeGreaterThan(2)
      expect(leases).toBe(result.units)
      expect(recordsOf(viaPool.bytes)).toEqual(recordsOf(memory.bytes))
      // Every buffer came back: as many can be lent again (one per worker and one more).
      const lent = [0, 1, 2].map(() => shared.lease(1000))
      expect(lent.every((b) => b?.buffer instanceof SharedArrayBuffer)).toBe(true)
      expect(shared.lease(1000)).toBeUndefined()
      for (const b of lent) shared.recycle(b!)
    } finally {
      await shared.close()
    }
  })

  it('hands back the same batch as mapping in this thread, odd dates included', async () => {
    const resource = (id: string, lastUpdated: string) => ({
      resource: { resourceType: 'Organization', id, meta: { lastUpdated }, name: id },
    })
    // Month 13 passes the FHIR instant pattern but is no date: lastUpdated is NaN.
    const entry = [resource('a', '2024-13-01T00:00:00Z'), resource('b', '2025-01-01T00:00:00Z')]
    const bytes = () => new TextEncoder().encode(JSON.stringify({ resourceType: 'Bundle', entry }))
    const input = { profile: 1 as const, source: 'x', collectSeen: true }
    const here = await mapUnitBytes({ ...input, bytes: [bytes()] })
    const there = await pool.map({ ...input, bytes: [bytes()] })
    expect(Number.isNaN(there.batch.items[0]!.lastUpdated)).toBe(true)
    expect(there.batch.items).toEqual(here.batch.items)
    expect(there.seen).toEqual(['Organization/a', 'Organization/b'])
  })

  it('starts one worker, and another only when units wait', async () => {
    const lazy = new SyncWorkerPool({ size: 2 })
    try {
      expect(lazy.workers).toBe(1)
      const meta = { lastUpdated: '2025-01-01T00:00:00Z' }
      const entry = [{ resource: { resourceType: 'Organization', id: 'a', meta, name: 'a' } }]
      const bytes = () =>
        new TextEncoder().encode(JSON.stringify({ resourceType: 'Bundle', entry }))
      const input = { profile: 1 as const, source: 'x', collectSeen: false }
      await lazy.map({ ...input, bytes: [bytes()] })
      expect(lazy.workers).toBe(1)
      const units = [1, 2, 3].map(() => lazy.map({ ...input, bytes: [bytes()] }))
      expect(lazy.workers).toBe(2)
      expect((await Promise.all(units)).map((u) => u.batch.items.length)).toEqual([1, 1, 1])
    } finally {
      await lazy.close()
    }
  })

  it('reports a Bundle cut short as a syntax error (the engine fetches the unit again)', async () => {
    const bytes = new TextEncoder().encode('{"resourceType":"Bundle","type":"searchset","entry":[{')
    const input = { bytes: [bytes], profile: 1 as const, source: 'cut', collectSeen: false }
    await expect(pool.map(input)).rejects.toBeInstanceOf(BundleSyntaxError)
    // The pool is still usable afterwards.
    const whole = new TextEncoder().encode('{"resourceType":"Bundle","type":"searchset"}')
    const unit = await pool.map({ ...input, bytes: [whole] })
    expect(unit.fields.get('type')).toBe('searchset')
  })

  it('reports the unit of a dying worker as lost, then maps in this thread', async () => {
    const script = join(dir, 'dying-worker.mjs')
    writeFileSync(
      script,
      "import { parentPort } from 'node:worker_threads'\n" +
        "parentPort.postMessage('ready')\n" +
        "parentPort.on('message', () => process.exit(3))\n",
    )
    const dying = new SyncWorkerPool({ size: 1, workerUrl: pathToFileURL(script), sharedFrom: 0 })
    const body = () => new TextEncoder().encode('{"resourceType":"Bundle","type":"searchset"}')
    // Received into a shared buffer, given back once the unit is lost.
    const lent = dying.lease(body().length)!
    lent.set(body())
    const input = { bytes: [lent], profile: 1 as const, source: 'x', collectSeen: false }
    await expect(dying.map(input)).rejects.toBeInstanceOf(UnitLostError)
    expect([0, 1].map(() => dying.lease(10))).not.toContain(undefined)
    const again = await dying.map({ ...input, bytes: [body()] })
    expect(again.fields.get('resourceType')).toBe('Bundle')
    await dying.close()
  })
})
