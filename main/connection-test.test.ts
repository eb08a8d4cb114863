/** « Tester la connexion » against the local sandbox over real HTTP, with the Node transport. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, type Settings } from '../core/ipc/contract'
import type { AccessProfile } from '../core/snapshot/records'
import { FAST_RETRY, sandboxCounts, startTestSandbox } from '../tests/support/sync-harness'
import type { Sandbox } from '../tools/ror-sandbox/server'
import { testConnection, type ConnectionTestDeps } from './connection-test'
import { NodeHttpTransport } from './ror-transport'
import { TrustStore } from './trust-store'

let sandbox: Sandbox
const deps: ConnectionTestDeps = {
  transport: (options) => new NodeHttpTransport(options),
  retry: { ...FAST_RETRY, maxAttempts: 2 },
}

beforeAll(async () => {
  sandbox = await startTestSandbox()
})
afterAll(() => sandbox.close())

function settings(profile: AccessProfile, clientId = `profil-${profile}`): Settings {
  return {
    ...DEFAULT_SETTINGS,
    server: {
      kind: 'local-sandbox',
      fhirBaseUrl: sandbox.fhirBase,
      tokenUrl: sandbox.tokenUrl,
      clientId,
    },
    accessProfile: profile,
  }
}

describe('testConnection', () => {
  it('gets a token, searches offers and says how many the profile sees', async () => {
    const result = await testConnection(settings(0), { clientSecret: 'sandbox' }, deps)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const expected = (await sandboxCounts(sandbox, 0)).offer
    expect(result.value.total).toBe(expected)
    expect(result.value.message).toMatch(/^Connexion réussie avec le profil 0/)
  })

  it('reports refused credentials in French, without the sync’s snapshot note', async () => {
    const result = await testConnection(settings(0), { clientSecret: 'wrong' }, deps)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('auth-failed')
    expect(result.error.message).toMatch(/^Identifiants refusés/)
    expect(result.error.message).not.toMatch(/instantané/)
  })

  it('reports an unreachable server', async () => {
    const closed = settings(0)
    closed.server.tokenUrl = 'http://127.0.0.1:9/auth/token'
    const result = await testConnection(closed, { clientSecret: 'sandbox' }, deps)
    expect(result.ok ? null : result.error.code).toBe('server-unreachable')
  })

  it('says what is missing before any request', async () => {
    const noSecret = await testConnection(settings(0), {}, deps)
    expect(noSecret.ok ? null : noSecret.error.code).toBe('missing-secret')
    const noCertificate = await testConnection(settings(3), { clientSecret: 'sandbox' }, deps)
    expect(noCertificate.ok ? null : noCertificate.error.code).toBe('missing-certificate')
    const noClient = await testConnection(settings(0, ''), { clientSecret: 'sandbox' }, deps)
    expect(noClient.ok ? null : noClient.error.code).toBe('not-configured')
  })
})

describe('testConnection over mutual TLS', () => {
  let dir: string
  let mtls: Sandbox
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ror-connection-mtls-'))
    mtls = await startTestSandbox({ mtls: { certsDir: join(dir, 'pki') } })
  })
  afterAll(async () => {
    await mtls.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('trusts the CA added in the settings, on top of the system store', async () => {
    const files = mtls.certs!.clients['profil-2']!
    // A PEM certificate with its key: unlike a PKCS#12 bundle, it brings no CA along.
    const certificate = {
      format: 'pem' as const,
      data: new Uint8Array(
        Buffer.concat([readFileSync(files.certPath), readFileSync(files.keyPath)]),
      ),
    }
    const profile2: Settings = {
      ...DEFAULT_SETTINGS,
      server: {
        kind: 'custom',
        fhirBaseUrl: mtls.fhirBase,
        tokenUrl: mtls.tokenUrl,
        clientId: 'profil-2',
      },
      accessProfile: 2,
    }
    const trust = new TrustStore(join(dir, 'trust.json'))
    const withCa = { ...deps, extraCa: () => trust.extraCa() }

    const untrusted = await testConnection(profile2, { certificate }, withCa)
    expect(untrusted.ok ? null : untrusted.error.code).toBe('server-certificate-untrusted')
    const ca = readFileSync(mtls.certs!.caCertPath)
    expect((await trust.set({ fileName: 'ca-test.pem', data: new Uint8Array(ca) })).ok).toBe(true)
    const trusted = await testConnection(profile2, { certificate }, withCa)
    expect(trusted.ok ? trusted.value.total : trusted.error.message).toBe(
      (await sandboxCounts(mtls, 2, { ca })).offer,
    )
  })
})
