/**
 * Deltas written as overlays (codec.ts format 2) against the local sandbox over HTTP: the
 * file keeps its chunks and names the superseded records; it reads exactly as a fresh full
 * sync (deletions aside), delta after delta; its sync facts always describe its live records;
 * a file without facts, or with too many dead records, gets a compact merge instead.
 */
import { afterEach, describe, expect, it } from 'vitest'
import {
  SnapshotEncoder,
  SnapshotReader,
  concatBytes,
  copiedChunkExtras,
  liveCount,
  recordIdOf,
} from '../snapshot/codec'
import { accessContextFromRecords } from '../snapshot/builder'
import { FactsContext } from '../snapshot/facts-context'
import { factRowOfRecord, findId, rowAt, type FactRow } from '../snapshot/facts'
import { readFacts } from '../snapshot/facts-layer'
import { RECORD_TYPES, type DomainRecord } from '../snapshot/records'
import {
  deletionShadow,
  expectConverged,
  mutate,
  recordsOf,
  sandboxSync,
  startTestSandbox,
} from '../../tests/support/sync-harness'
import type { Sandbox } from '../../tools/ror-sandbox/server'
import { runSync } from './engine'
import { MemorySnapshotStore } from './memory-store'
import { MAX_DEAD_SHARE, canOverlay } from './write-overlay'

let sandbox: Sandbox | undefined
afterEach(async () => {
  await sandbox?.close()
  sandbox = undefined
})

const isOverlay = (bytes: Uint8Array) =>
  new SnapshotReader(bytes).header.chunks.some((c) => c.dead !== undefined)

/**
 * The facts section describes the live records exactly: one row per live record, in the chunk
 * that holds it, with the values its record gives (the offer ids of a role aside: the record
 * keeps the first one), and each offer's placement chunk.
 */
async function expectFactsDescribeRecords(bytes: Uint8Array): Promise<void> {
  const reader = new SnapshotReader(bytes)
  const facts = await readFacts(reader)
  expect(facts).not.toBeNull()
  const live = new Map<string, number>()
  reader.header.chunks.forEach((info, i) => {
    for (const r of reader.chunk(i)) {
      const key = `${info.kind}/${recordIdOf(r)}`
      live.set(key, i)
      if (info.kind === 'placement') continue
      const record = r as DomainRecord
      const cols = facts![record.type]
      const at = findId(cols.id, record.id)
      expect(at, key).toBeGreaterThanOrEqual(0)
      const row: FactRow = rowAt(record.type, cols, at)
      const expected = factRowOfRecord(record, i)
      if (record.type === 'practitionerRole') {
        expect(row.offers?.[0] ?? null, key).toEqual(expected.offers?.[0] ?? null)
        delete row.offers
        delete expected.offers
      }
      delete row.pchunk
      expect(row, key).toEqual({
        ...Object.fromEntries(Object.keys(row).map((k) => [k, null])),
        ...expected,
      })
    }
  })
  for (const type of RECORD_TYPES) {
    expect(facts![type].id.length).toBe(
      [...live.keys()].filter((k) => k.startsWith(`${type}/`)).length,
    )
  }
  facts!.offer.id.forEach((id, i) => {
    expect(facts!.offer.pchunk![i], id).toBe(live.get(`placement/${id}`))
  })
}

/** The same snapshot file without its facts section (as a file narrowed by the app). */
function withoutFacts(bytes: Uint8Array): Uint8Array {
  const reader = new SnapshotReader(bytes)
  const encoder = new SnapshotEncoder()
  reader.header.chunks.forEach((info, i) => {
    encoder.addEncodedChunk(info.kind, info.count, reader.chunkBytes(i), copiedChunkExtras(info))
  })
  const { formatVersion: _v, counts: _c, checksum: _s, ...input } = reader.manifest
  return concatBytes(encoder.finish(input))
}

describe('sync facts as an access context', () => {
  it('answers as the access facts of the stored records do', async () => {
    sandbox = await startTestSandbox()
    const store = new MemorySnapshotStore()
    await runSync(sandboxSync(sandbox, 3, store))
    const reader = new SnapshotReader(store.bytes!)
    const fromFacts = new FactsContext((await readFacts(reader))!)
    await fromFacts.warm(async () => undefined)
    const records = [...reader.records()].filter((r): r is DomainRecord => 'type' in r)
    const fromRecords = accessContextFromRecords(records)
    const ids = (list: readonly { id: string }[]) => list.map((o) => o.id).sort()
    let compared = 0
    for (const r of records) {
      if (r.type === 'offer') expect(fromFacts.offer(r.id)).toEqual(fromRecords.offer(r.id))
      if (r.type === 'location') {
        expect(ids(fromFacts.offersOfLocation(r.id))).toEqual(
          ids(fromRecords.offersOfLocation(r.id)),
        )
      }
      if (r.type === 'organization') {
        expect(ids(fromFacts.offersOfOrganization(r.id))).toEqual(
          ids(fromRecords.offersOfOrganization(r.id)),
        )
      }
      if (r.type === 'practitioner') {
        expect(ids(fromFacts.offersOfPractitioner(r.id))).toEqual(
          ids(fromRecords.offersOfPractitioner(r.id)),
        )
      }
      compared += 1
    }
    expect(compared).toBeGreaterThan(1000)
  })
})

describe('delta overlay', () => {
  it('keeps the chunks, reads as a fresh full sync, delta after delta, facts exact', async () => {
    sandbox = await startTestSandbox()
    const store = new MemorySnapshotStore()
    await runSync(sandboxSync(sandbox, 3, store))
    expect(isOverlay(store.bytes!)).toBe(false)
    await expectFactsDescribeRecords(store.bytes!)
    const base = new SnapshotReader(store.bytes!)
    const before = recordsOf(store.bytes)
    const all = { changedKeys: [] as string[], deletedKeys: [] as string[] }
    for (const round of [1, 2, 3]) {
      const m = await mutate(sandbox, 6 * round)
      all.changedKeys.push(...m.changedKeys)
      all.deletedKeys.push(...m.deletedKeys)
      const result = await runSync(sandboxSync(sandbox, 3, store))
      expect(`${result.mode} ${result.fullReason}`, `round ${round}`).toBe('delta null')
      const reader = new SnapshotReader(store.bytes!)
      expect(isOverlay(store.bytes!), `round ${round}`).toBe(true)
      expect(reader.formatVersion).toBe(2)
      // The base's chunks are still there, byte for byte, first.
      base.header.chunks.forEach((info, i) => {
        expect(reader.header.chunks[i]!.crc32).toBe(info.crc32)
      })
      // So are its facts: each delta adds a facts layer instead of rewriting them.
      expect(reader.header.facts!.crc32).toBe(base.header.facts!.crc32)
      expect(reader.header.factsLayers).toHaveLength(round)
      const counts = { ...reader.manifest.counts }
      for (const info of reader.header.chunks) counts[info.kind] -= liveCount(info)
      expect(Object.values(counts).every((n) => n === 0)).toBe(true)
      await expectFactsDescribeRecords(store.bytes!)
    }
    const full = new MemorySnapshotStore()
    await runSync(sandboxSync(sandbox, 3, full, { mode: 'full' }))
    const shadow = deletionShadow(before, all.deletedKeys)
    expect(
      expectConverged(recordsOf(store.bytes), recordsOf(full.bytes), all.deletedKeys, shadow),
    ).toEqual([])

    // A big delta on the layered file compacts it (k-way merge of the layers).
    const m = await mutate(sandbox, 400)
    all.changedKeys.push(...m.changedKeys)
    all.deletedKeys.push(...m.deletedKeys)
    const result = await runSync(sandboxSync(sandbox, 3, store))
    expect(`${result.mode} ${result.fullReason}`).toBe('delta null')
    expect(isOverlay(store.bytes!)).toBe(false)
    expect(new SnapshotReader(store.bytes!).header.factsLayers).toBeUndefined()
    await expectFactsDescribeRecords(store.bytes!)
    const again = new MemorySnapshotStore()
    await runSync(sandboxSync(sandbox, 3, again, { mode: 'full' }))
    expect(
      expectConverged(
        recordsOf(store.bytes),
        recordsOf(again.bytes),
        all.deletedKeys,
        deletionShadow(before, all.deletedKeys),
      ),
    ).toEqual([])
  })

  it('merges into a compact file when the active one has no facts', async () => {
    sandbox = await startTestSandbox()
    const store = new MemorySnapshotStore()
    await runSync(sandboxSync(sandbox, 0, store))
    store.bytes = withoutFacts(store.bytes!)
    expect(await readFacts(new SnapshotReader(store.bytes))).toBeNull()
    await mutate(sandbox, 40)
    const result = await runSync(sandboxSync(sandbox, 0, store))
    expect(result.mode).toBe('delta')
    expect(isOverlay(store.bytes!)).toBe(false)
    await expectFactsDescribeRecords(store.bytes!)
  })

  it('compacts once dead records would pass the limit', async () => {
    sandbox = await startTestSandbox()
    const store = new MemorySnapshotStore()
    await runSync(sandboxSync(sandbox, 0, store))
    const reader = new SnapshotReader(store.bytes!)
    const total = reader.header.chunks.reduce((n, c) => n + c.count, 0)
    expect(canOverlay(reader, Math.floor(total * MAX_DEAD_SHARE))).toBe(true)
    expect(canOverlay(reader, Math.floor(total * MAX_DEAD_SHARE) + 1)).toBe(false)
    // A delta meeting more than the limit's worth of resources writes a compact file.
    await mutate(sandbox, Math.ceil(total * MAX_DEAD_SHARE))
    const result = await runSync(sandboxSync(sandbox, 0, store))
    expect(result.mode).toBe('delta')
    expect(isOverlay(store.bytes!)).toBe(false)
    await expectFactsDescribeRecords(store.bytes!)
  })
})
