import { describe, expect, it } from 'vitest'
import { SyncCancelledError } from './errors'
import { backoffDelay, DEFAULT_RETRY_POLICY, parseRetryAfter, sleep } from './retry'

describe('backoffDelay', () => {
  const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 }

  it('doubles per attempt, with jitter within [half, full] of the exponential delay', () => {
    expect(backoffDelay(1, policy, () => 0)).toBe(50)
    expect(backoffDelay(1, policy, () => 1)).toBe(100)
    expect(backoffDelay(3, policy, () => 0.5)).toBe(300) // 400 / 2 + 0.5 * 400 / 2
  })

  it('is capped, and a longer Retry-After wins', () => {
    expect(backoffDelay(20, policy, () => 1)).toBe(1000)
    expect(backoffDelay(1, policy, () => 1, 5000)).toBe(5000)
    expect(backoffDelay(5, policy, () => 1, 10)).toBe(1000)
  })
})

describe('parseRetryAfter', () => {
  it('reads delay-seconds and HTTP dates (RFC 9110 §10.2.3)', () => {
    const now = Date.parse('2026-11-26T08:00:00Z')
    expect(parseRetryAfter('3', now)).toBe(3000)
    expect(parseRetryAfter('Thu, 26 Nov 2026 08:00:10 GMT', now)).toBe(10_000)
    expect(parseRetryAfter('Thu, 26 Nov 2026 07:00:00 GMT', now)).toBe(0)
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseRetryAfter(undefined, now)).toBeUndefined()
  })
})

describe('sleep', () => {
  it('stops at once when cancelled', async () => {
    const controller = new AbortController()
    const started = Date.now()
    const waiting = sleep(10_000, controller.signal)
    controller.abort()
    await expect(waiting).rejects.toBeInstanceOf(SyncCancelledError)
    expect(Date.now() - started).toBeLessThan(1000)
  })
})
