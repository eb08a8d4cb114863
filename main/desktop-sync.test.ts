import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '../core/ipc/contract'
import type { IpcResultUnion, MainEvent, Settings, SyncStatus } from '../core/ipc/contract'
import type { SnapshotManifest } from '../core/snapshot/manifest'
import type { AccessProfile } from '../core/snapshot/records'
import { DesktopSyncController, type DesktopSyncControllerDeps } from './desktop-sync'
import type { PendingPurgeStore } from './purge-marker'
import { DailySyncScheduler } from './sync-schedule'

const NOW = Date.parse('2026-11-26T09:00:00')

function setup(options: {
  settings?: Settings
  manifestCreatedAt?: string | null
  startResult?: IpcResultUnion<{ startedAt: string }>
  running?: boolean
  writeFails?: boolean
  /** Records pending purges in memory (`marker` starts with this value). */
  marker?: AccessProfile | 'unreadable' | null
  purgeFails?: boolean
}) {
  const calls: string[] = []
  const events: MainEvent[] = []
  let stored = options.settings ?? DEFAULT_SETTINGS
  let status: SyncStatus = options.running
    ? { state: 'running', startedAt: '', progress: { phase: 'download' }, last: null }
    : { state: 'idle', last: null }
  const timers: { run: () => void; ms: number }[] = []
  const marker = { value: options.marker ?? null }
  const pendingPurge: PendingPurgeStore = {
    read: () => Promise.resolve(marker.value),
    write: (profile) => {
      calls.push(`mark ${profile}`)
      marker.value = profile
      return Promise.resolve()
    },
    clear: () => {
      calls.push('unmark')
      marker.value = null
      return Promise.resolve()
    },
  }
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
    ...(options.marker !== undefined ? { pendingPurge } : {}),
    purge: (path, profile) => {
      calls.push(`purge ${path} ${profile}`)
      if (options.purgeFails) return Promise.reject(new Error('EACCES'))
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
  return { controller: new DesktopSyncController(deps), calls, events, timers, marker }
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

describe('DesktopSyncController: a purge pending for the renderer’s copy', () => {
  const lowered = { ...daily('02:00', null), accessProfile: 0 as const }

  it('records a profile change before saving it, and reports it until the renderer is done', async () => {
    const { controller, calls, marker } = setup({ settings: daily('02:00', null), marker: null })
    await controller.setSettings(lowered)
    expect(calls).toEqual(['mark 0', 'write profile 0', 'purge /data/current.snap 0'])
    // As after a crash here: the renderer learns it at its next start.
    expect((await controller.readSettings()).pendingPurge).toBe(0)
    expect(await controller.completePurge(0)).toEqual({ ok: true, value: { cleared: true } })
    // Main's own file is purged again before the marker goes.
    expect(calls.slice(-2)).toEqual(['purge /data/current.snap 0', 'unmark'])
    expect(marker.value).toBeNull()
    expect((await controller.readSettings()).pendingPurge).toBeUndefined()
  })

  it('records nothing when the profile does not change', async () => {
    const { controller, calls } = setup({ settings: daily('02:00', null), marker: null })
    await controller.setSettings({ ...daily('05:00', null), region: '84' })
    expect(calls.filter((c) => c.startsWith('mark'))).toEqual([])
  })

  it('keeps the marker when main’s file could not be purged, or for another profile', async () => {
    const failing = setup({ settings: lowered, marker: 0, purgeFails: true })
    const result = await failing.controller.completePurge(0)
    expect(result.ok ? null : result.error.code).toBe('purge-incomplete')
    expect(failing.marker.value).toBe(0)

    const other = setup({ settings: lowered, marker: 0 })
    expect(await other.controller.completePurge(3)).toEqual({ ok: true, value: { cleared: false } })
    expect(other.marker.value).toBe(0)
  })

  it('restores what was pending when the new settings cannot be saved', async () => {
    const { controller, marker } = setup({ settings: lowered, marker: 0, writeFails: true })
    const result = await controller.setSettings({ ...lowered, accessProfile: 4 })
    expect(result.ok).toBe(false)
    expect(marker.value).toBe(0)
  })

  it('voids a marker written for settings that were never saved', async () => {
    const { controller, marker } = setup({ settings: daily('02:00', null), marker: 0 })
    expect((await controller.readSettings()).pendingPurge).toBeUndefined()
    expect(marker.value).toBeNull()
  })

  it('narrows to the saved profile when the marker is damaged', async () => {
    const { controller } = setup({ settings: lowered, marker: 'unreadable' })
    expect((await controller.readSettings()).pendingPurge).toBe(0)
  })

  it('lets main’s file be published only once start-up has purged it', async () => {
    const ok = setup({ settings: lowered, marker: null })
    let published = false
    const gate = ok.controller.whenStartupPurged().then((isPurged) => {
      published = isPurged
    })
    await Promise.resolve()
    expect(published).toBe(false)
    await ok.controller.startup()
    await gate
    expect(published).toBe(true)

    const failing = setup({ settings: lowered, purgeFails: true })
    await expect(failing.controller.startup()).rejects.toThrow('EACCES')
    expect(await failing.controller.whenStartupPurged()).toBe(false)
  })
})
