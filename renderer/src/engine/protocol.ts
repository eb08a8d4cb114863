/**
 * Messages between the UI thread and the engine worker, as a handler map (CONVENTIONS 4):
 * each request type maps to its argument and result; events are a discriminated union.
 */
import type { Commune } from '../../../core/geo/gazetteer'
import type { SyncEvent } from '../../../core/sync/events'
import type { BrowserSyncRequest } from './sync-runner'
import type { SkippedReason, SnapshotManifest } from '../../../core/snapshot/manifest'
import type {
  AccessProfile,
  LocationRecord,
  OfferRecord,
  OrganizationRecord,
  PractitionerRecord,
  PractitionerRoleRecord,
  ResolvedPlacement,
} from '../../../core/snapshot/records'
import type {
  ActivitySuggestion,
  SearchResultItem,
  SearchTimings,
  StructureSuggestion,
} from '../../../core/search/types'

/** What the header shows: the active snapshot, or why there is none. */
export interface EngineStatus {
  manifest: SnapshotManifest | null
  activatedAt: string | null
  /** True when the active snapshot is the bundled fictitious demo. */
  isDemo: boolean
  offerCount: number
  /** Milliseconds from opening the store to a searchable index. */
  loadMs: number
  /** Cold start steps, in ms since `engine:open` (`openAtMs`: since the worker started). */
  startup?: Record<string, number>
  /** When the index became searchable, in ms since the engine worker started. */
  readyAtMs?: number
  /**
   * Whether the index was loaded as persisted, built from the records, kept from the previous
   * snapshot (a delta that changed no record), or there is none.
   */
  indexSource?: 'persisted' | 'built' | 'kept' | 'none'
  /**
   * The last snapshot file stored in IndexedDB in this session: records, total time, and its
   * parts — checking and decoding the chunks, writing them, verifying and activating.
   */
  lastStore?: {
    records: number
    ms: number
    decodeMs: number
    writeMs: number
    /** Building the search index from the records as they are stored. */
    indexMs: number
    activateMs: number
  }
}

/** Where the distance criterion starts. */
export type Origin =
  { kind: 'commune'; code: string } | { kind: 'point'; lat: number; lon: number; label?: string }

/** A search as the UI (and the URL) expresses it; the worker validates and resolves it. */
export interface UiQuery {
  activities?: string[]
  families?: string[]
  /** Patient age as typed: `9`, `18mo`, `3wk`, `10d`. */
  age?: string
  origin?: Origin
  radiusKm?: number
  text?: string
  fields?: string[]
  careModes?: string[]
  offerTypes?: string[]
  categories?: string[]
  publics?: string[]
  departements?: string[]
  regions?: string[]
  includeClosed?: boolean
}

/** A criterion the worker could not use, in French, naming the field. */
export interface QueryProblem {
  field: keyof UiQuery
  message: string
}

export interface SearchResponse {
  total: number
  /** First page of the list, in result order. */
  items: SearchResultItem[]
  /** One map point per placed match (nearest point to the origin), in result order. */
  points: { lat: Float32Array; lon: Float32Array; index: Uint32Array; ids: string[] }
  /** The resolved origin (commune centroid or clicked point), to draw the radius circle. */
  origin?: { lat: number; lon: number; label: string }
  problems: QueryProblem[]
  /**
   * When nothing matches: how many offers each criterion's removal would give, so the empty
   * state can say which criterion to loosen.
   */
  loosen: { criterion: LoosenableCriterion; total: number }[]
  timings: SearchTimings | null
}

/** Criteria the empty state can propose to relax. */
export type LoosenableCriterion =
  | 'activities'
  | 'age'
  | 'radius'
  | 'text'
  | 'fields'
  | 'careModes'
  | 'offerTypes'
  | 'categories'
  | 'publics'
  | 'departements'
  | 'regions'

export interface OfferDetail {
  offer: OfferRecord
  /** providedBy, then up the partOf chain: OI…, EG, EJ. */
  chain: OrganizationRecord[]
  locations: LocationRecord[]
  placement: ResolvedPlacement | undefined
  /** Other offers of the same structure (EG), by name. */
  siblings: { id: string; name: string; activities: string[] }[]
  professionals: { role: PractitionerRoleRecord; practitioner?: PractitionerRecord }[]
  manifest: SnapshotManifest
}

export type Suggestion =
  | { kind: 'activity'; value: ActivitySuggestion }
  | { kind: 'structure'; value: StructureSuggestion }
  | { kind: 'commune'; value: Commune }

export interface EngineHandlers {
  /** Opens the store; installs the demo snapshot when the store is empty. */
  'engine:open': (args: { demoUrl: string; communesUrl: string }) => EngineStatus
  'engine:status': (args: Record<string, never>) => EngineStatus
  'engine:search': (args: { query: UiQuery; limit: number }) => Promise<SearchResponse>
  /** A page of the search `query` (re-run in the worker when it is not the last one). */
  'engine:page': (args: {
    query: UiQuery
    offset: number
    limit: number
  }) => Promise<SearchResultItem[]>
  'engine:suggest': (args: {
    kind: Suggestion['kind']
    text: string
    limit: number
  }) => Promise<Suggestion[]>
  'engine:detail': (args: { offerId: string }) => Promise<OfferDetail | null>
  /** Every match of the last search as CSV for French Excel (BOM, `;`). */
  'engine:csv': (args: { query: UiQuery }) => Promise<string>
  /** Loads a snapshot file (bytes) into the inactive slot and activates it. */
  'engine:importSnapshot': (args: { bytes: ArrayBuffer; fileName: string }) => EngineStatus
  /** Raw FHIR files ($export NDJSON, Bundles) mapped for `profile` into a new snapshot. */
  'engine:importFhir': (args: { files: File[]; profile: AccessProfile }) => FhirImportSummary
  /** The active snapshot as a file. */
  'engine:exportSnapshot': (args: Record<string, never>) => ArrayBuffer
  /** Browser mode: syncs from a ROR server (or the local sandbox) into the inactive slot. */
  'engine:sync': (args: { request: BrowserSyncRequest }) => SyncSummary
  /**
   * The access profile was lowered: removes from the stored snapshot what `profile` may not
   * see (storage/narrow-slot.ts), atomically; the index is rebuilt from what is left.
   */
  'engine:narrow': (args: { profile: AccessProfile }) => EngineStatus
  /** Electron: the port on which main sends the snapshots it synced (transferred). */
  'engine:attachStoragePort': (args: { port: InstanceType<typeof MessagePort> }) => boolean
  /** Cancels the running sync; the previous snapshot stays active. */
  'engine:syncCancel': (args: Record<string, never>) => boolean
}

/** The result of an import of raw FHIR files. */
export interface FhirImportSummary {
  status: EngineStatus
  counts: Record<string, number>
  /** Items that could not be read or were invalid, and the first reasons. */
  skipped: number
  reasons: SkippedReason[]
  /** Elements removed because the profile may not hold them. */
  hiddenByProfile: number
}

/** What the sync panel shows once a sync has succeeded. */
export interface SyncSummary {
  mode: 'full' | 'delta'
  /** Why the sync was full (French), e.g. the ROR's weekly full-sync rule. */
  fullReasonText: string | null
  durationMs: number
  offers: number
  changes?: { added: number; updated: number; removed: number }
  /** Export files or delta pages taken from an interrupted sync instead of downloaded again. */
  resumedUnits: number
  status: EngineStatus
}

export type EngineRequestType = keyof EngineHandlers
export type EngineArgs<K extends EngineRequestType> = Parameters<EngineHandlers[K]>[0]
export type EngineResult<K extends EngineRequestType> = ReturnType<EngineHandlers[K]>

export interface EngineRequest<K extends EngineRequestType = EngineRequestType> {
  id: number
  type: K
  args: EngineArgs<K>
}

export type EngineResponse =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { name: string; message: string } }

/** Progress of long work (install of the demo, import, a snapshot from main, index build). */
export interface EngineProgressEvent {
  kind: 'progress'
  phase: 'read' | 'store' | 'index'
  done: number
  total: number
  /** What `done` and `total` count; absent: a step without counts (indeterminate). */
  unit?: 'files' | 'chunks' | 'records' | 'bytes'
  /** Seconds left, once the rate is known (work-progress.ts). */
  etaSeconds?: number
  message: string
}

export type EngineEvent =
  | EngineProgressEvent
  /** The long work that sent progress events is over, done or failed. */
  | { kind: 'idle' }
  | { kind: 'snapshot-changed'; status: EngineStatus }
  | { kind: 'sync'; event: SyncEvent }
