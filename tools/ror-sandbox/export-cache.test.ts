import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openStore } from '../generate/store'
import type { GeneratedStore } from '../generate/store-types'
import { startSandbox, type Sandbox } from './server'
import { fhirGet, getToken, raw, ROR_TEST_HEADERS } from './test-client'

let dir: string
let store: GeneratedStore
let live: Sandbox
let cached: Sandbox

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'export-cache-'))
  store = await openStore({ scale: { eg: 60 }, seed: 3 })
  // Files rendered by another version of the code: removed when the cache opens.
  mkdirSync(join(dir, 'other-code-0123'))
  const common = { store, exportFileSize: 30, exportDelayMs: 0 }
  live = await startSandbox(common)
  cached = await startSandbox({ ...common, exportCacheDir: dir, prerenderExport: [2] })
})
afterAll(async () => {
  await live.close()
  await cached.close()
  rmSync(dir, { recursive: true, force: true })
})

/** Every output file of a national export, as raw bodies with the job's own ids blanked. */
async function exportBodies(sandbox: Sandbox, profile: number): Promise<string[]> {
  const token = await getToken(sandbox.tokenUrl, `profil-${profile}`)
  const kick = await fhirGet(`${sandbox.fhirBase}/$export`, token, {
    headers: { Prefer: 'respond-async' },
  })
  const manifest = await fhirGet<{ output: { url: string }[]; transactionTime: string }>(
    String(kick.headers['content-location']),
    token,
  )
  const bodies: string[] = []
  for (const { url } of manifest.json.output) {
    const res = await raw(url, {
      headers: { ...ROR_TEST_HEADERS, Authorization: `Bearer ${token}` },
    })
    expect(res.status).toBe(200)
    const job = /\$export-output\/([^/]+)\//.exec(url)![1]!
    bodies.push(
      res.body
        .replaceAll(job, 'JOB')
        .replaceAll(manifest.json.transactionTime, 'TIME')
        .replaceAll(sandbox.fhirBase, 'BASE'),
    )
  }
  return bodies
}

describe('$export file cache', () => {
  it('serves byte for byte what live rendering serves, per profile, rendered once', async () => {
    expect(readdirSync(dir)).toHaveLength(1)
    const [folder] = readdirSync(dir)
    const files = () =>
      readdirSync(join(dir, folder!)).filter((f) => f.endsWith('.meta.json')).length
    const prerendered = files()
    expect(prerendered).toBe(Math.ceil(store.count('HealthcareService') / 30))
    for (const profile of [2, 0]) {
      const expected = await exportBodies(live, profile)
      expect(await exportBodies(cached, profile)).toEqual(expected)
      expect(JSON.parse(expected[0]!)).toMatchObject({ resourceType: 'Bundle', type: 'searchset' })
    }
    // Profile 2 came from the prerendered files; profile 0 was rendered on its first download.
    expect(files()).toBe(2 * prerendered)
    await exportBodies(cached, 0)
    expect(files()).toBe(2 * prerendered)
  })

  it('renders again after a mutation, and still plays body faults', async () => {
    await fetch(`${cached.url}/$sandbox/mutate`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ changes: 40, now: '2026-11-20T10:00:00Z' }),
    })
    expect(await exportBodies(cached, 2)).toEqual(await exportBodies(live, 2))
    const [folder] = readdirSync(dir)
    expect(readdirSync(join(dir, folder!)).some((f) => f.startsWith('run-'))).toBe(true)

    cached.setFaults({ truncatedJson: { once: true }, pathPrefix: '/fhir/$export-output' })
    const bodies = await exportBodies(cached, 2)
    expect(() => JSON.parse(bodies[0]!)).toThrow()
    expect(JSON.parse(bodies[1]!)).toMatchObject({ resourceType: 'Bundle' })
    cached.setFaults({})
  })
})
