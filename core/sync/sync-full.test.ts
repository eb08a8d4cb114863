/** Full syncs against the local ROR sandbox over real HTTP (tools/ror-sandbox). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CS } from '../ror/urls'
import type { OfferRecord } from '../snapshot/records'
import {
  diffRecords,
  recordsOf,
  sandboxCounts,
  sandboxSync,
  startTestSandbox,
} from '../../tests/support/sync-harness'
import type { Sandbox } from '../../tools/ror-sandbox/server'
import { runSync } from './engine'
import type { SyncError } from './errors'
import { AuthenticationError } from './errors'
import type { SyncEvent } from './events'
import { MemorySnapshotStore } from './memory-store'

let sandbox: Sandbox

beforeAll(async () => {
  sandbox = await startTestSandbox({ exportFileSize: 100 })
})
afterAll(() => sandbox.close())

describe('full sync ($export)', () => {
  it.each([0, 3] as const)(
    'holds exactly what the sandbox counts for profile %i',
    async (profile) => {
      const store = new MemorySnapshotStore()
      const events: SyncEvent[] = []
      const result = await runSync(
        sandboxSync(sandbox, profile, store, { onEvent: (e) => events.push(e) }),
      )
      expect(result.mode).toBe('full')
      expect(result.fullReason).toBe('no-snapshot')
      const { counts } = result.manifest
      expect({ ...counts, placement: undefined }).toEqual({
        ...(await sandboxCounts(sandbox, profile)),
        placement: undefined,
      })
      expect(counts.placement).toBe(counts.offer)
      expect(result.units).toBeGreaterThan(1) // several export files
      expect(result.manifest.accessProfile).toBe(profile)
      expect(result.manifest.source).toEqual({ kind: 'sync', server: sandbox.fhirBase })
      const progress = events.filter((e) => e.type === 'progress' && e.phase === 'download')
      expect(progress.at(-1)).toMatchObject({ done: result.units, total: result.units })
    },
  )

  it('is idempotent: the next sync is an empty delta with the same records', async () => {
    const store = new MemorySnapshotStore()
    await runSync(sandboxSync(sandbox, 0, store))
    const before = recordsOf(store.bytes)
    const again = await runSync(sandboxSync(sandbox, 0, store))
    expect(again.mode).toBe('delta')
    expect(again.changes).toMatchObject({ added: 0, updated: 0, removed: 0 })
    expect(diffRecords(before, recordsOf(store.bytes))).toEqual({
      onlyInA: [],
      onlyInB: [],
      different: [],
    })
  })

  it('limits a regional sync to the offers of that region (_typeFilter)', async () => {
    const all = new MemorySnapshotStore()
    await runSync(sandboxSync(sandbox, 0, all))
    const offers = [...recordsOf(all.bytes).values()].filter(
      (r): r is OfferRecord => 'type' in r && r.type === 'offer',
    )
    const region = offers[0]!.region!
    const store = new MemorySnapshotStore()
    const result = await runSync(sandboxSync(sandbox, 0, store, { region }))
    const regional = [...recordsOf(store.bytes).values()].filter(
      (r): r is OfferRecord => 'type' in r && r.type === 'offer',
    )
    expect(regional.length).toBe(offers.filter((o) => o.region === region).length)
    expect(regional.length).toBeLessThan(offers.length)
    expect(result.manifest.source.region).toBe(region)
    expect(CS.region).toContain('TRE_R30')
  })

  it('waits for the export job, honouring Retry-After', async () => {
    const slow = await startTestSandbox({ scale: { eg: 20 }, exportDelayMs: 1200 })
    try {
      const events: SyncEvent[] = []
      const started = Date.now()
      await runSync(
        sandboxSync(slow, 0, new MemorySnapshotStore(), { onEvent: (e) => events.push(e) }),
      )
      expect(Date.now() - started).toBeGreaterThanOrEqual(1000)
      const waits = events.filter((e) => e.type === 'phase' && e.phase === 'export-wait')
      expect(waits.length).toBeGreaterThanOrEqual(2)
    } finally {
      await slow.close()
    }
  })

  it('becomes a full sync when the last full one is more than 7 days old (ROR rule)', async () => {
    const store = new MemorySnapshotStore()
    await runSync(sandboxSync(sandbox, 0, store))
    const eightDays = 8 * 24 * 3600 * 1000
    const later = await runSync(
      sandboxSync(sandbox, 0, store, { now: () => Date.now() + eightDays }),
    )
    expect(later.mode).toBe('full')
    expect(later.fullReason).toBe('weekly-rule')
  })

  it('refuses a wrong secret with a clear error and keeps the previous snapshot', async () => {
    const store = new MemorySnapshotStore()
    await runSync(sandboxSync(sandbox, 0, store))
    const before = store.bytes
    const options = sandboxSync(sandbox, 0, store)
    options.server = { ...options.server, clientSecret: 'wrong' }
    const error = await runSync(options).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AuthenticationError)
    expect((error as SyncError).code).toBe('auth-failed')
    expect((error as Error).message).toMatch(/Identifiants refusés.*invalid_client.*conservé/)
    expect(store.bytes).toBe(before)
  })
})
