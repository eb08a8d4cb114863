import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '../core/ipc/contract'
import { DailySyncScheduler, isSyncDueAtStart, nextDailyRun } from './sync-schedule'

describe('sync schedule', () => {
  it('runs daily at the chosen local time, tomorrow when it has passed', () => {
    const now = new Date(2026, 10, 26, 10, 30)
    expect(nextDailyRun('02:00', now)).toEqual(new Date(2026, 10, 27, 2, 0))
    expect(nextDailyRun('23:15', now)).toEqual(new Date(2026, 10, 26, 23, 15))
    expect(nextDailyRun('10:30', now)).toEqual(new Date(2026, 10, 27, 10, 30))
  })

  it('syncs at start when the snapshot is older than the chosen age', () => {
    const schedule = { ...DEFAULT_SETTINGS.schedule, onStartWhenOlderThanHours: 24 }
    const now = Date.parse('2026-11-26T12:00:00Z')
    expect(isSyncDueAtStart(schedule, '2026-11-25T11:00:00Z', now)).toBe(true)
    expect(isSyncDueAtStart(schedule, '2026-11-25T13:00:00Z', now)).toBe(false)
    expect(isSyncDueAtStart(schedule, null, now)).toBe(true)
    expect(isSyncDueAtStart(DEFAULT_SETTINGS.schedule, null, now)).toBe(false)
  })

  it('arms one timer, fires, re-arms; stops when disabled', () => {
    const timers: { run: () => void; ms: number }[] = []
    let started = 0
    const scheduler = new DailySyncScheduler({
      start: () => started++,
      now: () => new Date(2026, 10, 26, 1, 0),
      setTimer: (run, ms) => timers.push({ run, ms }),
      clearTimer: () => undefined,
    })
    const enabled = { ...DEFAULT_SETTINGS.schedule, daily: { enabled: true, at: '02:00' } }
    expect(scheduler.apply(enabled)).toEqual(new Date(2026, 10, 26, 2, 0))
    expect(timers[0]!.ms).toBe(3600_000)
    timers[0]!.run()
    expect(started).toBe(1)
    expect(timers).toHaveLength(2)
    expect(scheduler.apply(DEFAULT_SETTINGS.schedule)).toBeNull()
  })
})
