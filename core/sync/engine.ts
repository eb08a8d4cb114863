/**
 * The sync engine: one function for the three hosts (CLI, Electron main, browser worker).
 * It picks full or delta (mode.ts: the ROR's weekly full sync rule), resumes an interrupted
 * sync from its checkpoint, fetches through the given transport, runs every page through the
 * model, writes the new snapshot into an inactive place and switches to it only once complete
 * and verified. On any failure the active snapshot is untouched; the checkpoint and the staged
 * units stay, so the next run resumes.
 */
import type { SnapshotManifest } from '../snapshot/manifest'
import type { AccessProfile } from '../snapshot/records'
import type { CommuneCentroid } from '../snapshot/resolve'
import { CHECKPOINT_VERSION, usableCheckpoint, type Checkpoint } from './checkpoint'
import type { SyncContext } from './context'
import { SnapshotStoreError, SyncError } from './errors'
import type { SyncEventListener, SyncMode } from './events'
import { decideMode, type FullSyncReason, type RequestedMode, type SyncScope } from './mode'
import { DEFAULT_ROR_HEADERS, RorClient, type RorHeaders } from './ror-client'
import type { RetryPolicy } from './retry'
import { runDeltaSync, runFullSync, type SyncOutcome } from './run'
import type { SnapshotBase, SnapshotStore } from './snapshot-store'
import { baseIdentity } from './snapshot-store'
import { MemoryStateStore, type SyncStateStore } from './state-store'
import { TokenProvider } from './token'
import type { HttpTransport } from './transport'
import { IN_THREAD_PROCESSOR, type UnitProcessor } from './unit-processor'

/** The ROR's default page size (RG_RECH_52). */
export const DEFAULT_PAGE_SIZE = 200

export interface SyncServer {
  /** FHIR base, e.g. `https://api-fhir.ror.esante.gouv.fr/ws-diffusion-fhir`. */
  fhirBase: string
  tokenUrl: string
  clientId: string
  /** Profile 0 (ROR-FHIR-NOTES §5.1). */
  clientSecret?: string
  /** The transport presents a client certificate (mTLS, profiles 1–5). */
  usesCertificate: boolean
}

export interface SyncOptions {
  server: SyncServer
  profile: AccessProfile
  /** Source region scope (TRE_R30 code); null or absent = national. */
  region?: string | null
  mode?: RequestedMode
  rorHeaders?: RorHeaders
  transport: HttpTransport
  store: SnapshotStore
  /** Checkpoint and staged units; without it a sync resumes only within this process. */
  state?: SyncStateStore
  communeCentroid?: CommuneCentroid
  signal?: AbortSignal
  onEvent?: SyncEventListener
  retry?: RetryPolicy
  random?: () => number
  now?: () => number
  /**
   * `_count` of delta pages: by default the ROR's own page size (200, RG_RECH_52 in the notes
   * §5.3) — smaller pages also arrive and are mapped sooner, so the server, the network and the
   * mapping overlap (a national delta of 5,000 changes: ~0.4 s faster than pages of 1,000).
   */
  pageSize?: number
  exportMaxWaitMs?: number
  /** Search result cap of the server (default 10,000, notes §5.4). */
  resultCap?: number
  maxFullSyncAgeMs?: number
  /**
   * Parses and maps units of work; a host may map several at once in worker threads
   * (main/sync-workers.ts). Default: in this thread.
   */
  unitProcessor?: UnitProcessor
}

export interface SyncResult {
  mode: SyncMode
  /** Why the sync was full (null for a delta). */
  fullReason: FullSyncReason | null
  startedAt: string
  finishedAt: string
  durationMs: number
  manifest: SnapshotManifest
  /** Delta only: what the merge did, record by record. */
  changes?: { added: number; updated: number; unchanged: number; removed: number; kept: number }
  /**
   * A delta that changed no record (added, updated and removed all 0): the identity
   * (`baseIdentity`) of the snapshot it started from, whose records the new one repeats — so a
   * host can keep what it derived from them (the app's search index).
   */
  sameRecordsAs?: string
  /** Units of work (export files, delta pages) processed, and how many came from a resume. */
  units: number
  resumedUnits: number
  bytes: number
  requests: number
  retries: number
  /** Tokens obtained, and tokens renewed because the server refused one (401). */
  tokensIssued: number
  reauthentications: number
}

/** Runs one sync. Resolves with the new snapshot's summary; rejects with a `SyncError`. */
export async function runSync(options: SyncOptions): Promise<SyncResult> {
  const now = options.now ?? Date.now
  const started = now()
  const emit = options.onEvent ?? (() => undefined)
  const state = options.state ?? new MemoryStateStore()
  const scope: SyncScope = {
    server: options.server.fhirBase.replace(/\/+$/, ''),
    profile: options.profile,
    region: options.region ?? null,
  }
  emit({ type: 'phase', phase: 'prepare', message: 'Préparation de la synchronisation' })
  // Every sync starts with a token: asked for while the active snapshot is read.
  const tokens = tokenProvider(options, now, emit)
  tokens.prefetch()
  const base = await currentBase(options.store)
  let decision = decideMode(
    options.mode ?? 'auto',
    base?.manifest ?? null,
    scope,
    now(),
    options.maxFullSyncAgeMs,
  )
  const checkpoint = await resumable(state, scope, decision.mode, base)
  emit({
    type: 'started',
    mode: decision.mode,
    fullReason: decision.reason,
    isResumed: checkpoint !== null,
  })
  const cpStart = checkpoint ? Date.parse(checkpoint.startedAt) : started
  const ctx = makeContext(options, scope, state, emit, now, cpStart, tokens)
  let outcome: SyncOutcome | undefined
  if (decision.mode === 'delta' && base) {
    outcome = await runDeltaSync(ctx, base, checkpoint?.delta, options.communeCentroid)
    if (outcome.fallback) {
      decision = { mode: 'full', reason: outcome.fallback }
      emit({ type: 'started', mode: 'full', fullReason: outcome.fallback, isResumed: false })
    }
  }
  if (decision.mode === 'full') {
    const resume = outcome === undefined ? checkpoint?.full : undefined
    outcome = await runFullSync(ctx, resume, options.communeCentroid)
  }
  if (!outcome?.manifest) throw new SnapshotStoreError('aucun instantané produit')
  // Only now, with the new snapshot active, is the resume state useless.
  await state.clear()
  const finished = now()
  return {
    mode: decision.mode,
    fullReason: decision.reason,
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date(finished).toISOString(),
    durationMs: finished - started,
    manifest: outcome.manifest,
    ...(outcome.changes ? { changes: outcome.changes } : {}),
    ...(decision.mode === 'delta' && base && isNoChange(outcome.changes)
      ? { sameRecordsAs: baseIdentity(base.manifest) }
      : {}),
    units: ctx.totals.units,
    resumedUnits: ctx.totals.resumedUnits,
    bytes: ctx.totals.bytes,
    requests: ctx.client.stats.requests,
    retries: ctx.client.stats.retries,
    tokensIssued: ctx.tokens.issued,
    reauthentications: ctx.client.stats.reauthentications,
  }
}

async function currentBase(store: SnapshotStore): Promise<SnapshotBase | null> {
  try {
    return await store.current()
  } catch (error) {
    if (error instanceof SyncError) throw error
    throw new SnapshotStoreError((error as Error).message)
  }
}

/**
 * The stored checkpoint when it continues the sync about to run: same scope, same mode; for a
 * delta the same base snapshot; for a full sync, one not applied yet. Anything else is cleared.
 */
async function resumable(
  state: SyncStateStore,
  scope: SyncScope,
  mode: SyncMode,
  base: SnapshotBase | null,
): Promise<Checkpoint | null> {
  const cp = usableCheckpoint(await state.loadCheckpoint(), scope)
  const isApplied =
    cp?.full?.transactionTime !== undefined &&
    base?.manifest.sync?.lastFullSync === cp.full.transactionTime
  const fits =
    cp !== null &&
    (mode === 'full'
      ? cp.full !== undefined && !isApplied
      : cp.delta !== undefined && base !== null && cp.delta.base === baseIdentity(base.manifest))
  if (fits) return cp
  await state.clear()
  return null
}

function tokenProvider(
  options: SyncOptions,
  now: () => number,
  emit: SyncEventListener,
): TokenProvider {
  const { server } = options
  return new TokenProvider({
    // Retries of the token request are shown like the others: an unreachable server is
    // otherwise ~20 s of silence before the error.
    onRetry: (reason, delayMs, attempt) =>
      emit({ type: 'retry', url: server.tokenUrl, attempt, delayMs, reason }),
    tokenUrl: server.tokenUrl,
    clientId: server.clientId,
    ...(server.clientSecret === undefined ? {} : { clientSecret: server.clientSecret }),
    usesCertificate: server.usesCertificate,
    transport: options.transport,
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.random ? { random: options.random } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    now,
  })
}

function makeContext(
  options: SyncOptions,
  scope: SyncScope,
  state: SyncStateStore,
  emit: SyncEventListener,
  now: () => number,
  startedMs: number,
  tokens: TokenProvider,
): SyncContext {
  const client = new RorClient({
    transport: options.transport,
    tokens,
    headers: options.rorHeaders ?? DEFAULT_ROR_HEADERS,
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.random ? { random: options.random } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    now,
    onRetry: (notice) => emit({ type: 'retry', ...notice }),
  })
  const checkpointBase = {
    version: CHECKPOINT_VERSION,
    ...scope,
    startedAt: new Date(startedMs).toISOString(),
  }
  return {
    client,
    tokens,
    store: options.store,
    fhirBase: scope.server,
    profile: scope.profile,
    region: scope.region,
    state,
    emit,
    ...(options.signal ? { signal: options.signal } : {}),
    now,
    totals: { bytes: 0, units: 0, resumedUnits: 0 },
    pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE,
    exportMaxWaitMs: options.exportMaxWaitMs ?? 2 * 3600_000,
    resultCap: options.resultCap ?? 10_000,
    processor: options.unitProcessor ?? IN_THREAD_PROCESSOR,
    saveCheckpoint: (update) => state.saveCheckpoint({ ...checkpointBase, ...update }),
  }
}

/** Same versions everywhere, nothing hidden or removed: the same records. */
function isNoChange(c: SyncResult['changes']): boolean {
  return c !== undefined && c.added + c.updated + c.removed === 0
}
