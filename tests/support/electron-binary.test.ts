import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { findElectronBinary } from './electron-binary'

let root = ''
const electronDir = () => path.join(root, 'node_modules', 'electron')
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'ror-electron-binary-'))
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

describe('findElectronBinary', () => {
  it('reports a missing package', () => {
    expect(findElectronBinary(root, {})).toEqual({
      isInstalled: false,
      reason: 'node_modules/electron is missing (run npm install)',
    })
  })

  it('reports a skipped download (no path.txt), as on our build machines', async () => {
    await mkdir(electronDir(), { recursive: true })
    expect(findElectronBinary(root, {})).toMatchObject({
      isInstalled: false,
      reason: expect.stringContaining('path.txt'),
    })
  })

  it('reports a path.txt whose binary is gone', async () => {
    await mkdir(electronDir(), { recursive: true })
    await writeFile(path.join(electronDir(), 'path.txt'), 'electron')
    expect(findElectronBinary(root, {})).toMatchObject({
      isInstalled: false,
      reason: expect.stringContaining('does not exist'),
    })
  })

  it('finds the downloaded binary', async () => {
    await mkdir(path.join(electronDir(), 'dist'), { recursive: true })
    await writeFile(path.join(electronDir(), 'path.txt'), 'electron')
    await writeFile(path.join(electronDir(), 'dist', 'electron'), '')
    expect(findElectronBinary(root, {})).toEqual({
      isInstalled: true,
      executablePath: path.join(electronDir(), 'dist', 'electron'),
    })
  })

  it('honours ELECTRON_OVERRIDE_DIST_PATH like the electron package', async () => {
    await mkdir(electronDir(), { recursive: true })
    const dist = path.join(root, 'custom-dist')
    await mkdir(dist)
    await writeFile(path.join(dist, 'electron'), '')
    expect(findElectronBinary(root, { ELECTRON_OVERRIDE_DIST_PATH: dist })).toEqual({
      isInstalled: true,
      executablePath: path.join(dist, 'electron'),
    })
  })
})
