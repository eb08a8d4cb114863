import { mkdir, readdir } from 'node:fs/promises'
import { resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppSession } from './support/app'

const screenshotDir = resolve(import.meta.dirname, '../../docs/screenshots')

describe('browser-mode app shell', () => {
  let session: AppSession

  beforeEach(async () => {
    session = await AppSession.launch()
  })

  afterEach(async () => {
    await session.close()
  })

  it('loads the French shell, draws France on the map and reaches the ready state', async () => {
    const app = await session.open()
    await expect(app.heading.isVisible()).resolves.toBe(true)
    await expect(app.searchForm.getByLabel('Âge du patient').isVisible()).resolves.toBe(true)
    await expect(app.page.getByRole('heading', { name: 'Résultats' }).isVisible()).resolves.toBe(
      true,
    )
    await expect(
      app.page.getByRole('heading', { name: 'Détail de l’offre' }).isVisible(),
    ).resolves.toBe(true)
    await expect(app.map.getAttribute('data-map-status')).resolves.toBe('ready')

    // The département outlines cover a good part of the canvas when France is in view.
    const drawn = await app.drawnMapPixels()
    expect(drawn).toBeGreaterThan(50_000)

    await mkdir(screenshotDir, { recursive: true })
    await app.page.screenshot({ path: resolve(screenshotDir, 'app.png') })
    expect(session.consoleErrors).toEqual([])
  })

  it('credits the bundled data sources in « À propos »', async () => {
    const app = await session.open()
    const dialog = await app.openAbout()
    await expect(dialog.getByText('GeoNames', { exact: false }).first().isVisible()).resolves.toBe(
      true,
    )
    await expect(
      dialog.getByText('Natural Earth', { exact: false }).first().isVisible(),
    ).resolves.toBe(true)
    await dialog.getByRole('button', { name: 'Fermer' }).click()
    await dialog.waitFor({ state: 'hidden' })
    expect(session.consoleErrors).toEqual([])
  })

  it('imports the raw FHIR files of an export, replacing the demo', async () => {
    const app = await session.open()
    const page = app.page
    const dir = resolve(import.meta.dirname, '../fixtures/ror-examples')
    const files = (await readdir(dir)).map((name) => resolve(dir, name))
    await page.getByLabel('Fichier d’instantané à importer').setInputFiles(files)
    const done = page.getByRole('status').filter({ hasText: 'fichiers FHIR importés' })
    await done.waitFor({ timeout: 60_000 })
    await expect(done.textContent()).resolves.toMatch(
      new RegExp(`${files.length} fichiers FHIR importés pour le profil 0 : 3 offres`),
    )
    // The header now describes the imported snapshot, not the demo.
    await expect(page.getByText('Données fictives de démonstration').count()).resolves.toBe(0)
    await expect(page.getByText('3 offres', { exact: true }).first().isVisible()).resolves.toBe(
      true,
    )
    expect(session.consoleErrors).toEqual([])
  })
})
