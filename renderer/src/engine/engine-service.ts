/**
 * The engine behind the UI, run in a dedicated worker so nothing blocks the UI thread:
 * owns the snapshot store (IndexedDB), the in-memory search index, the gazetteer and the
 * terminology. One instance per worker; the UI talks to it through `protocol.ts`.
 */
import { Gazetteer } from '../../../core/geo/gazetteer'
import {
  SnapshotEncoder,
  SnapshotReader,
  concatBytes,
  isCurrentChunkEncoding,
  liveCount,
} from '../../../core/snapshot/codec'
import type { ChunkKind } from '../../../core/snapshot/manifest'
import type { AccessProfile, DomainRecord, ResolvedPlacement } from '../../../core/snapshot/records'
import {
  indexDependencies,
  indexMeta,
  isIndexCurrent,
  tryDeserializeSearchIndex,
} from '../../../core/search/index-meta'
import { serializeSearchIndexParts } from '../../../core/search/persist'
import { resultsToCsv } from '../../../core/search/csv'
import type { SearchInputDeps } from '../../../core/search/input'
import { resultItem } from '../../../core/search/items'
import { matchAll, search } from '../../../core/search/search'
import { suggestActivities, suggestStructures } from '../../../core/search/suggest'
import type { MatchSet, SearchIndex, SearchResultItem } from '../../../core/search/types'
import { loadBundledTerminology } from '../../../core/terminology/bundled'
import type { Terminology } from '../../../core/terminology/terminology'
import type { RorDatabase, SlotId } from '../storage/db'
import { serveSnapshotTransfers } from '../storage/snapshot-receiver'
import { SnapshotRepository } from '../storage/snapshots'
import type {
  MainToStorage,
  StorageToMain,
  TransferPort,
} from '../../../core/ipc/snapshot-transfer'
import type { SyncEvent } from '../../../core/sync/events'
import { baseIdentity } from '../../../core/sync/snapshot-store'
import { DetailLoader } from './detail-loader'
import { IndexFeed, INDEX_KINDS, INDEX_PASSES } from './index-records'
import { canStartSyncWorker, runSyncInWorker } from './sync-worker-client'
import type {
  FhirImportSummary,
  EngineEvent,
  EngineStatus,
  LoosenableCriterion,
  SyncSummary,
  OfferDetail,
  SearchResponse,
  Suggestion,
  UiQuery,
} from './protocol'
import { resolveQuery } from './query'
import type { BrowserSyncRequest } from './sync-runner'
import { WorkProgress } from './work-progress'

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {}
  const promise = new Promise<void>((r) => {
    resolve = r
  })
  return { promise, resolve }
}

/** One resolved and matched search, kept for its list pages and its CSV. */
interface Run {
  key: string
  matches: MatchSet
  now: number
  origin?: { lat: number; lon: number; label: string }
  problems: SearchResponse['problems']
}

/** How the worker reaches bundled files (fetch in the app, the file system in tests). */
export interface EngineLoaders {
  bytes(url: string): Promise<Uint8Array>
  json(url: string): Promise<unknown>
}

/** Raised for a user-facing failure; its message is French and says what to do. */
export class EngineError extends Error {
  override name = 'EngineError'
}

const ACTIVITIES = 'JDV_J17-ActiviteOperationnelle-ROR'

const LOOSENABLE: readonly LoosenableCriterion[] = [
  'activities',
  'age',
  'radius',
  'text',
  'fields',
  'careModes',
  'offerTypes',
  'categories',
  'publics',
  'departements',
  'regions',
]

/** `query` without one criterion, or undefined when the criterion is not set. */
function withoutCriterion(query: UiQuery, criterion: LoosenableCriterion): UiQuery | undefined {
  const next = { ...query }
  switch (criterion) {
    case 'activities':
      if (!query.activities?.length && !query.families?.length) return undefined
      delete next.activities
      delete next.families
      return next
    case 'age':
    case 'text':
      if (!query[criterion]) return undefined
      delete next[criterion]
      return next
    case 'radius':
      if (!query.origin || query.radiusKm === undefined) return undefined
      // Twice the radius, rather than none: « élargir le rayon » keeps the place meaningful.
      next.radiusKm = query.radiusKm * 2
      return next
    default:
      if (!query[criterion]?.length) return undefined
      delete next[criterion]
      return next
  }
}

export class EngineService {
  private readonly repo: SnapshotRepository
  private gazetteer: Gazetteer | undefined
  private gazetteerReady: Promise<Gazetteer> | undefined
  /** What identifies the bundled communes in the index meta (their hashed asset URL). */
  private communesIdentity = ''
  private terminology: Terminology | undefined
  private index: SearchIndex | undefined
  private details: DetailLoader | undefined
  private status: EngineStatus = {
    manifest: null,
    activatedAt: null,
    isDemo: false,
    offerCount: 0,
    loadMs: 0,
  }
  /** The last search, kept so list pages and the CSV do not re-run it. */
  private last: Run | undefined

  constructor(
    private readonly db: RorDatabase,
    private readonly loaders: EngineLoaders,
    private readonly emit: (event: EngineEvent) => void = () => {},
  ) {
    this.repo = new SnapshotRepository(db)
  }

  /** Idempotent: the first call loads everything, later calls return the current status. */
  async open(args: { demoUrl: string; communesUrl: string }): Promise<EngineStatus> {
    this.opening ??= this.working(() => this.load(args))
    this.opening.then(
      () => this.opened.resolve(),
      () => this.opened.resolve(),
    )
    return this.opening
  }

  /** Resolves once `open` has finished (the demo, if any, is installed by then). */
  private readonly opened = deferred()
  private stopServing: (() => void) | undefined

  /**
   * Electron: snapshots synced by main arrive on `port` (core/ipc/snapshot-transfer.ts) and
   * are written into the inactive slot; once one is activated the index is rebuilt from it.
   * Transfers are served only after `open`, so they never race the first start's demo install.
   */
  attachStoragePort(port: TransferPort<StorageToMain, MainToStorage>): void {
    this.stopServing?.()
    let stopped = false
    this.stopServing = () => {
      stopped = true
    }
    void this.opened.promise.then(() => {
      if (stopped) return
      this.stopServing = serveSnapshotTransfers(port, this.repo, {
        onActivated: (_manifest, sameRecordsAs) => {
          void this.working(() => this.snapshotReplaced(undefined, sameRecordsAs, true))
        },
        onProgress: (received, expected) => this.receiving(received, expected),
        onFailed: () => this.emit({ kind: 'idle' }),
      })
    })
  }

  /**
   * A new snapshot became active (sync, import, purge, transfer from main): makes it
   * searchable (with `built`, when the caller built its index while storing it), then tells
   * the UI.
   */
  private async snapshotReplaced(
    built?: SearchIndex,
    sameRecordsAs?: string,
    servePrevious = false,
  ): Promise<EngineStatus> {
    // A delta that changed no record (same versions everywhere: the same records) of the
    // snapshot this index serves: the index is the new snapshot's; kept, not rebuilt (~25 s).
    const previous = this.status.manifest
    const kept =
      !built &&
      sameRecordsAs !== undefined &&
      previous !== null &&
      this.index !== undefined &&
      baseIdentity(previous) === sameRecordsAs
    const status = await this.reload(kept ? this.index : built, undefined, kept, servePrevious)
    this.opening = Promise.resolve(status)
    this.emit({ kind: 'snapshot-changed', status })
    return status
  }

  private opening: Promise<EngineStatus> | undefined

  /** Runs long work that reports progress, then says it is over (done or failed). */
  private async working<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work()
    } finally {
      this.emit({ kind: 'idle' })
    }
  }

  private receipt: WorkProgress | undefined

  /** A snapshot from main (Electron) being stored: chunk `received` of `expected`. */
  private receiving(received: number, expected: number): void {
    if (received === 0 || !this.receipt) {
      this.receipt = new WorkProgress(
        (event) => this.emit(event),
        { phase: 'store', unit: 'chunks', message: 'Réception de l’instantané synchronisé' },
        expected,
      )
    }
    if (received > 0) this.receipt.advance()
    if (received >= expected) this.receipt = undefined
  }

  private async load(args: { demoUrl: string; communesUrl: string }): Promise<EngineStatus> {
    // The stored index is read while the communes and the terminology load (cold start).
    const since = (t0: number) => Math.round(performance.now() - t0)
    const t0 = performance.now()
    const startup: Record<string, number> = { openAtMs: Math.round(t0) }
    const active = this.repo.active()
    const stored = active.then(async (a) => {
      const bytes = a ? await this.repo.searchIndex(a.slot) : undefined
      startup.indexReadMs = since(t0)
      return bytes
    })
    stored.catch(() => undefined) // awaited below; read again by reload() if it failed
    // The communes are not needed to search a persisted index: they load meanwhile, and
    // only what needs them (a commune origin, commune suggestions, an index build) waits.
    this.gazetteerReady = this.loaders.json(args.communesUrl).then((file) => {
      this.gazetteer = new Gazetteer(file)
      startup.communesMs = since(t0)
      return this.gazetteer
    })
    this.gazetteerReady.catch(() => undefined) // reported where it is awaited
    this.communesIdentity = args.communesUrl
    this.terminology = await loadBundledTerminology()
    startup.terminologyMs = since(t0)
    if (!(await active)) {
      // First start: the bundled demo snapshot, so a new user can search at once.
      return this.reload(await this.install(await this.loaders.bytes(args.demoUrl)))
    }
    const status = await this.reload(undefined, await stored.catch(() => undefined))
    this.status = { ...status, startup }
    return this.status
  }

  /** The gazetteer, once loaded; a French error when the bundled communes cannot be read. */
  private async needGazetteer(): Promise<Gazetteer> {
    if (this.gazetteer) return this.gazetteer
    if (!this.gazetteerReady) throw new EngineError('Le moteur n’est pas encore ouvert.')
    try {
      return await this.gazetteerReady
    } catch (error) {
      throw new EngineError(
        `Les communes embarquées n’ont pas pu être lues (${(error as Error).message}) : ` +
          'la recherche par commune est indisponible. Réinstallez l’application.',
      )
    }
  }

  currentStatus(): EngineStatus {
    return this.status
  }

  private syncing: AbortController | undefined

  /**
   * Browser-mode sync into the inactive slot (core/sync through sync-runner.ts), then the
   * index is rebuilt from the new active snapshot. On failure or cancel the previous snapshot
   * stays active; the error (a SyncError) carries a French message saying so.
   */
  async sync(request: BrowserSyncRequest): Promise<SyncSummary> {
    if (this.syncing) throw new EngineError('Une synchronisation est déjà en cours.')
    const controller = new AbortController()
    this.syncing = controller
    try {
      const gazetteer = await this.needGazetteer()
      const options = {
        signal: controller.signal,
        onEvent: (event: SyncEvent) => this.emit({ kind: 'sync', event }),
      }
      // Loaded on first use: the sync engine is not needed to start searching (cold start).
      const { fullReasonText } = await import('../../../core/sync/mode')
      // In a worker of its own where one can start: its memory is all back before the index.
      const result =
        canStartSyncWorker() && this.communesIdentity !== ''
          ? await runSyncInWorker(request, this.communesIdentity, options)
          : await (
              await import('./sync-runner')
            ).runBrowserSync(this.db, request, {
              ...options,
              communeCentroid: (code: string) => gazetteer.centroid(code),
            })
      // The previous index is dropped before the new one is built: holding both took a
      // default Chromium's renderer from 1.6 to 2.2 GB (bench sync-browser). The sync panel
      // says the sync is still running meanwhile.
      const status = await this.snapshotReplaced(undefined, result.sameRecordsAs)
      return {
        mode: result.mode,
        fullReasonText: result.fullReason ? fullReasonText(result.fullReason) : null,
        durationMs: result.durationMs,
        offers: result.manifest.counts.offer,
        ...(result.changes ? { changes: result.changes } : {}),
        resumedUnits: result.resumedUnits,
        status,
      }
    } finally {
      this.syncing = undefined
      this.emit({ kind: 'idle' })
    }
  }

  cancelSync(): boolean {
    if (!this.syncing) return false
    this.syncing.abort()
    return true
  }

  /**
   * Lowers the stored snapshot to `profile` (nothing it may not see stays in IndexedDB), then
   * searches what is left. Refused during a sync, which would write the other slot.
   */
  async narrow(profile: AccessProfile): Promise<EngineStatus> {
    if (this.syncing) {
      throw new EngineError(
        'Une synchronisation est en cours : changez de profil une fois celle-ci terminée.',
      )
    }
    return this.working(() => this.narrowNow(profile))
  }

  private async narrowNow(profile: AccessProfile): Promise<EngineStatus> {
    try {
      const { narrowActiveSnapshot } = await import('../storage/narrow-slot')
      await narrowActiveSnapshot(this.repo, profile, (done, total) =>
        this.emit({
          kind: 'progress',
          phase: 'store',
          unit: 'chunks',
          done,
          total,
          message: 'Suppression des données hors du nouveau profil',
        }),
      )
    } catch (error) {
      throw new EngineError(
        `Les données n’ont pas pu être réduites au profil ${profile} : ${(error as Error).message} ` +
          'L’instantané précédent est conservé ; réessayez ou supprimez les données locales.',
      )
    }
    return this.snapshotReplaced()
  }

  /**
   * Raw FHIR files (`$export` output, Bundles): mapped for `profile` into a new snapshot,
   * stored in the inactive slot and activated. Nothing is activated without an offer.
   */
  async importFhir(files: readonly File[], profile: AccessProfile): Promise<FhirImportSummary> {
    if (this.syncing) {
      throw new EngineError(
        'Une synchronisation est en cours : importez les fichiers une fois terminée.',
      )
    }
    return this.working(() => this.importFhirNow(files, profile))
  }

  private async importFhirNow(
    files: readonly File[],
    profile: AccessProfile,
  ): Promise<FhirImportSummary> {
    const names = files.map((f) => `« ${f.name} »`).join(', ')
    const gazetteer = await this.needGazetteer()
    const { snapshotFromFhirFiles } = await import('./fhir-import')
    const built = await snapshotFromFhirFiles(
      files,
      profile,
      (code) => gazetteer.centroid(code),
      (done, total, name) =>
        this.emit({
          kind: 'progress',
          phase: 'read',
          unit: 'files',
          done,
          total,
          message: `Lecture de ${name}`,
        }),
    )
    const skipped = built.stats.skipped.count
    if (built.stats.counts.offer === 0) {
      throw new EngineError(
        `Aucune offre (HealthcareService) utilisable dans ${names}` +
          (skipped === 1 ? ' (1 élément illisible ou invalide)' : '') +
          (skipped > 1 ? ` (${skipped} éléments illisibles ou invalides)` : '') +
          ' : choisissez les fichiers de sortie d’un $export du ROR (NDJSON) ou un Bundle FHIR. ' +
          'L’instantané actif n’a pas été modifié.',
      )
    }
    let index: SearchIndex
    try {
      index = await this.install(built.bytes)
    } catch (error) {
      throw new EngineError(
        `Les fichiers ${names} n’ont pas été importés : ${(error as Error).message} ` +
          'L’instantané actif n’a pas été modifié.',
      )
    }
    const status = await this.snapshotReplaced(index)
    return {
      status,
      counts: built.stats.counts,
      skipped,
      reasons: built.stats.skipped.reasons.slice(0, 5),
      hiddenByProfile: built.stats.hiddenByProfile,
    }
  }

  /** Validates a snapshot file, stores it in the inactive slot and activates it. */
  async importSnapshot(bytes: Uint8Array, fileName: string): Promise<EngineStatus> {
    if (this.syncing) {
      throw new EngineError(
        'Une synchronisation est en cours : importez le fichier une fois terminée.',
      )
    }
    return this.working(() => this.importSnapshotNow(bytes, fileName))
  }

  private async importSnapshotNow(bytes: Uint8Array, fileName: string): Promise<EngineStatus> {
    let index: SearchIndex
    try {
      index = await this.install(bytes)
    } catch (error) {
      throw new EngineError(
        `Le fichier « ${fileName} » n’a pas été importé : ${(error as Error).message} ` +
          'L’instantané actif n’a pas été modifié.',
      )
    }
    return this.snapshotReplaced(index)
  }

  private lastStore: EngineStatus['lastStore']

  /**
   * Stores a snapshot file in the inactive slot — each chunk's compressed bytes as they are,
   * after its CRC-32 and records are checked — and activates it. Returns its search index,
   * built from the records as they are stored (so they are not read back): the chunks the
   * offers refer to are stored first, then the offers (index-records.ts `IndexFeed`).
   */
  private async install(bytes: Uint8Array): Promise<SearchIndex> {
    const started = performance.now()
    const reader = new SnapshotReader(bytes)
    // An older format's bytes would be read as the current one: re-encode those instead.
    const current = isCurrentChunkEncoding(reader.formatVersion)
    const chunks = reader.header.chunks
    const isOffer = (i: number) => chunks[i]?.kind === 'offer'
    const offerChunks = [...chunks.keys()].filter(isOffer)
    const order = [...chunks.keys()].filter((i) => !isOffer(i)).concat(offerChunks)
    const feed = new IndexFeed(await this.indexDeps())
    const writer = await this.repo.beginWrite()
    // Weighed by compressed size: an offer chunk (decoded, then fed to the index) costs
    // several times a placement chunk; counted in chunks the ETA was off by half.
    const progress = new WorkProgress(
      (event) => this.emit(event),
      { phase: 'store', unit: 'bytes', message: 'Enregistrement de l’instantané' },
      chunks.reduce((n, c) => n + c.length, 0),
    )
    const spent = { decodeMs: 0, writeMs: 0, indexMs: 0, activateMs: 0 }
    const lap = (part: keyof typeof spent, since: number) => {
      const now = performance.now()
      spent[part] += now - since
      return now
    }
    try {
      for (const i of order) {
        const info = chunks[i]
        if (!info) continue
        if (i === offerChunks[0]) {
          feed.startOffers(offerChunks.reduce((n, c) => n + liveCount(chunks[c]!), 0))
        }
        let t = performance.now()
        const records = reader.chunk(i)
        t = lap('decodeMs', t)
        if (current) {
          const { kind, count, crc32, dead } = info
          await writer.writeEncodedChunk(
            { kind, count, crc32, bytes: reader.chunkBytes(i), ...(dead ? { dead } : {}) },
            records,
            info.layer ?? 0,
          )
        } else {
          await writer.writeChunk(info.kind, records)
        }
        t = lap('writeMs', t)
        feed.see(info.kind, records)
        lap('indexMs', t)
        progress.advance(info.length)
      }
      this.emit({
        kind: 'progress',
        phase: 'index',
        done: 0,
        total: 1,
        message: 'Enregistrement de l’instantané : index de recherche…',
      })
      // Finished before the activation: an index that cannot be built activates nothing.
      const finishing = performance.now()
      const index = feed.finish()
      const t = lap('indexMs', finishing)
      await writer.activate(reader.manifest)
      lap('activateMs', t)
      const records = Object.values(reader.manifest.counts).reduce((a, b) => a + b, 0)
      const round = (ms: number) => Math.round(ms)
      this.lastStore = {
        records,
        ms: round(performance.now() - started),
        decodeMs: round(spent.decodeMs),
        writeMs: round(spent.writeMs),
        indexMs: round(spent.indexMs),
        activateMs: round(spent.activateMs),
      }
      return index
    } catch (error) {
      await writer.abort()
      throw error
    }
  }

  /**
   * Makes the active snapshot searchable: its persisted index when it is current, else an
   * index built from its records (`built` when the caller just built it) and persisted.
   *
   * With `servePrevious` (a snapshot sent by main: the desktop app, whose renderer runs with
   * V8 flags that keep both indexes under 1.5 GB), the previous snapshot's index and details
   * keep answering until the new index is ready (~25 s to build at national scale), then both
   * change at once — unless the access profile changed: nothing above the new profile is
   * served once it is active.
   */
  private async reload(
    built?: SearchIndex,
    storedIndex?: Uint8Array,
    kept = false,
    servePrevious = false,
  ): Promise<EngineStatus> {
    const t0 = performance.now()
    const active = await this.repo.active()
    const sameProfile = this.status.manifest?.accessProfile === active?.manifest.accessProfile
    if (!servePrevious || !sameProfile) {
      this.index = undefined
      this.details = undefined
      this.last = undefined
    }
    let index: SearchIndex | undefined
    let details: DetailLoader | undefined
    let indexSource: EngineStatus['indexSource'] = 'none'
    if (active) {
      const meta = indexMeta(
        `${active.manifest.checksum.value}@${active.activatedAt}`,
        this.terminology ? indexDependencies(this.terminology, this.communesIdentity) : 'none',
      )
      if (!built) index = await this.persistedIndex(active.slot, meta, storedIndex)
      indexSource = 'persisted'
      if (!index) {
        index = built ?? (await this.buildIndex())
        indexSource = built && kept ? 'kept' : 'built'
        await this.persistIndex(active.slot, index, meta)
      }
      details = new DetailLoader(this.repo, active.slot, active.manifest)
    }
    // The new snapshot becomes searchable all at once.
    this.index = index
    this.details = details
    this.last = undefined
    this.status = {
      manifest: active?.manifest ?? null,
      activatedAt: active?.activatedAt ?? null,
      isDemo: active?.manifest.source.kind === 'demo',
      offerCount: this.index?.size ?? 0,
      loadMs: Math.round(performance.now() - t0),
      readyAtMs: Math.round(performance.now()),
      indexSource,
      ...(this.lastStore ? { lastStore: this.lastStore } : {}),
    }
    this.emit({ kind: 'progress', phase: 'index', done: 1, total: 1, message: 'Index prêt' })
    return this.status
  }

  private async persistedIndex(
    slot: SlotId,
    meta: Record<string, unknown>,
    prefetched?: Uint8Array,
  ): Promise<SearchIndex | undefined> {
    const bytes = prefetched ?? (await this.repo.searchIndex(slot))
    return bytes && isIndexCurrent(bytes, meta) ? tryDeserializeSearchIndex(bytes) : undefined
  }

  /** Builds the active snapshot's index, reading its offers one chunk at a time. */
  private async buildIndex(): Promise<SearchIndex> {
    const counts = (await this.repo.active())?.manifest.counts
    const records = INDEX_KINDS.reduce((n, kind) => n + (counts?.[kind] ?? 0), 0)
    const progress = new WorkProgress(
      (event) => this.emit(event),
      { phase: 'index', unit: 'records', message: 'Construction de l’index de recherche' },
      records,
    )
    const feed = new IndexFeed(await this.indexDeps())
    await this.repo.forEachActiveChunkInPasses(
      INDEX_PASSES,
      (kind, chunk) => {
        feed.see(kind, chunk)
        progress.advance(chunk.length)
      },
      (_, live) => feed.startOffers(live.offer),
    )
    // The end of the build (name order, text index: ~10 % of its time) has no count.
    this.emit({
      kind: 'progress',
      phase: 'index',
      done: 0,
      total: 1,
      message: 'Construction de l’index de recherche : tri et index du texte…',
    })
    return feed.finish()
  }

  /** What the index is built with besides the records. */
  private async indexDeps(): Promise<SearchInputDeps> {
    const gazetteer = await this.needGazetteer()
    return { ...(this.terminology ? { terminology: this.terminology } : {}), gazetteer }
  }

  /** Stores the index for the next start; failing to (e.g. a full disk) is not fatal. */
  private async persistIndex(
    slot: SlotId,
    index: SearchIndex,
    meta: Record<string, unknown>,
  ): Promise<void> {
    try {
      await this.repo.saveSearchIndex(slot, serializeSearchIndexParts(index, meta))
    } catch (error) {
      console.warn(
        'Index de recherche non enregistré (il sera reconstruit au prochain démarrage)',
        error,
      )
    }
  }

  async search(query: UiQuery, limit: number): Promise<SearchResponse> {
    await this.communesFor(query)
    const index = this.requireIndex()
    const { matches, origin, problems } = this.run(query)
    const n = matches.offers.length
    const lat = new Float32Array(n)
    const lon = new Float32Array(n)
    const which = new Uint32Array(n)
    const ids: string[] = []
    let placed = 0
    for (let k = 0; k < n; k++) {
      const point = this.pointOf(index, matches, k)
      if (point < 0) continue
      lat[placed] = index.pointLat[point] ?? 0
      lon[placed] = index.pointLon[point] ?? 0
      which[placed++] = k
      ids.push(index.offerIds[matches.offers[k] ?? 0] ?? '')
    }
    return {
      total: n,
      items: this.items(query, 0, limit),
      points: {
        lat: lat.slice(0, placed),
        lon: lon.slice(0, placed),
        index: which.slice(0, placed),
        ids,
      },
      ...(origin ? { origin } : {}),
      problems,
      loosen: n === 0 ? this.loosen(query) : [],
      timings: matches.timings,
    }
  }

  /** For an empty result: the count with each present criterion removed, best first. */
  private loosen(query: UiQuery): SearchResponse['loosen'] {
    const index = this.requireIndex()
    const out: SearchResponse['loosen'] = []
    for (const criterion of LOOSENABLE) {
      const relaxed = withoutCriterion(query, criterion)
      if (!relaxed) continue
      const { query: resolved } = resolveQuery(relaxed, this.gazetteer)
      // Only a count is needed: `search` with no page skips sorting the matches.
      const total = search(index, { ...resolved, limit: 0 }).total
      if (total > 0) out.push({ criterion, total })
    }
    return out.sort((a, b) => b.total - a.total)
  }

  /** Runs `query`, or reuses the last run when it is the same query. */
  private run(query: UiQuery): Run {
    const key = JSON.stringify(query)
    if (this.last?.key === key) return this.last
    const index = this.requireIndex()
    const { query: resolved, origin, problems } = resolveQuery(query, this.gazetteer)
    const now = Date.now()
    const matches = matchAll(index, { ...resolved, now })
    this.last = { key, matches, now, problems, ...(origin ? { origin } : {}) }
    return this.last
  }

  /** A commune origin is resolved with the gazetteer: wait for it then. */
  private async communesFor(query: UiQuery): Promise<void> {
    if (query.origin?.kind === 'commune') await this.needGazetteer()
  }

  /** Items `offset…offset+limit` of a search, for the virtualised list. */
  async page(query: UiQuery, offset: number, limit: number): Promise<SearchResultItem[]> {
    await this.communesFor(query)
    return this.items(query, offset, limit)
  }

  private items(query: UiQuery, offset: number, limit: number): SearchResultItem[] {
    const index = this.requireIndex()
    const { matches, now } = this.run(query)
    const end = Math.min(matches.offers.length, offset + limit)
    const items: SearchResultItem[] = []
    for (let k = Math.max(0, offset); k < end; k++) {
      items.push(
        resultItem(
          index,
          matches.offers[k] ?? 0,
          this.pointOf(index, matches, k),
          matches.distanceKm[k] ?? NaN,
          now,
        ),
      )
    }
    return items
  }

  /** The point shown for match k: nearest to the origin, else the offer's first point. */
  private pointOf(index: SearchIndex, matches: MatchSet, k: number): number {
    const nearest = matches.nearestPoint[k] ?? -1
    if (nearest >= 0) return nearest
    const row = matches.offers[k] ?? 0
    const first = index.pointOffsets[row] ?? 0
    return first < (index.pointOffsets[row + 1] ?? 0) ? first : -1
  }

  async suggest(kind: Suggestion['kind'], text: string, limit: number): Promise<Suggestion[]> {
    if (kind === 'commune') {
      const gazetteer = await this.needGazetteer()
      return gazetteer.search(text, limit).map((value) => ({ kind, value }))
    }
    const index = this.requireIndex()
    if (kind === 'activity') {
      return suggestActivities(index, text, limit).map((value) => ({ kind, value }))
    }
    return suggestStructures(index, text, limit).map((value) => ({ kind, value }))
  }

  async detail(offerId: string): Promise<OfferDetail | null> {
    if (!this.details) return null
    return this.details.detail(offerId, this.requireIndex())
  }

  async csv(query: UiQuery): Promise<string> {
    await this.communesFor(query)
    const items = this.items(query, 0, this.run(query).matches.offers.length)
    const terminology = this.terminology
    return resultsToCsv(items, terminology && ((code) => terminology.label(ACTIVITIES, code)))
  }

  /** Re-encodes the active snapshot into a file (for air-gapped machines). */
  /**
   * The active snapshot as a file: its rows as stored (nothing decoded, dead lists, layers and
   * sync facts kept — a delta on the exported file can be an overlay), or, for a slot that
   * cannot be read so, its records encoded again.
   */
  async exportSnapshot(): Promise<Uint8Array> {
    const file = await this.repo.activeAsFile()
    if (file) return concatBytes(file.parts)
    const encoder = new SnapshotEncoder()
    const active = await this.repo.forEachActiveChunk((kind: ChunkKind, records) => {
      encoder.add(kind, records as (DomainRecord | ResolvedPlacement)[])
    })
    if (!active) throw new EngineError('Aucun instantané actif à exporter.')
    const { formatVersion: _v, counts: _c, checksum: _s, ...manifest } = active.manifest
    const parts = encoder.finish(manifest)
    return concatBytes(parts)
  }

  private requireIndex(): SearchIndex {
    if (!this.index) throw new EngineError('Le moteur de recherche n’est pas encore prêt.')
    return this.index
  }
}
