import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { exportStore } from './export-files'
import { sampleCommunes } from './geo'
import { openStore } from './store'
import { ROR_RESOURCE_TYPES } from './store-types'

const dirs: string[] = []
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ror-gen-test-'))
  dirs.push(dir)
  return dir
}
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true })
})

describe('on-disk cache', () => {
  it('reloads the same dataset from the cache instead of regenerating it', async () => {
    const cacheDir = await tempDir()
    const options = { scale: { eg: 80 }, seed: 6, cacheDir, communes: sampleCommunes() }
    const phases: string[] = []
    const generated = await openStore({ ...options, onProgress: (phase) => phases.push(phase) })
    expect(phases).toContain('generate')
    const files = await readdir(cacheDir)
    expect(files).toHaveLength(1)
    phases.length = 0
    const cached = await openStore({ ...options, onProgress: (phase) => phases.push(phase) })
    expect(phases).toEqual(['cache'])
    for (const type of ROR_RESOURCE_TYPES) {
      expect(cached.ids(type)).toEqual(generated.ids(type))
      for (const id of generated.ids(type).slice(0, 30))
        expect(cached.get(type, id)).toEqual(generated.get(type, id))
    }
    // A cached file is only reused for its own seed and scale.
    await openStore({ ...options, seed: 7 })
    expect(await readdir(cacheDir)).toHaveLength(2)
  })

  it('ignores a damaged cache file and regenerates', async () => {
    const cacheDir = await tempDir()
    const options = { scale: { eg: 30 }, seed: 2, cacheDir, communes: sampleCommunes() }
    const reference = await openStore(options)
    const [file] = await readdir(cacheDir)
    await writeFile(join(cacheDir, file ?? ''), 'not a cache')
    const phases: string[] = []
    const again = await openStore({ ...options, onProgress: (phase) => phases.push(phase) })
    expect(phases).toContain('generate')
    expect(again.ids('HealthcareService')).toEqual(reference.ids('HealthcareService'))
  })
})

describe('FHIR file export', () => {
  it('writes Bundles of type collection and NDJSON with every live resource', async () => {
    const store = await openStore({ scale: { eg: 40 }, seed: 3, communes: sampleCommunes() })
    const bundleDir = await tempDir()
    const manifest = await exportStore(store, {
      outDir: bundleDir,
      format: 'bundle',
      bundleSize: 50,
    })
    const ndjsonDir = await tempDir()
    await exportStore(store, { outDir: ndjsonDir, format: 'ndjson' })
    for (const type of ROR_RESOURCE_TYPES) {
      expect(manifest.counts[type]).toBe(store.count(type))
      const parts = manifest.files.filter((f) => f.type === type)
      expect(parts.reduce((n, f) => n + f.count, 0)).toBe(store.count(type))
      const first = JSON.parse(await readFile(join(bundleDir, parts[0]?.path ?? ''), 'utf8')) as {
        resourceType: string
        type: string
        entry: { resource: { resourceType: string; id: string } }[]
      }
      expect([first.resourceType, first.type]).toEqual(['Bundle', 'collection'])
      expect(first.entry.length).toBe(Math.min(50, store.count(type)))
      expect(first.entry[0]?.resource).toEqual(store.get(type, store.ids(type)[0] ?? ''))
      const lines = (await readFile(join(ndjsonDir, `${type}.ndjson`), 'utf8')).trim().split('\n')
      expect(lines.length).toBe(store.count(type))
      expect(JSON.parse(lines[lines.length - 1] ?? '{}').resourceType).toBe(type)
    }
    expect(JSON.parse(await readFile(join(bundleDir, 'manifest.json'), 'utf8')).seed).toBe(3)
  })
})
