import type { Page } from 'playwright-core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppSession } from './support/app'

/** Adds a link to the page as injected content would, and clicks it. */
async function clickInjectedLink(page: Page, href: string, target?: string): Promise<void> {
  await page.evaluate(
    ({ href, target }) => {
      const link = document.createElement('a')
      link.href = href
      link.textContent = 'lien de test'
      link.id = 'injected-link'
      if (target) link.target = target
      document.body.append(link)
    },
    { href, target },
  )
  await page.locator('#injected-link').click()
  await page.evaluate(() => document.getElementById('injected-link')?.remove())
}

describe('external links never navigate the app window', () => {
  let session: AppSession

  beforeEach(async () => {
    session = await AppSession.launch()
  })

  afterEach(async () => {
    await session.close()
  })

  const misleading = [
    'https://esante.gouv.fr.evil.example/',
    'https://evil.example/esante.gouv.fr',
    'https://esante.gouv.fr@evil.example/',
    'http://interop.esante.gouv.fr/ig/fhir/ror',
    'javascript:alert(1)',
    'file:///etc/passwd',
  ]

  it.each(misleading)('refuses %s without leaving the app', async (href) => {
    const app = await session.open()
    const before = app.page.url()
    const popups: string[] = []
    session.context.on('page', (page) => popups.push(page.url()))
    await clickInjectedLink(app.page, href)
    await clickInjectedLink(app.page, href, '_blank')
    expect(app.page.url()).toBe(before)
    expect(popups).toEqual([])
    await expect(app.heading.isVisible()).resolves.toBe(true)
  })

  it('opens a trusted link outside the app window, which stays put', async () => {
    const app = await session.open()
    const before = app.page.url()
    // No network here: answer for the trusted site so the popup can load.
    await session.context.route('https://interop.esante.gouv.fr/**', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<title>IG ROR</title>' }),
    )
    const dialog = await app.openAbout()
    const popup = session.context.waitForEvent('page')
    await dialog.getByRole('link', { name: /Guide d’implémentation FHIR du ROR/ }).click()
    const opened = await popup
    await opened.waitForLoadState()
    expect(opened.url()).toMatch(/^https:\/\/interop\.esante\.gouv\.fr\//)
    await opened.close()
    expect(app.page.url()).toBe(before)
    await expect(app.heading.isVisible()).resolves.toBe(true)
  })
})
