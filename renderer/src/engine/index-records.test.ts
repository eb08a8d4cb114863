import { describe, expect, it } from 'vitest'
import { Gazetteer } from '../../../core/geo/gazetteer'
import { buildSearchIndex } from '../../../core/search/build'
import { searchInputFromRecords } from '../../../core/search/input'
import { serializeSearchIndex } from '../../../core/search/persist'
import type { StoredChunkRecord } from '../../../core/snapshot/chunk'
import { SnapshotReader } from '../../../core/snapshot/codec'
import { loadBundledTerminology } from '../../../core/terminology/bundled'
import { collectForIndex, INDEX_KINDS, indexView } from './index-records'

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
  return { full, slim }
}

describe('index views of the stored records', () => {
  it('build the same search index as the whole records (demo snapshot)', async () => {
    const { full, slim } = await demo()
    const deps = {
      terminology: await loadBundledTerminology(),
      gazetteer: new Gazetteer(
        JSON.parse(new TextDecoder().decode(await readRepoFile('data/geo/communes.json'))),
      ),
    }
    const bytes = (records: StoredChunkRecord[]) =>
      serializeSearchIndex(buildSearchIndex(searchInputFromRecords(records, deps)), {})
    expect(slim.length).toBe(full.length)
    const [a, b] = [bytes(slim), bytes(full)]
    expect(a.length).toBe(b.length)
    expect(a.every((byte, i) => byte === b[i])).toBe(true)
  })

  it('are much smaller than the records they come from', async () => {
    const { full, slim } = await demo()
    const size = (records: StoredChunkRecord[]) => JSON.stringify(records).length
    // What the detail panel alone shows (contacts, telecoms, hours…) is most of a record.
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
