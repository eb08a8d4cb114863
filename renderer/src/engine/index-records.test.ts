import { describe, expect, it } from 'vitest'
import { Gazetteer } from '../../../core/geo/gazetteer'
import { buildSearchIndex } from '../../../core/search/build'
import { searchInputFromRecords } from '../../../core/search/input'
import { serializeSearchIndex } from '../../../core/search/persist'
import type { StoredChunkRecord } from '../../../core/snapshot/chunk'
import { SnapshotReader } from '../../../core/snapshot/codec'
import { loadBundledTerminology } from '../../../core/terminology/bundled'
import { collectForIndex, IndexFeed, INDEX_KINDS, INDEX_PASSES, indexView } from './index-records'

/** Node's file reader (this folder is type-checked without Node's types). */
async function readRepoFile(path: string): Promise<Uint8Array> {
  const fs = (await import('node:fs' as string)) as { readFileSync(p: string): Uint8Array }
  return new Uint8Array(fs.readFileSync(new URL(`../../../${path}`, import.meta.url).pathname))
}

/** The bundled demo snapshot: real mapped records with contacts, hours, capacities… */
async function demo() {
  const reader = new SnapshotReader(await readRepoFile('data/demo/demo.snap'))
  const full: StoredChunkRecord[] = []
  const slim: StoredChunkRecord[] = []
  reader.header.chunks.forEach((info, i) => {
    const records = reader.chunk(i)
    if (INDEX_KINDS.includes(info.kind)) full.push(...records)
    collectForIndex(slim, info.kind, records)
  })
  return { full, slim, reader }
}

async function deps() {
  return {
    terminology: await loadBundledTerminology(),
    gazetteer: new Gazetteer(
      JSON.parse(new TextDecoder().decode(await readRepoFile('data/geo/communes.json'))),
    ),
  }
}

const same = (a: Uint8Array, b: Uint8Array) =>
  a.length === b.length && a.every((byte, i) => byte === b[i])

describe('index views of the stored records', () => {
  it('build the same search index as the whole records (demo snapshot)', async () => {
    const { full, slim } = await demo()
    const d = await deps()
    const bytes = (records: StoredChunkRecord[]) =>
      serializeSearchIndex(buildSearchIndex(searchInputFromRecords(records, d)), {})
    expect(slim.length).toBe(full.length)
    expect(same(bytes(slim), bytes(full))).toBe(true)
  })

  it('fed in passes (what offers refer to, then offer chunks one by one) build the same index', async () => {
    const { full, reader } = await demo()
    const d = await deps()
    const feed = new IndexFeed(d)
    const chunks = reader.header.chunks
    let offers = 0
    for (const [pass, kinds] of INDEX_PASSES.entries()) {
      if (pass > 0) feed.startOffers(offers)
      chunks.forEach((info, i) => {
        if (info.kind === 'offer' && pass === 0) offers += info.count
        if (kinds.includes(info.kind)) feed.see(info.kind, reader.chunk(i))
      })
    }
    const whole = serializeSearchIndex(buildSearchIndex(searchInputFromRecords(full, d)), {})
    expect(offers).toBeGreaterThan(1000)
    expect(same(serializeSearchIndex(feed.finish(), {}), whole)).toBe(true)
  })

  it('without stored placements, each offer is placed as it is added: same index', async () => {
    const { full, reader } = await demo()
    const d = await deps()
    const feed = new IndexFeed(d)
    const chunks = reader.header.chunks
    chunks.forEach((info, i) => {
      if (info.kind === 'organization' || info.kind === 'location') {
        feed.see(info.kind, reader.chunk(i))
      }
    })
    feed.startOffers(reader.manifest.counts.offer)
    chunks.forEach((info, i) => {
      if (info.kind === 'offer') feed.see(info.kind, reader.chunk(i))
    })
    const whole = serializeSearchIndex(buildSearchIndex(searchInputFromRecords(full, d)), {})
    expect(same(serializeSearchIndex(feed.finish(), {}), whole)).toBe(true)
  })

  it('a feed refuses chunks out of order and an offer count that does not match', async () => {
    const { reader } = await demo()
    const chunks = reader.header.chunks
    const offerChunk = reader.chunk(chunks.findIndex((c) => c.kind === 'offer'))
    const placeChunk = reader.chunk(chunks.findIndex((c) => c.kind === 'location'))
    const early = new IndexFeed(await deps())
    expect(() => early.see('offer', offerChunk)).toThrow(/before startOffers/)
    const late = new IndexFeed(await deps())
    late.startOffers(offerChunk.length)
    expect(() => late.see('location', placeChunk)).toThrow(/after the offers/)
    late.see('offer', offerChunk)
    expect(() => late.see('offer', offerChunk.slice(0, 1))).toThrow(RangeError)
    const short = new IndexFeed(await deps())
    short.startOffers(offerChunk.length + 1)
    short.see('offer', offerChunk)
    expect(() => short.finish()).toThrow(/annoncées/)
  })

  it('of organisations are much smaller than the records they come from', async () => {
    const { full, slim } = await demo()
    const orgs = (records: StoredChunkRecord[]) =>
      records.filter((r) => 'type' in r && r.type === 'organization')
    const size = (records: StoredChunkRecord[]) => JSON.stringify(orgs(records)).length
    expect(orgs(slim).length).toBe(orgs(full).length)
    // What the detail panel alone shows (contacts, telecoms, identifiers…) is half of one.
    expect(size(slim)).toBeLessThan(size(full) * 0.6)
  })

  it('keep every field of a placement and of the other kinds the index reads', () => {
    const placement: StoredChunkRecord = {
      offerId: 'o1',
      points: [{ lat: 45.1, lon: 4.2 }],
      precision: 'location',
      communeCode: '69123',
    }
    expect(indexView('placement', placement)).toBe(placement)
    const org = indexView('organization', {
      type: 'organization',
      id: 'eg1',
      kind: 'EG',
      name: 'Centre hospitalier',
      lastUpdated: '2026-01-01T00:00:00Z',
      finess: '690000000',
      partOf: 'ej1',
      category: '355',
      closedAt: '2027-01-01',
      contacts: [],
      telecoms: [{ system: 'phone', value: '0400000000', confidentiality: '1' }],
    })
    expect(org).toEqual({
      type: 'organization',
      id: 'eg1',
      kind: 'EG',
      name: 'Centre hospitalier',
      finess: '690000000',
      partOf: 'ej1',
      category: '355',
      closedAt: '2027-01-01',
    })
  })
})
