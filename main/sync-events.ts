/**
 * Engine events (core/sync/events.ts) as the IPC contract's `SyncProgress`, at a pace the
 * window can follow: every phase change and message goes through, counts at most 4 times a
 * second.
 */
import type { SyncProgress } from '../core/ipc/contract'
import { formatBytes } from '../core/sync/errors'
import { noticeText, type SyncEvent } from '../core/sync/events'
import { fullReasonText } from '../core/sync/mode'

/** The progress to show for an engine event; `phase` is the phase in progress before it. */
export function progressOf(event: SyncEvent, phase: string): SyncProgress {
  const lastPhase = phase
  switch (event.type) {
    case 'started':
      return {
        phase: 'prepare',
        message: event.fullReason
          ? fullReasonText(event.fullReason)
          : 'Mise à jour différentielle depuis la dernière synchronisation.',
      }
    case 'phase':
      return { phase: event.phase, message: event.message }
    case 'progress': {
      const { type: _t, ...rest } = event
      return rest
    }
    case 'quota-exceeded':
      return {
        phase: lastPhase,
        message: `Espace disque insuffisant : ${formatBytes(event.bytesNeeded)} nécessaires.`,
      }
    case 'retry':
    case 'split':
    case 'warning':
      return { phase: lastPhase, message: noticeText(event) }
  }
}

const INTERVAL_MS = 250

/**
 * Engine events → the progress to send: every message and phase change, the last count of a
 * phase, and other counts at most every 250 ms (null: nothing to send now).
 */
export class ProgressFeed {
  private last = -Infinity
  private phase = 'prepare'

  constructor(private readonly now: () => number) {}

  next(event: SyncEvent): SyncProgress | null {
    const progress = progressOf(event, this.phase)
    const t = this.now()
    const isNews = progress.message !== undefined || progress.phase !== this.phase
    const isLast = progress.total !== undefined && progress.done === progress.total
    this.phase = progress.phase
    if (!isNews && !isLast && t - this.last < INTERVAL_MS) return null
    this.last = t
    return progress
  }
}
