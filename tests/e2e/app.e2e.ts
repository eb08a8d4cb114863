import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { concatBytes, SnapshotEncoder, SnapshotReader } from '../../core/snapshot/codec'
import { CHUNK_KINDS } from '../../core/snapshot/manifest'
import { AppSession } from './support/app'

/** The demo's records as a snapshot imported from a file made on `createdAt`. */
async function importedSnapshot(createdAt: string): Promise<Uint8Array> {
  const demo = new SnapshotReader(
    await readFile(resolve(import.meta.dirname, '../../data/demo/demo.snap')),
  )
  const encoder = new SnapshotEncoder()
  for (const kind of CHUNK_KINDS) encoder.add(kind, demo.records([kind]))
  const { formatVersion: _f, counts: _c, checksum: _s, ...manifest } = demo.manifest
  const source = { kind: 'import' as const, files: ['export-ror.ndjson'] }
  return concatBytes(encoder.finish({ ...manifest, createdAt, source }))
}

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

  it('says under the header when the snapshot is over a week old, with the way to sync', async () => {
    const app = await session.open()
    const page = app.page
    const banner = page.locator('.stale-banner')
    await expect(banner.count()).resolves.toBe(0) // the demo says it is fictitious instead
    const dir = await mkdtemp(join(tmpdir(), 'ror-e2e-'))
    try {
      const file = join(dir, 'ancien.rorsnap')
      const createdAt = new Date(Date.now() - 15 * 86_400_000).toISOString()
      await writeFile(file, await importedSnapshot(createdAt))
      await page.getByLabel('Fichier d’instantané à importer').setInputFiles(file)
      await banner.waitFor({ timeout: 60_000 })
      await expect(banner.textContent()).resolves.toMatch(
        /il y a 15 jours\) : le ROR demande une synchronisation au moins tous les 7 jours/,
      )
      // The import's own message first, as a user would close it.
      await page.getByRole('button', { name: 'Fermer le message' }).click()
      await mkdir(screenshotDir, { recursive: true })
      await page.screenshot({ path: resolve(screenshotDir, 'stale.png') })
      await banner.getByRole('button', { name: 'Synchroniser maintenant' }).click()
      await page.getByRole('dialog', { name: 'Synchronisation' }).waitFor()
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
    expect(session.consoleErrors).toEqual([])
  })
})
