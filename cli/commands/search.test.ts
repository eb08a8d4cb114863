/**
 * The real CLI, spawned: `import` builds a snapshot from the IG examples and edge fixtures,
 * then `search` must print what the engine returns in-process on the same snapshot — same
 * offers, same order (issue 6 « Same engine, same order as the app ») — and fail clearly on
 * bad arguments.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { search } from '../../core/search/search'
import type { SearchResultItem } from '../../core/search/types'
import { loadSearchIndex } from '../lib/search-index'

const ROOT = resolve(import.meta.dirname, '../..')
const TSX = join(ROOT, 'node_modules/.bin/tsx')
let dir: string
let snapshot: string

function cli(...args: string[]) {
  const res = spawnSync(TSX, [join(ROOT, 'cli/index.ts'), ...args], { cwd: ROOT, encoding: 'utf8' })
  return { status: res.status, stdout: res.stdout, stderr: res.stderr }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ror-search-cli-'))
  snapshot = join(dir, 'test.snap')
  const fixtures = ['tests/fixtures/ror-examples', 'tests/fixtures/edge'].flatMap((d) =>
    readdirSync(join(ROOT, d))
      .filter((f) => /\.(json|ndjson)$/.test(f))
      .map((f) => join(ROOT, d, f)),
  )
  const res = cli('import', '--profile', '1', '--out', snapshot, ...fixtures)
  expect(res.status, res.stderr).toBe(0)
})

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('search CLI', () => {
  it('prints as JSON the same offers, in the same order, as the engine', async () => {
    const res = cli('search', snapshot, '--commune', '18033', '--radius', '60', '--json')
    expect(res.stderr, 'is `search` registered in cli/commands/index.ts?').not.toMatch(
      /Unknown command/,
    )
    expect(res.status, res.stderr).toBe(0)
    const items = JSON.parse(res.stdout) as SearchResultItem[]
    const { index, gazetteer } = await loadSearchIndex(snapshot)
    const bourges = gazetteer.resolve('18033')!
    const expected = search(index, { origin: bourges, radiusKm: 60 }).items
    expect(items.map((i) => i.offerId)).toEqual(expected.map((i) => i.offerId))
    expect(items.length).toBeGreaterThan(0)
    for (const [k, item] of items.entries()) {
      expect(Object.keys(item)).toEqual(
        expect.arrayContaining(['offerId', 'name', 'activities', 'precision', 'distanceKm']),
      )
      expect(item.distanceKm).toBeLessThanOrEqual(60)
      expect(item.distanceKm).toBeCloseTo(expected[k]!.distanceKm!, 3)
      if (k > 0) expect(item.distanceKm).toBeGreaterThanOrEqual(items[k - 1]!.distanceKm!)
    }
  })

  it('writes CSV for French Excel', () => {
    const res = cli('search', snapshot, '--csv', '--limit', '3')
    expect(res.status, res.stderr).toBe(0)
    expect(res.stdout.startsWith('\uFEFFIdentifiant offre;Offre;')).toBe(true)
    const lines = res.stdout.split('\r\n')
    expect(lines).toHaveLength(5) // header, 3 rows, empty string after the last CRLF
    expect(lines[4]).toBe('')
  })

  it('rejects malformed arguments with a usage error naming the problem', () => {
    const age = cli('search', snapshot, '--age', '12 years old')
    expect(age.status).toBe(2)
    expect(age.stderr).toMatch(/Malformed --age "12 years old"/)
    const radius = cli('search', snapshot, '--radius', '10')
    expect(radius.status).toBe(2)
    expect(radius.stderr).toMatch(/--radius needs an origin/)
    const commune = cli('search', snapshot, '--commune', 'Vierzon')
    expect(commune.status).toBe(2)
    expect(commune.stderr).toMatch(/Unknown commune "Vierzon". Did you mean 18279/)
  })
})
