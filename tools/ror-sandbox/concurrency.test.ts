import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AccessProfile } from '../../core/snapshot/records'
import type { GeneratedStore } from '../generate/store-types'
import { startSandbox, type Sandbox } from './server'
import { allPages, fhirGet, getToken, makeOracle, type SearchBundle } from './test-client'

let store: GeneratedStore
let sandbox: Sandbox

beforeAll(async () => {
  sandbox = await startSandbox({
    scale: { eg: 150 },
    seed: 1,
    exportDelayMs: 50,
    exportFileSize: 100,
  })
  store = sandbox.store
})
afterAll(() => sandbox.close())

async function exportOffers(token: string): Promise<string[]> {
  const kick = await fhirGet(`${sandbox.fhirBase}/$export?_type=HealthcareService`, token)
  const location = String(kick.headers['content-location'])
  let manifest: { output: Array<{ url: string }> } | undefined
  while (!manifest) {
    const res = await fhirGet<{ output: Array<{ url: string }> }>(location, token)
    if (res.status === 200) manifest = res.json
    else await new Promise((resolve) => setTimeout(resolve, 30))
  }
  const files = await Promise.all(manifest.output.map((o) => fhirGet<SearchBundle>(o.url, token)))
  return files.flatMap((f) =>
    (f.json.entry ?? []).filter((e) => e.search?.mode === 'match').map((e) => e.resource.id!),
  )
}

describe('concurrent clients', () => {
  it('serves parallel paging and exports of several profiles without mixing them', async () => {
    const oracle = makeOracle(store)
    const profiles: AccessProfile[] = [0, 1, 2, 3, 4, 5, 0, 1]
    const jobs = profiles.map(async (profile, i) => {
      const token = await getToken(sandbox.tokenUrl, `profil-${profile}`)
      const ids =
        i % 2 === 0
          ? (
              await allPages(`${sandbox.fhirBase}/HealthcareService?_count=${13 + i}`, token)
            ).flatMap((p) => (p.entry ?? []).map((e) => e.resource.id!))
          : await exportOffers(token)
      return { profile, ids }
    })
    for (const { profile, ids } of await Promise.all(jobs)) {
      const expected = oracle('HealthcareService', profile).map((r) => r.id!)
      expect(new Set(ids).size).toBe(ids.length)
      expect([...ids].sort()).toEqual([...expected].sort())
    }
  })
})
