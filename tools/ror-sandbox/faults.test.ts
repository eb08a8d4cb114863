import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { FaultInjector, parseFaultsArg, type FaultSpec } from './faults'
import { startSandbox, type Sandbox } from './server'
import { fhirGet, getToken, raw, ROR_TEST_HEADERS } from './test-client'

let sandbox: Sandbox
let token: string
const url = () => `${sandbox.fhirBase}/Organization?_count=20`

beforeAll(async () => {
  sandbox = await startSandbox({ scale: { eg: 150 }, seed: 1 })
  token = await getToken(sandbox.tokenUrl, 'profil-1')
})
afterAll(() => sandbox.close())
beforeEach(() => sandbox.setFaults({}))

async function postFaults(spec: unknown) {
  return raw(`${sandbox.url}/$sandbox/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(spec),
  })
}

const statuses = async (n: number) => {
  const out: number[] = []
  for (let i = 0; i < n; i += 1) out.push((await fhirGet(url(), token)).status)
  return out
}

describe('fault injection over HTTP', () => {
  it('is off by default and adds latency when asked', async () => {
    const plain = await fhirGet(url(), token)
    expect(plain.status).toBe(200)
    expect((await postFaults({ latencyMs: 250 })).status).toBe(200)
    const slow = await fhirGet(url(), token)
    expect(slow.status).toBe(200)
    expect(slow.elapsedMs).toBeGreaterThanOrEqual(245)
  })

  it('answers 429 with Retry-After once, then serves again', async () => {
    await postFaults({ rate429: { once: true }, retryAfter: 3 })
    const throttled = await fhirGet(url(), token)
    expect(throttled.status).toBe(429)
    expect(throttled.headers['retry-after']).toBe('3')
    expect(throttled.json).toMatchObject({
      resourceType: 'OperationOutcome',
      issue: [{ code: 'throttled' }],
    })
    expect(await statuses(3)).toEqual([200, 200, 200])
  })

  it('answers 500 every second request and 503 after a skip', async () => {
    sandbox.setFaults({ rate500: { everyN: 2 } })
    expect(await statuses(4)).toEqual([200, 500, 200, 500])
    sandbox.setFaults({ rate503: { skip: 2, once: true }, retryAfter: 1 })
    const seq = await statuses(4)
    expect(seq).toEqual([200, 200, 503, 200])
  })

  it('replays the same random pattern for the same seed', async () => {
    const spec: FaultSpec = { rate500: 0.4, seed: 7 }
    sandbox.setFaults(spec)
    const first = await statuses(12)
    sandbox.setFaults(spec)
    expect(await statuses(12)).toEqual(first)
    expect(first).toContain(500)
    expect(first).toContain(200)
  })

  it('resets the connection in the middle of a body', async () => {
    sandbox.setFaults({ resetMidBody: { once: true }, bodyFaultAfterBytes: 300 })
    await expect(fhirGet(url(), token)).rejects.toThrow()
    expect((await fhirGet(url(), token)).status).toBe(200)
  })

  it('truncates a JSON body while still answering 200', async () => {
    const full = await fhirGet(url(), token)
    sandbox.setFaults({ truncatedJson: { once: true } })
    const cut = await raw(url(), {
      headers: { Authorization: `Bearer ${token}`, ...ROR_TEST_HEADERS },
    })
    expect(cut.status).toBe(200)
    expect(cut.body.length).toBeLessThan(full.body.length)
    expect(() => JSON.parse(cut.body)).toThrow()
  })

  it('drips a body slowly', async () => {
    const size = (await fhirGet(url(), token)).body.length
    const rate = Math.ceil(size / 0.6) // ~0.6 s for the whole body
    sandbox.setFaults({ slowDripBytesPerSec: rate })
    const slow = await fhirGet(url(), token)
    expect(slow.status).toBe(200)
    expect(slow.elapsedMs).toBeGreaterThanOrEqual(500)
  })

  it('expires a token after N requests, as if it expired in the middle of a sync', async () => {
    sandbox.setFaults({ expireTokenAfterRequests: 2 })
    const fresh = await getToken(sandbox.tokenUrl, 'profil-1')
    expect((await fhirGet(url(), fresh)).status).toBe(200)
    expect((await fhirGet(url(), fresh)).status).toBe(200)
    const expired = await fhirGet(url(), fresh)
    expect(expired.status).toBe(401)
    expect(expired.json).toMatchObject({ issue: [{ code: 'expired' }] })
    expect((await fhirGet(url(), await getToken(sandbox.tokenUrl, 'profil-1'))).status).toBe(200)
  })

  it('leaves the token endpoint alone, reports counters and refuses a bad spec', async () => {
    await postFaults({ rate503: 1 })
    expect((await fhirGet(url(), token)).status).toBe(503)
    await getToken(sandbox.tokenUrl, 'profil-0')
    const status = JSON.parse((await raw(`${sandbox.url}/$sandbox/faults`)).body) as {
      fired: Record<string, number>
    }
    expect(status.fired.rate503).toBe(1)
    // With a prefix that covers it, the token endpoint fails too.
    sandbox.setFaults({ rate503: { once: true }, pathPrefix: '/auth' })
    await expect(getToken(sandbox.tokenUrl, 'profil-0')).rejects.toThrow(/503/)
    await getToken(sandbox.tokenUrl, 'profil-0')
    const bad = await postFaults({ rate429: 2 })
    expect(bad.status).toBe(400)
    expect(bad.body).toContain('rate429')
  })
})

describe('--faults parsing', () => {
  it('reads key=value lists with probabilities and counter rules', () => {
    expect(
      parseFaultsArg('latencyMs=200,rate429=0.1,retryAfter=2,rate503=every:7,truncatedJson=once'),
    ).toEqual({
      latencyMs: 200,
      rate429: 0.1,
      retryAfter: 2,
      rate503: { everyN: 7 },
      truncatedJson: { once: true },
    })
    expect(parseFaultsArg('rate500=skip:3+every:2')).toEqual({ rate500: { skip: 3, everyN: 2 } })
    expect(parseFaultsArg('{"resetMidBody":{"once":true}}')).toEqual({
      resetMidBody: { once: true },
    })
  })

  it('rejects unknown keys and impossible values with a message naming them', () => {
    expect(() => parseFaultsArg('rate42=0.1')).toThrow(/rate42/)
    expect(() => parseFaultsArg('rate429=3')).toThrow(/rate429/)
    expect(() => parseFaultsArg('rate500=sometimes')).toThrow(/rate500/)
  })

  it('only counts requests under the path prefix', () => {
    const faults = new FaultInjector({ rate500: { everyN: 1 } })
    expect(faults.decide('/auth/token')).toBeUndefined()
    expect(faults.decide('/fhir/Location')?.error?.status).toBe(500)
  })
})
