/**
 * The one IPC contract between the renderer and the main process.
 *
 * - Each channel is `domain:verb` and maps to a tuple of arguments (a zod schema: main
 *   parses every call with it, the renderer is not trusted) and a result type.
 * - The preload exposes one named function per channel ({@link PRELOAD_METHOD_BY_CHANNEL})
 *   and its object must `satisfies` {@link RorPreloadApi}; there is no generic `invoke`.
 * - Main → renderer notifications travel on a single channel as the {@link MainEvent}
 *   discriminated union.
 *
 * Results are plain data built by main (the more privileged side), so they are typed rather
 * than parsed. Expected failures come back as {@link IpcResultUnion} values, never as throws;
 * a rejected promise means a programming or security error (bad argument, wrong sender).
 */
import { z } from 'zod'
import type { AccessProfile } from '../snapshot/records'
import { settingsSchema } from './settings'
import type { Settings } from './settings'

export { DEFAULT_SETTINGS, SERVER_KINDS, SERVER_PRESETS, settingsSchema } from './settings'
export type { ServerKind, Settings } from './settings'

/** A failure the UI can show as is: `message` is French, says what happened and what to do. */
export interface UserFacingError {
  code: string
  message: string
}

/** Boundary result: success with a value, or a user-facing error. */
export type IpcResultUnion<T> = { ok: true; value: T } | { ok: false; error: UserFacingError }

// ---------------------------------------------------------------------------------------
// app:*

export interface AppInfo {
  version: string
  /** `process.platform` of the main process (`linux`, `win32`, `darwin`). */
  platform: string
  isPackaged: boolean
  electronVersion: string
}

// ---------------------------------------------------------------------------------------
// settings:*

export interface StoredSettings {
  settings: Settings
  /** Set when the stored file could not be used and defaults were returned (French). */
  notice: string | null
  /**
   * Set when the profile was changed to this one and this computer's IndexedDB copy may still
   * hold what it may not see (a crash cut the purge short): the renderer narrows its copy, then
   * calls `settings:completePurge` (main/purge-marker.ts).
   */
  pendingPurge?: AccessProfile
}

// ---------------------------------------------------------------------------------------
// credentials:* — secrets go in, only their presence comes out.

/** Largest certificate file accepted (a PKCS#12 with its chain is a few KiB). */
export const MAX_CERTIFICATE_BYTES = 256 * 1024

export const credentialsInputSchema = z.discriminatedUnion('kind', [
  /** OAuth2 client secret, used by access profile 0 (ROR-FHIR-NOTES §5.1). */
  z
    .object({ kind: z.literal('client-secret'), clientSecret: z.string().min(1).max(4096) })
    .strict(),
  /** IGC-Santé client certificate for mTLS, profiles 1–5: a PKCS#12 file or a PEM with key. */
  z
    .object({
      kind: z.literal('certificate'),
      format: z.enum(['pkcs12', 'pem']),
      data: z
        .instanceof(Uint8Array)
        .refine((bytes) => bytes.byteLength > 0 && bytes.byteLength <= MAX_CERTIFICATE_BYTES, {
          message: `fichier de certificat vide ou de plus de ${MAX_CERTIFICATE_BYTES} octets`,
        }),
      passphrase: z.string().max(1024).optional(),
      /** Name of the chosen file, for the messages (main names it in its errors). */
      fileName: z.string().min(1).max(255).optional(),
    })
    .strict(),
])
export type CredentialsInput = z.infer<typeof credentialsInputSchema>

export const CREDENTIAL_KINDS = ['client-secret', 'certificate', 'all'] as const
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number]

/** What main read from a certificate (never its key), for the settings screen. */
export interface CertificateSummary {
  /** Common name (CN) of the subject, or the whole subject when it has none. */
  subject: string
  /** Common name of the issuer (the CA that signed it), or its whole name. */
  issuer: string
  /** X.509 validity (notBefore, notAfter), ISO 8601. */
  notBefore: string
  notAfter: string
}

export interface CredentialsStatus {
  hasClientSecret: boolean
  certificate: {
    format: 'pkcs12' | 'pem'
    hasPassphrase: boolean
    /** The file it came from, when known. */
    fileName: string | null
    /** Null when the stored certificate can no longer be read (then it must be imported again). */
    summary: CertificateSummary | null
  } | null
  /**
   * How secrets are protected at rest: by the OS keychain (`os`), by Electron's fallback
   * with a fixed key when no keyring is available on Linux (`weak`, the UI warns), or not at
   * all because encryption is unavailable (`unavailable`: nothing can be stored).
   */
  protection: 'os' | 'weak' | 'unavailable'
}

// ---------------------------------------------------------------------------------------
// trust:* — CA certificates trusted besides the system store (a corporate TLS proxy, the
// IGC-Santé chain). Public data, not secrets: stored in clear by main, validated there.

export const extraCaInputSchema = z
  .object({
    fileName: z.string().min(1).max(255),
    data: z
      .instanceof(Uint8Array)
      .refine((bytes) => bytes.byteLength > 0 && bytes.byteLength <= MAX_CERTIFICATE_BYTES, {
        message: `fichier de certificat vide ou de plus de ${MAX_CERTIFICATE_BYTES} octets`,
      }),
  })
  .strict()
export type ExtraCaInput = z.infer<typeof extraCaInputSchema>

export interface TrustStatus {
  /** The added CA file (one or more certificates), or null when only the system store is used. */
  extraCa: { fileName: string; certificates: CertificateSummary[] } | null
}

// ---------------------------------------------------------------------------------------
// sync:* — deliberately generic; the sync engine (issue 5) refines these types.

export const syncStartRequestSchema = z
  .object({
    /** `auto` lets the engine choose (a delta, or a full sync when the ROR weekly rule asks). */
    mode: z.enum(['auto', 'full', 'delta']),
  })
  .strict()
export type SyncStartRequest = z.infer<typeof syncStartRequestSchema>

export interface SyncProgress {
  phase: string
  resourceType?: string
  done?: number
  total?: number
  bytes?: number
  etaSeconds?: number
  /** French text of the current step (core/sync events), e.g. « Téléchargement des 4 fichiers d’export ». */
  message?: string
  /** What `done` / `total` count: `files`, `pages`, `records` or `chunks`. */
  unit?: string
  /** Resources (or records) per second in this phase. */
  rate?: number
}

export type SyncOutcome =
  | {
      ok: true
      kind: 'full' | 'delta'
      finishedAt: string
      counts: Record<string, number>
      /** Why the sync was full (core/sync/mode.ts), and the French explanation for the UI. */
      fullReason?: string | null
      fullReasonText?: string
      /** Delta only: records added, updated, removed, unchanged, kept. */
      changes?: Record<string, number>
      /** Export files or delta pages reused from an interrupted sync (absent: none). */
      resumedUnits?: number
    }
  | { ok: false; finishedAt: string; error: UserFacingError; previousSnapshotKept: boolean }

/** What « Tester la connexion » found (main/connection-test.ts). */
export interface ConnectionTestResult {
  /** French summary, e.g. « Connexion réussie avec le profil 2 … ». */
  message: string
  /** `Bundle.total` of the probe search, when the server gives it. */
  total?: number
}

export type SyncStatus =
  | { state: 'idle'; last: SyncOutcome | null }
  | { state: 'running'; startedAt: string; progress: SyncProgress; last: SyncOutcome | null }

// ---------------------------------------------------------------------------------------
// The channel table.

/** Argument schemas, one per channel: the list of channels is the keys of this object. */
export const ipcArgSchemas = {
  'app:info': z.tuple([]),
  /** Opened only when core/security/url-trust says the URL is a trusted external site. */
  'app:openExternal': z.tuple([z.string().max(4096)]),
  'settings:get': z.tuple([]),
  'settings:set': z.tuple([settingsSchema]),
  /** This computer's copy was narrowed to this profile after a profile change. */
  'settings:completePurge': z.tuple([settingsSchema.shape.accessProfile]),
  'credentials:set': z.tuple([credentialsInputSchema]),
  'credentials:clear': z.tuple([z.enum(CREDENTIAL_KINDS)]),
  'credentials:status': z.tuple([]),
  'trust:status': z.tuple([]),
  'trust:setCa': z.tuple([extraCaInputSchema]),
  'trust:clearCa': z.tuple([]),
  'sync:start': z.tuple([syncStartRequestSchema]),
  'sync:cancel': z.tuple([]),
  'sync:status': z.tuple([]),
  /** Token request + one small FHIR search with the saved settings and stored secrets. */
  'sync:testConnection': z.tuple([]),
} as const

export type IpcChannel = keyof typeof ipcArgSchemas
export type IpcArgs<C extends IpcChannel> = z.infer<(typeof ipcArgSchemas)[C]>

/** Result of each channel; a missing entry is a compile error in {@link IpcContract}. */
export interface IpcResults {
  'app:info': AppInfo
  /** True when the URL was trusted and handed to the system browser. */
  'app:openExternal': boolean
  'settings:get': StoredSettings
  'settings:set': IpcResultUnion<Settings>
  /** `cleared`: no purge is pending any more. */
  'settings:completePurge': IpcResultUnion<{ cleared: boolean }>
  'credentials:set': IpcResultUnion<CredentialsStatus>
  'credentials:clear': IpcResultUnion<CredentialsStatus>
  'credentials:status': CredentialsStatus
  'trust:status': TrustStatus
  'trust:setCa': IpcResultUnion<TrustStatus>
  'trust:clearCa': IpcResultUnion<TrustStatus>
  'sync:start': IpcResultUnion<{ startedAt: string }>
  'sync:cancel': { wasRunning: boolean }
  'sync:status': SyncStatus
  'sync:testConnection': IpcResultUnion<ConnectionTestResult>
}
export type IpcResult<C extends IpcChannel> = IpcResults[C]

export type IpcContract = { [C in IpcChannel]: { args: IpcArgs<C>; result: IpcResult<C> } }

/** Every channel, for registration and exhaustiveness tests. */
export const IPC_CHANNELS = Object.keys(ipcArgSchemas) as IpcChannel[]

/** What main implements: one handler per channel, receiving already-validated arguments. */
export type IpcHandlers = {
  [C in IpcChannel]: (...args: IpcArgs<C>) => Promise<IpcResult<C>> | IpcResult<C>
}

// ---------------------------------------------------------------------------------------
// Main → renderer events.

/** The single channel events travel on. */
export const MAIN_EVENT_CHANNEL = 'main:event'
export type MainEventChannel = typeof MAIN_EVENT_CHANNEL

export type MainEvent =
  | { type: 'sync:progress'; progress: SyncProgress }
  | { type: 'sync:finished'; outcome: SyncOutcome }
  /** The disk is full: the sync stopped, the previous snapshot is kept (CONVENTIONS 9). */
  | { type: 'sync:quota-exceeded'; bytesNeeded: number; bytesAvailable?: number }

// ---------------------------------------------------------------------------------------
// The preload surface (`window.ror`).

/** Name of the object the preload exposes on `window`. */
export const PRELOAD_GLOBAL = 'ror'

/** The preload's function name for each channel: readable names, one per channel. */
export const PRELOAD_METHOD_BY_CHANNEL = {
  'app:info': 'appInfo',
  'app:openExternal': 'openExternal',
  'settings:get': 'getSettings',
  'settings:set': 'setSettings',
  'settings:completePurge': 'completePurge',
  'credentials:set': 'setCredentials',
  'credentials:clear': 'clearCredentials',
  'credentials:status': 'getCredentialsStatus',
  'trust:status': 'getTrustStatus',
  'trust:setCa': 'setExtraCa',
  'trust:clearCa': 'clearExtraCa',
  'sync:start': 'startSync',
  'sync:cancel': 'cancelSync',
  'sync:status': 'getSyncStatus',
  'sync:testConnection': 'testConnection',
} as const satisfies Record<IpcChannel, string>

/** `window.ror`: one named function per channel, plus the event subscription. */
export type RorPreloadApi = {
  readonly [C in IpcChannel as (typeof PRELOAD_METHOD_BY_CHANNEL)[C]]: (
    ...args: IpcArgs<C>
  ) => Promise<IpcResult<C>>
} & {
  /** Subscribes to main → renderer events; returns the unsubscribe function. */
  readonly onEvent: (listener: (event: MainEvent) => void) => () => void
}
