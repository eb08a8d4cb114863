import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CS } from '../../core/ror/urls'
import type { AccessProfile } from '../../core/snapshot/records'
import type { GeneratedStore } from '../generate/store-types'
import { startSandbox, type Sandbox } from './server'
import {
  fhirGet,
  getToken,
  makeOracle,
  raw,
  ROR_TEST_HEADERS,
  type SearchBundle,
} from './test-client'

let store: GeneratedStore
let sandbox: Sandbox
let oracle: ReturnType<typeof makeOracle>

beforeAll(async () => {
  sandbox = await startSandbox({
    scale: { eg: 150 },
    seed: 1,
    exportFileSize: 40,
    exportDelayMs: 300,
  })
  store = sandbox.store
  oracle = makeOracle(store)
})
afterAll(() => sandbox.close())

interface Manifest {
  transactionTime: string
  request: string
  requiresAccessToken: boolean
  output: Array<{ type: string; url: string }>
  error: unknown[]
}

async function kickOff(token: string, query: string): Promise<string> {
  const res = await fhirGet(`${sandbox.fhirBase}/$export?${query}`, token, {
    headers: { Prefer: 'respond-async', Accept: 'application/fhir+json' },
  })
  expect(res.status, res.body).toBe(202)
  const location = res.headers['content-location']
  expect(location).toMatch(/\/fhir\/\$export-poll-status\?_jobId=[0-9a-f-]{36}$/)
  return String(location)
}

/** Polls as a client would, honouring Retry-After (scaled down) and checking X-Progress. */
async function poll(
  token: string,
  location: string,
): Promise<{ manifest: Manifest; polls: number }> {
  for (let polls = 1; polls < 50; polls += 1) {
    const res = await fhirGet<Manifest>(location, token)
    if (res.status === 200) return { manifest: res.json, polls }
    expect(res.status).toBe(202)
    expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1)
    expect(String(res.headers['x-progress'])).toMatch(/\d+%/)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error('export never completed')
}

async function download(token: string, manifest: Manifest): Promise<SearchBundle[]> {
  const files: SearchBundle[] = []
  for (const out of manifest.output) {
    const res = await fhirGet<SearchBundle>(out.url, token)
    expect(res.status).toBe(200)
    files.push(res.json)
  }
  return files
}

const BASE_QUERY = '_type=HealthcareService&includeAssociatedData=_myCompleteExtract'

describe('$export', () => {
  it.each([0, 1, 4] as const)(
    'exports exactly the offers profile %i may see, each with its linked resources',
    async (profile: AccessProfile) => {
      const token = await getToken(sandbox.tokenUrl, `profil-${profile}`)
      const { manifest, polls } = await poll(token, await kickOff(token, BASE_QUERY))
      expect(polls).toBeGreaterThan(1)
      expect(manifest).toMatchObject({ requiresAccessToken: true, error: [] })
      expect(manifest.output).toHaveLength(Math.ceil(store.count('HealthcareService') / 40))
      const files = await download(token, manifest)
      const offers = files.flatMap((f) =>
        (f.entry ?? []).filter((e) => e.search?.mode === 'match').map((e) => e.resource),
      )
      const expected = oracle('HealthcareService', profile)
      expect(offers.map((o) => o.id).sort()).toEqual(expected.map((o) => o.id).sort())
      expect(offers).toEqual(expect.arrayContaining(expected))
      for (const file of files) {
        expect(file.total).toBe(file.entry?.filter((e) => e.search?.mode === 'match').length ?? 0)
        const keys = new Set(
          (file.entry ?? []).map((e) => `${e.resource.resourceType}/${e.resource.id}`),
        )
        expect(keys.size).toBe(file.entry?.length ?? 0)
        for (const entry of file.entry ?? []) {
          if (entry.search?.mode !== 'match') continue
          const org = store.offerOrganization(entry.resource.id!)
          expect(keys.has(`Organization/${org}`)).toBe(true)
          expect(keys.has(`Organization/${store.organizationPartOf(org!)}`)).toBe(true)
          for (const loc of store.offerLocations(entry.resource.id!)) {
            expect(keys.has(`Location/${loc}`)).toBe(true)
          }
        }
      }
    },
  )

  it('restricts the export to a region with _typeFilter', async () => {
    const token = await getToken(sandbox.tokenUrl, 'profil-1')
    const filter = encodeURIComponent(`HealthcareService?_tag=${CS.region}|52`)
    const { manifest } = await poll(
      token,
      await kickOff(token, `${BASE_QUERY}&_typeFilter=${filter}`),
    )
    const files = await download(token, manifest)
    const ids = files.flatMap((f) =>
      (f.entry ?? []).filter((e) => e.search?.mode === 'match').map((e) => e.resource.id!),
    )
    const expected = store
      .ids('HealthcareService')
      .filter((id) => store.region('HealthcareService', id) === '52')
    expect(ids.sort()).toEqual(expected.sort())
    expect(manifest.request).toContain('_typeFilter')
  })

  it('cancels a job with DELETE and refuses ndjson, other types and anonymous downloads', async () => {
    const token = await getToken(sandbox.tokenUrl, 'profil-1')
    const location = await kickOff(token, BASE_QUERY)
    const del = await fhirGet(location, token, { method: 'DELETE' })
    expect(del.status).toBe(202)
    expect((await fhirGet(location, token)).status).toBe(404)

    for (const query of ['_outputFormat=application/fhir%2Bndjson', '_type=Location', 'foo=bar']) {
      const res = await fhirGet(`${sandbox.fhirBase}/$export?${query}`, token)
      expect(res.status, query).toBe(400)
    }

    const { manifest } = await poll(token, await kickOff(token, BASE_QUERY))
    const url = manifest.output[0]!.url
    expect((await raw(url, { headers: ROR_TEST_HEADERS })).status).toBe(401)
    const other = await getToken(sandbox.tokenUrl, 'profil-2')
    expect((await fhirGet(url, other)).status).toBe(404)
  })
})
