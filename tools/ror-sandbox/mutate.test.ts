import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MutationSummary } from '../generate/store-types'
import { ROR_RESOURCE_TYPES } from '../generate/store-types'
import { startSandbox, type Sandbox } from './server'
import { allPages, fhirGet, getToken, raw } from './test-client'

let sandbox: Sandbox
let token: string

beforeAll(async () => {
  sandbox = await startSandbox({ scale: { eg: 150 }, seed: 1 })
  token = await getToken(sandbox.tokenUrl, 'profil-1')
})
afterAll(() => sandbox.close())

async function mutate(body: unknown) {
  return raw(`${sandbox.url}/$sandbox/mutate`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
}

const stats = async () =>
  JSON.parse((await raw(`${sandbox.url}/$sandbox/stats`)).body) as {
    counts: Record<string, number>
  }

describe('mutate', () => {
  it('applies N changes that _lastUpdated=ge<before> returns exactly (deletions excluded)', async () => {
    const countsBefore = (await stats()).counts
    const before = new Date()
    await new Promise((resolve) => setTimeout(resolve, 5))
    const res = await mutate({ changes: 12 })
    expect(res.status).toBe(200)
    const summary = JSON.parse(res.body) as MutationSummary
    expect(summary.created + summary.modified + summary.closed + summary.deleted).toBe(12)
    expect(summary.deletedKeys.length).toBeGreaterThan(0)

    const since = encodeURIComponent(`ge${before.toISOString()}`)
    for (const type of ROR_RESOURCE_TYPES) {
      const pages = await allPages(`${sandbox.fhirBase}/${type}?_lastUpdated=${since}`, token)
      const keys = pages.flatMap((p) => (p.entry ?? []).map((e) => `${type}/${e.resource.id}`))
      const expected = summary.changedKeys.filter((k) => k.startsWith(`${type}/`))
      expect(keys.sort(), type).toEqual(expected.sort())
    }
    for (const key of summary.deletedKeys) {
      expect((await fhirGet(`${sandbox.fhirBase}/${key}`, token)).status).toBe(404)
    }
    // Stats were computed before the mutation: they must follow it.
    const countsAfter = (await stats()).counts
    expect(countsAfter.HealthcareService).toBe(
      countsBefore.HealthcareService! + summary.created - summary.deleted,
    )
  })

  it('refuses a malformed mutate body', async () => {
    expect((await mutate({ changes: 0 })).status).toBe(400)
    expect((await mutate({ change: 3 })).status).toBe(400)
  })
})
