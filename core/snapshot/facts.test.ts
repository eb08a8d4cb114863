import { describe, expect, it } from 'vitest'
import {
  columnsOf,
  decodeFacts,
  emptyFacts,
  encodeFacts,
  findId,
  mergeColumns,
  rowAt,
  type FactRow,
} from './facts'

const row = (id: string, chunk: number): FactRow => ({
  id,
  chunk,
  updated: 1,
  partOf: null,
  kind: 'EG',
  lat: 47,
  lon: 2,
  commune: '18033',
})

describe('sync facts', () => {
  it('merges rows in id order, dropping the replaced ones', () => {
    const cols = columnsOf('organization', [row('a', 0), row('c', 0), row('e', 1)])
    const merged = mergeColumns('organization', cols, new Set([1]), [
      row('b', 2),
      row('c', 2),
      row('f', 2),
    ])
    expect(merged.id).toEqual(['a', 'b', 'c', 'e', 'f'])
    expect([...merged.chunk]).toEqual([0, 2, 2, 1, 2])
    expect(rowAt('organization', merged, findId(merged.id, 'e'))).toEqual(row('e', 1))
    expect(findId(merged.id, 'd')).toBe(-1)
  })

  it('round-trips, and refuses another version or ragged columns', async () => {
    const facts = emptyFacts()
    const rows = [row('a', 0), { ...row('b', 3), lat: null, lon: null, partOf: 'a' }]
    facts.organization = columnsOf('organization', rows)
    const back = (await decodeFacts(encodeFacts(facts)))!.facts
    expect(back.organization.id).toEqual(['a', 'b'])
    expect([0, 1].map((i) => rowAt('organization', back.organization, i))).toEqual(rows)
    expect(back.offer.id).toEqual([])
    const ragged = emptyFacts()
    ragged.organization = { ...columnsOf('organization', [row('a', 0)]), partOf: [] }
    expect(await decodeFacts(encodeFacts(ragged))).toBeNull()
    expect(await decodeFacts(new Uint8Array([1, 2, 3]))).toBeNull()
  })
})
