/**
 * The browser-mode unit processor: blocks decoded through the scratch buffer exactly as fflate
 * decodes them, and a unit received through `readUnit` (core/sync/units.ts) mapped as the
 * default processor maps it, its blocks (smaller hash table) decoding to the same records.
 */
import { deflateSync, inflateSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { mapUnitBytes } from '../../../core/sync/unit-processor'
import { readUnit } from '../../../core/sync/units'
import { blockDeflate, browserUnitProcessor, scratchInflate } from './sync-processor'

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
