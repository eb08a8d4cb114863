/**
 * The extra trusted CA: validated when added, kept across restarts, removable, and trusted by
 * the Node transport (as the sync and the connection test use it) on top of the system store —
 * checked against a real HTTPS server whose certificate the test CA signed.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { NetworkError } from '../core/sync/transport'
import { NodeHttpTransport } from './ror-transport'
import { makeTestCertificates, type TestCertificates } from './test-certificates'
import { TrustStore } from './trust-store'

let dir: string
let certs: TestCertificates
let server: Server
let url: string
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ror-trust-'))
  certs = makeTestCertificates(join(dir, 'pki'))
  server = createServer(
    { key: readFileSync(certs.serverKeyPath), cert: readFileSync(certs.serverCertPath) },
    (_req, res) => res.end('ok'),
  )
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/metadata`
})
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  rmSync(dir, { recursive: true, force: true })
})

const caInput = (fileName = 'proxy-ca.pem') => ({
  fileName,
  data: new Uint8Array(readFileSync(certs.caCertPath)),
})

async function fetchStatus(extraCa: Uint8Array[]): Promise<number | string> {
  const transport = new NodeHttpTransport({ extraCa })
  try {
    const response = await transport.request({ method: 'GET', url, headers: {} })
    await response.discard()
    return response.status
  } catch (error) {
    return error instanceof NetworkError ? error.failure : String(error)
  } finally {
    transport.close()
  }
}

describe('TrustStore', () => {
  it('adds a CA the transport then trusts, keeps it across restarts, and removes it', async () => {
    const path = join(dir, 'trust.json')
    expect(await fetchStatus([])).toBe('tls-server-certificate')
    const result = await new TrustStore(path).set(caInput())
    expect(result).toEqual({
      ok: true,
      value: {
        extraCa: {
          fileName: 'proxy-ca.pem',
          certificates: [expect.objectContaining({ subject: 'ROR sandbox TEST CA' })],
        },
      },
    })
    const restarted = new TrustStore(path)
    expect((await restarted.status()).extraCa?.fileName).toBe('proxy-ca.pem')
    expect(await fetchStatus(await restarted.extraCa())).toBe(200)

    expect(await restarted.clear()).toEqual({ ok: true, value: { extraCa: null } })
    expect(await restarted.extraCa()).toEqual([])
    expect(await fetchStatus(await restarted.extraCa())).toBe('tls-server-certificate')
  })

  it('accepts a DER certificate and stores it as PEM', async () => {
    const store = new TrustStore(join(dir, 'der.json'))
    const der = { fileName: 'ca.cer', data: new Uint8Array(readFileSync(certs.caDerPath)) }
    expect((await store.set(der)).ok).toBe(true)
    const [pem] = await store.extraCa()
    expect(Buffer.from(pem!).toString('utf8')).toMatch(/^-----BEGIN CERTIFICATE-----/)
    expect(await fetchStatus(await store.extraCa())).toBe(200)
  })

  it('refuses a file that holds no certificate, naming it, and keeps the previous CA', async () => {
    const path = join(dir, 'refused.json')
    const store = new TrustStore(path)
    await store.set(caInput('bonne.pem'))
    const before = await readFile(path, 'utf8')
    const key = { fileName: 'clé.pem', data: new Uint8Array(readFileSync(certs.serverKeyPath)) }
    const result = await store.set(key)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('ca-unreadable')
    expect(result.error.message).toMatch(/^« clé\.pem » ne contient aucun certificat/)
    expect(result.error.message).toMatch(/Aucune autorité n’a été ajoutée\.$/)
    expect(await readFile(path, 'utf8')).toBe(before)
  })

  it('ignores a damaged file instead of breaking every sync', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const path = join(dir, 'damaged.json')
    const pem = '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'
    await writeFile(path, JSON.stringify({ version: 1, fileName: 'x.pem', pem }))
    const store = new TrustStore(path)
    expect(await store.status()).toEqual({ extraCa: null })
    expect(await store.extraCa()).toEqual([])
    expect(warn).toHaveBeenCalled()
    // Not even a file: the sync still gets the system store only, and no exception.
    expect(await new TrustStore(dir).extraCa()).toEqual([])
    warn.mockRestore()
  })
})
