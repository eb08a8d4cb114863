/**
 * Progress of `sync` on stderr: one line per phase change, retry, split or warning, and at most
 * one progress line per second — plain lines (no carriage returns) so a cron log stays readable.
 */
import type { Writable } from 'node:stream'
import type { SyncResult } from '../../core/sync/engine'
import { formatBytes } from '../../core/sync/errors'
import type { SyncEvent } from '../../core/sync/events'
import { fullReasonText } from '../../core/sync/mode'

const PROGRESS_EVERY_MS = 1000

export class ProgressPrinter {
  private readonly started = Date.now()
  private lastProgress = 0

  constructor(private readonly out: Writable) {}

  private line(text: string): void {
    const seconds = ((Date.now() - this.started) / 1000).toFixed(1).padStart(6)
    this.out.write(`[${seconds}s] ${text}\n`)
  }

  event(event: SyncEvent): void {
    switch (event.type) {
      case 'started':
        this.line(
          `${event.mode === 'full' ? 'full sync' : 'delta sync'}${event.isResumed ? ' (resumed)' : ''}` +
            (event.fullReason ? ` — ${fullReasonText(event.fullReason)}` : ''),
        )
        return
      case 'phase':
        this.line(event.message)
        return
      case 'progress': {
        const now = Date.now()
        const isLast = event.total !== undefined && event.done >= event.total
        if (now - this.lastProgress < PROGRESS_EVERY_MS && !isLast) return
        this.lastProgress = now
        const of = event.total === undefined ? '' : `/${event.total}`
        const eta = event.etaSeconds === undefined ? '' : `, ETA ${event.etaSeconds} s`
        this.line(
          `${event.phase}${event.resourceType ? ` ${event.resourceType}` : ''}: ${event.done}${of} ${event.unit}, ` +
            `${formatBytes(event.bytes)}, ${event.rate}/s${eta}`,
        )
        return
      }
      case 'retry':
        // The URL too: in a cron log, which of the token server or the FHIR API failed.
        this.line(`retry ${event.attempt} in ${event.delayMs} ms: ${event.url} (${event.reason})`)
        return
      case 'split':
        this.line(`query ${event.part} split into ${event.into.length} parts (${event.reason})`)
        return
      case 'quota-exceeded':
        this.line(`disk full: ${formatBytes(event.bytesNeeded)} needed`)
        return
      case 'warning':
        this.line(`warning: ${event.message}`)
        return
    }
  }

  done(result: SyncResult): void {
    const counts = Object.entries(result.manifest.counts)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')
    this.line(`${result.mode} sync done in ${(result.durationMs / 1000).toFixed(1)} s: ${counts}`)
  }
}
