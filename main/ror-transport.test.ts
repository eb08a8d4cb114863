/**
 * The Node transport against the sandbox in mutual-TLS mode (`--mtls`): profiles 1–5
 * authenticate with a client certificate (PKCS#12 or PEM) signed by the sandbox's test CA,
 * which the client trusts as an extra CA — as the ROR's IGC-Santé chain would be.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runSync, type SyncOptions } from '../core/sync/engine'
import { CertificateRefusedError, ServerCertificateError } from '../core/sync/errors'
import { MemorySnapshotStore } from '../core/sync/memory-store'
import {
  diffRecords,
  FAST_RETRY,
  recordsOf,
  sandboxCounts,
  startTestSandbox,
} from '../tests/support/sync-harness'
import type { Sandbox } from '../tools/ror-sandbox/server'
import { NodeHttpTransport, type ClientCertificate } from './ror-transport'

let dir: string
let sandbox: Sandbox
let ca: Buffer
const transports: NodeHttpTransport[] = []

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ror-mtls-'))
  sandbox = await startTestSandbox({ mtls: { certsDir: dir }, exportFileSize: 100 })
  ca = readFileSync(sandbox.certs!.caCertPath)
})
afterAll(async () => {
  for (const t of transports) t.close()
  await sandbox.close()
  rmSync(dir, { recursive: true, force: true })
})

function p12(clientId: string, passphrase = sandbox.certs!.p12Password): ClientCertificate {
  return {
    format: 'pkcs12',
    data: readFileSync(sandbox.certs!.clients[clientId]!.p12Path),
    passphrase,
  }
}

function pem(clientId: string): ClientCertificate {
  const files = sandbox.certs!.clients[clientId]!
  return { format: 'pem', cert: readFileSync(files.certPath), key: readFileSync(files.keyPath) }
}

function options(
  store: MemorySnapshotStore,
  certificate: ClientCertificate | undefined,
  trustCa = true,
): SyncOptions {
  const transport = new NodeHttpTransport({
    ...(certificate ? { clientCertificate: certificate } : {}),
    extraCa: trustCa ? [ca] : [],
  })
  transports.push(transport)
  return {
    server: {
      fhirBase: sandbox.fhirBase,
      tokenUrl: sandbox.tokenUrl,
      clientId: 'profil-1',
      usesCertificate: certificate !== undefined,
    },
    profile: 1,
    transport,
    store,
    retry: FAST_RETRY,
  }
}

describe('mutual TLS (profile 1)', () => {
  it('syncs with a PKCS#12 certificate, then a delta with the same certificate as PEM', async () => {
    const store = new MemorySnapshotStore()
    const full = await runSync(options(store, p12('profil-1')))
    expect(sandbox.url).toMatch(/^https:/)
    expect(full.manifest.accessProfile).toBe(1)
    const { placement: _p, ...counts } = full.manifest.counts
    expect(counts).toEqual(await sandboxCounts(sandbox, 1, { ca }))
    const before = recordsOf(store.bytes)
    const delta = await runSync(options(store, pem('profil-1')))
    expect(delta.mode).toBe('delta')
    expect(diffRecords(before, recordsOf(store.bytes)).different).toEqual([])
  })

  it('survives resets and truncated bodies over HTTPS', async () => {
    sandbox.setFaults({ resetMidBody: { everyN: 3 }, truncatedJson: { everyN: 4 } })
    try {
      const store = new MemorySnapshotStore()
      const result = await runSync(options(store, p12('profil-1')))
      expect(result.retries).toBeGreaterThan(0)
      const clean = new MemorySnapshotStore()
      sandbox.setFaults({})
      await runSync(options(clean, p12('profil-1')))
      expect(diffRecords(recordsOf(store.bytes), recordsOf(clean.bytes)).different).toEqual([])
    } finally {
      sandbox.setFaults({})
    }
  })

  const refused: [string, () => ClientCertificate | undefined][] = [
    ['another client’s certificate', () => p12('profil-2')],
    ['no certificate', () => undefined],
    ['a wrong PKCS#12 password', () => p12('profil-1', 'wrong')],
  ]
  it.each(refused)('refuses %s with CertificateRefusedError', async (_name, certificate) => {
    const store = new MemorySnapshotStore()
    const opts = options(store, certificate())
    opts.server = { ...opts.server, usesCertificate: true }
    const error = await runSync(opts).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CertificateRefusedError)
    expect((error as Error).message).toMatch(/Certificat client refusé/)
    expect(store.bytes).toBeNull()
  })

  it('refuses a server whose CA is not trusted', async () => {
    // A PEM certificate: a PKCS#12 bundle carrying the CA would make Node trust it.
    const error = await runSync(options(new MemorySnapshotStore(), pem('profil-1'), false)).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(ServerCertificateError)
    expect((error as Error).message).toMatch(
      /certificat du serveur 127\.0\.0\.1:\d+ n’est pas reconnu/,
    )
  })
})
