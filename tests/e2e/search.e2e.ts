import { spawnSync } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppSession } from './support/app'

const root = resolve(import.meta.dirname, '../..')
const demo = resolve(root, 'data/demo/demo.snap')

interface CliResult {
  offerId: string
  name: string
  distanceKm?: number
}

/** The same search through the CLI (same engine): the app must show the same offers. */
function cliSearch(args: string[]): CliResult[] {
  const run = spawnSync(
    'npx',
    ['tsx', 'cli/index.ts', 'search', demo, ...args, '--json', '--limit', '1000'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  )
  if (run.status !== 0) throw new Error(`CLI search failed: ${run.stderr}`)
  return JSON.parse(run.stdout) as CliResult[]
}

/** Parses a CSV written for French Excel: BOM, `;`, quoted cells, CRLF. */
function parseCsv(text: string): string[][] {
  expect(text.charCodeAt(0)).toBe(0xfeff)
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 1; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"') quoted = true
    else if (c === ';') {
      row.push(cell)
      cell = ''
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      i++
    } else cell += c
  }
  return rows
}

describe('a coordinator searches the demo snapshot', () => {
  let session: AppSession

  beforeEach(async () => {
    session = await AppSession.launch()
  })

  afterEach(async () => {
    await session.close()
  })

  it('finds day care in child psychiatry for a 9-year-old within 30 km of Bourges, on the list and the map', async () => {
    const app = await session.open()
    const page = app.page
    await expect(page.getByText('Données fictives de démonstration').isVisible()).resolves.toBe(
      true,
    )

    // Activity: type a few letters, pick the suggestion with the keyboard.
    const activity = page.getByRole('combobox', { name: 'Activité opérationnelle' })
    await activity.fill('psychiatrie de l’enfant')
    await page
      .getByRole('option', { name: /Psychiatrie de l’enfant \(pédopsychiatrie\) \(227\)/ })
      .waitFor()
    await activity.press('Enter')
    await page
      .getByRole('list', { name: 'Activités choisies' })
      .getByText('Psychiatrie de l’enfant')
      .waitFor()

    await page.getByLabel('Âge du patient').fill('9')

    const place = page.getByRole('combobox', { name: 'Commune ou code postal' })
    await place.fill('bourges')
    await page.getByRole('option', { name: /^Bourges \(18\)/ }).click()
    await page.getByText('Autour de').waitFor()

    const expected = cliSearch([
      '--activity',
      '227',
      '--age',
      '9',
      '--commune',
      '18033',
      '--radius',
      '30',
    ])
    expect(expected.length).toBeGreaterThan(0)
    const count = page.getByRole('region', { name: 'Résultats' }).getByRole('status')
    await expect
      .poll(() => count.textContent())
      .toBe(`${expected.length} ${expected.length > 1 ? 'offres' : 'offre'}`)

    const results = page.getByRole('list', { name: 'Offres trouvées' })
    const names = await results.locator('.result-name').allTextContents()
    expect(names).toEqual(expected.map((r) => r.name))
    await expect.poll(() => app.map.getAttribute('data-point-count')).toBe(String(expected.length))

    // The URL keeps the search, to bookmark or share it.
    expect(new URL(page.url()).search).toBe('?activite=227&age=9&commune=18033&rayon=30')

    // Detail panel of the nearest day-care offer.
    const dayCare = expected.find((r) => /jour/i.test(r.name)) ?? expected[0]!
    await results
      .getByRole('listitem')
      .filter({ has: page.getByText(dayCare.name, { exact: true }) })
      .getByRole('button')
      .click()
    const detail = page.getByRole('article', { name: dayCare.name })
    await detail.waitFor()
    await expect(detail.getByRole('region', { name: 'Structure' }).isVisible()).resolves.toBe(true)
    await expect(detail.getByText(/Mise à jour ROR/).isVisible()).resolves.toBe(true)

    // CSV export downloads and parses: one row per result, same offers.
    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: /Exporter en CSV/ }).click()
    const file = await (await download).path()
    const rows = parseCsv(await readFile(file, 'utf8'))
    expect(rows.length).toBe(expected.length + 1)
    expect(rows.slice(1).map((r) => r[0])).toEqual(expected.map((r) => r.offerId))

    await page.screenshot({ path: resolve(root, 'docs/screenshots/search.png') })
    expect(session.consoleErrors).toEqual([])
  })

  it('reopens a shared search from its URL, and says which criterion to loosen when nothing matches', async () => {
    const app = await session.open('?activite=227&age=9&commune=18033&rayon=1')
    const page = app.page
    await page.getByText('Aucune offre ne correspond à tous ces critères.').waitFor()
    await expect(
      page
        .getByText(/en doublant le rayon|sans le critère/)
        .first()
        .isVisible(),
    ).resolves.toBe(true)
    expect(session.consoleErrors).toEqual([])
  })
})
