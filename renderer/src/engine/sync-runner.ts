/**
 * Browser-mode sync (`npm run web`, e2e): the core engine in a Web Worker of its own
 * (sync.worker.ts, started by the engine worker for each sync), with `fetch`, the Dexie slots
 * and the resume state in IndexedDB, and units mapped by sync-processor.ts. The Electron app does not use
 * this: there the engine runs in main (main/sync-service.ts) and the snapshot reaches the
 * storage worker through renderer/src/storage/snapshot-receiver.ts.
 *
 * The caller (the engine worker, through sync.worker.ts or in its own thread where a worker
 * cannot start one) must not write the slots at the same time (import of a file) and should
 * rebuild its index when the promise resolves.
 */
import type { AccessProfile } from '../../../core/snapshot/records'
import type { CommuneCentroid } from '../../../core/snapshot/resolve'
import { runSync, type SyncResult } from '../../../core/sync/engine'
import type { SyncEventListener } from '../../../core/sync/events'
import { FetchTransport } from '../../../core/sync/fetch-transport'
import type { RequestedMode } from '../../../core/sync/mode'
import type { RorHeaders } from '../../../core/sync/ror-client'
import type { RorDatabase } from '../storage/db'
import { SlotSnapshotStore } from '../storage/slot-store'
import { IdbSyncStateStore } from '../storage/sync-state'
import { browserUnitProcessor } from './sync-processor'

export interface BrowserSyncRequest {
  fhirBaseUrl: string
  tokenUrl: string
  clientId: string
  /** Profile 0 only: a browser presents client certificates itself (profiles 1–5). */
  clientSecret?: string
  profile: AccessProfile
  /** TRE_R30 region code; null = national. */
  region: string | null
  mode: RequestedMode
  rorHeaders?: RorHeaders
}

export interface BrowserSyncOptions {
  onEvent?: SyncEventListener
  signal?: AbortSignal
  communeCentroid?: CommuneCentroid
  /** Tests inject a `fetch`. */
  fetch?: typeof fetch
}

/** Runs one sync into the app's IndexedDB; rejects with a `SyncError` (French message). */
export function runBrowserSync(
  db: RorDatabase,
  request: BrowserSyncRequest,
  options: BrowserSyncOptions = {},
): Promise<SyncResult> {
  return runSync({
    server: {
      fhirBase: request.fhirBaseUrl,
      tokenUrl: request.tokenUrl,
      clientId: request.clientId,
      ...(request.clientSecret === undefined ? {} : { clientSecret: request.clientSecret }),
      usesCertificate: request.clientSecret === undefined,
    },
    profile: request.profile,
    region: request.region,
    mode: request.mode,
    ...(request.rorHeaders ? { rorHeaders: request.rorHeaders } : {}),
    transport: new FetchTransport(options.fetch ? { fetch: options.fetch } : {}),
    store: new SlotSnapshotStore(db),
    state: new IdbSyncStateStore(db),
    unitProcessor: browserUnitProcessor(),
    ...(options.communeCentroid ? { communeCentroid: options.communeCentroid } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  })
}
