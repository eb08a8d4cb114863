/**
 * readUnit with a processor that lends its receive buffers (main/sync-workers.ts does): the
 * buffer goes to `map` when the body is whole, and back to the processor otherwise.
 */
import { describe, expect, it } from 'vitest'
import { mapUnitBytes, type UnitInput, type UnitProcessor } from './unit-processor'
import { readUnit } from './units'

const BUNDLE = JSON.stringify({
  resourceType: 'Bundle',
  type: 'searchset',
  entry: [
    {
      resource: {
        resourceType: 'Organization',
        id: 'o1',
        meta: { lastUpdated: '2025-01-01T00:00:00Z' },
        name: 'EJ',
      },
    },
  ],
})
const BYTES = new TextEncoder().encode(BUNDLE)

/** A processor lending one buffer at a time, recording what `map` got and what came back. */
class LendingProcessor implements UnitProcessor {
  readonly concurrency = 1
  lent: Uint8Array[] = []
  recycled: Uint8Array[] = []
  mapped: Uint8Array[] = []

  lease(length: number): Uint8Array {
    const bytes = new Uint8Array(length)
    this.lent.push(bytes)
    return bytes
  }

  recycle(bytes: Uint8Array): void {
    this.recycled.push(bytes)
  }

  map(input: UnitInput) {
    this.mapped.push(...input.bytes)
    return mapUnitBytes(input)
  }
}

/** The body in chunks of `size` bytes, failing after `failAfter` chunks when given. */
async function* body(bytes: Uint8Array, size: number, failAfter?: number) {
  let n = 0
  for (let at = 0; at < bytes.length; at += size) {
    if (n++ === failAfter) throw new Error('connection reset')
    yield bytes.slice(at, at + size)
  }
}

const mapping = (processor: UnitProcessor) => ({ processor, profile: 1 as const, source: 'test' })

describe('readUnit with lent buffers', () => {
  it('receives a whole body into the lent buffer and hands it to map as it is', async () => {
    const p = new LendingProcessor()
    const unit = await readUnit(body(BYTES, 7), 'u', mapping(p), { length: BYTES.length })
    expect(unit.counts.resources).toBe(1)
    expect(p.lent).toHaveLength(1)
    expect(p.mapped[0]).toBe(p.lent[0])
    expect(p.recycled).toEqual([])
  })

  it('gives the buffer back when the body breaks, and does not map', async () => {
    const p = new LendingProcessor()
    const read = readUnit(body(BYTES, 7, 3), 'u', mapping(p), { length: BYTES.length })
    await expect(read).rejects.toThrow('connection reset')
    expect(p.recycled).toEqual(p.lent)
    expect(p.mapped).toEqual([])
  })

  it('gives the buffer back when staging fails', async () => {
    const p = new LendingProcessor()
    let discarded = false
    const staged = {
      write: () => Promise.reject(new Error('disk full')),
      commit: () => Promise.resolve(),
      discard: () => Promise.resolve(void (discarded = true)),
    }
    const read = readUnit(body(BYTES, 64), 'u', mapping(p), { length: BYTES.length, staged })
    await expect(read).rejects.toThrow('disk full')
    expect(p.recycled).toEqual(p.lent)
    expect(discarded).toBe(true)
  })

  it.each([
    ['more', 5],
    ['fewer', -5],
  ])('copies out a body with %s bytes than announced, and gives the buffer back', async (_, d) => {
    const p = new LendingProcessor()
    const bytes = d > 0 ? new TextEncoder().encode(BUNDLE + ' '.repeat(d)) : BYTES
    const unit = await readUnit(body(bytes, 9), 'u', mapping(p), { length: BYTES.length - d })
    expect(unit.counts.resources).toBe(1)
    expect(p.recycled).toEqual(p.lent)
    expect(p.mapped[0]).not.toBe(p.lent[0])
    expect(p.mapped[0]).toEqual(bytes)
  })
})
