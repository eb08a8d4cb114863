import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CredentialsStore } from './credentials-store'
import type { SecretCipher } from './credentials-store'

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
const CERTIFICATE = new Uint8Array([0x30, 0x82, 0x0a, 0x00, 0xff, 0x10])

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
      data: CERTIFICATE,
      passphrase: 'pass',
    })
    expect(await store.status()).toEqual({
      hasClientSecret: true,
      certificate: { format: 'pkcs12', hasPassphrase: true },
      protection: 'os',
    })
    const secrets = await store.readSecrets()
    expect(secrets.certificate?.data).toEqual(CERTIFICATE)
    expect(secrets.certificate?.passphrase).toBe('pass')

    const cleared = await store.clear('certificate')
    expect(cleared.ok && cleared.value.certificate).toBeNull()
    expect(await store.readSecrets()).toEqual({ clientSecret: SECRET })
    await store.clear('all')
    expect(await store.readSecrets()).toEqual({})
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
