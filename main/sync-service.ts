/**
 * The sync as the Electron app runs it, in main (ARCHITECTURE decision 5: secrets, network and
 * the snapshot file stay here). `sync:start` reads the settings and the decrypted credentials,
 * runs the core engine (core/sync) with the Node transport (client secret for profile 0, mTLS
 * client certificate for profiles 1–5) into main's copy of the snapshot file, forwards its
 * progress as `sync:*` events, then hands the new snapshot to the renderer's storage worker in
 * chunks over a MessagePort (main/snapshot-sender.ts). No `electron` import: main/index.ts
 * passes the ports, the event sender and the stores.
 */
import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type {
  IpcResultUnion,
  MainEvent,
  Settings,
  SyncOutcome,
  SyncProgress,
  SyncStatus,
} from '../core/ipc/contract'
import type { MainToStorage, StorageToMain, TransferPort } from '../core/ipc/snapshot-transfer'
import type { CommuneCentroid } from '../core/snapshot/resolve'
import { runSync, type SyncResult } from '../core/sync/engine'
import { describeError } from '../core/sync/errors'
import type { SyncEvent } from '../core/sync/events'
import { fullReasonText, type RequestedMode } from '../core/sync/mode'
import type { HttpTransport } from '../core/sync/transport'
import type { UnitProcessor } from '../core/sync/unit-processor'
import { clientCertificateOf, type StoredSecrets } from './credentials-store'
import type { SyncService } from './handlers'
import {
  NodeHttpTransport,
  type ClientCertificate,
  type NodeTransportOptions,
} from './ror-transport'
import { ProgressFeed } from './sync-events'
import { FileSnapshotStore, FileStateStore } from './sync-files'
import { sendSnapshot } from './snapshot-sender'

/** Main's snapshot file in `dataDir` (the resume state is `<file>.sync/`). */
export function snapshotFileIn(dataDir: string): string {
  return join(dataDir, 'current.snap')
}

export interface SyncServiceDeps {
  /** Main's copy of the snapshot and the resume state live here (e.g. userData/snapshot). */
  dataDir: string
  settings: { read(): Promise<{ settings: Settings }> }
  credentials: { readSecrets(): Promise<StoredSecrets> }
  /** Sends a main → window event (main/ipc.ts `sendMainEvent`). */
  emit: (event: MainEvent) => void
  /** The port to the renderer's storage worker, or null while it is not connected. */
  storagePort: () => TransferPort<MainToStorage, StorageToMain> | null
  /** PEM certificates to trust besides the system store (IGC-Santé chain, a test CA). */
  extraCa?: () => Promise<Uint8Array[]>
  communeCentroid?: CommuneCentroid
  /**
   * Parses and maps export files and delta pages off the main thread (main/sync-workers.ts);
   * created per sync and closed after it. Without it, mapping runs in-thread.
   */
  unitProcessor?: () => UnitProcessor & { close(): Promise<void> }
  /** Tests: another transport, another clock. */
  transport?: (options: NodeTransportOptions) => HttpTransport & { close(): void }
  now?: () => number
}

export interface DesktopSyncService extends SyncService {
  /** Re-sends main's snapshot to the storage worker (it skips one it already has). */
  publish(): Promise<void>
  /** Resolves when no sync is running. */
  idle(): Promise<void>
}

type Config =
  | { ok: true; clientSecret?: string; certificate?: ClientCertificate }
  | {
      ok: false
      error: { code: string; message: string }
    }

/** What the settings and the stored credentials allow (ROR-FHIR-NOTES §5.1). */
export function credentialsFor(settings: Settings, secrets: StoredSecrets): Config {
  const fail = (code: string, message: string): Config => ({ ok: false, error: { code, message } })
  if (settings.server.clientId === '') {
    return fail(
      'not-configured',
      'Renseignez l’identifiant client fourni par l’équipe du ROR dans les paramètres.',
    )
  }
  if (settings.accessProfile === 0) {
    if (!secrets.clientSecret) {
      return fail(
        'missing-secret',
        'Le profil 0 s’authentifie avec un secret client : enregistrez-le dans les paramètres.',
      )
    }
    return { ok: true, clientSecret: secrets.clientSecret }
  }
  const cert = secrets.certificate
  if (!cert) {
    return fail(
      'missing-certificate',
      `Le profil ${settings.accessProfile} s’authentifie avec un certificat IGC-Santé (TLS mutuel) : importez-le dans les paramètres.`,
    )
  }
  return { ok: true, certificate: clientCertificateOf(cert) }
}

export function createSyncService(deps: SyncServiceDeps): DesktopSyncService {
  return new DesktopSync(deps)
}

type Ready = Extract<Config, { ok: true }>

class DesktopSync implements DesktopSyncService {
  private readonly snapshotPath: string
  private readonly now: () => number
  private current: SyncStatus = { state: 'idle', last: null }
  private controller: AbortController | undefined
  private running: Promise<void> = Promise.resolve()

  constructor(private readonly deps: SyncServiceDeps) {
    this.snapshotPath = snapshotFileIn(deps.dataDir)
    this.now = deps.now ?? Date.now
  }

  async start(request: { mode: RequestedMode }): Promise<IpcResultUnion<{ startedAt: string }>> {
    if (this.current.state === 'running') {
      const message = 'Une synchronisation est déjà en cours.'
      return { ok: false, error: { code: 'sync-running', message } }
    }
    const { settings } = await this.deps.settings.read()
    const config = credentialsFor(settings, await this.deps.credentials.readSecrets())
    if (!config.ok) return config
    const startedAt = new Date(this.now()).toISOString()
    this.controller = new AbortController()
    const last = this.current.last
    this.current = { state: 'running', startedAt, progress: { phase: 'prepare' }, last }
    this.running = this.run(settings, config, request.mode, this.controller.signal)
    return { ok: true, value: { startedAt } }
  }

  cancel(): { wasRunning: boolean } {
    const wasRunning = this.current.state === 'running'
    this.controller?.abort()
    return { wasRunning }
  }

  status(): SyncStatus {
    return this.current
  }

  idle(): Promise<void> {
    return this.running
  }

  /**
   * Sends the snapshot file to the renderer's storage; `sameRecordsAs` when the last sync was
   * a delta that changed no record (the renderer then keeps its search index).
   */
  async publish(sameRecordsAs?: string): Promise<void> {
    const port = this.deps.storagePort()
    if (!port) return
    const bytes = await readFile(this.snapshotPath).catch(() => null)
    if (!bytes) return
    await sendSnapshot(port, new Uint8Array(bytes), {
      transferId: randomUUID(),
      ...(sameRecordsAs ? { sameRecordsAs } : {}),
    })
  }

  private async run(settings: Settings, config: Ready, mode: RequestedMode, signal: AbortSignal) {
    const transport = (this.deps.transport ?? ((o) => new NodeHttpTransport(o)))({
      ...(config.certificate ? { clientCertificate: config.certificate } : {}),
      extraCa: (await this.deps.extraCa?.()) ?? [],
    })
    const processor = this.deps.unitProcessor?.()
    try {
      const result = await runSync({
        ...this.options(settings, config, mode),
        ...(processor ? { unitProcessor: processor } : {}),
        transport,
        signal,
      })
      this.send({ phase: 'write', message: 'Installation du nouvel instantané' })
      await this.publish(result.sameRecordsAs)
      this.finish(success(result, this.now))
    } catch (error) {
      const finishedAt = new Date(this.now()).toISOString()
      this.finish({
        ok: false,
        finishedAt,
        error: describeError(error),
        previousSnapshotKept: true,
      })
    } finally {
      transport.close()
      await processor?.close().catch(() => undefined)
    }
  }

  private options(settings: Settings, config: Ready, mode: RequestedMode) {
    const feed = new ProgressFeed(this.now)
    return {
      server: {
        fhirBase: settings.server.fhirBaseUrl,
        tokenUrl: settings.server.tokenUrl,
        clientId: settings.server.clientId,
        ...(config.clientSecret ? { clientSecret: config.clientSecret } : {}),
        usesCertificate: config.certificate !== undefined,
      },
      profile: settings.accessProfile,
      region: settings.region,
      ...(settings.rorHeaders ? { rorHeaders: settings.rorHeaders } : {}),
      mode,
      store: new FileSnapshotStore(this.snapshotPath),
      state: new FileStateStore(`${this.snapshotPath}.sync`),
      ...(this.deps.communeCentroid ? { communeCentroid: this.deps.communeCentroid } : {}),
      onEvent: (event: SyncEvent) => {
        if (event.type === 'quota-exceeded') {
          this.deps.emit({ type: 'sync:quota-exceeded', ...omitType(event) })
        }
        const progress = feed.next(event)
        if (progress) this.send(progress)
      },
    }
  }

  private send(progress: SyncProgress): void {
    if (this.current.state === 'running') this.current = { ...this.current, progress }
    this.deps.emit({ type: 'sync:progress', progress })
  }

  private finish(outcome: SyncOutcome): void {
    this.current = { state: 'idle', last: outcome }
    this.controller = undefined
    this.deps.emit({ type: 'sync:finished', outcome })
  }
}

function success(result: SyncResult, now: () => number): SyncOutcome {
  return {
    ok: true,
    kind: result.mode,
    finishedAt: new Date(now()).toISOString(),
    counts: result.manifest.counts,
    fullReason: result.fullReason,
    ...(result.fullReason ? { fullReasonText: fullReasonText(result.fullReason) } : {}),
    ...(result.changes ? { changes: { ...result.changes } } : {}),
    ...(result.resumedUnits > 0 ? { resumedUnits: result.resumedUnits } : {}),
  }
}

function omitType<T extends { type: string }>(event: T): Omit<T, 'type'> {
  const { type: _type, ...rest } = event
  return rest
}
