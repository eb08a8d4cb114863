import { describe, expect, it } from 'vitest'
import { CommuneSampler, communeIndices, communesFromJson, GeoFileError } from './geo'
import { Rng } from './prng'

const FIELDS = [
  'code',
  'name',
  'postalCodes',
  'departement',
  'region',
  'lat',
  'lon',
  'population',
  'coordSource',
]

const doc = {
  version: 1,
  fields: FIELDS,
  rows: [
    ['75056', 'Paris', ['75001'], '75', '11', 48.85, 2.35, 2_100_000, 'geonames'],
    ['75112', 'Paris 12e Arrondissement', ['75012'], '75', '11', 48.85, 2.35, 140_000, 'parent'],
    ['45234', 'Orléans', ['45000', '45100'], '45', '24', 47.9, 1.9, 116_000, 'geonames'],
    ['97501', 'Saint-Pierre', ['97500'], '975', '975', 46.78, -56.17, 5_500, 'geonames'],
    ['48095', 'Mende', ['48000'], '48', '76', 44.52, 3.5, 12_000, 'geonames'],
  ],
}

describe('gazetteer', () => {
  it('keeps the ROR regions only and counts Paris through its arrondissements', () => {
    const t = communesFromJson(doc, 'test', 1)
    expect(t.code).toEqual(['75056', '75112', '45234', '48095'])
    expect(t.population[0]).toBe(0)
    expect(t.population[1]).toBe(140_000)
    expect(t.postalCodes[2]).toEqual(['45000', '45100'])
  })

  it('reads columns by name, whatever their order', () => {
    const order = [...FIELDS].reverse()
    const reordered = { ...doc, fields: order, rows: doc.rows.map((r) => [...r].reverse()) }
    expect(communesFromJson(reordered, 'test', 1).name).toEqual(
      communesFromJson(doc, 'test', 1).name,
    )
  })

  it('rejects a file of another format with a clear error', () => {
    expect(() => communesFromJson({ version: 2, rows: [] }, 'communes.json', 1)).toThrow(
      GeoFileError,
    )
    expect(() => communesFromJson({ ...doc, fields: ['code'] }, 'communes.json', 1)).toThrow(
      /colonne "name"/,
    )
  })

  it('draws communes in proportion to population^alpha, within a region when asked', () => {
    const t = communesFromJson(doc, 'test', 1)
    const rng = new Rng(5)
    const all = new CommuneSampler(t, communeIndices(t), 1)
    const counts = [0, 0, 0, 0]
    for (let i = 0; i < 20000; i += 1) counts[all.draw(rng)]! += 1
    expect(counts[0]).toBe(0)
    expect(counts[1]! / counts[3]!).toBeGreaterThan(8)
    const centre = new CommuneSampler(t, communeIndices(t, '24'), 1)
    expect(new Set(Array.from({ length: 50 }, () => centre.draw(rng)))).toEqual(new Set([2]))
  })
})
