/**
 * Delta syncs against the local ROR sandbox: a delta after changes gives the records a fresh
 * full sync gives (deletions aside: the ROR does not signal them), the 10,000-result cap is
 * split around, and an interrupted delta resumes to the same result.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { AccessProfile } from '../snapshot/records'
import {
  deletionShadow,
  diffRecords,
  expectConverged,
  mutate,
  recordKeys,
  recordsOf,
  sandboxSync,
  startTestSandbox,
} from '../../tests/support/sync-harness'
import type { Sandbox, SandboxOptions } from '../../tools/ror-sandbox/server'
import { runSync } from './engine'
import { SyncCancelledError } from './errors'
import { FetchTransport } from './fetch-transport'
import type { HttpTransport } from './transport'
import { IN_THREAD_PROCESSOR, type UnitProcessor } from './unit-processor'
import type { SyncEvent } from './events'
import { MemorySnapshotStore } from './memory-store'
import { baseIdentity } from './snapshot-store'
import { MemoryStateStore } from './state-store'

let sandbox: Sandbox | undefined
afterEach(async () => {
  await sandbox?.close()
  sandbox = undefined
})

async function open(options: SandboxOptions = {}): Promise<Sandbox> {
  sandbox = await startTestSandbox(options)
  return sandbox
}

/** Full-syncs a fresh store: what the delta must match. */
async function fullReference(s: Sandbox, profile: AccessProfile) {
  const store = new MemorySnapshotStore()
  await runSync(sandboxSync(s, profile, store, { mode: 'full' }))
  return recordsOf(store.bytes)
}

/**
 * The delta equals a fresh full sync record for record, except what deletions leave behind;
 * every changed resource is there, as the full sync has it.
 */
function expectDeltaMatchesFull(
  before: ReturnType<typeof recordsOf>,
  delta: ReturnType<typeof recordsOf>,
  full: ReturnType<typeof recordsOf>,
  changes: { changedKeys: string[]; deletedKeys: string[] },
) {
  const shadow = deletionShadow(before, changes.deletedKeys)
  expect(expectConverged(delta, full, changes.deletedKeys, shadow)).toEqual([])
  const changed = changes.changedKeys.flatMap(recordKeys).filter((k) => full.has(k))
  expect(changed.length).toBeGreaterThan(0)
  for (const key of changed) expect(delta.get(key), key).toEqual(full.get(key))
}

describe('delta sync (_lastUpdated)', () => {
  it.each([0, 3] as const)(
    'after changes, equals a fresh full sync for profile %i',
    async (profile) => {
      const s = await open()
      const store = new MemorySnapshotStore()
      await runSync(sandboxSync(s, profile, store))
      const before = recordsOf(store.bytes)
      const changes = await mutate(s, 60)
      const result = await runSync(sandboxSync(s, profile, store))
      expect(result.mode).toBe('delta')
      expect(result.changes!.added + result.changes!.updated).toBeGreaterThan(0)
      expectDeltaMatchesFull(
        before,
        recordsOf(store.bytes),
        await fullReference(s, profile),
        changes,
      )
    },
  )

  it('names the snapshot a delta that changed no record repeats, and only that one', async () => {
    const s = await open()
    const store = new MemorySnapshotStore()
    const full = await runSync(sandboxSync(s, 0, store))
    expect(full.sameRecordsAs).toBeUndefined()
    const quiet = await runSync(sandboxSync(s, 0, store))
    expect(quiet.mode).toBe('delta')
    expect(quiet.sameRecordsAs).toBe(baseIdentity(full.manifest))
    expect(quiet.manifest.counts).toEqual(full.manifest.counts)
    await mutate(s, 10)
    const changed = await runSync(sandboxSync(s, 0, store))
    expect(changed.mode).toBe('delta')
    expect(changed.sameRecordsAs).toBeUndefined()
  })

  it('splits a query over the result cap by region, then by time window', async () => {
    const s = await open({ resultCap: 12 })
    const store = new MemorySnapshotStore()
    await runSync(sandboxSync(s, 0, store))
    const before = recordsOf(store.bytes)
    // Changes at four instants in the last minute, so that halving the window separates them.
    const now = Date.now()
    const all = { changedKeys: [] as string[], deletedKeys: [] as string[] }
    for (const ago of [50, 40, 30, 20]) {
      const m = await mutate(s, 30, new Date(now - ago * 1000))
      all.changedKeys.push(...m.changedKeys)
      all.deletedKeys.push(...m.deletedKeys)
    }
    const events: SyncEvent[] = []
    const result = await runSync(
      sandboxSync(s, 0, store, { resultCap: 12, onEvent: (e) => events.push(e) }),
    )
    expect(result.mode).toBe('delta')
    const splits = events.filter((e) => e.type === 'split')
    expect(splits.some((e) => e.into.length === 18)).toBe(true) // by region
    expect(splits.some((e) => e.into.length === 2)).toBe(true) // by time window
    expectDeltaMatchesFull(before, recordsOf(store.bytes), await fullReference(s, 0), all)
  })

  it('falls back to a full sync when a single instant holds more than the cap', async () => {
    const s = await open({ resultCap: 2 })
    const store = new MemorySnapshotStore()
    await runSync(sandboxSync(s, 0, store))
    await mutate(s, 200)
    const result = await runSync(sandboxSync(s, 0, store, { resultCap: 2 }))
    expect(result.mode).toBe('full')
    expect(result.fullReason).toBe('delta-too-large')
    expect(diffRecords(recordsOf(store.bytes), await fullReference(s, 0)).onlyInA).toEqual([])
  })

  it('asks for the next pages, and the next part, while the current page is being mapped', async () => {
    const s = await open()
    const store = new MemorySnapshotStore()
    await runSync(sandboxSync(s, 0, store))
    await mutate(s, 150)
    // Records page requests and HealthcareService pages mapped; mapping one of those pages
    // waits (up to 1 s) for the next request.
    const events: string[] = []
    let requested: (() => void) | undefined
    const transport = new FetchTransport({ idleTimeoutMs: 5000 })
    const logging: HttpTransport = {
      request: (req) => {
        const kind = /\/(\w+)\?/.exec(req.url)?.[1]
        if (kind !== undefined) {
          events.push(`request ${kind}`)
          requested?.()
        }
        return transport.request(req)
      },
    }
    const slow: UnitProcessor = {
      concurrency: 1,
      map: async (input) => {
        if (!input.source.startsWith('HealthcareService')) return IN_THREAD_PROCESSOR.map(input)
        await new Promise<void>((resolve) => {
          requested = resolve
          setTimeout(resolve, 1000)
        })
        requested = undefined
        events.push('mapped')
        return IN_THREAD_PROCESSOR.map(input)
      },
    }
    const result = await runSync(
      sandboxSync(s, 0, store, { transport: logging, unitProcessor: slow, pageSize: 20 }),
    )
    expect(result.mode).toBe('delta')
    // Pages 2 and 3 are asked for before page 1 is mapped, and so on.
    const first = 'request HealthcareService'
    expect(events.slice(0, 4)).toEqual([first, first, first, 'mapped'])
    // The Location part starts before the last HealthcareService page is mapped.
    expect(events.indexOf('request Location')).toBeGreaterThan(0)
    expect(events.indexOf('request Location')).toBeLessThan(events.lastIndexOf('mapped'))
  })

  it('resumes an interrupted delta from its staged pages, to the same result', async () => {
    const s = await open()
    const store = new MemorySnapshotStore()
    await runSync(sandboxSync(s, 0, store))
    await mutate(s, 150)
    const previous = store.bytes
    const state = new MemoryStateStore()
    const controller = new AbortController()
    let pages = 0
    const interrupted = runSync(
      sandboxSync(s, 0, store, {
        state,
        pageSize: 10,
        signal: controller.signal,
        onEvent: (e) => {
          if (e.type === 'progress' && e.phase === 'delta' && ++pages === 4) controller.abort()
        },
      }),
    )
    await expect(interrupted).rejects.toBeInstanceOf(SyncCancelledError)
    expect(store.bytes).toBe(previous) // the previous snapshot is untouched
    expect((await state.units()).length).toBeGreaterThanOrEqual(4)

    const resumed = await runSync(sandboxSync(s, 0, store, { state, pageSize: 10 }))
    expect(resumed.mode).toBe('delta')
    expect(resumed.resumedUnits).toBeGreaterThanOrEqual(4)
    const straight = new MemorySnapshotStore(previous)
    await runSync(sandboxSync(s, 0, straight, { pageSize: 10 }))
    expect(diffRecords(recordsOf(store.bytes), recordsOf(straight.bytes))).toEqual({
      onlyInA: [],
      onlyInB: [],
      different: [],
    })
    expect(await state.units()).toEqual([]) // cleared once applied
  })
})
