/**
 * Compressed answers (an API gateway in front of the ROR usually compresses): the Node
 * transport asks for gzip / deflate / br and decodes what comes back — a full sync and a delta
 * through a compressing proxy give the records a plain sync gives, and a compressed body cut
 * mid-way is fetched again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runSync, type SyncOptions } from '../core/sync/engine'
import { MemorySnapshotStore } from '../core/sync/memory-store'
import { startGzipProxy, type GzipProxy } from '../tests/support/gzip-proxy'
import {
  diffRecords,
  mutate,
  recordsOf,
  sandboxSync,
  startTestSandbox,
} from '../tests/support/sync-harness'
import type { Sandbox } from '../tools/ror-sandbox/server'
import { NodeHttpTransport } from './ror-transport'

let sandbox: Sandbox
let proxy: GzipProxy
const transports: NodeHttpTransport[] = []

beforeAll(async () => {
  sandbox = await startTestSandbox({ exportFileSize: 100 })
  proxy = await startGzipProxy(sandbox.url)
})
afterAll(async () => {
  for (const t of transports) t.close()
  await proxy.close()
  await sandbox.close()
})

/** Sync options through the proxy, with the Node transport. */
function throughProxy(store: MemorySnapshotStore, extra: Partial<SyncOptions> = {}): SyncOptions {
  const transport = new NodeHttpTransport({ idleTimeoutMs: 5000 })
  transports.push(transport)
  const options = sandboxSync(sandbox, 0, store, { transport, ...extra })
  return {
    ...options,
    server: {
      ...options.server,
      fhirBase: `${proxy.url}/fhir`,
      tokenUrl: `${proxy.url}/auth/token`,
    },
  }
}

const same = { onlyInA: [], onlyInB: [], different: [] }

describe('compressed answers (Node transport)', () => {
  it('syncs in full then by delta through a compressing proxy, as without it', async () => {
    const store = new MemorySnapshotStore()
    const full = await runSync(throughProxy(store))
    expect(full.mode).toBe('full')
    expect(proxy.codings.get('gzip')).toBeGreaterThan(3) // token, kick-off, status, files…
    expect(proxy.codings.get('identity')).toBeUndefined()
    const plain = new MemorySnapshotStore()
    await runSync(sandboxSync(sandbox, 0, plain))
    expect(diffRecords(recordsOf(store.bytes), recordsOf(plain.bytes))).toEqual(same)

    await mutate(sandbox, 60)
    const delta = await runSync(throughProxy(store, { pageSize: 20 }))
    expect(delta.mode).toBe('delta')
    expect(delta.changes?.updated ?? 0).toBeGreaterThan(0)
    await runSync(sandboxSync(sandbox, 0, plain, { pageSize: 20 }))
    expect(diffRecords(recordsOf(store.bytes), recordsOf(plain.bytes))).toEqual(same)
  })

  it.each(['end', 'reset'] as const)(
    'fetches again a compressed body cut mid-way (%s)',
    async (how) => {
      const store = new MemorySnapshotStore()
      const before = proxy.cutBodies
      proxy.cut(2, 2000, how)
      const result = await runSync(throughProxy(store, { mode: 'full' }))
      expect(proxy.cutBodies - before).toBe(2)
      expect(result.retries).toBeGreaterThanOrEqual(2)
      const plain = new MemorySnapshotStore()
      await runSync(sandboxSync(sandbox, 0, plain, { mode: 'full' }))
      expect(diffRecords(recordsOf(store.bytes), recordsOf(plain.bytes))).toEqual(same)
    },
  )
})
