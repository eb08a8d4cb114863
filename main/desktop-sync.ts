/**
 * What the desktop app does around a sync, from the settings: the schedule (daily at a chosen
 * time; at start-up when main's snapshot is older than the chosen age), and the purge when the
 * access profile is lowered (issue 5). `settings:set` goes through {@link DesktopSyncController}
 * so a new schedule is armed at once and main's snapshot file never holds more than the saved
 * profile may see. No `electron` import.
 */
import type { IpcResultUnion, MainEvent, Settings, StoredSettings } from '../core/ipc/contract'
import type { SnapshotManifest } from '../core/snapshot/manifest'
import type { AccessProfile } from '../core/snapshot/records'
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
  purge?: (path: string, profile: AccessProfile) => Promise<PurgeOutcome>
  readManifest?: (path: string) => Promise<SnapshotManifest | null>
  now?: () => number
  log?: (message: string) => void
}

export class DesktopSyncController {
  private readonly scheduler: Scheduler
  private readonly now: () => number
  private readonly log: (message: string) => void

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
    const { settings } = await this.deps.settings.read()
    await this.purgeFor(settings.accessProfile)
    this.scheduler.apply(settings.schedule)
    const manifest = await (this.deps.readManifest ?? readManifest)(this.deps.snapshotPath).catch(
      () => null,
    )
    if (isSyncDueAtStart(settings.schedule, manifest?.createdAt ?? null, this.now())) {
      await this.scheduledStart('start')
    }
  }

  /** `settings:set`: saves, then purges main's file if the profile sees less, then re-arms. */
  async setSettings(settings: Settings): Promise<IpcResultUnion<Settings>> {
    const { settings: previous } = await this.deps.settings.read()
    const status = this.deps.sync.status()
    if (previous.accessProfile !== settings.accessProfile && status.state === 'running') {
      // The running sync filters for the old profile: its result must not land on disk.
      this.deps.sync.cancel()
      await this.deps.sync.idle()
    }
    const saved = await this.deps.settings.write(settings)
    if (!saved.ok) return saved
    await this.purgeFor(settings.accessProfile)
    this.scheduler.apply(settings.schedule)
    return saved
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
