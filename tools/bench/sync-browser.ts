/**
 * `npm run bench -- sync-browser [--scale national] [--seed 1] [--changes 5000]
 * [--timeout-min 60] [--cache-dir .cache/bench] [--sandbox-url <url>]`: the browser-mode app (vite build of vite.web.config.ts, headless
 * Chromium) syncing from the local sandbox (issue 5, « Done when »):
 * 1. the sandbox in its own process, its profile-0 export files rendered once into .cache/bench;
 * 2. in the app's sync dialog: local sandbox, profile 0 (client secret), « Synchroniser » — a
 *    full sync in the sync worker (started by the engine worker) into IndexedDB, timed with
 *    its phases and progress;
 * 3. checks: header (profile, offer count = the sandbox's), then a search from a fresh page
 *    load (cold start on the synced snapshot) that must list every offer;
 * 4. `$sandbox/mutate` of N changes, a second sync that must be a delta (the merge path of
 *    core/sync/write-snapshot.ts), the same checks, and the changed offers read back;
 * 5. peak memory of the renderer (page + its workers), IndexedDB size, UI frame gaps.
 * `--app-flags`: Chromium started with the V8 flags the desktop app gives its renderer.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { chromium, type Page } from 'playwright-core'
import { build, preview } from 'vite'
import { APP_CONTEXT, findChromium } from '../../tests/e2e/support/chromium'
import { RENDERER_JS_FLAGS } from '../../main/renderer-memory'
import { CACHE_DIR } from './search-dataset'
import { browserPid, Monitor, WorkerHeap } from './sync-browser-memory'
import { startRecording } from './sync-browser-page'
import {
  checkChangedOffers,
  checkSearch,
  timeSync,
  type Checks,
  type SyncRun,
} from './sync-browser-run'
import { printReport } from './sync-browser-report'
import { startSandboxProcess, type SandboxProcess } from './sync-procs'

const root = resolve(import.meta.dirname, '../..')
const log = (line: string) => process.stderr.write(`bench sync-browser: ${line}\n`)

interface Stats {
  byProfile: Record<string, { HealthcareService: number }>
}

/** The sandbox of the run: started here, or one already running (`--sandbox-url`). */
interface Sandbox {
  url: string
  /** Peak RSS of its process (NaN when not started here). */
  stop(): Promise<number>
}

function ownSandbox(process: SandboxProcess): Sandbox {
  return {
    url: process.url,
    stop: async () => {
      if (process.child.exitCode === null) await process.stop()
      return process.memory.peak
    },
  }
}

async function sandboxOffers(sandbox: Sandbox): Promise<number> {
  const stats = (await (await fetch(`${sandbox.url}/$sandbox/stats`)).json()) as Stats
  return stats.byProfile['0']?.HealthcareService ?? NaN
}

/** Builds the browser-mode app into its own folder (other runs may use out/renderer-web). */
async function serveApp(cacheDir: string) {
  const configFile = resolve(root, 'vite.web.config.ts')
  const outDir = join(cacheDir, 'web-sync-browser')
  await build({ configFile, logLevel: 'warn', build: { outDir, emptyOutDir: true } })
  const server = await preview({
    configFile,
    logLevel: 'warn',
    build: { outDir },
    preview: { port: 0, strictPort: false },
  })
  const base = server.resolvedUrls?.local[0]
  if (!base) throw new Error('preview server has no local URL')
  return { server, base }
}

export async function run(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      scale: { type: 'string', default: 'national' },
      seed: { type: 'string', default: '1' },
      changes: { type: 'string', default: '5000' },
      'timeout-min': { type: 'string', default: '60' },
      // The sandbox's export files, the app's build and the results: another folder keeps a
      // run apart from others sharing the machine (their sandboxes re-render the exports).
      'cache-dir': { type: 'string', default: CACHE_DIR },
      // A sandbox already running (started with the same scale and seed, exports prerendered
      // for profile 0), e.g. one kept apart from other runs on the machine.
      'sandbox-url': { type: 'string' },
      // Chromium with the V8 flags the desktop app gives its renderer (main/renderer-memory.ts):
      // the memory the app's renderer would use; without, a user's browser's.
      'app-flags': { type: 'boolean', default: false },
    },
  })
  const scale = values.scale
  const cacheDir = resolve(values['cache-dir'])
  const changes = Number(values.changes)
  const timeoutMs = Number(values['timeout-min']) * 60_000
  const loadBefore = loadavg()
  log(`starting the sandbox (${scale}, seed ${values.seed}; load average ${loadBefore[0]})…`)
  const t0 = performance.now()
  const given = values['sandbox-url']
  const sandbox: Sandbox = given
    ? { url: given.replace(/\/$/, ''), stop: () => Promise.resolve(NaN) }
    : ownSandbox(
        await startSandboxProcess([
          '--scale', scale, '--seed', values.seed, '--cache-dir', cacheDir,
          '--export-delay-ms', '0', '--token-lifetime', '3600',
          // Rendered once into the cache, as the ROR prepares its bulk files during the poll
          // phase, so that serving them does not take the browser's core.
          '--prerender-export', '0',
        ]), // prettier-ignore
      )
  log(`sandbox ready in ${((performance.now() - t0) / 1000).toFixed(1)} s; building the app…`)
  const { server, base } = await serveApp(cacheDir)
  const profileDir = await mkdtemp(join(tmpdir(), 'ror-sync-bench-'))
  const appFlags = values['app-flags']
  const context = await chromium.launchPersistentContext(profileDir, {
    ...APP_CONTEXT,
    ...(appFlags ? { args: [...APP_CONTEXT.args, `--js-flags=${RENDERER_JS_FLAGS}`] } : {}),
    executablePath: findChromium(),
  })
  const page = context.pages()[0] ?? (await context.newPage())
  const monitor = new Monitor(
    browserPid(profileDir),
    join(profileDir, 'Default', 'IndexedDB'),
    await WorkerHeap.attach(page),
  )
  const pageErrors: string[] = []
  try {
    page.on('pageerror', (error) => pageErrors.push(String(error)))
    page.on('console', (m) => void (m.type() === 'error' && pageErrors.push(m.text())))
    // tsx names functions with an `__name` helper that the page does not have.
    await page.addInitScript({ content: 'globalThis.__name = (f) => f' })
    await openApp(page, `${base}#bench`)
    const form = {
      fhirBase: `${sandbox.url}/fhir`,
      tokenUrl: `${sandbox.url}/auth/token`,
      clientId: 'profil-0',
      secret: 'sandbox',
    }
    log('full sync in the app (sync worker → IndexedDB)…')
    const full = await timeSync(page, form, monitor, timeoutMs, log)
    const fullChecks = await afterSync(page, base, full, await sandboxOffers(sandbox))
    let delta: SyncRun | undefined
    let deltaChecks: Checks | undefined
    if (full.ok) {
      log(`mutating ${changes} resources…`)
      const mutation = (await (
        await fetch(`${sandbox.url}/$sandbox/mutate`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ changes }),
        })
      ).json()) as MutationSummary
      log('delta sync in the app…')
      delta = await timeSync(page, form, monitor, timeoutMs, log)
      deltaChecks = await afterSync(page, base, delta, await sandboxOffers(sandbox), mutation)
    }
    monitor.stop()
    const report = {
      scale,
      seed: Number(values.seed),
      changes,
      jsFlags: appFlags ? RENDERER_JS_FLAGS : '',
      loadAverage: { before: loadBefore, after: loadavg() },
      full,
      fullChecks,
      ...(delta ? { delta, deltaChecks } : {}),
      rendererHwmMb: monitor.rendererHwmMb,
      sandboxPeakBytes: await sandbox.stop(),
      pageErrors,
    }
    const file = join(cacheDir, `sync-browser-${scale}${appFlags ? '-app-flags' : ''}-results.json`)
    writeFileSync(file, JSON.stringify(report, null, 2))
    printReport(report)
    process.stdout.write(`(results also in ${file})\n`)
    return full.ok && delta?.ok && delta.mode === 'delta' && deltaChecks?.ok && fullChecks.ok
      ? 0
      : 1
  } finally {
    monitor.stop()
    await context.close()
    await server.close()
    await sandbox.stop()
    await rm(profileDir, { recursive: true, force: true })
  }
}

interface MutationSummary {
  at: string
  created: number
  modified: number
  closed: number
  deleted: number
  changedKeys: string[]
  deletedKeys: string[]
}

async function openApp(page: Page, url: string): Promise<void> {
  // Through a blank page: going to the URL already shown would only scroll to its `#bench`.
  await page.goto('about:blank')
  await page.goto(url)
  await page.locator('html[data-app-state="ready"]').waitFor({ timeout: 600_000 })
  await startRecording(page)
}

/**
 * The app after a sync: the header's profile and count, then a search on a fresh page load
 * (cold start from what the sync stored); after a delta, the changed offers read back.
 */
async function afterSync(
  page: Page,
  base: string,
  sync: SyncRun,
  expectedOffers: number,
  mutation?: MutationSummary,
): Promise<Checks> {
  if (!sync.ok) return { ok: false, notes: [`sync failed: ${sync.text}`] }
  const checks = await checkSearch(page, sync, expectedOffers, mutation?.deletedKeys, () =>
    openApp(page, `${base}?fermees=1#bench`),
  )
  if (mutation) {
    const changed = await checkChangedOffers(page, mutation)
    checks.notes.push(changed.note)
    checks.ok &&= changed.ok
  }
  return checks
}
