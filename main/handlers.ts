/**
 * The implementation of each IPC channel, built from injected dependencies so it runs under
 * Node in tests. Arguments arrive already validated by main/ipc.ts.
 */
import type {
  AppInfo,
  ConnectionTestResult,
  IpcHandlers,
  IpcResultUnion,
  Settings,
  StoredSettings,
  SyncStatus,
  TrustStatus,
} from '../core/ipc/contract'
import { parseTrustedExternalUrl } from '../core/security/url-trust'
import type { AccessProfile } from '../core/snapshot/records'
import type { CredentialsStore } from './credentials-store'
import type { SettingsStore } from './settings-store'
import type { TrustStore } from './trust-store'

/** The sync service main will host (issue 5); until then {@link UNAVAILABLE_SYNC}. */
export interface SyncService {
  start: IpcHandlers['sync:start']
  cancel: IpcHandlers['sync:cancel']
  status: () => SyncStatus
}

/** Placeholder until the sync engine lands: says so plainly instead of pretending. */
export const UNAVAILABLE_SYNC: SyncService = {
  start: () => ({
    ok: false,
    error: {
      code: 'sync-unavailable',
      message:
        "La synchronisation n'est pas encore disponible dans cette version. Les données " +
        'hors ligne actuelles restent utilisables.',
    },
  }),
  cancel: () => ({ wasRunning: false }),
  status: () => ({ state: 'idle', last: null }),
}

export interface HandlerDependencies {
  appInfo: AppInfo
  /** `shell.openExternal`. */
  openExternal: (url: string) => Promise<void>
  settings: Pick<SettingsStore, 'read' | 'write'>
  credentials: Pick<CredentialsStore, 'status' | 'set' | 'clear'>
  sync: SyncService
  /**
   * `settings:set` when saving has consequences (main/desktop-sync.ts: schedule, purge on a
   * lowered profile); the plain store otherwise.
   */
  applySettings?: (settings: Settings) => Promise<IpcResultUnion<Settings>>
  /** `settings:get` with the pending purge (main/desktop-sync.ts); the plain store otherwise. */
  readSettings?: () => Promise<StoredSettings>
  /** `settings:completePurge` (main/desktop-sync.ts); without it nothing is ever pending. */
  completePurge?: (profile: AccessProfile) => Promise<IpcResultUnion<{ cleared: boolean }>>
  /** Extra trusted CAs (main/trust-store.ts); without it only the system store is used. */
  trust?: Pick<TrustStore, 'status' | 'set' | 'clear'>
  /** `sync:testConnection` (main/connection-test.ts with the saved settings and secrets). */
  testConnection?: () => Promise<IpcResultUnion<ConnectionTestResult>>
}

const NO_TRUST_STORE: IpcResultUnion<TrustStatus> = {
  ok: false,
  error: {
    code: 'trust-unavailable',
    message: "L'ajout d'autorités de certification n'est pas disponible dans cette version.",
  },
}

const UNAVAILABLE_TEST: IpcResultUnion<ConnectionTestResult> = {
  ok: false,
  error: {
    code: 'sync-unavailable',
    message: "Le test de connexion n'est pas disponible dans cette version.",
  },
}

export function createIpcHandlers(deps: HandlerDependencies): IpcHandlers {
  return {
    'app:info': () => deps.appInfo,
    'app:openExternal': async (url) => {
      const trusted = parseTrustedExternalUrl(url)
      if (trusted === null) {
        console.warn(`Lien externe refusé (hors liste de confiance) : ${url.slice(0, 200)}`)
        return false
      }
      try {
        await deps.openExternal(trusted.href)
        return true
      } catch (error) {
        console.error(`Ouverture dans le navigateur impossible : ${trusted.href}`, error)
        return false
      }
    },
    'settings:get': () => (deps.readSettings ?? (() => deps.settings.read()))(),
    'settings:set': (settings) => (deps.applySettings ?? ((s) => deps.settings.write(s)))(settings),
    'settings:completePurge': (profile) =>
      deps.completePurge?.(profile) ?? { ok: true, value: { cleared: true } },
    'credentials:set': (input) => deps.credentials.set(input),
    'credentials:clear': (kind) => deps.credentials.clear(kind),
    'credentials:status': () => deps.credentials.status(),
    'trust:status': () => deps.trust?.status() ?? { extraCa: null },
    'trust:setCa': (input) => deps.trust?.set(input) ?? NO_TRUST_STORE,
    'trust:clearCa': () => deps.trust?.clear() ?? NO_TRUST_STORE,
    'sync:start': (request) => deps.sync.start(request),
    'sync:cancel': () => deps.sync.cancel(),
    'sync:status': () => deps.sync.status(),
    'sync:testConnection': () => deps.testConnection?.() ?? UNAVAILABLE_TEST,
  }
}
