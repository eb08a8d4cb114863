import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { findCommunesFile, loadCommuneCentroids } from './communes'

const DATA = join(import.meta.dirname, '..', 'data', 'geo', 'communes.json')

describe('commune centroids for main', () => {
  it('prefers the built asset, else the data file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ror-communes-'))
    const assets = join(dir, 'assets')
    expect(await findCommunesFile(assets, DATA)).toBe(DATA)
    mkdirSync(assets)
    writeFileSync(join(assets, 'index-abc.js'), '')
    copyFileSync(DATA, join(assets, 'communes-B1x_9.json'))
    expect(await findCommunesFile(assets, DATA)).toBe(join(assets, 'communes-B1x_9.json'))
  })

  it('places Bourges (18033) in the Cher', async () => {
    const centroid = await loadCommuneCentroids(DATA)
    const bourges = centroid?.('18033')
    expect(bourges?.lat).toBeGreaterThan(47)
    expect(bourges?.lat).toBeLessThan(47.2)
    expect(bourges?.lon).toBeGreaterThan(2.3)
    expect(bourges?.lon).toBeLessThan(2.5)
    expect(centroid?.('99999')).toBeUndefined()
  })

  it('gives nothing for an unusable file', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const dir = mkdtempSync(join(tmpdir(), 'ror-communes-'))
    writeFileSync(join(dir, 'bad.json'), '{"rows": 3}')
    expect(await loadCommuneCentroids(join(dir, 'bad.json'))).toBeUndefined()
    expect(warn).toHaveBeenCalled()
    warn.mockRestore()
  })
})
