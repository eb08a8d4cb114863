/**
 * Every fault the sandbox injects ends either in the right final state (the same records as a
 * sync without faults) or in a clear error with the previous snapshot untouched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  diffRecords,
  recordsOf,
  sandboxSync,
  startTestSandbox,
} from '../../tests/support/sync-harness'
import type { FaultSpec } from '../../tools/ror-sandbox/faults'
import type { Sandbox } from '../../tools/ror-sandbox/server'
import { runSync } from './engine'
import {
  ProtocolError,
  QuotaExceededError,
  ServerBusyError,
  ServerUnreachableError,
  type SyncError,
} from './errors'
import type { SyncEvent } from './events'
import { FetchTransport } from './fetch-transport'
import { MemorySnapshotStore } from './memory-store'

let sandbox: Sandbox
let reference: Uint8Array

beforeAll(async () => {
  sandbox = await startTestSandbox({ exportFileSize: 40 })
  const store = new MemorySnapshotStore()
  await runSync(sandboxSync(sandbox, 0, store))
  reference = store.bytes!
})
afterAll(() => sandbox.close())

async function firedFaults(): Promise<Record<string, number>> {
  const res = await fetch(`${sandbox.url}/$sandbox/faults`)
  return ((await res.json()) as { fired: Record<string, number> }).fired
}

const TRANSIENT: [string, FaultSpec, string | null][] = [
  ['429 with Retry-After', { rate429: { everyN: 3 }, retryAfter: 0 }, 'rate429'],
  ['503', { rate503: { everyN: 4 } }, 'rate503'],
  ['500', { rate500: { everyN: 3 } }, 'rate500'],
  [
    'connection reset mid-body',
    { resetMidBody: { everyN: 3 }, bodyFaultAfterBytes: 4000 },
    'resetMidBody',
  ],
  [
    'truncated JSON with a 200',
    { truncatedJson: { everyN: 3 }, bodyFaultAfterBytes: 4000 },
    'truncatedJson',
  ],
  ['token expiring mid-sync', { expireTokenAfterRequests: 3 }, null],
  ['latency', { latencyMs: 20 }, null],
]

describe('transient faults: the sync completes with the right records', () => {
  it.each(TRANSIENT)('%s', async (_name, spec, trigger) => {
    sandbox.setFaults(spec)
    try {
      const store = new MemorySnapshotStore(reference)
      const result = await runSync(sandboxSync(sandbox, 0, store, { mode: 'full' }))
      expect(diffRecords(recordsOf(store.bytes), recordsOf(reference))).toEqual({
        onlyInA: [],
        onlyInB: [],
        different: [],
      })
      if (trigger) {
        expect((await firedFaults())[trigger]).toBeGreaterThan(0)
        expect(result.retries).toBeGreaterThan(0)
      }
      if (spec.expireTokenAfterRequests) {
        expect(result.reauthentications).toBeGreaterThan(0)
        expect(result.tokensIssued).toBeGreaterThan(1)
      }
    } finally {
      sandbox.setFaults({})
    }
  })

  it('honours Retry-After', async () => {
    sandbox.setFaults({ rate503: { once: true }, retryAfter: 1 })
    try {
      const events: SyncEvent[] = []
      const started = Date.now()
      await runSync(
        sandboxSync(sandbox, 0, new MemorySnapshotStore(), { onEvent: (e) => events.push(e) }),
      )
      expect(Date.now() - started).toBeGreaterThanOrEqual(1000)
      expect(events.find((e) => e.type === 'retry')).toMatchObject({
        delayMs: 1000,
        reason: 'HTTP 503',
      })
    } finally {
      sandbox.setFaults({})
    }
  })
})

describe('persistent faults: a clear error, the previous snapshot kept', () => {
  const PERSISTENT: [string, FaultSpec, new (...a: never[]) => SyncError, RegExp][] = [
    ['500 on every call', { rate500: 1 }, ServerBusyError, /répond « 500 »/],
    ['429 asking to wait an hour', { rate429: 1, retryAfter: 3600 }, ServerBusyError, /429/],
    [
      'truncated bodies',
      { truncatedJson: 1, bodyFaultAfterBytes: 500 },
      ProtocolError,
      /réponse incomplète/,
    ],
    [
      'resets',
      { resetMidBody: 1, bodyFaultAfterBytes: 500 },
      ServerUnreachableError,
      /injoignable/,
    ],
  ]

  it.each(PERSISTENT)('%s', async (_name, spec, errorClass, message) => {
    sandbox.setFaults(spec)
    try {
      const store = new MemorySnapshotStore(reference)
      const error = await runSync(sandboxSync(sandbox, 0, store, { mode: 'full' })).catch(
        (e: unknown) => e,
      )
      expect(error).toBeInstanceOf(errorClass)
      expect((error as Error).message).toMatch(message)
      expect((error as Error).message).toMatch(/instantané précédent est conservé/)
      expect(store.bytes).toBe(reference)
    } finally {
      sandbox.setFaults({})
    }
  })

  it('a body that stalls times out', async () => {
    sandbox.setFaults({ slowDripBytesPerSec: 1, pathPrefix: '/fhir/$export-output' })
    try {
      const store = new MemorySnapshotStore(reference)
      const options = sandboxSync(sandbox, 0, store, {
        mode: 'full',
        transport: new FetchTransport({ idleTimeoutMs: 300 }),
        retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10, maxRetryAfterMs: 1000 },
      })
      const error = await runSync(options).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(ServerUnreachableError)
      expect((error as Error).message).toMatch(/no data for 300 ms/)
      expect(store.bytes).toBe(reference)
    } finally {
      sandbox.setFaults({})
    }
  })

  it('an unreachable server', async () => {
    const store = new MemorySnapshotStore(reference)
    const options = sandboxSync(sandbox, 0, store)
    options.server = { ...options.server, tokenUrl: 'http://127.0.0.1:9/auth/token' }
    const events: SyncEvent[] = []
    options.onEvent = (e) => events.push(e)
    const error = await runSync(options).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ServerUnreachableError)
    expect((error as SyncError).code).toBe('server-unreachable')
    expect(store.bytes).toBe(reference)
    // The token request's retries are said as they happen (the apps show them).
    const retries = events.filter((e) => e.type === 'retry')
    expect(retries.map((e) => e.type === 'retry' && [e.url, e.attempt])).toEqual(
      Array.from({ length: retries.length }, (_, i) => ['http://127.0.0.1:9/auth/token', i + 1]),
    )
    expect(retries.length).toBeGreaterThan(0)
  })

  it('a full disk: quota-exceeded event, the space needed, the previous snapshot kept', async () => {
    const store = new MemorySnapshotStore(reference)
    const full = {
      current: () => store.current(),
      begin: async () => {
        const writer = await store.begin()
        return { ...writer, commit: async () => Promise.reject(new QuotaExceededError(64e6, 1e6)) }
      },
    }
    const events: SyncEvent[] = []
    const error = await runSync(
      sandboxSync(sandbox, 0, store, { store: full, mode: 'full', onEvent: (e) => events.push(e) }),
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(QuotaExceededError)
    expect((error as Error).message).toMatch(/64 Mo nécessaires, 1 Mo disponibles/)
    expect(events).toContainEqual({
      type: 'quota-exceeded',
      bytesNeeded: 64e6,
      bytesAvailable: 1e6,
    })
    expect(store.bytes).toBe(reference)
  })
})
