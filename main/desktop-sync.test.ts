import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '../core/ipc/contract'
import type { IpcResultUnion, MainEvent, Settings, SyncStatus } from '../core/ipc/contract'
import type { SnapshotManifest } from '../core/snapshot/manifest'
import { DesktopSyncController, type DesktopSyncControllerDeps } from './desktop-sync'
import { DailySyncScheduler } from './sync-schedule'

const NOW = Date.parse('2026-11-26T09:00:00')

function setup(options: {
  settings?: Settings
  manifestCreatedAt?: string | null
  startResult?: IpcResultUnion<{ startedAt: string }>
  running?: boolean
  writeFails?: boolean
}) {
  const calls: string[] = []
  const events: MainEvent[] = []
  let stored = options.settings ?? DEFAULT_SETTINGS
  let status: SyncStatus = options.running
    ? { state: 'running', startedAt: '', progress: { phase: 'download' }, last: null }
    : { state: 'idle', last: null }
  const timers: { run: () => void; ms: number }[] = []
  const deps: DesktopSyncControllerDeps = {
    settings: {
      read: () => Promise.resolve({ settings: stored, notice: null }),
      write: (s) => {
        calls.push(`write profile ${s.accessProfile}`)
        if (options.writeFails) {
          return Promise.resolve({ ok: false, error: { code: 'disk-full', message: 'plein' } })
        }
        stored = s
        return Promise.resolve({ ok: true, value: s })
      },
    },
    sync: {
      start: (request) => {
        calls.push(`start ${request.mode}`)
        return options.startResult ?? { ok: true, value: { startedAt: 'now' } }
      },
      cancel: () => {
        calls.push('cancel')
        status = { state: 'idle', last: null }
        return { wasRunning: true }
      },
      status: () => status,
      idle: () => {
        calls.push('idle')
        return Promise.resolve()
      },
    },
    snapshotPath: '/data/current.snap',
    emit: (event) => events.push(event),
    createScheduler: (start) =>
      new DailySyncScheduler({
        start,
        now: () => new Date(NOW),
        setTimer: (run, ms) => timers.push({ run, ms }),
        clearTimer: () => calls.push('clear timer'),
      }),
    purge: (path, profile) => {
      calls.push(`purge ${path} ${profile}`)
      return Promise.resolve({ action: 'none', reason: 'covered' })
    },
    readManifest: () =>
      Promise.resolve(
        options.manifestCreatedAt
          ? ({ createdAt: options.manifestCreatedAt } as SnapshotManifest)
          : null,
      ),
    now: () => NOW,
    log: () => undefined,
  }
  return { controller: new DesktopSyncController(deps), calls, events, timers }
}

const daily = (at: string, olderThan: number | null): Settings => ({
  ...DEFAULT_SETTINGS,
  accessProfile: 2,
  schedule: { daily: { enabled: true, at }, onStartWhenOlderThanHours: olderThan },
})

describe('DesktopSyncController.startup', () => {
  it('purges for the saved profile, arms the daily sync and syncs a snapshot that is too old', async () => {
    const { controller, calls, timers } = setup({
      settings: daily('02:00', 24),
      manifestCreatedAt: '2026-11-25T08:00:00',
    })
    await controller.startup()
    expect(calls).toEqual(['purge /data/current.snap 2', 'start auto'])
    // 09:00 → 02:00 the next day.
    expect(timers.map((t) => t.ms)).toEqual([17 * 3600_000])
    timers[0]!.run()
    await Promise.resolve()
    expect(calls.filter((c) => c === 'start auto')).toHaveLength(2)
  })

  it('does not sync a fresh snapshot, nor when the start-up sync is off', async () => {
    const fresh = setup({ settings: daily('02:00', 24), manifestCreatedAt: '2026-11-26T07:00:00' })
    await fresh.controller.startup()
    expect(fresh.calls).not.toContain('start auto')
    const off = setup({ settings: daily('02:00', null), manifestCreatedAt: null })
    await off.controller.startup()
    expect(off.calls).not.toContain('start auto')
  })

  it('syncs at start when there is no snapshot yet', async () => {
    const { controller, calls } = setup({ settings: daily('02:00', 48), manifestCreatedAt: null })
    await controller.startup()
    expect(calls).toContain('start auto')
  })
})

describe('DesktopSyncController.setSettings', () => {
  it('cancels a running sync when the profile changes, then saves, purges and re-arms', async () => {
    const { controller, calls, timers } = setup({ settings: daily('02:00', null), running: true })
    const lowered = { ...daily('06:30', null), accessProfile: 0 as const }
    const result = await controller.setSettings(lowered)
    expect(result).toEqual({ ok: true, value: lowered })
    expect(calls).toEqual(['cancel', 'idle', 'write profile 0', 'purge /data/current.snap 0'])
    expect(timers.map((t) => t.ms)).toEqual([21.5 * 3600_000])
  })

  it('keeps a running sync when the profile does not change', async () => {
    const { controller, calls } = setup({ settings: daily('02:00', null), running: true })
    await controller.setSettings({ ...daily('03:00', null), region: '84' })
    expect(calls).not.toContain('cancel')
  })

  it('neither purges nor re-arms when the settings could not be saved', async () => {
    const { controller, calls } = setup({ settings: daily('02:00', null), writeFails: true })
    const result = await controller.setSettings({ ...daily('02:00', null), accessProfile: 0 })
    expect(result.ok).toBe(false)
    expect(calls).toEqual(['write profile 0'])
  })
})

describe('DesktopSyncController.scheduledStart', () => {
  it('reports a refused scheduled sync in French, like a failed one', async () => {
    const refused = {
      ok: false as const,
      error: { code: 'not-configured', message: 'Renseignez l’identifiant client.' },
    }
    const { controller, events } = setup({ startResult: refused })
    await controller.scheduledStart('start')
    expect(events).toEqual([
      {
        type: 'sync:finished',
        outcome: {
          ok: false,
          finishedAt: new Date(NOW).toISOString(),
          error: {
            code: 'not-configured',
            message: 'Synchronisation au démarrage non lancée : Renseignez l’identifiant client.',
          },
          previousSnapshotKept: true,
        },
      },
    ])
  })

  it('says nothing when a sync is already running', async () => {
    const busy = { ok: false as const, error: { code: 'sync-running', message: 'en cours' } }
    const { controller, events } = setup({ startResult: busy })
    await controller.scheduledStart('daily')
    expect(events).toEqual([])
  })
})
