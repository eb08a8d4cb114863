import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startSandbox } from '../../tools/ror-sandbox/server'
import { AppSession } from './support/app'

describe('browser-mode sync from the local ROR sandbox', () => {
  let sandbox: Awaited<ReturnType<typeof startSandbox>>
  let session: AppSession

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, scale: { eg: 60 }, seed: 11, exportDelayMs: 300 })
  })
  afterAll(() => sandbox.close())
  beforeEach(async () => {
    session = await AppSession.launch()
  })
  afterEach(() => session.close())

  it('configures the sandbox, syncs with a progress bar, then searches the new data', async () => {
    const app = await session.open()
    const page = app.page
    // Every text the header's activity line shows (engine work after the sync proper).
    await page.evaluate(() => {
      const seen: string[] = []
      Object.assign(window, { activitySeen: seen })
      new MutationObserver(() => {
        const text = document.querySelector('.engine-activity')?.textContent
        if (text && seen.at(-1) !== text) seen.push(text)
      }).observe(document.body, { subtree: true, childList: true, characterData: true })
    })
    const dialog = await app.startSync(sandbox)
    await dialog.getByRole('progressbar', { name: 'Avancement de la synchronisation' }).waitFor()
    await dialog.getByText(/Synchronisation complète terminée/).waitFor({ timeout: 90_000 })
    // The index of the new snapshot was built with its progress shown under the header, and
    // the line is gone once the index is ready.
    const seen = await page.evaluate(
      () => (window as unknown as { activitySeen: string[] }).activitySeen,
    )
    expect(seen.some((t) => t.startsWith('Construction de l’index de recherche'))).toBe(true)
    await expect(page.locator('.engine-activity').count()).resolves.toBe(0)

    const stats = (await (await fetch(`${sandbox.url}/$sandbox/stats`)).json()) as {
      byProfile: Record<string, { HealthcareService: number }>
    }
    const fullOffers = stats.byProfile['0']?.HealthcareService
    expect(fullOffers).toBeGreaterThan(0)

    // Changes on the server, then a delta: an overlay of the IndexedDB slot (its sync facts
    // stored by the full sync), searchable like the rest.
    const mutated = await fetch(`${sandbox.url}/$sandbox/mutate`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ changes: 30 }),
    })
    expect(mutated.ok).toBe(true)
    const { deletedKeys } = (await mutated.json()) as { deletedKeys: string[] }
    const deletedOffers = deletedKeys.filter((k) => k.startsWith('HealthcareService/')).length
    const after = (await (await fetch(`${sandbox.url}/$sandbox/stats`)).json()) as typeof stats
    const serverOffers = after.byProfile['0']!.HealthcareService
    await dialog.getByRole('button', { name: 'Synchroniser' }).click()
    const deltaResult = dialog.getByText(/Synchronisation différentielle terminée/)
    await deltaResult.waitFor({ timeout: 90_000 })
    const deltaText = (await deltaResult.textContent()) ?? ''
    expect(deltaText).toMatch(/\d+ ajouts, \d+ mises à jour/)
    // Deletions are not signalled by deltas (ROR-FHIR-NOTES §5.5): the app keeps those offers.
    const offers = Number(/: ([\d\s\u202f]+) offres/.exec(deltaText)?.[1]?.replace(/\D/g, ''))
    expect(offers).toBeGreaterThanOrEqual(serverOffers)
    expect(offers).toBeLessThanOrEqual(serverOffers + deletedOffers)
    await dialog.getByRole('button', { name: 'Fermer' }).click()
    const header = page.getByRole('status', { name: 'Instantané actif' })
    await expect.poll(() => header.textContent()).toContain(`Profil 0`)
    await expect.poll(() => header.textContent()).toContain(`${offers} offres`)
    await expect(page.getByText('Données fictives de démonstration').count()).resolves.toBe(0)
    // Reopened from IndexedDB: every offer, closed ones included, is searchable.
    await session.open('?fermees=1')
    const count = page.getByRole('region', { name: 'Résultats' }).getByRole('status')
    await expect.poll(() => count.textContent()).toBe(`${offers} offres`)
    await page.screenshot({ path: 'docs/screenshots/after-sync.png' })
    expect(session.consoleErrors).toEqual([])
  })
  it('a sync killed with its browser goes on from what it had downloaded, never half-active', async () => {
    // Many small export files, each answered slowly: the download takes a few seconds.
    const slow = await startSandbox({
      port: 0,
      scale: { eg: 60 },
      seed: 12,
      exportFileSize: 25,
      exportDelayMs: 200,
    })
    try {
      const faults = await fetch(`${slow.url}/$sandbox/faults`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ latencyMs: 250, pathPrefix: '/fhir/$export-output' }),
      })
      expect(faults.ok).toBe(true)
      const first = await session.open()
      const dialog = await first.startSync(slow)
      // A few export files downloaded (and staged in IndexedDB), then the power goes.
      await expect
        .poll(
          async () =>
            Number(/(\d+) \/ \d+ fichiers/.exec((await dialog.textContent()) ?? '')?.[1] ?? 0),
          {
            timeout: 60_000,
          },
        )
        .toBeGreaterThanOrEqual(3)
      session.kill()

      session = await AppSession.launch(session.profile)
      const again = await session.open()
      // Never half-active: the demo is still the snapshot searched.
      await expect(again.page.getByText('Données fictives de démonstration').count()).resolves.toBe(
        1,
      )
      const resumed = await again.startSync(slow)
      await resumed
        .getByText(/Reprise d’une synchronisation interrompue/)
        .waitFor({ timeout: 60_000 })
      const done = resumed.getByText(/Synchronisation complète terminée/)
      await done.waitFor({ timeout: 120_000 })
      expect(await done.textContent()).toMatch(
        /Reprise : \d+ éléments? déjà téléchargés? réutilisés?\./,
      )
      const stats = (await (await fetch(`${slow.url}/$sandbox/stats`)).json()) as {
        byProfile: Record<string, { HealthcareService: number }>
      }
      const offers = stats.byProfile['0']!.HealthcareService
      expect(((await done.textContent()) ?? '').replace(/\s/g, ' ')).toContain(
        ` ${new Intl.NumberFormat('fr-FR').format(offers).replace(/\s/g, ' ')} offres`,
      )
    } finally {
      await slow.close()
    }
  })
})
