/**
 * The engine worker's service on the bundled demo snapshot, in real code over a fake
 * IndexedDB: the search index is built once then loaded as persisted, and the detail panel's
 * records, read on demand from a few chunks, equal those of a catalog of every record.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { beforeAll, describe, expect, it } from 'vitest'
import { nodePortTransfer } from '../support/ports'
import { mutate, startTestSandbox } from '../support/sync-harness'
import { MessageChannel } from 'node:worker_threads'
import type { MainToStorage, StorageToMain } from '../../core/ipc/snapshot-transfer'
import { SnapshotEncoder, SnapshotReader, concatBytes } from '../../core/snapshot/codec'
import { CHUNK_KINDS } from '../../core/snapshot/manifest'
import { sendSnapshot } from '../../main/snapshot-sender'
import { baseIdentity } from '../../core/sync/snapshot-store'
import type { OfferRecord } from '../../core/snapshot/records'
import { RorDatabase } from '../../renderer/src/storage/db'
import { SnapshotRepository } from '../../renderer/src/storage/snapshots'
import { RecordCatalog } from '../../renderer/src/engine/catalog'
import { EngineService } from '../../renderer/src/engine/engine-service'
import type { EngineEvent, UiQuery } from '../../renderer/src/engine/protocol'

const DEMO = 'data/demo/demo.snap'
const COMMUNES = 'data/geo/communes.json'
const loaders = {
  bytes: async (path: string) => new Uint8Array(await readFile(path)),
  json: async (path: string) => JSON.parse(await readFile(path, 'utf8')) as unknown,
}
const open = { demoUrl: DEMO, communesUrl: COMMUNES }
const bourges: UiQuery = {
  activities: ['227'],
  age: '9',
  origin: { kind: 'commune', code: '18033' },
  radiusKm: 30,
}

let demo: SnapshotReader
beforeAll(async () => {
  demo = new SnapshotReader(await loaders.bytes(DEMO))
})

const freshDb = (name: string) =>
  new RorDatabase(name, { indexedDB: new IDBFactory(), IDBKeyRange })

/**
 * An engine over `db` that, at the start of each index build (its « index » step), searches
 * `query` — what a user searching at that moment gets: a total, or the error's message.
 */
function engineSearchingDuringBuilds(
  db: RorDatabase,
  query: UiQuery,
  onEvent: (e: EngineEvent) => void = () => undefined,
) {
  const during: Promise<number | string>[] = []
  const engine: EngineService = new EngineService(db, loaders, (e) => {
    onEvent(e)
    if (e.kind === 'progress' && e.phase === 'index' && e.unit === 'records' && e.done === 0) {
      during.push(
        engine.search(query, 5).then(
          (r) => r.total,
          (err: Error) => err.message,
        ),
      )
    }
  })
  return { engine, during }
}

describe('EngineService over IndexedDB', () => {
  it('builds the index once, then starts from the persisted one with the same answers', async () => {
    const db = freshDb('engine-persist')
    const events: EngineEvent[] = []
    const first = new EngineService(db, loaders, (e) => events.push(e))
    const built = await first.open(open)
    expect(built.indexSource).toBe('built')
    expect(built.offerCount).toBe(demo.manifest.counts.offer)
    expect(events.some((e) => e.kind === 'progress' && e.phase === 'store')).toBe(true)
    const expected = await first.search(bourges, 50)
    expect(expected.total).toBeGreaterThan(0)

    const second = new EngineService(db, loaders)
    const loaded = await second.open(open)
    expect(loaded.indexSource).toBe('persisted')
    expect(loaded.offerCount).toBe(built.offerCount)
    const again = await second.search(bourges, 50)
    expect(again.total).toBe(expected.total)
    expect(again.items).toEqual(expected.items)
  })

  it('searches a persisted index without waiting for the communes, and says when they fail', async () => {
    const db = freshDb('engine-communes')
    await new EngineService(db, loaders).open(open)
    const broken = {
      ...loaders,
      json: () => Promise.reject(new Error('fichier absent')),
    }
    const engine = new EngineService(db, broken)
    const status = await engine.open(open)
    expect(status.indexSource).toBe('persisted')
    expect((await engine.search({ activities: ['227'] }, 5)).total).toBeGreaterThan(0)
    await expect(engine.search(bourges, 5)).rejects.toThrow(/communes embarquées.*fichier absent/)
    await expect(engine.suggest('commune', 'bour', 5)).rejects.toThrow(/recherche par commune/)
  })

  it('rebuilds the index when the persisted one is damaged', async () => {
    const db = freshDb('engine-damaged')
    await new EngineService(db, loaders).open(open)
    await db.searchIndexes.toCollection().modify((row) => {
      row.bytes = row.bytes.slice(0, 100)
    })
    const status = await new EngineService(db, loaders).open(open)
    expect(status.indexSource).toBe('built')
    expect(status.offerCount).toBe(demo.manifest.counts.offer)
  })

  it('reads an offer’s detail from its chunks, equal to a catalog of every record', async () => {
    const db = freshDb('engine-detail')
    const engine = new EngineService(db, loaders)
    await engine.open(open)
    const catalog = new RecordCatalog(demo.records())
    const offers = [...demo.records(['offer'])] as OfferRecord[]
    // A spread of offers: first, last, and every 500th.
    const sample = offers.filter((_, i) => i % 500 === 0 || i === offers.length - 1)
    for (const offer of sample) {
      const expected = catalog.detail(offer.id, demo.manifest)
      const got = await engine.detail(offer.id)
      expect(got?.offer).toEqual(expected?.offer)
      expect(got?.chain).toEqual(expected?.chain)
      expect(got?.locations).toEqual(expected?.locations)
      expect(got?.placement).toEqual(expected?.placement)
      expect(got?.professionals).toEqual(expected?.professionals)
      expect(got?.siblings.map((s) => s.id).sort()).toEqual(
        expected?.siblings.map((s) => s.id).sort(),
      )
    }
    expect(await engine.detail('absent-offer')).toBeNull()
  })

  it('imports a snapshot file as it is, and exports it back with the same records', async () => {
    const db = freshDb('engine-import')
    const engine = new EngineService(db, loaders)
    await engine.open(open)
    const exported = new SnapshotReader(await engine.exportSnapshot())
    expect(exported.manifest.counts).toEqual(demo.manifest.counts)
    const status = await engine.importSnapshot(await loaders.bytes(DEMO), 'demo.snap')
    expect(status.indexSource).toBe('built')
    expect([...exported.records(['offer'])].length).toBe(demo.manifest.counts.offer)
    await expect(engine.importSnapshot(new Uint8Array([1, 2, 3]), 'faux.snap')).rejects.toThrow(
      /faux\.snap.*n’a pas été modifié/s,
    )
    expect(engine.currentStatus().offerCount).toBe(demo.manifest.counts.offer)
  })

  it('keeps the layers and dead lists of an imported overlay file, and exports them as they are', async () => {
    // The demo as a CLI delta leaves it: one offer superseded in its chunk, a layer holding
    // its new version.
    const offers = demo.header.chunks.findIndex((c) => c.kind === 'offer')
    const replaced = demo.chunk(offers)[0] as OfferRecord
    const encoder = new SnapshotEncoder()
    demo.header.chunks.forEach((info, i) => {
      encoder.addEncodedChunk(info.kind, info.count, demo.chunkBytes(i), {
        crc: info.crc32,
        ...(i === offers ? { dead: [replaced.id] } : {}),
      })
    })
    encoder.addChunk('offer', [{ ...replaced, name: 'Offre renommée' }], 1)
    const { formatVersion: _f, counts: _c, checksum: _s, ...manifest } = demo.manifest
    const overlay = concatBytes(encoder.finish(manifest))

    const engine = new EngineService(freshDb('engine-overlay'), loaders)
    await engine.open(open)
    await engine.importSnapshot(overlay, 'overlay.snap')
    const shape = (r: SnapshotReader) =>
      r.header.chunks
        .map((c) => `${c.kind}:${c.count}:${c.layer ?? 0}:${(c.dead ?? []).join()}`)
        .sort()
    const exported = new SnapshotReader(await engine.exportSnapshot())
    expect(shape(exported)).toEqual(shape(new SnapshotReader(overlay)))
    const names = [...exported.records(['offer'])].filter(
      (r) => (r as OfferRecord).id === replaced.id,
    )
    expect(names.map((r) => (r as OfferRecord).name)).toEqual(['Offre renommée'])
    expect(exported.manifest.counts).toEqual(demo.manifest.counts)
  })

  it('imports raw FHIR files for a profile, and refuses files without an offer', async () => {
    const db = freshDb('engine-fhir')
    const events: EngineEvent[] = []
    const engine = new EngineService(db, loaders, (e) => events.push(e))
    await engine.open(open)
    const dir = 'tests/fixtures/ror-examples'
    const files = readdirSync(dir).map(
      (name) => new File([readFileSync(join(dir, name))], name, { type: 'application/json' }),
    )
    events.length = 0
    const result = await engine.importFhir(files, 0)
    // Progress the header shows: files read, chunks stored; then « over ».
    const read = events.filter((e) => e.kind === 'progress' && e.phase === 'read')
    expect(read.at(-1)).toMatchObject({ unit: 'files', done: files.length, total: files.length })
    expect(events.some((e) => e.kind === 'progress' && e.phase === 'store')).toBe(true)
    expect(events.at(-1)).toEqual({ kind: 'idle' })
    expect(result.status.manifest?.accessProfile).toBe(0)
    expect(result.status.manifest?.source).toMatchObject({ kind: 'import' })
    expect(result.status.isDemo).toBe(false)
    expect(result.status.offerCount).toBe(result.counts.offer)
    expect(result.counts.offer).toBeGreaterThan(0)
    const [first] = (await engine.search({}, 5)).items
    expect(first).toBeDefined()
    expect(first && (await engine.detail(first.offerId))?.offer.id).toBe(first?.offerId)

    const before = engine.currentStatus().manifest
    const notes = new File(['pas du FHIR'], 'notes.json')
    events.length = 0
    await expect(engine.importFhir([notes], 0)).rejects.toThrow(
      /Aucune offre.*notes\.json.*1 élément.*n’a pas été modifié/s,
    )
    expect(engine.currentStatus().manifest).toEqual(before)
    // A failed import also ends the header's progress line.
    expect(events.at(-1)).toEqual({ kind: 'idle' })
  })

  it('narrows the stored snapshot when the profile is lowered, and searches what is left', async () => {
    const db = freshDb('engine-narrow')
    const { engine, during } = engineSearchingDuringBuilds(db, bourges)
    const before = await engine.open(open)
    during.length = 0
    expect(before.manifest?.accessProfile).toBe(2)
    // The demo (profile 2) holds level-2 contacts (walked the same way below).
    expect(
      [...demo.records()].some((r) => JSON.stringify(r).includes('"confidentiality":"2"')),
    ).toBe(true)
    const after = await engine.narrow(0)
    expect(after.manifest?.accessProfile).toBe(0)
    // While the lowered snapshot's index was built, the profile-2 index did not answer.
    expect(await Promise.all(during)).toEqual(['Le moteur de recherche n’est pas encore prêt.'])
    expect(after.indexSource).toBe('built')
    expect((await engine.search(bourges, 10)).total).toBeGreaterThan(0)
    // Nothing above profile 0 stays: no contact above confidentiality level 1, anywhere.
    const levels = new Map<string, number>()
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk)
      else if (value && typeof value === 'object') {
        for (const [key, v] of Object.entries(value)) {
          if (key === 'confidentiality') levels.set(String(v), (levels.get(String(v)) ?? 0) + 1)
          walk(v)
        }
      }
    }
    await new SnapshotRepository(db).forEachActiveChunk((_kind, records) => walk(records))
    expect(levels.get('1')).toBeGreaterThan(0)
    expect([...levels.keys()]).toEqual(['1'])
    // Only one slot holds data: the old profile's copy was emptied.
    const slots = new Set((await db.chunks.toArray()).map((row) => row.slot))
    expect(slots.size).toBe(1)
  })

  it('serves snapshots sent by main only once open, then searches the new one', async () => {
    const db = freshDb('engine-port')
    const events: EngineEvent[] = []
    const { engine, during } = engineSearchingDuringBuilds(db, bourges, (e) => events.push(e))
    const channel = new MessageChannel()
    engine.attachStoragePort(nodePortTransfer<StorageToMain, MainToStorage>(channel.port2))
    const main = nodePortTransfer<MainToStorage, StorageToMain>(channel.port1)
    // Sent before `open`: served after the demo is installed, then replaces it.
    const sent = sendSnapshot(main, resynced(), { transferId: 't1' })
    const opened = await engine.open(open)
    const demoAnswer = (await engine.search(bourges, 5)).total
    during.length = 0
    await sent
    await expect.poll(() => engine.currentStatus().manifest?.createdAt).toBe(RESYNCED_AT)
    // While the new snapshot's index was built, the previous one (the demo) answered.
    expect(opened.indexSource).toBe('built')
    expect(await Promise.all(during)).toEqual([demoAnswer])
    expect(events.some((e) => e.kind === 'snapshot-changed')).toBe(true)
    expect(engine.currentStatus().indexSource).toBe('built')
    expect((await engine.search(bourges, 10)).total).toBeGreaterThan(0)
    // What the header showed: the chunks received, then the records indexed, then « over ».
    const receiving = events.findIndex(
      (e) => e.kind === 'progress' && e.message === 'Réception de l’instantané synchronisé',
    )
    expect(events[receiving]).toMatchObject({ done: 0, unit: 'chunks' })
    const indexed = events
      .slice(receiving)
      .filter((e) => e.kind === 'progress' && e.phase === 'index' && e.done < e.total)
      .map((e) => e.kind === 'progress' && [e.unit, e.total])
    const { counts } = demo.manifest
    const records = counts.offer + counts.organization + counts.location + counts.placement
    expect(indexed[0]).toEqual(['records', records])
    expect(indexed.at(-1)).toEqual([undefined, 1]) // the build's end: no count
    await expect.poll(() => events.at(-1)).toEqual({ kind: 'idle' })

    // Main's delta changed no record: the same records again, named as such — the index is
    // kept; named after another snapshot than the one searched — rebuilt.
    const searched = baseIdentity(engine.currentStatus().manifest!)
    await sendSnapshot(main, resynced('2026-11-26T07:00:00.000Z'), {
      transferId: 't2',
      sameRecordsAs: searched,
    })
    await expect
      .poll(() => engine.currentStatus().manifest?.createdAt)
      .toBe('2026-11-26T07:00:00.000Z')
    expect(engine.currentStatus().indexSource).toBe('kept')
    await sendSnapshot(main, resynced('2026-11-26T08:00:00.000Z'), {
      transferId: 't3',
      sameRecordsAs: searched, // no longer the one searched
    })
    await expect
      .poll(() => engine.currentStatus().manifest?.createdAt)
      .toBe('2026-11-26T08:00:00.000Z')
    expect(engine.currentStatus().indexSource).toBe('built')
    channel.port1.close()
    channel.port2.close()
  })
})

describe('EngineService syncs (browser mode, in this thread) from the sandbox', () => {
  it('keeps its index after a delta that changed no record, rebuilds it after one that did', async () => {
    const sandbox = await startTestSandbox()
    try {
      const db = freshDb('engine-sync')
      const query: UiQuery = { text: 'a' }
      const { engine, during } = engineSearchingDuringBuilds(db, query)
      await engine.open(open)
      const request = {
        fhirBaseUrl: sandbox.fhirBase,
        tokenUrl: sandbox.tokenUrl,
        clientId: 'profil-0',
        clientSecret: 'sandbox',
        profile: 0 as const,
        region: null,
        mode: 'auto' as const,
      }
      const full = await engine.sync(request)
      expect([full.mode, full.status.indexSource]).toEqual(['full', 'built'])
      const before = await engine.search(query, 20)
      expect(before.total).toBeGreaterThan(0)

      const quiet = await engine.sync(request)
      expect(quiet.mode).toBe('delta')
      expect(quiet.changes).toMatchObject({ added: 0, updated: 0, removed: 0 })
      expect(quiet.status.indexSource).toBe('kept')
      expect(quiet.status.activatedAt).not.toBe(full.status.activatedAt)
      const answers = ({ timings: _t, ...rest }: Awaited<ReturnType<EngineService['search']>>) =>
        rest
      expect(answers(await engine.search(query, 20))).toEqual(answers(before))
      // Kept, and persisted for the new snapshot: a new start loads it, and it is the index a
      // rebuild from the new snapshot's records gives.
      const restarted = new EngineService(db, loaders)
      expect((await restarted.open(open)).indexSource).toBe('persisted')
      const repo = new SnapshotRepository(db)
      const slot = (await repo.active())!.slot
      const keptBytes = await repo.searchIndex(slot)
      await db.searchIndexes.clear()
      const rebuilt = new EngineService(db, loaders)
      expect((await rebuilt.open(open)).indexSource).toBe('built')
      expect(await repo.searchIndex(slot)).toEqual(keptBytes)

      await mutate(sandbox, 30)
      during.length = 0
      const changed = await engine.sync(request)
      expect(changed.mode).toBe('delta')
      expect(changed.status.indexSource).toBe('built')
      // Browser mode: the previous index is dropped first (memory); searches wait for the new.
      expect(await Promise.all(during)).toEqual(['Le moteur de recherche n’est pas encore prêt.'])
    } finally {
      await sandbox.close()
    }
  })
})

const RESYNCED_AT = '2026-11-26T06:00:00.000Z'

/** The demo's records as another snapshot (as main would send after a sync). */
function resynced(createdAt = RESYNCED_AT): Uint8Array {
  const encoder = new SnapshotEncoder()
  for (const kind of CHUNK_KINDS) encoder.add(kind, demo.records([kind]))
  const { formatVersion: _f, counts: _c, checksum: _s, ...manifest } = demo.manifest
  return concatBytes(encoder.finish({ ...manifest, createdAt }))
}
