import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BundleSyntaxError } from '../core/sync/bundle-parser'
import { UnitLostError } from '../core/sync/unit-processor'
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
    const dying = new SyncWorkerPool({ size: 1, workerUrl: pathToFileURL(script) })
    const body = () => new TextEncoder().encode('{"resourceType":"Bundle","type":"searchset"}')
    const input = { bytes: [body()], profile: 1 as const, source: 'x', collectSeen: false }
    // The worker takes the buffer over (transferred): each map gets its own.
    await expect(dying.map(input)).rejects.toBeInstanceOf(UnitLostError)
    const again = await dying.map({ ...input, bytes: [body()] })
    expect(again.fields.get('resourceType')).toBe('Bundle')
    await dying.close()
  })
})
