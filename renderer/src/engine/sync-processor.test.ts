/**
 * The browser-mode unit processor: blocks decoded through the scratch buffer exactly as fflate
 * decodes them, and a unit received through `readUnit` (core/sync/units.ts) mapped as the
 * default processor maps it, its blocks (smaller hash table) decoding to the same records —
 * in this thread, or through the map worker's protocol.
 */
import { deflateSync, inflateSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { BundleSyntaxError } from '../../../core/sync/bundle-parser'
import { mapUnitBytes, UnitLostError } from '../../../core/sync/unit-processor'
import { readUnit } from '../../../core/sync/units'
import { answer } from './map-worker-protocol'
import {
  blockDeflate,
  browserUnitProcessor,
  MapWorkerProcessor,
  scratchInflate,
  type MapWorker,
} from './sync-processor'

const DIR = new URL('../../../tests/fixtures/ror-examples/', import.meta.url)

// node:fs through a dynamic import: the renderer's TypeScript config has no Node types.
const fs = (await import('node:fs' as string)) as {
  readdirSync(dir: URL): string[]
  readFileSync(file: URL, encoding: 'utf8'): string
}

/** A Bundle of the IG examples, `copies` times each (ids made unique). */
function bundleBytes(copies: number): Uint8Array {
  const resources = fs
    .readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(fs.readFileSync(new URL(f, DIR), 'utf8')) as { id: string })
  const entry = []
  for (let i = 0; i < copies; i++) {
    for (const r of resources) entry.push({ resource: { ...r, id: `${r.id}-${i}` } })
  }
  return new TextEncoder().encode(JSON.stringify({ resourceType: 'Bundle', type: 'batch', entry }))
}

async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.slice(at, at + size)
}

describe('scratchInflate', () => {
  const raw = bundleBytes(3)

  it('decodes as fflate does, into a copy that the next block does not overwrite', () => {
    const inflate = scratchInflate(1 << 20)
    const blocks = [raw.subarray(0, 20_000), raw.subarray(20_000, 50_000)]
    const decoded = blocks.map((b) => inflate(deflateSync(b, { level: 1 })))
    expect(decoded[0]).toEqual(blocks[0])
    expect(decoded[1]).toEqual(blocks[1])
    expect(decoded[0]!.buffer.byteLength).toBe(20_000)
  })

  it('decodes blocks larger than its scratch buffer, compressed or stored, and empty ones', () => {
    const block = raw.subarray(0, 30_000)
    for (const level of [0, 1, 6] as const) {
      const inflate = scratchInflate(4096, 1 << 20)
      const packed = deflateSync(block, { level })
      expect(inflate(packed)).toEqual(inflateSync(packed))
      // After growing, the same block fits.
      expect(inflate(packed)).toEqual(block)
    }
    const inflate = scratchInflate(4096, 1 << 20)
    expect(inflate(deflateSync(new Uint8Array(0))).length).toBe(0)
    expect(inflate(deflateSync(raw.subarray(0, 4096), { level: 1 }))).toEqual(raw.subarray(0, 4096))
  })

  it('rejects corrupt data as fflate does', () => {
    const packed = deflateSync(raw, { level: 1 })
    const corrupt = packed.slice(0, packed.length >> 1)
    expect(() => scratchInflate(1 << 20)(corrupt)).toThrow()
  })
})

describe('browserUnitProcessor', () => {
  it('maps a unit as the default processor does; its blocks decode to the same records', async () => {
    const bytes = bundleBytes(200)
    const processor = browserUnitProcessor()
    const mapping = { processor, profile: 0 as const, source: 'test' }
    const unit = await readUnit(chunked(bytes, 65_536), 'export 1', mapping, {
      length: bytes.length,
    })
    const input = { bytes: [bytes], profile: 0 as const, source: 'test', collectSeen: false }
    const expected = await mapUnitBytes(input)
    expect(unit.counts).toEqual(expected.counts)
    expect(unit.counts.resources).toBe(2000)
    expect(unit.batch.items).toEqual(expected.batch.items)
    const types = Object.keys(expected.batch.records)
    expect(Object.keys(unit.batch.records)).toEqual(types)
    for (const type of types as (keyof typeof expected.batch.records)[]) {
      const got = unit.batch.records[type]!
      const want = expected.batch.records[type]!
      expect(got.blocks).toHaveLength(want.blocks.length)
      got.blocks.forEach((block, i) => {
        expect(processor.inflate!(block)).toEqual(inflateSync(want.blocks[i]!))
      })
    }
  })

  it('deflates blocks that fflate decodes back to the same bytes', () => {
    const raw = bundleBytes(2)
    expect(inflateSync(blockDeflate(raw))).toEqual(raw)
    expect(blockDeflate(raw).length).toBeLessThan(raw.length / 3)
  })
})

/**
 * A map worker in this thread: the requests and replies go through a structured clone with
 * their transfer lists, as between threads, and are answered by the worker's own code.
 */
function fakeWorker(options: { failOn?: number } = {}) {
  const log = { started: 0, terminated: 0, transferred: 0 }
  const start = (): MapWorker => {
    log.started += 1
    let alive = true
    const worker: MapWorker = {
      onmessage: null,
      onerror: null,
      terminate: () => {
        alive = false
        log.terminated += 1
      },
      postMessage(message, transfer) {
        const request = structuredClone(message, { transfer })
        log.transferred += transfer.reduce((n, b) => n + b.byteLength, 0)
        setTimeout(() => {
          if (!alive) return
          if (request.id === options.failOn) return worker.onerror?.({ message: 'out of memory' })
          void answer(request, blockDeflate).then(({ reply, transfer: back }) => {
            if (alive) worker.onmessage?.({ data: structuredClone(reply, { transfer: back }) })
          })
        }, 0)
      },
    }
    return worker
  }
  return { log, start }
}

describe('MapWorkerProcessor', () => {
  const input = (bytes: Uint8Array) => ({
    bytes: [bytes],
    profile: 0 as const,
    source: 'test',
    collectSeen: true,
  })

  it('maps units in its worker as in this thread, moving their bytes there', async () => {
    const { log, start } = fakeWorker()
    const processor = new MapWorkerProcessor(start)
    const bytes = bundleBytes(50)
    const expected = await mapUnitBytes(input(bytes.slice()))
    const [unit, again] = await Promise.all([
      processor.map(input(bytes)),
      processor.map(input(bundleBytes(50))),
    ])
    expect(bytes.byteLength).toBe(0) // transferred, not copied
    for (const got of [unit, again]) {
      expect(got.counts).toEqual(expected.counts)
      expect(got.seen).toEqual(expected.seen)
      expect(got.batch.items).toEqual(expected.batch.items)
      for (const [type, packed] of Object.entries(got.batch.records)) {
        const want = expected.batch.records[type as keyof typeof expected.batch.records]!
        expect(packed.blocks.map((b) => processor.inflate(b))).toEqual(
          want.blocks.map((b) => inflateSync(b)),
        )
      }
    }
    expect(log).toMatchObject({ started: 1, terminated: 0 })
    await processor.release()
    expect(log.terminated).toBe(1)
    await processor.map(input(bundleBytes(1)))
    expect(log.started).toBe(2)
  })

  it('gives a broken Bundle back as a BundleSyntaxError (the engine fetches it again)', async () => {
    const processor = new MapWorkerProcessor(fakeWorker().start)
    const cut = bundleBytes(3).slice(0, 5000)
    await expect(processor.map(input(cut))).rejects.toBeInstanceOf(BundleSyntaxError)
  })

  it('reports the units of a failed worker lost, then maps every later unit in this thread', async () => {
    const { log, start } = fakeWorker({ failOn: 1 })
    const processor = new MapWorkerProcessor(start)
    await expect(processor.map(input(bundleBytes(2)))).rejects.toBeInstanceOf(UnitLostError)
    const unit = await processor.map(input(bundleBytes(2)))
    expect(unit.counts.resources).toBe(20)
    expect(log).toMatchObject({ started: 1, terminated: 1 })
  })
})
