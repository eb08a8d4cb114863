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
    await page.getByRole('button', { name: 'Synchroniser' }).click()
    const dialog = page.getByRole('dialog', { name: 'Synchronisation' })
    await dialog.getByLabel('Base FHIR').fill(sandbox.fhirBase)
    await dialog.getByLabel('Adresse du jeton OAuth2').fill(sandbox.tokenUrl)
    await dialog.getByLabel('Identifiant client').fill('profil-0')
    await dialog.getByLabel('Secret client (profil 0)').fill('sandbox')
    await dialog.getByRole('button', { name: 'Synchroniser' }).click()
    await dialog.getByRole('progressbar', { name: 'Avancement de la synchronisation' }).waitFor()
    await dialog.getByText(/Synchronisation complète terminée/).waitFor({ timeout: 90_000 })

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
})
