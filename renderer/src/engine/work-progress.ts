/**
 * Progress of the engine's own long work (storing a snapshot, receiving one from main,
 * building the search index) as {@link EngineProgressEvent}s: counts, and an ETA once the
 * rate means something. At national scale the index build alone takes ~25 s and storing an
 * imported file ~20 s; the header shows these (EngineActivity.tsx), the sync panel too.
 */
import type { EngineProgressEvent } from './protocol'

/** At most one event per this many milliseconds (the last one always goes). */
const EVERY_MS = 200
/** No ETA before this much time and this share of the work: the first rate is noise. */
const ETA_AFTER_MS = 1000
const ETA_AFTER_SHARE = 0.02

export class WorkProgress {
  private done = 0
  private lastSent = -Infinity
  private readonly started: number

  constructor(
    private readonly emit: (event: EngineProgressEvent) => void,
    private readonly what: Pick<EngineProgressEvent, 'phase' | 'message' | 'unit'>,
    private readonly total: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.started = now()
    this.send()
  }

  /** `n` more units done. */
  advance(n = 1): void {
    this.done = Math.min(this.total, this.done + n)
    if (this.done === this.total || this.now() - this.lastSent >= EVERY_MS) this.send()
  }

  private send(): void {
    const at = this.now()
    this.lastSent = at
    const elapsed = at - this.started
    const share = this.total > 0 ? this.done / this.total : 0
    const event: EngineProgressEvent = {
      kind: 'progress',
      ...this.what,
      done: this.done,
      total: this.total,
    }
    if (elapsed >= ETA_AFTER_MS && share >= ETA_AFTER_SHARE && share < 1) {
      event.etaSeconds = Math.round(((elapsed / share) * (1 - share)) / 1000)
    }
    this.emit(event)
  }
}
