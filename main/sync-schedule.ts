/**
 * When the app syncs by itself (settings `schedule`): every day at a chosen local time, and at
 * start-up when the active snapshot is older than a chosen age. The ROR's weekly full sync is
 * the engine's business (core/sync/mode.ts): a scheduled sync asks for `auto`.
 */
import type { Settings } from '../core/ipc/contract'

/** The next local `HH:MM` strictly after `now`. */
export function nextDailyRun(at: string, now: Date): Date {
  const [hours, minutes] = at.split(':').map(Number) as [number, number]
  const next = new Date(now)
  next.setHours(hours, minutes, 0, 0)
  if (next.getTime() <= now.getTime()) next.setDate(next.getDate() + 1)
  return next
}

/** Whether to sync at start-up: no snapshot yet, or one older than the chosen age. */
export function isSyncDueAtStart(
  schedule: Settings['schedule'],
  snapshotCreatedAt: string | null,
  nowMs: number,
): boolean {
  const hours = schedule.onStartWhenOlderThanHours
  if (hours === null) return false
  if (snapshotCreatedAt === null) return true
  return nowMs - Date.parse(snapshotCreatedAt) > hours * 3600_000
}

export interface SchedulerDeps {
  start: () => void
  now?: () => Date
  setTimer?: (run: () => void, ms: number) => unknown
  clearTimer?: (timer: unknown) => void
}

/** Runs `start` every day at the chosen time while enabled; `apply` after a settings change. */
export class DailySyncScheduler {
  private timer: unknown

  constructor(private readonly deps: SchedulerDeps) {}

  apply(schedule: Settings['schedule']): Date | null {
    this.stop()
    if (!schedule.daily.enabled) return null
    const now = (this.deps.now ?? (() => new Date()))()
    const next = nextDailyRun(schedule.daily.at, now)
    const set = this.deps.setTimer ?? ((run, ms) => setTimeout(run, ms))
    this.timer = set(() => {
      this.deps.start()
      this.apply(schedule)
    }, next.getTime() - now.getTime())
    return next
  }

  stop(): void {
    if (this.timer !== undefined)
      (this.deps.clearTimer ?? ((t) => clearTimeout(t as never)))(this.timer)
    this.timer = undefined
  }
}
