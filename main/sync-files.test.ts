import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { SnapshotReader } from '../core/snapshot/codec'
import { emptyFacts } from '../core/snapshot/facts'
import { factsLayer, type FactsLayer } from '../core/snapshot/facts-layer'
import { emptyCounts } from '../core/snapshot/manifest'
import type { OfferRecord } from '../core/snapshot/records'
import { QuotaExceededError, SnapshotStoreError } from '../core/sync/errors'
import { offer } from '../tests/support/search-records'
import { verifySnapshotFile } from './snapshot-verify'
import { FileSnapshotStore, FileStateStore } from './sync-files'

const dir = mkdtempSync(join(tmpdir(), 'ror-sync-files-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const MANIFEST = {
  accessProfile: 0 as const,
  source: { kind: 'sync' as const, server: 'http://127.0.0.1/fhir' },
  createdAt: '2026-11-26T00:00:00Z',
  skipped: { count: 0, reasons: [] },
  ignored: {},
  superseded: 0,
  hiddenByProfile: 0,
}

const offers = (n: number): OfferRecord[] =>
  Array.from({ length: n }, (_, i) =>
    offer(String(i).padStart(6, '0'), {
      name: `Offre ${i} ${'x'.repeat(200)}`,
      lastUpdated: '2026-01-01T00:00:00Z',
    }),
  )

describe('FileSnapshotStore', () => {
  it('has no snapshot before the first commit, then the committed one', async () => {
    const store = new FileSnapshotStore(join(dir, 'a', 'snap.snap'))
    expect(await store.current()).toBeNull()
    const writer = await store.begin()
    await writer.writeChunk('offer', offers(3))
    const manifest = await writer.commit(MANIFEST)
    expect(manifest.counts.offer).toBe(3)
    const current = await store.current()
    expect(current?.manifest.checksum).toEqual(manifest.checksum)
    expect(readdirSync(join(dir, 'a'))).toEqual(['snap.snap']) // no temporary file left
  })

  it('leaves the previous file untouched when a write is aborted', async () => {
    const path = join(dir, 'b.snap')
    const store = new FileSnapshotStore(path)
    const first = await store.begin()
    await first.writeChunk('offer', offers(2))
    await first.commit(MANIFEST)
    const before = readFileSync(path)
    const second = await store.begin()
    await second.writeChunk('offer', offers(5))
    await second.abort()
    expect(readFileSync(path).equals(before)).toBe(true)
  })

  it('reports a damaged file as unusable', async () => {
    const path = join(dir, 'broken.snap')
    writeFileSync(path, 'not a snapshot')
    await expect(new FileSnapshotStore(path).current()).rejects.toBeInstanceOf(SnapshotStoreError)
  })

  it('verifies the chunks and counts it reads back', async () => {
    const path = join(dir, 'c.snap')
    const writer = await new FileSnapshotStore(path).begin()
    await writer.writeChunk('offer', offers(4))
    await writer.commit(MANIFEST)
    const four = { ...emptyCounts(), offer: 4 }
    expect((await verifySnapshotFile(path, four)).counts.offer).toBe(4)
    await expect(verifySnapshotFile(path, { ...four, offer: 5 })).rejects.toThrow(/5 attendus/)
    const bytes = new Uint8Array(readFileSync(path))
    bytes[bytes.length - 3]! ^= 0xff
    writeFileSync(path, bytes)
    await expect(verifySnapshotFile(path, four)).rejects.toThrow(/bloc 0 corrompu/)
    writeFileSync(path, bytes.subarray(0, bytes.length - 1))
    await expect(verifySnapshotFile(path, four)).rejects.toThrow(/attendus à l’écriture/)
  })

  it('reads a big file back block by block, facts sections included', async () => {
    const path = join(dir, 'big.snap')
    const writer = await new FileSnapshotStore(path).begin()
    // Incompressible ids: ~6 MB of chunks, more than one read block.
    const ids = (n: number) => randomBytes(n * 24).toString('base64')
    for (let c = 0; c < 6; c++) {
      await writer.writeChunk(
        'offer',
        offers(1000).map((o, i) => ({ ...o, id: `${c}-${i}-${ids(40)}` })),
      )
    }
    await writer.writeFacts!(emptyFacts())
    await writer.commit(MANIFEST)
    const counts = { ...emptyCounts(), offer: 6000 }
    await verifySnapshotFile(path, counts)
    const bytes = new Uint8Array(readFileSync(path))
    expect(bytes.length).toBeGreaterThan(5 << 20)
    bytes[bytes.length - 2]! ^= 0xff // inside the facts section, the file's last bytes
    writeFileSync(path, bytes)
    await expect(verifySnapshotFile(path, counts)).rejects.toThrow(/faits .*corrompu/)
  })

  it('adds a facts layer only when it changes something', async () => {
    const basePath = join(dir, 'base.snap')
    const writer = await new FileSnapshotStore(basePath).begin()
    await writer.writeChunk('offer', offers(3))
    await writer.writeFacts!(emptyFacts())
    await writer.commit(MANIFEST)
    const base = new SnapshotReader(new Uint8Array(readFileSync(basePath)))
    const layers = async (layer: FactsLayer) => {
      const path = join(dir, `layered-${randomBytes(4).toString('hex')}.snap`)
      const w = await new FileSnapshotStore(path).begin()
      await w.writeFactsLayer!(base, layer)
      await w.copyChunks!(base, new Map())
      await w.commit(MANIFEST)
      return new SnapshotReader(new Uint8Array(readFileSync(path))).header.factsLayers ?? []
    }
    const none = {
      offer: [],
      organization: [],
      location: [],
      practitionerRole: [],
      practitioner: [],
    }
    expect(await layers(factsLayer(none, none))).toHaveLength(0)
    expect(await layers(factsLayer(none, { ...none, offer: ['gone-1'] }))).toHaveLength(1)
  })

  const canMount = (() => {
    if (process.platform !== 'linux' || process.getuid?.() !== 0) return false
    try {
      const probe = mkdtempSync(join(tmpdir(), 'ror-mount-probe-'))
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe])
      execFileSync('umount', [probe])
      rmSync(probe, { recursive: true })
      return true
    } catch {
      return false
    }
  })()

  it.runIf(canMount)('reports a full disk with the size needed, keeping the old file', async () => {
    const small = join(dir, 'small')
    mkdirSync(small)
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', small])
    try {
      const path = join(small, 'snap.snap')
      const store = new FileSnapshotStore(path)
      const first = await store.begin()
      await first.writeChunk('offer', offers(10))
      await first.commit(MANIFEST)
      const before = readFileSync(path)
      const big = await store.begin()
      // Incompressible names, so the chunks really need the space.
      const many = offers(3000).map((o) => ({
        ...o,
        name: Array.from({ length: 8 }, () => crypto.randomUUID()).join(''),
      }))
      await big.writeChunk('offer', many)
      const error = await big.commit(MANIFEST).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(QuotaExceededError)
      expect((error as QuotaExceededError).bytesNeeded).toBeGreaterThan(256 * 1024)
      expect((error as Error).message).toMatch(
        /Espace disque insuffisant .*: environ \d+ ko nécessaires, \d+ ko disponibles/,
      )
      expect(readFileSync(path).equals(before)).toBe(true)
      expect(readdirSync(small)).toEqual(['snap.snap'])
    } finally {
      execFileSync('umount', [small])
    }
  })
})

describe('FileStateStore', () => {
  it('keeps the checkpoint and the committed units only', async () => {
    const state = new FileStateStore(join(dir, 'state'))
    expect(await state.loadCheckpoint()).toBeNull()
    await state.saveCheckpoint({ version: 1, x: 'é' })
    expect(await state.loadCheckpoint()).toEqual({ version: 1, x: 'é' })
    const kept = await state.stage('export-00000')
    await kept.write(new TextEncoder().encode('{"a":'))
    await kept.write(new TextEncoder().encode('1}'))
    await kept.commit()
    const dropped = await state.stage('export-00001')
    await dropped.write(new TextEncoder().encode('{"b"'))
    await dropped.discard()
    await state.stage('export-00002') // never committed: as after a crash
    expect(await state.units()).toEqual(['export-00000'])
    let text = ''
    for await (const chunk of state.read('export-00000')) text += Buffer.from(chunk).toString()
    expect(text).toBe('{"a":1}')
    await state.clear()
    expect(existsSync(join(dir, 'state'))).toBe(false)
    expect(await state.units()).toEqual([])
  })

  it('refuses unit keys that are not plain names', async () => {
    await expect(new FileStateStore(join(dir, 's2')).stage('../x')).rejects.toThrow(/invalid/)
  })

  it.runIf(existsSync('/dev/full'))('reports a full disk while staging', async () => {
    const state = new FileStateStore(join(dir, 'full'))
    mkdirSync(join(dir, 'full', 'units'), { recursive: true })
    symlinkSync('/dev/full', join(dir, 'full', 'units', 'delta-hs-000000.json.part'))
    const unit = await state.stage('delta-hs-000000')
    const error = await unit.write(new Uint8Array(4096)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(QuotaExceededError)
  })
})
