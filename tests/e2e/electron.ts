/**
 * Electron e2e: launches the built desktop app with Playwright's `_electron` and checks the
 * window as a user would meet it. Runs only where the Electron binary is installed; elsewhere
 * (our build machines, ELECTRON_SKIP_BINARY_DOWNLOAD=1) it prints one line saying so.
 *
 * Called by tests/e2e/run.ts after the Chromium suite; also runnable alone:
 * `npx tsx tests/e2e/electron.ts`.
 */
import { spawnSync } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { _electron } from 'playwright-core'
import type { ElectronApplication, Page } from 'playwright-core'
import { startSandbox } from '../../tools/ror-sandbox/server'
import { findElectronBinary } from '../support/electron-binary'

const projectRoot = path.resolve(import.meta.dirname, '../..')

export const ELECTRON_E2E_SKIPPED =
  'Electron e2e: skipped — Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD); ' +
  'run on a machine where `npx electron --version` works'

/** Raised with every failed expectation of the run. */
export class ElectronE2eError extends Error {
  override name = 'ElectronE2eError'
}

function buildApp(): void {
  const result = spawnSync(
    path.join(projectRoot, 'node_modules', '.bin', 'electron-vite'),
    ['build'],
    {
      cwd: projectRoot,
      encoding: 'utf8',
    },
  )
  if (result.status !== 0) {
    throw new ElectronE2eError(`electron-vite build a échoué :\n${result.stdout}${result.stderr}`)
  }
}

/** Linux CI has no display server: let Chromium render off-screen instead. */
function displayArgs(): string[] {
  const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY)
  return process.platform === 'linux' && !hasDisplay ? ['--ozone-platform=headless'] : []
}

/** The app must load app://, never a dev server left in the environment. */
function withoutDevServer(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env }
  delete copy.ELECTRON_RENDERER_URL
  return copy
}

/** What the page can see of its host: the bridge, and no Node. */
async function inspectGlobals(page: Page) {
  return page.evaluate(async () => {
    const scope = globalThis as unknown as Record<string, unknown>
    const ror = scope.ror as Record<string, unknown> | undefined
    const appInfo = ror && typeof ror.appInfo === 'function' ? await ror.appInfo() : null
    const opened = typeof scope.open === 'function' ? scope.open('https://example.com/') : null
    return {
      rorFunctions: ror ? Object.keys(ror).filter((key) => typeof ror[key] === 'function') : [],
      hasProcess: typeof scope.process !== 'undefined',
      hasRequire: typeof scope.require !== 'undefined',
      appInfo: appInfo as { version?: string } | null,
      isWindowOpened: opened !== null,
    }
  })
}

async function checkWindow(app: ElectronApplication, expectedVersion: string): Promise<string[]> {
  const problems: string[] = []
  const page = await app.firstWindow()
  const consoleErrors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text())
  })
  page.on('pageerror', (error) => consoleErrors.push(String(error)))

  await page.locator('html[data-app-state="ready"]').waitFor({ timeout: 30_000 })
  const heading = page.getByRole('heading', { level: 1, name: 'ROR hors ligne' })
  if (!(await heading.isVisible())) problems.push('titre « ROR hors ligne » absent')
  if (!page.url().startsWith('app://ror-hors-ligne/'))
    problems.push(`URL inattendue : ${page.url()}`)

  const globals = await inspectGlobals(page)
  if (globals.hasProcess || globals.hasRequire) problems.push('Node visible depuis la page')
  if (!globals.rorFunctions.includes('appInfo')) problems.push('window.ror.appInfo absent')
  if (globals.appInfo?.version !== expectedVersion) {
    problems.push(`appInfo().version = ${String(globals.appInfo?.version)} ≠ ${expectedVersion}`)
  }
  if (globals.isWindowOpened || app.windows().length !== 1)
    problems.push('window.open a ouvert une fenêtre')
  problems.push(...consoleErrors.map((text) => `erreur console : ${text}`))
  return problems
}

/**
 * Issue 5 in the desktop app: configure the local sandbox in the settings screen, store the
 * secret (main keeps it), test the connection, sync from main, and see the new snapshot in
 * the header once main has handed it to the renderer's storage over the MessagePort.
 */
async function checkSandboxSync(app: ElectronApplication): Promise<string[]> {
  const sandbox = await startSandbox({ port: 0, scale: { eg: 60 }, seed: 11, exportDelayMs: 300 })
  try {
    const page = await app.firstWindow()
    await page.getByRole('button', { name: 'Synchroniser' }).click()
    const dialog = page.getByRole('dialog', { name: 'Synchronisation' })
    await dialog.getByText('Paramètres de synchronisation').click()
    const settings = dialog.getByRole('form', { name: 'Paramètres de synchronisation' })
    await settings.getByLabel('Serveur').selectOption('custom')
    await settings.getByLabel('Base FHIR').fill(sandbox.fhirBase)
    await settings.getByLabel('Adresse du jeton OAuth2').fill(sandbox.tokenUrl)
    await settings.getByLabel('Identifiant client').fill('profil-0')
    await settings.getByLabel('Profil d’accès').selectOption('0')
    await settings.getByRole('button', { name: 'Enregistrer les paramètres' }).click()
    await settings.getByText('Paramètres enregistrés.').waitFor()
    await settings.getByLabel('Secret client (profil 0)').fill('sandbox')
    await settings.getByRole('button', { name: 'Enregistrer le secret' }).click()
    await settings.getByText('Secret client enregistré.').waitFor()
    await settings.getByRole('button', { name: 'Tester la connexion' }).click()
    await settings.getByText(/^Connexion réussie avec le profil 0/).waitFor({ timeout: 30_000 })

    await dialog.getByRole('button', { name: 'Synchroniser', exact: true }).click()
    await dialog.getByRole('progressbar', { name: 'Avancement de la synchronisation' }).waitFor()
    await dialog.getByText(/Synchronisation complète terminée/).waitFor({ timeout: 90_000 })
    const stats = (await (await fetch(`${sandbox.url}/$sandbox/stats`)).json()) as {
      byProfile: Record<string, { HealthcareService: number }>
    }
    const offers = stats.byProfile['0']?.HealthcareService ?? -1
    await dialog.getByRole('button', { name: 'Fermer' }).click()
    const header = page.getByRole('status', { name: 'Instantané actif' })
    const deadline = Date.now() + 30_000
    let text = ''
    while (Date.now() < deadline) {
      text = (await header.textContent()) ?? ''
      if (text.includes('Profil 0') && text.includes(`${offers} offres`)) return []
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
    return [
      `après synchronisation, l’en-tête indique « ${text} » (attendu : profil 0, ${offers} offres)`,
    ]
  } finally {
    await sandbox.close()
  }
}

async function closeWithin(app: ElectronApplication, milliseconds: number): Promise<void> {
  const timeout = new Promise<'timeout'>((resolve) =>
    setTimeout(() => resolve('timeout'), milliseconds),
  )
  if ((await Promise.race([app.close().then(() => 'closed' as const), timeout])) === 'timeout') {
    app.process().kill('SIGKILL')
  }
}

/**
 * Runs the Electron checks, or prints {@link ELECTRON_E2E_SKIPPED} and resolves `skipped`
 * when the binary is absent. Throws {@link ElectronE2eError} listing every failed check.
 */
export async function runElectronE2e(): Promise<'passed' | 'skipped'> {
  const binary = findElectronBinary(projectRoot)
  if (!binary.isInstalled) {
    console.log(ELECTRON_E2E_SKIPPED)
    return 'skipped'
  }
  buildApp()
  const { version } = JSON.parse(
    await readFile(path.join(projectRoot, 'package.json'), 'utf8'),
  ) as {
    version: string
  }
  const userData = await mkdtemp(path.join(tmpdir(), 'ror-electron-e2e-'))
  const app = await _electron.launch({
    executablePath: binary.executablePath,
    // The project folder, not the script: Electron then reads package.json (name, version,
    // `main` → out/main/index.js) as it will once packaged.
    args: [...displayArgs(), projectRoot],
    cwd: projectRoot,
    env: { ...withoutDevServer(process.env), ROR_USER_DATA_DIR: userData },
    timeout: 60_000,
  })
  try {
    const problems = await checkWindow(app, version)
    if (problems.length === 0) problems.push(...(await checkSandboxSync(app)))
    if (problems.length > 0) throw new ElectronE2eError(problems.join('\n'))
    console.log(
      'Electron e2e: passed — window « ROR hors ligne » ready, no console errors, ' +
        'settings + sync from the local sandbox through main',
    )
    return 'passed'
  } finally {
    await closeWithin(app, 10_000)
    await rm(userData, { recursive: true, force: true })
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  runElectronE2e().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  })
}
