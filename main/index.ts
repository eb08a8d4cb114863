/**
 * Main process entry: wiring only. Every policy lives in its own module (and is tested
 * there); this file is the one place that loads `electron` and hands its objects over.
 */
import path from 'node:path'
import type { MessagePortMain } from 'electron'
import {
  BrowserWindow,
  MessageChannelMain,
  app,
  dialog,
  ipcMain,
  protocol,
  safeStorage,
  session,
  shell,
} from 'electron'
import type { MainEvent } from '../core/ipc/contract'
import { APP_ENTRY_URL } from '../core/security/url-trust'
import { findCommunesFile, loadCommuneCentroids } from './communes'
import { testConnection } from './connection-test'
import { CredentialsStore } from './credentials-store'
import { buildContentSecurityPolicy } from './csp'
import { showFatalError } from './fatal-error'
import type { FatalErrorKind } from './fatal-error'
import { DesktopSyncController } from './desktop-sync'
import { PurgeMarker } from './purge-marker'
import { UNAVAILABLE_SYNC, createIpcHandlers, type SyncService } from './handlers'
import { registerIpcHandlers, sendMainEvent } from './ipc'
import { registerAppSchemePrivileges, serveAppProtocol } from './protocol'
import { applyRendererJsFlags } from './renderer-memory'
import { hardenSession, hardenWebContents } from './security'
import { NodeHttpTransport } from './ror-transport'
import { SettingsStore } from './settings-store'
import { claimSingleInstance } from './single-instance'
import { StoragePortLink } from './storage-port'
import { createSyncService, snapshotFileIn } from './sync-service'
import { SyncWorkerPool } from './sync-workers'
import { TrustStore } from './trust-store'
import { createMainWindow } from './window'

const outDir = path.join(import.meta.dirname, '..')
// Before the app is ready: renderer processes take their V8 flags when they start.
applyRendererJsFlags(app.commandLine)
/** Set by `electron-vite dev` only; a packaged app always loads `app://`. */
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL
const devOrigin = devServerUrl ? new URL(devServerUrl).origin : undefined
let sync: SyncService = UNAVAILABLE_SYNC
let mainWindow: BrowserWindow | null = null
/** Main's end of the snapshot channel to the renderer's storage worker (one per page load). */
let storagePorts: StoragePortLink<MessagePortMain> | null = null

function fail(kind: FatalErrorKind, error: unknown, isOfflineDataUntouched: boolean): void {
  console.error(`Erreur fatale (${kind})`, error)
  const choice = showFatalError(dialog, app.isReady(), {
    kind,
    error,
    isOfflineDataUntouched,
    appVersion: app.getVersion(),
    platform: process.platform,
  })
  const isWindowProblem = kind === 'renderer-crash' || kind === 'load-failed'
  if (choice === 'retry' && isWindowProblem && mainWindow && !mainWindow.isDestroyed()) {
    mainWindow.webContents.reload()
    return
  }
  if (choice === 'retry') app.relaunch()
  app.exit(1)
}

function openMainWindow(): void {
  const window = createMainWindow(BrowserWindow, {
    preloadPath: path.join(outDir, 'preload', 'index.cjs'),
    isDevToolsEnabled: !app.isPackaged,
  })
  mainWindow = window
  window.on('closed', () => {
    mainWindow = null
    storagePorts?.close()
  })
  // Every load (and reload) of the page starts a storage worker that needs a fresh port.
  window.webContents.on('did-finish-load', () => storagePorts?.connect(window.webContents))
  window.webContents.on('render-process-gone', (_event, details) => {
    // The renderer writes the IndexedDB snapshots, so its crash may have cut a write short.
    if (details.reason !== 'clean-exit') fail('renderer-crash', details, false)
  })
  window.webContents.on('did-fail-load', (_event, code, description, url, isMainFrame) => {
    // -3 (ERR_ABORTED) is a navigation we cancelled on purpose (main/security.ts).
    if (isMainFrame && code !== -3) fail('load-failed', `${description} (${code}) ${url}`, true)
  })
  window.loadURL(devServerUrl ?? APP_ENTRY_URL).catch((error: unknown) => {
    console.error('Chargement de la fenêtre interrompu', error)
  })
}

async function start(): Promise<void> {
  serveAppProtocol(protocol, {
    root: path.join(outDir, 'renderer'),
    csp: buildContentSecurityPolicy(),
  })
  hardenSession(session.defaultSession, { devOrigin })
  const userData = app.getPath('userData')
  const settings = new SettingsStore(path.join(userData, 'settings.json'))
  const credentials = new CredentialsStore(
    path.join(userData, 'credentials.json'),
    safeStorage,
    process.platform,
  )
  const trust = new TrustStore(path.join(userData, 'trust.json'))
  const extraCa = () => trust.extraCa()
  const dataDir = path.join(userData, 'snapshot')
  const communeCentroid = await loadCommuneCentroids(
    await findCommunesFile(
      path.join(outDir, 'renderer', 'assets'),
      path.join(outDir, '..', 'data', 'geo', 'communes.json'),
    ),
  )
  const emit = (event: MainEvent) => {
    if (mainWindow && !mainWindow.isDestroyed()) sendMainEvent(mainWindow.webContents, event)
  }
  const desktopSync = createSyncService({
    dataDir,
    settings,
    credentials,
    emit,
    storagePort: () => storagePorts?.current() ?? null,
    extraCa,
    ...(communeCentroid ? { communeCentroid } : {}),
    // Built next to index.js (electron.vite.config.ts); a worker that cannot start makes the
    // pool map in-thread instead (main/sync-workers.ts).
    unitProcessor: () =>
      new SyncWorkerPool({ workerUrl: new URL('./sync-worker.js', import.meta.url) }),
  })
  sync = desktopSync
  const controller = new DesktopSyncController({
    settings,
    sync: desktopSync,
    snapshotPath: snapshotFileIn(dataDir),
    emit,
    pendingPurge: new PurgeMarker(path.join(userData, 'purge-pending.json')),
  })
  storagePorts = new StoragePortLink({
    createChannel: () => new MessageChannelMain(),
    // A snapshot main already holds reaches the new page (skipped if it has it already), once
    // start-up has purged it for the saved profile: never a file above that profile.
    onConnected: () => {
      controller
        .whenStartupPurged()
        .then((isPurged) => (isPurged ? desktopSync.publish() : undefined))
        .catch((error: unknown) => {
          console.warn('Instantané non transmis au stockage de la fenêtre', error)
        })
    },
  })
  app.on('before-quit', () => controller.stop())
  const handlers = createIpcHandlers({
    appInfo: {
      version: app.getVersion(),
      platform: process.platform,
      isPackaged: app.isPackaged,
      electronVersion: process.versions.electron,
    },
    openExternal: (url) => shell.openExternal(url),
    settings,
    credentials,
    sync,
    applySettings: (next) => controller.setSettings(next),
    readSettings: () => controller.readSettings(),
    completePurge: (profile) => controller.completePurge(profile),
    trust,
    testConnection: async () =>
      testConnection((await settings.read()).settings, await credentials.readSecrets(), {
        transport: (options) => new NodeHttpTransport(options),
        extraCa,
      }),
  })
  registerIpcHandlers(ipcMain, handlers, { devOrigin })
  openMainWindow()
  controller.startup().catch((error: unknown) => {
    console.error('Planification de la synchronisation impossible', error)
  })
}

// A fresh profile per e2e run (tests/e2e/electron.ts); a packaged app ignores it.
const userDataOverride = app.isPackaged ? undefined : process.env.ROR_USER_DATA_DIR
if (userDataOverride) app.setPath('userData', userDataOverride)

// Before `ready`: scheme privileges, sandbox for every renderer, policies on every webContents.
registerAppSchemePrivileges(protocol)
app.enableSandbox()
app.on('web-contents-created', (_event, contents) => {
  hardenWebContents(contents, { devOrigin, openExternal: (url) => shell.openExternal(url) })
})
process.on('uncaughtException', (error) =>
  fail('unexpected', error, sync.status().state !== 'running'),
)
process.on('unhandledRejection', (error) =>
  fail('unexpected', error, sync.status().state !== 'running'),
)

if (!claimSingleInstance(app, () => mainWindow)) {
  app.quit()
} else {
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('activate', () => {
    if (mainWindow === null && app.isReady()) openMainWindow()
  })
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => fail('startup', error, true))
}
