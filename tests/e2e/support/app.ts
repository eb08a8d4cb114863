import { readdirSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core'
import { inject } from 'vitest'
import { APP_CONTEXT } from './chromium'

/**
 * One app session per test: a fresh Chromium profile (so IndexedDB starts empty), console
 * errors collected, and a page model with role/label locators.
 */
export class AppSession {
  readonly consoleErrors: string[] = []

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    private readonly profileDir: string,
  ) {
    page.on('console', (message) => {
      if (message.type() === 'error') this.consoleErrors.push(message.text())
    })
    page.on('pageerror', (error) => this.consoleErrors.push(String(error)))
  }

  /** `profileDir`: the profile of a session that was killed (its IndexedDB as it was left). */
  static async launch(profileDir?: string): Promise<AppSession> {
    profileDir ??= await mkdtemp(join(tmpdir(), 'ror-e2e-'))
    const context = await chromium.launchPersistentContext(profileDir, {
      ...APP_CONTEXT,
      executablePath: inject('chromePath'),
    })
    const page = context.pages()[0] ?? (await context.newPage())
    return new AppSession(context, page, profileDir)
  }

  get baseUrl(): string {
    return inject('baseUrl')
  }

  async open(path = ''): Promise<AppPage> {
    await this.page.goto(new URL(path, this.baseUrl).toString())
    const app = new AppPage(this.page)
    await app.waitUntilReady()
    return app
  }

  /**
   * Kills Chromium like a power cut would (SIGKILL to every process of this profile: nothing
   * is flushed or closed); the profile stays, for `AppSession.launch(session.profile)`.
   */
  kill(): void {
    for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      let cmdline: string
      try {
        cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
      } catch {
        continue // gone meanwhile
      }
      if (!cmdline.includes(`--user-data-dir=${this.profileDir}`)) continue
      try {
        process.kill(Number(pid), 'SIGKILL')
      } catch {
        // already gone
      }
    }
  }

  get profile(): string {
    return this.profileDir
  }

  async close(): Promise<void> {
    await Promise.race([
      this.context.close(),
      new Promise((resolve) => setTimeout(resolve, 10_000)),
    ])
    await rm(this.profileDir, { recursive: true, force: true })
  }
}

/** Page model of the main window. */
export class AppPage {
  constructor(readonly page: Page) {}

  async waitUntilReady(): Promise<void> {
    await this.page.locator('html[data-app-state="ready"]').waitFor({ timeout: 30_000 })
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: 'ROR hors ligne' })
  }

  get map(): Locator {
    return this.page.getByRole('region', { name: 'Carte de France' })
  }

  get searchForm(): Locator {
    return this.page.getByRole('search')
  }

  get snapshotStatus(): Locator {
    return this.page.getByRole('status').first()
  }

  /**
   * Opens « Synchroniser », fills in a sandbox (`fhirBase`, `tokenUrl`) with profile 0 and its
   * secret, starts the sync and returns the dialog.
   */
  async startSync(sandbox: { fhirBase: string; tokenUrl: string }): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Synchroniser' }).click()
    const dialog = this.page.getByRole('dialog', { name: 'Synchronisation' })
    await dialog.getByLabel('Base FHIR').fill(sandbox.fhirBase)
    await dialog.getByLabel('Adresse du jeton OAuth2').fill(sandbox.tokenUrl)
    await dialog.getByLabel('Identifiant client').fill('profil-0')
    await dialog.getByLabel('Secret client (profil 0)').fill('sandbox')
    await dialog.getByRole('button', { name: 'Synchroniser' }).click()
    return dialog
  }

  async openAbout(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'À propos' }).click()
    const dialog = this.page.getByRole('dialog', { name: /À propos/ })
    await dialog.waitFor()
    return dialog
  }

  /** Counts the non-background pixels drawn on the map's canvas (outlines, markers). */
  async drawnMapPixels(): Promise<number> {
    return this.page.evaluate(() => {
      const canvas = document.querySelector<HTMLCanvasElement>('.leaflet-overlay-pane canvas')
      if (!canvas) return 0
      const context = canvas.getContext('2d')
      if (!context) return 0
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height)
      let drawn = 0
      for (let index = 3; index < data.length; index += 4) if ((data[index] ?? 0) > 0) drawn++
      return drawn
    })
  }
}
