/**
 * Retry timing: exponential backoff with jitter for throttling (429), server errors (5xx),
 * connection resets and timeouts, honouring `Retry-After` when the server sends one
 * (RFC 9110 §10.2.3: delay-seconds or an HTTP-date).
 */
import { SyncCancelledError } from './errors'

export interface RetryPolicy {
  /** Attempts per request, the first included. */
  maxAttempts: number
  /** First backoff delay (ms); doubled at each attempt. */
  baseDelayMs: number
  /** Cap of one backoff delay (ms). */
  maxDelayMs: number
  /** A `Retry-After` above this (ms) is not waited for: the sync fails with a clear error. */
  maxRetryAfterMs: number
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 7,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 5 * 60_000,
}

/**
 * Delay before attempt `attempt + 1` (attempt counts from 1). "Equal jitter": half the
 * exponential delay plus a random half, so clients that failed together do not retry together
 * but still back off. A server's `Retry-After` wins when it is longer.
 */
export function backoffDelay(
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
  retryAfterMs?: number,
): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1))
  const jittered = exp / 2 + (random() * exp) / 2
  return Math.round(Math.max(jittered, retryAfterMs ?? 0))
}

/** `Retry-After` in milliseconds from now, or undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  const date = Date.parse(trimmed)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, date - nowMs)
}

/** Waits `ms`, or rejects with {@link SyncCancelledError} as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new SyncCancelledError())
      return
    }
    const onAbort = () => {
      clearTimeout(timer)
      reject(new SyncCancelledError())
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

/** Throws {@link SyncCancelledError} when the signal has aborted. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new SyncCancelledError()
}
