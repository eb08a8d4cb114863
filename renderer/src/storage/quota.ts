/**
 * IndexedDB storage failures as the sync reports them: a full quota becomes the engine's
 * `QuotaExceededError` with the space needed and available (StorageManager.estimate).
 */
import { describeError, QuotaExceededError } from '../../../core/sync/errors'

/** Whether an IndexedDB / Dexie error is a quota failure (DOMException QuotaExceededError). */
export function isQuotaError(error: unknown): boolean {
  const e = error as { name?: unknown; inner?: { name?: unknown } } | null
  return e?.name === 'QuotaExceededError' || e?.inner?.name === 'QuotaExceededError'
}

/** Free bytes under this origin's quota, when the browser tells. */
export async function availableBytes(): Promise<number | undefined> {
  // Through globalThis: this module also runs under Node in tests (no DOM types there).
  const storage = (
    globalThis as {
      navigator?: { storage?: { estimate?: () => Promise<{ quota?: number; usage?: number }> } }
    }
  ).navigator?.storage
  if (!storage?.estimate) return undefined
  try {
    const { quota, usage } = await storage.estimate()
    return quota === undefined || usage === undefined ? undefined : Math.max(0, quota - usage)
  } catch {
    return undefined
  }
}

/** The engine error for a quota failure while `bytesNeeded` more were to be written. */
export async function quotaExceeded(bytesNeeded: number): Promise<QuotaExceededError> {
  return new QuotaExceededError(bytesNeeded, await availableBytes())
}

/**
 * Bytes a snapshot takes in IndexedDB, roughly: records are stored as structured clones, about
 * 1 KB each on average (measured on the synthetic national data: 586 MB of JSON for 626,000
 * records).
 */
export function estimateStoredBytes(counts: Readonly<Record<string, number>>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0) * 1000
}

/** A storage failure for the other side of a port: code and French message. */
export async function storageFailure(
  error: unknown,
  bytesNeeded = 0,
): Promise<{ code: string; message: string }> {
  if (isQuotaError(error)) return describeError(await quotaExceeded(bytesNeeded))
  if (error instanceof Error && error.name === 'SnapshotVerificationError') {
    return { code: 'snapshot-verification', message: error.message }
  }
  return describeError(error)
}
