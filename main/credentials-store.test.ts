import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { CredentialsStore } from './credentials-store'
import type { SecretCipher } from './credentials-store'
import {
  P12_PASSWORD,
  makeTestCertificates,
  opensslValidity,
  type TestCertificates,
} from './test-certificates'

/** Reversible but not the identity, like safeStorage: a prefix and a XOR of every byte. */
function fakeCipher(options: { isAvailable?: boolean; backend?: string } = {}): SecretCipher {
  return {
    isEncryptionAvailable: () => options.isAvailable ?? true,
    encryptString: (plain) =>
      Buffer.concat([Buffer.from('v10'), Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)]),
    decryptString: (sealed) => {
      if (sealed.subarray(0, 3).toString() !== 'v10') throw new Error('not sealed by this cipher')
      return Buffer.from(sealed.subarray(3).map((b) => b ^ 0x5a)).toString('utf8')
    },
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
  }
}

let certsDir = ''
let certs: TestCertificates
let P12: Uint8Array<ArrayBuffer>
beforeAll(() => {
  certsDir = mkdtempSync(path.join(tmpdir(), 'ror-credentials-certs-'))
  certs = makeTestCertificates(certsDir)
  P12 = new Uint8Array(readFileSync(certs.clients['profil-2']!.p12Path))
})
afterAll(() => rmSync(certsDir, { recursive: true, force: true }))

let folder = ''
let filePath = ''
beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'ror-credentials-'))
  filePath = path.join(folder, 'credentials.json')
})
afterEach(async () => {
  vi.restoreAllMocks()
  await rm(folder, { recursive: true, force: true })
})

const SECRET = 'client-secret-Ünïcode-42'

describe('CredentialsStore', () => {
  it('stores a client secret encrypted and reports only its presence', async () => {
    const store = new CredentialsStore(filePath, fakeCipher(), 'linux')
    const result = await store.set({ kind: 'client-secret', clientSecret: SECRET })
    expect(result).toEqual({
      ok: true,
      value: { hasClientSecret: true, certificate: null, protection: 'os' },
    })
    expect(JSON.stringify(result)).not.toContain(SECRET)
    const onDisk = await readFile(filePath, 'utf8')
    expect(onDisk).not.toContain(SECRET)
    expect(onDisk).not.toContain(Buffer.from(SECRET).toString('base64'))
    expect((await stat(filePath)).mode & 0o077).toBe(0)
    expect(await store.readSecrets()).toEqual({ clientSecret: SECRET })
  })

  it('round-trips certificate bytes and passphrase, and clears them separately', async () => {
    const store = new CredentialsStore(filePath, fakeCipher(), 'win32')
    await store.set({ kind: 'client-secret', clientSecret: SECRET })
    await store.set({
      kind: 'certificate',
      format: 'pkcs12',
      data: P12,
      passphrase: P12_PASSWORD,
      fileName: 'profil-2.p12',
    })
    expect(await store.status()).toEqual({
      hasClientSecret: true,
      certificate: {
        format: 'pkcs12',
        hasPassphrase: true,
        fileName: 'profil-2.p12',
        summary: {
          subject: 'profil-2',
          issuer: 'ROR sandbox TEST CA',
          ...opensslValidity(certs.clients['profil-2']!.certPath),
        },
      },
      protection: 'os',
    })
    const secrets = await store.readSecrets()
    expect(secrets.certificate?.data).toEqual(P12)
    expect(secrets.certificate?.passphrase).toBe(P12_PASSWORD)

    const cleared = await store.clear('certificate')
    expect(cleared.ok && cleared.value.certificate).toBeNull()
    expect(await store.readSecrets()).toEqual({ clientSecret: SECRET })
    await store.clear('all')
    expect(await store.readSecrets()).toEqual({})
  })

  it('refuses a certificate that does not load, naming the file, and keeps the previous one', async () => {
    const store = new CredentialsStore(filePath, fakeCipher(), 'linux')
    const input = { kind: 'certificate' as const, format: 'pkcs12' as const, data: P12 }
    await store.set({ ...input, passphrase: P12_PASSWORD, fileName: 'bon.p12' })
    const before = await readFile(filePath, 'utf8')

    const wrong = await store.set({ ...input, passphrase: 'faux', fileName: 'nouveau.p12' })
    expect(wrong.ok ? null : wrong.error.code).toBe('certificate-passphrase')
    expect(wrong.ok ? '' : wrong.error.message).toContain('« nouveau.p12 »')
    const pem = new Uint8Array(readFileSync(certs.clients['profil-3']!.certPath))
    const noKey = await store.set({
      kind: 'certificate',
      format: 'pem',
      data: pem,
      fileName: 'a.crt',
    })
    expect(noKey.ok ? null : noKey.error.code).toBe('certificate-no-key')

    expect(await readFile(filePath, 'utf8')).toBe(before)
    expect((await store.status()).certificate?.fileName).toBe('bon.p12')
  })

  it('sends the renderer the holder and validity, never the key nor the passphrase', async () => {
    const store = new CredentialsStore(filePath, fakeCipher(), 'linux')
    const data = new Uint8Array(readFileSync(certs.combinedPem))
    const result = await store.set({ kind: 'certificate', format: 'pem', data, fileName: 'c.pem' })
    expect(result.ok && result.value.certificate?.summary?.subject).toBe('profil-3')
    const sent = JSON.stringify([result, await store.status()])
    expect(sent).not.toMatch(/PRIVATE KEY|BEGIN/)
    const keyBody = readFileSync(certs.clients['profil-3']!.keyPath, 'utf8').split('\n')[1]!
    expect(sent).not.toContain(keyBody)
  })

  it('reads the summary again for a certificate stored before summaries were kept', async () => {
    const cipher = fakeCipher()
    const sealed = (text: string) => cipher.encryptString(text).toString('base64')
    const old = {
      version: 1,
      certificate: {
        format: 'pkcs12',
        data: sealed(Buffer.from(P12).toString('base64')),
        passphrase: sealed(P12_PASSWORD),
      },
    }
    await writeFile(filePath, JSON.stringify(old))
    const status = await new CredentialsStore(filePath, cipher, 'linux').status()
    expect(status.certificate?.fileName).toBeNull()
    expect(status.certificate?.summary?.subject).toBe('profil-2')
  })

  it('refuses to store anything when encryption is unavailable', async () => {
    const store = new CredentialsStore(filePath, fakeCipher({ isAvailable: false }), 'linux')
    const result = await store.set({ kind: 'client-secret', clientSecret: SECRET })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.code).toBe('encryption-unavailable')
    await expect(readFile(filePath)).rejects.toMatchObject({ code: 'ENOENT' })
    expect((await store.status()).protection).toBe('unavailable')
  })

  it('flags the fixed-key Linux fallback as weak, but only on Linux', async () => {
    const weak = fakeCipher({ backend: 'basic_text' })
    expect(new CredentialsStore(filePath, weak, 'linux').protection()).toBe('weak')
    expect(new CredentialsStore(filePath, weak, 'darwin').protection()).toBe('os')
  })

  it('treats an unreadable file as holding nothing, and replaces it on the next set', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    await writeFile(filePath, '{"version":1,"clientSecret":"not base64 !"}')
    const store = new CredentialsStore(filePath, fakeCipher(), 'linux')
    expect((await store.status()).hasClientSecret).toBe(false)
    await store.set({ kind: 'client-secret', clientSecret: SECRET })
    expect(await store.readSecrets()).toEqual({ clientSecret: SECRET })
  })
})
