import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { RorDatabase } from './db'
import { IdbSyncStateStore } from './sync-state'

async function readAll(store: IdbSyncStateStore, key: string): Promise<number[]> {
  const out: number[] = []
  for await (const part of store.read(key)) out.push(...part)
  return out
}

const bytes = (...values: number[]) => Uint8Array.from(values)

describe('IdbSyncStateStore (resume state of a browser-mode sync)', () => {
  let db: RorDatabase
  let store: IdbSyncStateStore

  beforeEach(() => {
    db = new RorDatabase('sync-state-test', { indexedDB: new IDBFactory(), IDBKeyRange })
    store = new IdbSyncStateStore(db)
  })

  afterEach(() => db.close())

  it('shows a unit only once committed, with its parts in order', async () => {
    const unit = await store.stage('export-1')
    await unit.write(bytes(1, 2, 3))
    await unit.write(bytes(4, 5))
    // Written but not committed: a crash now must not leave half a unit to resume from.
    expect(await store.units()).toEqual([])
    await unit.commit()
    expect(await store.units()).toEqual(['export-1'])
    expect(await readAll(store, 'export-1')).toEqual([1, 2, 3, 4, 5])
  })

  it('keeps the bytes as they were at write time, so the caller may reuse its buffer', async () => {
    const unit = await store.stage('page-0')
    const buffer = bytes(7, 7, 7, 7)
    await unit.write(buffer)
    buffer.fill(0) // e.g. the next unit received into the same buffer
    await unit.commit()
    expect(await readAll(store, 'page-0')).toEqual([7, 7, 7, 7])
  })

  it('stores only the bytes of a view, not the whole buffer under it', async () => {
    const whole = bytes(0, 1, 2, 3, 4, 5, 6, 7)
    const unit = await store.stage('export-2')
    await unit.write(whole.subarray(2, 5))
    await unit.commit()
    const parts: Uint8Array[] = []
    for await (const part of store.read('export-2')) parts.push(part)
    expect(parts.map((p) => p.buffer.byteLength)).toEqual([3])
    expect([...parts[0]!]).toEqual([2, 3, 4])
  })

  it('drops a discarded unit and hides a unit staged again until its new commit', async () => {
    const first = await store.stage('export-3')
    await first.write(bytes(1))
    await first.commit()
    const again = await store.stage('export-3')
    expect(await store.units()).toEqual([])
    await again.write(bytes(9, 9))
    await again.discard()
    expect(await store.units()).toEqual([])
    expect(await db.state.where('key').startsWith('sync:part:').count()).toBe(0)
  })

  it('does not mix the parts of units whose keys share a prefix', async () => {
    for (const [key, value] of [
      ['export-1', 1],
      ['export-10', 10],
    ] as const) {
      const unit = await store.stage(key)
      await unit.write(bytes(value))
      await unit.commit()
    }
    await store.stage('export-1') // clears export-1's parts only
    expect(await store.units()).toEqual(['export-10'])
    expect(await readAll(store, 'export-10')).toEqual([10])
  })

  it('reads a unit committed by the previous version (bytes in the marker itself)', async () => {
    await db.state.put({ key: 'sync:unit:export-4', value: bytes(4, 2) })
    expect(await readAll(store, 'export-4')).toEqual([4, 2])
  })

  it('clears the checkpoint, the units and orphan parts', async () => {
    await store.saveCheckpoint({ version: 1 })
    const done = await store.stage('export-5')
    await done.write(bytes(5))
    await done.commit()
    const orphan = await store.stage('export-6')
    await orphan.write(bytes(6)) // never committed: the page was closed here
    await store.clear()
    expect(await store.loadCheckpoint()).toBeNull()
    expect(await store.units()).toEqual([])
    expect(await db.state.count()).toBe(0)
  })
})
