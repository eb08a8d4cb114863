/**
 * What the desktop app does around a sync, from the settings: the schedule (daily at a chosen
 * time; at start-up when main's snapshot is older than the chosen age), and the purge when the
 * access profile is lowered (issue 5). `settings:set` goes through {@link DesktopSyncController}
 * so a new schedule is armed at once and main's snapshot file never holds more than the saved
 * profile may see. A profile change is recorded as pending (main/purge-marker.ts) until the
 * renderer says its IndexedDB copy is narrowed too (`settings:completePurge`), so a crash
 * between the two purges is finished at the next start. No `electron` import.
 */
import type { IpcResultUnion, MainEvent, Settings, StoredSettings } from '../core/ipc/contract'
import type { SnapshotManifest } from '../core/snapshot/manifest'
import type { AccessProfile } from '../core/snapshot/records'
import type { PendingPurgeStore } from './purge-marker'
import { purgeSnapshotFile, readManifest, type PurgeOutcome } from './snapshot-file'
import type { DesktopSyncService } from './sync-service'
import { DailySyncScheduler, isSyncDueAtStart } from './sync-schedule'

export interface Scheduler {
  apply(schedule: Settings['schedule']): Date | null
  stop(): void
}

export interface DesktopSyncControllerDeps {
  settings: {
    read(): Promise<StoredSettings>
    write(settings: Settings): Promise<IpcResultUnion<Settings>>
  }
  sync: Pick<DesktopSyncService, 'start' | 'cancel' | 'status' | 'idle'>
  /** Main's snapshot file (userData/snapshot/current.snap). */
  snapshotPath: string
  emit: (event: MainEvent) => void
  createScheduler?: (start: () => void) => Scheduler
  /** Where a profile change waits for the renderer's purge; without it nothing is recorded. */
  pendingPurge?: PendingPurgeStore
  purge?: (path: string, profile: AccessProfile) => Promise<PurgeOutcome>
  readManifest?: (path: string) => Promise<SnapshotManifest | null>
  now?: () => number
  log?: (message: string) => void
}

export class DesktopSyncController {
  private readonly scheduler: Scheduler
  private readonly now: () => number
  private readonly log: (message: string) => void
  private startupPurged: (isPurged: boolean) => void = () => {}
  private readonly startupPurge = new Promise<boolean>((resolve) => {
    this.startupPurged = resolve
  })

  constructor(private readonly deps: DesktopSyncControllerDeps) {
    const create = deps.createScheduler ?? ((start) => new DailySyncScheduler({ start }))
    this.now = deps.now ?? Date.now
    this.log = deps.log ?? ((message) => console.info(message))
    // A timer callback: a failure is logged, never left as an unhandled rejection (fatal).
    this.scheduler = create(() => {
      this.scheduledStart('daily').catch((error: unknown) => {
        this.log(`Synchronisation quotidienne impossible : ${(error as Error).message}`)
      })
    })
  }

  /**
   * At app start: purges a file left above the saved profile (a crash between saving the
   * settings and the purge), arms the daily sync, and syncs now when the snapshot is too old.
   */
  async startup(): Promise<void> {
    let settings: Settings
    try {
      settings = (await this.deps.settings.read()).settings
      await this.purgeFor(settings.accessProfile)
    } catch (error) {
      this.startupPurged(false)
      throw error
    }
    this.startupPurged(true)
    this.scheduler.apply(settings.schedule)
    const manifest = await (this.deps.readManifest ?? readManifest)(this.deps.snapshotPath).catch(
      () => null,
    )
    if (isSyncDueAtStart(settings.schedule, manifest?.createdAt ?? null, this.now())) {
      await this.scheduledStart('start')
    }
  }

  /**
   * Resolves once start-up has made main's file fit the saved profile: true, or false when
   * that failed. Main's file is handed to a new page only after it (index.ts), so the page
   * never receives a snapshot above the profile it is about to narrow its own copy to.
   */
  whenStartupPurged(): Promise<boolean> {
    return this.startupPurge
  }

  /**
   * `settings:set`: records a profile change as pending, saves, purges main's file if the
   * profile sees less, then re-arms.
   */
  async setSettings(settings: Settings): Promise<IpcResultUnion<Settings>> {
    const { settings: previous } = await this.deps.settings.read()
    const isProfileChange = previous.accessProfile !== settings.accessProfile
    const status = this.deps.sync.status()
    if (isProfileChange && status.state === 'running') {
      // The running sync filters for the old profile: its result must not land on disk.
      this.deps.sync.cancel()
      await this.deps.sync.idle()
    }
    const marker = isProfileChange ? this.deps.pendingPurge : undefined
    const read = await marker?.read()
    // What was pending for the saved settings, restored if the new ones cannot be saved.
    const before = read === 'unreadable' ? previous.accessProfile : read
    try {
      // Before the settings: a crash after saving them always finds the purge recorded.
      await marker?.write(settings.accessProfile)
    } catch (error) {
      this.log(`Changement de profil non enregistré : ${(error as Error).message}`)
      return notSaved()
    }
    const saved = await this.deps.settings.write(settings)
    if (!saved.ok) {
      // The old settings stay: so does what was pending for them.
      const restore =
        before === null || before === undefined ? marker?.clear() : marker?.write(before)
      await restore?.catch((error: unknown) => {
        this.log(`Purge en attente non rétablie : ${(error as Error).message}`)
      })
      return saved
    }
    await this.purgeFor(settings.accessProfile)
    this.scheduler.apply(settings.schedule)
    return saved
  }

  /** `settings:get`, with the purge still pending for the renderer's copy, if any. */
  async readSettings(): Promise<StoredSettings> {
    const stored = await this.deps.settings.read()
    const pending = await this.pendingFor(stored.settings.accessProfile)
    return pending === null ? stored : { ...stored, pendingPurge: pending }
  }

  /**
   * `settings:completePurge`: the renderer narrowed its copy to `profile`. The marker is
   * cleared only once main's file fits the saved profile too, and only if `profile` is the
   * one pending (a newer change keeps its own).
   */
  async completePurge(profile: AccessProfile): Promise<IpcResultUnion<{ cleared: boolean }>> {
    try {
      const { settings } = await this.deps.settings.read()
      await this.purgeFor(settings.accessProfile)
      const pending = await this.pendingFor(settings.accessProfile)
      if (pending !== null && pending === profile) await this.deps.pendingPurge?.clear()
      return { ok: true, value: { cleared: pending === null || pending === profile } }
    } catch (error) {
      this.log(`Purge non confirmée : ${(error as Error).message}`)
      return {
        ok: false,
        error: {
          code: 'purge-incomplete',
          message:
            'La suppression des données hors profil n’a pas pu être confirmée sur cet ' +
            'ordinateur ; elle sera reprise au prochain démarrage.',
        },
      }
    }
  }

  /** What the renderer's copy must still be narrowed to, for settings saved with `profile`. */
  private async pendingFor(profile: AccessProfile): Promise<AccessProfile | null> {
    const marker = this.deps.pendingPurge
    const pending = await marker?.read()
    if (pending === undefined || pending === null) return null
    if (pending === 'unreadable' || pending === profile) return profile
    // Written for settings that were never saved (a crash between the two writes).
    await marker?.clear().catch((error: unknown) => {
      this.log(`Marque de purge périmée non effacée : ${(error as Error).message}`)
    })
    return null
  }

  stop(): void {
    this.scheduler.stop()
  }

  /** Starts an `auto` sync; a refusal (not configured…) is reported like a failed sync. */
  async scheduledStart(trigger: 'daily' | 'start'): Promise<void> {
    const started = await this.deps.sync.start({ mode: 'auto' })
    if (started.ok || started.error.code === 'sync-running') return
    const when = trigger === 'daily' ? 'quotidienne' : 'au démarrage'
    this.deps.emit({
      type: 'sync:finished',
      outcome: {
        ok: false,
        finishedAt: new Date(this.now()).toISOString(),
        error: {
          code: started.error.code,
          message: `Synchronisation ${when} non lancée : ${started.error.message}`,
        },
        previousSnapshotKept: true,
      },
    })
  }

  private async purgeFor(profile: AccessProfile): Promise<void> {
    const outcome = await (this.deps.purge ?? purgeSnapshotFile)(this.deps.snapshotPath, profile)
    if (outcome.action === 'narrowed') {
      this.log(
        `Instantané réduit du profil ${outcome.from} au profil ${outcome.to} ` +
          `(${outcome.hidden} enregistrements supprimés).`,
      )
    } else if (outcome.action === 'deleted') {
      this.log(`Instantané supprimé pour le profil ${outcome.to} : ${outcome.error}`)
    }
  }
}

function notSaved(): { ok: false; error: { code: string; message: string } } {
  return {
    ok: false,
    error: {
      code: 'settings-write-failed',
      message:
        "Les réglages n'ont pas été enregistrés (disque plein ou droits insuffisants). Les " +
        'réglages précédents restent en vigueur. Libérez de la place puis réessayez.',
    },
  }
}
