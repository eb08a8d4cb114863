/**
 * Typed progress events of a sync (CONVENTIONS 9, after Actual's `ImportProgressEvent`): one
 * discriminated union the three hosts forward as they are (CLI → stderr, Electron main → IPC,
 * browser worker → postMessage), with a dedicated quota-exceeded event.
 */
import type { FullSyncReason } from './mode'

export type SyncMode = 'full' | 'delta'

export type SyncPhase =
  'prepare' | 'export-request' | 'export-wait' | 'download' | 'delta' | 'replay' | 'map' | 'write'

/** What `done` / `total` count in a progress event. */
export type ProgressUnit = 'files' | 'pages' | 'records' | 'chunks'

export type SyncEvent =
  | { type: 'started'; mode: SyncMode; fullReason: FullSyncReason | null; isResumed: boolean }
  | { type: 'phase'; phase: SyncPhase; message: string }
  | {
      type: 'progress'
      phase: SyncPhase
      /** FHIR resource type being fetched, when one is. */
      resourceType?: string
      done: number
      total?: number
      unit: ProgressUnit
      /** Bytes downloaded so far in this sync. */
      bytes: number
      /** FHIR resources (or records when writing) per second since the phase began. */
      rate: number
      /** Seconds left in this phase, when `total` is known. */
      etaSeconds?: number
    }
  | { type: 'retry'; url: string; attempt: number; delayMs: number; reason: string }
  | { type: 'split'; part: string; into: string[]; reason: string }
  | { type: 'quota-exceeded'; bytesNeeded: number; bytesAvailable?: number }
  | { type: 'warning'; message: string }

export type SyncEventListener = (event: SyncEvent) => void

/**
 * The French line both apps show for an event that interrupts nothing but should be seen: a
 * retry after a transport error (else 20 s of retries look like a hang), a query split
 * around the 10,000-result cap, a warning. Undefined for other events.
 */
export function noticeText(event: SyncEvent): string | undefined {
  switch (event.type) {
    case 'retry':
      return (
        `Nouvel essai (${event.attempt}) dans ${Math.ceil(event.delayMs / 1000)} s ` +
        `(${event.reason}).`
      )
    case 'split':
      return `Requête découpée en ${event.into.length} parties (${event.reason}).`
    case 'warning':
      return event.message
    default:
      return undefined
  }
}

/** Rate and ETA of one phase, from a monotonic clock. */
export class PhaseMeter {
  private readonly startedMs: number
  private items = 0

  constructor(
    readonly phase: SyncPhase,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.startedMs = now()
  }

  /** Counts processed items (resources, records). */
  add(items: number): void {
    this.items += items
  }

  get count(): number {
    return this.items
  }

  /** Items per second since the phase began. */
  rate(): number {
    const seconds = (this.now() - this.startedMs) / 1000
    return seconds > 0 ? Math.round(this.items / seconds) : 0
  }

  /** Seconds left, extrapolating the time per unit of `done` out of `total`. */
  eta(done: number, total: number | undefined): number | undefined {
    if (total === undefined || done <= 0) return undefined
    const elapsed = (this.now() - this.startedMs) / 1000
    return Math.max(0, Math.round((elapsed / done) * (total - done)))
  }
}
