import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { PurgeMarker } from './purge-marker'

let folder = ''
beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'ror-purge-marker-'))
})
afterEach(async () => {
  vi.restoreAllMocks()
  await rm(folder, { recursive: true, force: true })
})

describe('PurgeMarker', () => {
  it('keeps the pending profile on disk until cleared', async () => {
    const file = path.join(folder, 'purge-pending.json')
    expect(await new PurgeMarker(file).read()).toBeNull()
    await new PurgeMarker(file).write(4)
    // Another instance, as after a restart.
    expect(await new PurgeMarker(file).read()).toBe(4)
    await new PurgeMarker(file).clear()
    expect(await new PurgeMarker(file).read()).toBeNull()
    await new PurgeMarker(file).clear()
  })

  it('reports a damaged marker as unreadable, not as nothing pending', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const file = path.join(folder, 'purge-pending.json')
    for (const content of ['{"version":1,"profile":9}', '{"version":1,', '']) {
      await writeFile(file, content)
      expect(await new PurgeMarker(file).read()).toBe('unreadable')
    }
    // A directory in its place: it exists, and cannot be read as a file.
    const dir = path.join(folder, 'dossier.json')
    await mkdir(dir)
    expect(await new PurgeMarker(dir).read()).toBe('unreadable')
  })
})
