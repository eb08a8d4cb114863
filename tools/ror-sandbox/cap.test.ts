import { afterAll, describe, expect, it } from 'vitest'
import { openStore } from '../generate/store'
import { startSandbox, type Sandbox } from './server'
import { allPages, fhirGet, getToken, makeOracle, type SearchBundle } from './test-client'

const started: Sandbox[] = []
afterAll(() => Promise.all(started.map((s) => s.close())))

async function start(...args: Parameters<typeof startSandbox>) {
  const sandbox = await startSandbox(...args)
  started.push(sandbox)
  return sandbox
}

/** The region with the most offers. */
function bigRegion(sandbox: Sandbox): string {
  const counts = new Map<string, number>()
  for (const id of sandbox.store.ids('HealthcareService')) {
    const region = sandbox.store.region('HealthcareService', id)
    counts.set(region, (counts.get(region) ?? 0) + 1)
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]![0]
}

describe('result cap', () => {
  it('answers a search above the cap with a too-costly OperationOutcome, and serves a split one', async () => {
    const store = await openStore({ scale: { eg: 150 }, seed: 1 })
    const byRegion = new Map<string, number>()
    for (const id of store.ids('HealthcareService')) {
      const region = store.region('HealthcareService', id)
      byRegion.set(region, (byRegion.get(region) ?? 0) + 1)
    }
    // A cap every region fits under, but not the whole country.
    const cap = Math.max(...byRegion.values())
    expect(cap).toBeLessThan(store.count('HealthcareService'))
    const sandbox = await start({ store, resultCap: cap })
    const token = await getToken(sandbox.tokenUrl, 'profil-1')
    const all = await fhirGet(`${sandbox.fhirBase}/HealthcareService`, token)
    expect(all.status).toBe(400)
    expect(all.json).toMatchObject({
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'too-costly' }],
    })
    // Split by region as a client must: each part fits, together they cover everything.
    let total = 0
    for (const region of byRegion.keys()) {
      const pages = await allPages(`${sandbox.fhirBase}/HealthcareService?_tag=${region}`, token)
      total += pages[0]!.total!
    }
    expect(total).toBe(store.count('HealthcareService'))
  })

  it('counts only what the profile may see against the cap', async () => {
    const store = await openStore({ scale: { eg: 150 }, seed: 1 })
    const visible0 = makeOracle(store)('HealthcareService', 0).length
    // A cap between what profile 0 sees and what profile 1 sees.
    const sandbox = await start({ store, resultCap: visible0 })
    const ok = await fhirGet<SearchBundle>(
      `${sandbox.fhirBase}/HealthcareService?_count=0`,
      await getToken(sandbox.tokenUrl, 'profil-0'),
    )
    expect(ok.status).toBe(200)
    expect(ok.json.total).toBe(visible0)
    expect(ok.json.entry).toBeUndefined()
    const refused = await fhirGet(
      `${sandbox.fhirBase}/HealthcareService?_count=0`,
      await getToken(sandbox.tokenUrl, 'profil-1'),
    )
    expect(refused.status).toBe(400)
  })

  it('applies the default 10,000 cap and lowers _count to 1,000', async () => {
    // 3,000 EG give a little more than 10,000 offers.
    const sandbox = await start({ scale: { eg: 3000 }, seed: 1 })
    expect(sandbox.store.count('HealthcareService')).toBeGreaterThan(10_000)
    const token = await getToken(sandbox.tokenUrl, 'profil-1')
    const over = await fhirGet(`${sandbox.fhirBase}/HealthcareService?_count=1`, token)
    expect(over.status).toBe(400)
    expect(JSON.stringify(over.json)).toContain('10000')
    const region = await fhirGet<SearchBundle>(
      `${sandbox.fhirBase}/HealthcareService?_tag=${bigRegion(sandbox)}&_count=5000`,
      token,
    )
    expect(region.status).toBe(200)
    expect(region.json.total).toBeGreaterThan(1000)
    expect(region.json.entry).toHaveLength(1000)
    expect(region.json.link?.find((l) => l.relation === 'next')?.url).toContain('_count=1000')
  })
})
