/**
 * Property: whatever the sequence of changes on the server and of syncs, repeated delta syncs
 * converge to what a fresh full sync gives (deletions aside, which only a full sync sees — and
 * a full sync then gives exactly the fresh result), and a sync with nothing new changes nothing.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { AccessProfile } from '../snapshot/records'
import {
  deletionShadow,
  diffRecords,
  expectConverged,
  mutate,
  recordsOf,
  sandboxSync,
  startTestSandbox,
} from '../../tests/support/sync-harness'
import type { Sandbox } from '../../tools/ror-sandbox/server'
import { runSync } from './engine'
import { MemorySnapshotStore } from './memory-store'

type Step = { kind: 'mutate'; changes: number } | { kind: 'sync' }

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('mutate' as const), changes: fc.integer({ min: 1, max: 60 }) }),
  fc.constant({ kind: 'sync' as const }),
)

async function freshFull(sandbox: Sandbox, profile: AccessProfile) {
  const store = new MemorySnapshotStore()
  await runSync(sandboxSync(sandbox, profile, store, { mode: 'full' }))
  return recordsOf(store.bytes)
}

async function checkScenario(steps: Step[], profile: AccessProfile): Promise<void> {
  const sandbox = await startTestSandbox({ scale: { eg: 30 } })
  try {
    const store = new MemorySnapshotStore()
    await runSync(sandboxSync(sandbox, profile, store))
    const shadow = new Set<string>()
    const deleted: string[] = []
    for (const s of steps) {
      if (s.kind === 'sync') {
        expect((await runSync(sandboxSync(sandbox, profile, store))).mode).toBe('delta')
        continue
      }
      const m = await mutate(sandbox, s.changes)
      deleted.push(...m.deletedKeys)
      for (const key of deletionShadow(recordsOf(store.bytes), m.deletedKeys)) shadow.add(key)
    }
    // Converges: a last delta gives the fresh full result, deletions aside.
    await runSync(sandboxSync(sandbox, profile, store))
    const synced = recordsOf(store.bytes)
    const full = await freshFull(sandbox, profile)
    expect(expectConverged(synced, full, deleted, shadow)).toEqual([])
    // Idempotent: nothing changed on the server, nothing changes here.
    const again = await runSync(sandboxSync(sandbox, profile, store))
    expect(again.changes).toMatchObject({ added: 0, updated: 0, removed: 0 })
    expect(diffRecords(recordsOf(store.bytes), synced).different).toEqual([])
    // A full sync drops what deletions left behind: exactly the fresh full result.
    await runSync(sandboxSync(sandbox, profile, store, { mode: 'full' }))
    expect(diffRecords(recordsOf(store.bytes), full)).toEqual({
      onlyInA: [],
      onlyInB: [],
      different: [],
    })
  } finally {
    await sandbox.close()
  }
}

describe('repeated syncs (property)', () => {
  it('converge to a fresh full sync and are idempotent', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 4 }),
        fc.constantFrom<AccessProfile>(0, 2, 3),
        checkScenario,
      ),
      { numRuns: 6, seed: 20261126 },
    )
  })
})
