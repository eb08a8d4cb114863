import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from './server'
import { fhirGet, getToken, raw, ROR_TEST_HEADERS } from './test-client'

let sandbox: Sandbox

beforeAll(async () => {
  sandbox = await startSandbox({ scale: { eg: 150 }, seed: 1, tokenLifetimeSec: 1 })
})
afterAll(() => sandbox.close())

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
})

describe('token endpoint', () => {
  it('issues a JWT-shaped bearer token carrying the profile and its expiry', async () => {
    const res = await raw(
      sandbox.tokenUrl,
      form({ grant_type: 'client_credentials', client_id: 'profil-3', client_secret: 'sandbox' }),
    )
    expect(res.status).toBe(200)
    const body = JSON.parse(res.body) as Record<string, unknown>
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 1 })
    const payload = JSON.parse(
      Buffer.from(String(body.access_token).split('.')[1]!, 'base64url').toString(),
    ) as { sub: string; profile: number; exp: number; iat: number }
    expect(payload).toMatchObject({ sub: 'profil-3', profile: 3 })
    expect(payload.exp - payload.iat).toBe(1)
  })

  it('accepts HTTP Basic client authentication', async () => {
    const res = await raw(sandbox.tokenUrl, {
      ...form({ grant_type: 'client_credentials' }),
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Authorization: `Basic ${Buffer.from('profil-0:sandbox').toString('base64')}`,
      },
    })
    expect(res.status).toBe(200)
  })

  it('refuses a wrong secret, an unknown client and another grant type', async () => {
    const wrong = await raw(
      sandbox.tokenUrl,
      form({ grant_type: 'client_credentials', client_id: 'profil-1', client_secret: 'nope' }),
    )
    expect(wrong.status).toBe(401)
    expect(JSON.parse(wrong.body)).toMatchObject({ error: 'invalid_client' })
    const unknown = await raw(
      sandbox.tokenUrl,
      form({ grant_type: 'client_credentials', client_id: 'profil-9', client_secret: 'sandbox' }),
    )
    expect(JSON.parse(unknown.body)).toMatchObject({ error: 'invalid_client' })
    const grant = await raw(
      sandbox.tokenUrl,
      form({ grant_type: 'password', client_id: 'profil-1' }),
    )
    expect(grant.status).toBe(400)
    expect(JSON.parse(grant.body)).toMatchObject({ error: 'unsupported_grant_type' })
  })
})

describe('FHIR access control', () => {
  it('answers 401 with an OperationOutcome without a token or with a forged one', async () => {
    const none = await raw(`${sandbox.fhirBase}/HealthcareService`, { headers: ROR_TEST_HEADERS })
    expect(none.status).toBe(401)
    expect(JSON.parse(none.body)).toMatchObject({ resourceType: 'OperationOutcome' })
    expect(none.headers['www-authenticate']).toContain('invalid_token')
    const token = await getToken(sandbox.tokenUrl, 'profil-1')
    const forged = await fhirGet(`${sandbox.fhirBase}/HealthcareService`, `${token}x`)
    expect(forged.status).toBe(401)
  })

  it('answers 400 naming each missing Ror-* header', async () => {
    const token = await getToken(sandbox.tokenUrl, 'profil-1')
    for (const name of Object.keys(ROR_TEST_HEADERS)) {
      const headers: Record<string, string> = {
        Authorization: `Bearer ${token}`,
        ...ROR_TEST_HEADERS,
      }
      delete headers[name]
      const res = await raw(`${sandbox.fhirBase}/Location?_count=1`, { headers })
      expect(res.status).toBe(400)
      const outcome = JSON.parse(res.body) as {
        issue: Array<{ diagnostics: string; code: string }>
      }
      expect(outcome.issue[0]?.code).toBe('required')
      expect(outcome.issue[0]?.diagnostics).toContain(name)
    }
  })

  it('serves metadata without a token', async () => {
    const res = await raw(`${sandbox.fhirBase}/metadata`)
    expect(res.status).toBe(200)
    expect(JSON.parse(res.body)).toMatchObject({
      resourceType: 'CapabilityStatement',
      fhirVersion: '4.0.1',
    })
  })

  it('rejects an expired token so that the client must fetch a new one', async () => {
    const token = await getToken(sandbox.tokenUrl, 'profil-2')
    const fresh = await fhirGet(`${sandbox.fhirBase}/Organization?_count=1`, token)
    expect(fresh.status).toBe(200)
    await new Promise((resolve) => setTimeout(resolve, 1100))
    const expired = await fhirGet(`${sandbox.fhirBase}/Organization?_count=1`, token)
    expect(expired.status).toBe(401)
    expect(expired.json).toMatchObject({ issue: [{ code: 'expired' }] })
    const renewed = await getToken(sandbox.tokenUrl, 'profil-2')
    expect((await fhirGet(`${sandbox.fhirBase}/Organization?_count=1`, renewed)).status).toBe(200)
  })
})
