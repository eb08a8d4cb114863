import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from './server'
import { fhirGet, getToken, raw, type RawRequest } from './test-client'

let dir: string
let sandbox: Sandbox
let ca: Buffer

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ror-sandbox-certs-'))
  sandbox = await startSandbox({ scale: { eg: 20 }, seed: 1, mtls: { certsDir: dir } })
  ca = readFileSync(sandbox.certs!.caCertPath)
})
afterAll(async () => {
  await sandbox.close()
  rmSync(dir, { recursive: true, force: true })
})

const pem = (clientId: string): RawRequest['tls'] => {
  const files = sandbox.certs!.clients[clientId]!
  return { ca, key: readFileSync(files.keyPath), cert: readFileSync(files.certPath) }
}

async function tokenStatus(clientId: string, tls: RawRequest['tls'], secret?: string) {
  const form: Record<string, string> = { grant_type: 'client_credentials', client_id: clientId }
  if (secret !== undefined) form.client_secret = secret
  const res = await raw(sandbox.tokenUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
    ...(tls ? { tls } : {}),
  })
  return { status: res.status, body: JSON.parse(res.body) as Record<string, unknown> }
}

describe('mutual TLS', () => {
  it('serves HTTPS with a server certificate signed by the sandbox CA', () => {
    expect(sandbox.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
  })

  it('requires the client certificate of profil-1, even with the right secret', async () => {
    const without = await tokenStatus('profil-1', { ca }, 'sandbox')
    expect(without.status).toBe(401)
    expect(without.body.error).toBe('invalid_client')
    expect((await tokenStatus('profil-1', pem('profil-1'))).status).toBe(200)
  })

  it("refuses another profile's certificate", async () => {
    const res = await tokenStatus('profil-1', pem('profil-2'))
    expect(res.status).toBe(401)
  })

  it('accepts the PKCS#12 bundle with its password', async () => {
    const files = sandbox.certs!.clients['profil-3']!
    const tls = { ca, pfx: readFileSync(files.p12Path), passphrase: sandbox.certs!.p12Password }
    const token = await getToken(sandbox.tokenUrl, 'profil-3', null, tls)
    const res = await fhirGet(`${sandbox.fhirBase}/Organization?_count=2`, token, { tls })
    expect(res.status).toBe(200)
  })

  it('binds the token to the certificate: a call without it is refused', async () => {
    const tls = pem('profil-1')
    const token = await getToken(sandbox.tokenUrl, 'profil-1', 'sandbox', tls)
    expect((await fhirGet(`${sandbox.fhirBase}/Location?_count=1`, token, { tls })).status).toBe(
      200,
    )
    const stolen = await fhirGet(`${sandbox.fhirBase}/Location?_count=1`, token, { tls: { ca } })
    expect(stolen.status).toBe(401)
  })

  it('lets profil-0 use its secret without a certificate', async () => {
    const token = await getToken(sandbox.tokenUrl, 'profil-0', 'sandbox', { ca })
    expect(
      (await fhirGet(`${sandbox.fhirBase}/Location?_count=1`, token, { tls: { ca } })).status,
    ).toBe(200)
    expect((await tokenStatus('profil-0', { ca }, 'wrong')).status).toBe(401)
  })
})
