import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DEFAULT_SETTINGS } from '../core/ipc/contract'
import type { Settings } from '../core/ipc/contract'
import { SettingsStore } from './settings-store'

let folder = ''
let filePath = ''
beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'ror-settings-'))
  filePath = path.join(folder, 'settings.json')
})
afterEach(async () => {
  vi.restoreAllMocks()
  await rm(folder, { recursive: true, force: true })
})

const LOCAL: Settings = {
  server: {
    kind: 'local-sandbox',
    fhirBaseUrl: 'http://127.0.0.1:8090/fhir',
    tokenUrl: 'http://127.0.0.1:8090/auth/token',
    clientId: 'profil-2',
  },
  accessProfile: 2,
  region: '24',
  schedule: { daily: { enabled: true, at: '03:30' }, onStartWhenOlderThanHours: 48 },
}

describe('SettingsStore', () => {
  it('returns the defaults on first run', async () => {
    expect(await new SettingsStore(filePath).read()).toEqual({
      settings: DEFAULT_SETTINGS,
      notice: null,
    })
  })

  it('reads back what it wrote, in a versioned file, leaving no temporary file', async () => {
    const store = new SettingsStore(filePath)
    expect(await store.write(LOCAL)).toEqual({ ok: true, value: LOCAL })
    expect(await store.read()).toEqual({ settings: LOCAL, notice: null })
    expect(JSON.parse(await readFile(filePath, 'utf8'))).toEqual({ version: 1, settings: LOCAL })
    expect(await readdir(folder)).toEqual(['settings.json'])
  })

  const unusable: [string, string][] = [
    ['broken JSON', '{"version": 1, "settings": '],
    ['an unknown format version', JSON.stringify({ version: 2, settings: LOCAL })],
    [
      'a remote plain-http server',
      JSON.stringify({
        version: 1,
        settings: { ...LOCAL, server: { ...LOCAL.server, fhirBaseUrl: 'http://ror.example/fhir' } },
      }),
    ],
  ]
  it.each(unusable)('sets aside a file with %s and says so', async (_label, content) => {
    await writeFile(filePath, content)
    const { settings, notice } = await new SettingsStore(filePath).read()
    expect(settings).toEqual(DEFAULT_SETTINGS)
    const files = await readdir(folder)
    expect(files).toHaveLength(1)
    expect(files[0]).toMatch(/^settings\.illisible-\d+\.json$/)
    expect(await readFile(path.join(folder, files[0] ?? ''), 'utf8')).toBe(content)
    expect(notice).toContain(`« ${files[0]} »`)
    expect(notice).toMatch(/^Vos réglages enregistrés étaient illisibles/)
  })

  it('reports a failed write in French and keeps the previous file', async () => {
    const store = new SettingsStore(filePath)
    await store.write(DEFAULT_SETTINGS)
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    // A directory where the temporary file should go makes the write fail for real.
    const blocked = new SettingsStore(path.join(filePath, 'nested.json'))
    const result = await blocked.write(LOCAL)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('settings-write-failed')
    expect(result.error.message).toContain('Les réglages précédents restent en vigueur')
    expect((await store.read()).settings).toEqual(DEFAULT_SETTINGS)
  })
})
