import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { afterEach, describe, expect, it } from 'vitest'
import type { ManifestInput } from '../../../core/snapshot/codec'
import { SnapshotReader } from '../../../core/snapshot/codec'
import type { StoredRecord } from '../../../core/sync/snapshot-store'
import { decodeEncodedChunk } from '../../../core/snapshot/chunk'
import { crc32, crcHex } from '../../../core/snapshot/crc32'
import { RorDatabase } from './db'
import { SlotSnapshotStore } from './slot-store'
import { rowChunk } from './snapshots'

const input: ManifestInput = {
  accessProfile: 0,
  source: { kind: 'sync', server: 'http://127.0.0.1/fhir' },
  createdAt: '2026-11-26T08:00:00.000Z',
  skipped: { count: 0, reasons: [] },
  ignored: {},
  superseded: 0,
  hiddenByProfile: 0,
}

/** Chunks of the bundled demo snapshot: real records of every kind (two of each, for speed). */
async function demoChunks() {
  const fs = (await import('node:fs' as string)) as { readFileSync(p: string): Uint8Array }
  const path = new URL('../../../data/demo/demo.snap', import.meta.url).pathname
  const reader = new SnapshotReader(new Uint8Array(fs.readFileSync(path)))
  const seen = new Map<string, number>()
  return reader.header.chunks.flatMap((info, i) => {
    const n = (seen.get(info.kind) ?? 0) + 1
    seen.set(info.kind, n)
    return n > 2 ? [] : [{ kind: info.kind, records: reader.chunk(i) as StoredRecord[] }]
  })
}

const databases: RorDatabase[] = []
function freshDb(): RorDatabase {
  const db = new RorDatabase('slot-store-test', { indexedDB: new IDBFactory(), IDBKeyRange })
  databases.push(db)
  return db
}

afterEach(() => {
  for (const db of databases.splice(0)) db.close()
})

describe('SlotSnapshotStore writer', () => {
  it('stores chunks given as JSON bytes as the same records decoded', async () => {
    const chunks = await demoChunks()
    const [asRecords, asJson] = [freshDb(), freshDb()]
    const a = await new SlotSnapshotStore(asRecords).begin()
    const b = await new SlotSnapshotStore(asJson).begin()
    for (const { kind, records } of chunks) {
      await a.writeChunk(kind, records)
      const json = new TextEncoder().encode(JSON.stringify(records))
      await b.writeChunkJson!(kind, records.length, json)
    }
    const [ma, mb] = [await a.commit(input), await b.commit(input)]
    // Same counts and same checksum (the chunk table: kind, count, first and last key).
    expect(mb).toEqual(ma)
    // The same rows, holding the same records (deflated with another hash table size).
    const rows = async (db: RorDatabase) =>
      (await db.chunks.toArray()).map(({ data, crc32: crc, ...row }) => {
        expect(crcHex(crc32(data))).toBe(crc)
        return { ...row, records: decodeEncodedChunk(rowChunk({ ...row, crc32: crc, data })) }
      })
    expect(await rows(asJson)).toEqual(await rows(asRecords))
    // The locator finds the same chunk for every record (the detail panel).
    const locators = async (db: RorDatabase) => [...(await db.locators.toArray())[0]!.table]
    expect(await locators(asJson)).toEqual(await locators(asRecords))
    // And the active snapshot reads back as the records given.
    const back: StoredRecord[] = []
    await (await new SlotSnapshotStore(asJson).current())!.forEachChunk(
      chunks.map((c) => c.kind),
      (_kind, records) => void back.push(...records),
    )
    expect(back).toEqual(chunks.flatMap((c) => c.records))
  })

  it('reads the active slot as a snapshot file for a delta, only when its rows are in order', async () => {
    const chunks = await demoChunks()
    const db = freshDb()
    const writer = await new SlotSnapshotStore(db).begin()
    for (const { kind, records } of chunks) await writer.writeChunk(kind, records)
    const manifest = await writer.commit(input)
    const base = (await new SlotSnapshotStore(db).current())!
    expect(base.file).toBeUndefined() // a full sync does not pay for reading it
    const asFile = await base.forDelta!()
    const reader = asFile.file!.reader
    expect(asFile.manifest).toEqual(manifest)
    expect(reader.header.chunks.map((c) => [c.kind, c.count])).toEqual(
      chunks.map((c) => [c.kind, c.records.length]),
    )
    expect(reader.chunk(1)).toEqual(chunks[1]!.records)
    // Written without sync facts (as by `writeChunk` alone): the delta will merge.
    await expect(asFile.file!.facts()).resolves.toBeNull()
    // A row missing in the middle: facts could not name chunks by position; read the slot.
    await db.chunks
      .where('[slot+seq]')
      .equals([(await db.chunks.toArray())[0]!.slot, 1])
      .delete()
    const gap = await (await new SlotSnapshotStore(db).current())!.forDelta!()
    expect(gap.file).toBeUndefined()
  })

  it('refuses JSON whose record count differs from the one announced', async () => {
    const writer = await new SlotSnapshotStore(freshDb()).begin()
    const json = new TextEncoder().encode(JSON.stringify([{ type: 'offer', id: 'a' }]))
    await expect(writer.writeChunkJson!('offer', 2, json)).rejects.toThrow(/1 enregistrements lus/)
  })
})
