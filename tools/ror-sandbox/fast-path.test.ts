/**
 * The delta queries answered by the fast path (lastUpdated index, incremental links, offer
 * facts from the cache file) and by the previous one (scan of every resource, facts learnt on
 * demand) must be the same bytes, page after page, for every profile, across mutations.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { initialParts, partUrl } from '../../core/sync/delta-plan'
import type { DeltaPart } from '../../core/sync/checkpoint'
import { openStore } from '../generate/store'
import { startSandbox, type Sandbox } from './server'
import { fhirGet, getToken, raw, type SearchBundle } from './test-client'

const SCALE = { eg: 150 }
const PROFILES = [0, 1, 3] as const
const PAGE = 60
const START = Date.parse('2030-04-01T08:00:00.000Z')
const common = { scale: SCALE, seed: 1, resultCap: 400, exportDelayMs: 0 }

let dir: string
let reference: Sandbox
let fast: Sandbox

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'offer-facts-'))
  const [a, b] = await Promise.all([openStore(common), openStore(common)])
  // A first start learns every offer's facts and saves them; the sandbox under test loads them.
  const first = await startSandbox({ ...common, store: b, offerFactsCacheDir: dir })
  await first.warmUp?.done
  await first.close()
  reference = await startSandbox({ ...common, store: a, searchIndex: false })
  fast = await startSandbox({ ...common, store: b, offerFactsCacheDir: dir, warmUp: true })
  await fast.warmUp?.done
})
afterAll(async () => {
  await reference?.close()
  await fast?.close()
  rmSync(dir, { recursive: true, force: true })
})

/** Every page of a query as received, with what legitimately differs blanked. */
async function pages(sandbox: Sandbox, token: string, part: DeltaPart): Promise<string[]> {
  const out: string[] = []
  let url: string | undefined = partUrl(sandbox.fhirBase, part, PAGE)
  while (url) {
    const res: Awaited<ReturnType<typeof fhirGet<SearchBundle>>> = await fhirGet<SearchBundle>(
      url,
      token,
    )
    out.push(
      `${res.status} ` +
        res.body
          .split(sandbox.url)
          .join('<origin>')
          .replace(/^\{"resourceType":"Bundle","id":"[^"]+","meta":\{"lastUpdated":"[^"]+"\}/, ''),
    )
    url = res.status === 200 ? res.json.link?.find((l) => l.relation === 'next')?.url : undefined
  }
  return out
}

async function mutate(sandbox: Sandbox, changes: number, now: number): Promise<string> {
  const res = await raw(`${sandbox.url}/$sandbox/mutate`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ changes, now: new Date(now).toISOString() }),
  })
  expect(res.status).toBe(200)
  return res.body
}

describe('fast path of the delta queries', () => {
  it('loaded the offer facts saved by the first start', () => {
    expect(readdirSync(dir).filter((f) => f.startsWith('offer-facts-'))).toHaveLength(1)
    expect(fast.warmUp?.factsLoaded).toBe(fast.store.count('HealthcareService'))
    expect(reference.warmUp).toBeUndefined()
    expect(existsSync(dir)).toBe(true)
  })

  it('serves the same bytes as the scan, page after page, across mutations', async () => {
    const tokens = await Promise.all(
      [reference, fast].map((s) =>
        Promise.all(PROFILES.map((p) => getToken(s.tokenUrl, `profil-${p}`))),
      ),
    )
    const region = fast.store.region('HealthcareService', fast.store.ids('HealthcareService')[0]!)
    const statuses = new Set<string>()
    let pageCount = 0
    // The second mutation is stamped a week before the first: lastUpdated is not monotonic.
    for (const [round, at] of [START, START - 7 * 86_400_000].entries()) {
      // Same seed, same mutation counter, same clock: the same changes on both stores.
      expect(await mutate(fast, 80, at), `round ${round}`).toBe(await mutate(reference, 80, at))
      const since = new Date(at - 1).toISOString()
      const first = new Date(START - 1).toISOString()
      const parts = [
        ...initialParts(since, null),
        ...initialParts(first, null), // everything changed so far (over the cap for offers)
        ...initialParts(first, region),
        ...initialParts('2000-01-01T00:00:00Z', null).map((p) => ({ ...p, to: since })),
      ]
      for (const [k, profile] of PROFILES.entries()) {
        for (const part of parts) {
          const expected = await pages(reference, tokens[0]![k]!, part)
          expect(
            await pages(fast, tokens[1]![k]!, part),
            `${profile} ${partUrl('', part, PAGE)}`,
          ).toEqual(expected)
          pageCount += expected.length
          for (const page of expected) statuses.add(page.slice(0, 3))
        }
      }
    }
    // Both answers (pages and the cap's refusal) were compared, over many pages.
    expect([...statuses].sort()).toEqual(['200', '400'])
    expect(pageCount).toBeGreaterThan(150)
  })
})
