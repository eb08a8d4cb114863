import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { CommunesFileError } from './communes-file'
import type { CommunesFile } from './communes-file'
import { foldText } from './fold'
import { Gazetteer } from './gazetteer'
import { distanceKm } from './haversine'

const FILE = join(import.meta.dirname, '..', '..', 'data', 'geo', 'communes.json')
const raw = JSON.parse(readFileSync(FILE, 'utf8')) as CommunesFile
let g: Gazetteer

beforeAll(() => {
  g = new Gazetteer(raw)
})

const codes = (q: string, limit = 10) => g.search(q, limit).map((c) => c.code)

describe('Gazetteer lookups by code', () => {
  it('finds Orléans with its GeoNames point, postal codes, département and région', () => {
    const o = g.byCode('45234')
    expect(o?.name).toBe('Orléans')
    expect(o?.postalCodes).toEqual(['45000', '45100'])
    expect(o?.departement).toBe('45')
    expect(o?.region).toBe('24')
    expect(o?.kind).toBe('commune')
    expect(o?.coordSource).toBe('geonames')
    expect(distanceKm(o!, { lat: 47.9029, lon: 1.9039 })).toBeLessThan(2)
  })

  it('places Bourges in the Cher, about 100 km south-east of Orléans', () => {
    const b = g.centroid('18033')
    expect(g.byCode('18033')?.name).toBe('Bourges')
    expect(g.departementOf('18033')).toBe('18')
    expect(distanceKm(b!, g.centroid('45234')!)).toBeGreaterThan(90)
    expect(distanceKm(b!, g.centroid('45234')!)).toBeLessThan(110)
  })

  it('has the 20 + 9 + 16 arrondissements municipaux, attached to their city', () => {
    for (const [first, n, city] of [
      [75101, 20, '75056'],
      [69381, 9, '69123'],
      [13201, 16, '13055'],
    ] as const) {
      for (let i = 0; i < n; i++) {
        const a = g.byCode(String(first + i))
        expect(a?.kind).toBe('arrondissement')
        expect(a?.parentCode).toBe(city)
        expect(a?.population).toBeGreaterThan(0)
        expect(distanceKm(a!, g.byCode(city)!)).toBeLessThan(15)
      }
    }
    expect(g.byCode('75116')?.postalCodes).toEqual(['75016', '75116'])
  })

  it('resolves former codes and communes déléguées, but byCode stays strict', () => {
    const firstFormer = Object.entries(raw.formerCodes)[0]!
    expect(g.byCode(firstFormer[0])).toBeUndefined()
    expect(g.resolve(firstFormer[0])?.code).toBe(firstFormer[1])
    const rowCodes = new Set(raw.rows.map((r) => r[0]))
    const deleguee = raw.secondary.rows.find((r) => !rowCodes.has(r[0]))!
    const resolved = g.resolve(deleguee[0])
    expect(resolved?.name).toBe(deleguee[1])
    expect(['deleguee', 'associee']).toContain(resolved?.kind)
    expect(g.byCode(resolved!.parentCode!)).toBeDefined()
    expect(g.centroid(deleguee[0])).toEqual({
      lat: deleguee[5],
      lon: deleguee[6],
      coordSource: deleguee[8],
    })
  })

  it('derives the département of any well-formed code, including Corsica and the DROM', () => {
    expect(g.departementOf('2A004')).toBe('2A')
    expect(g.departementOf('2B033')).toBe('2B')
    expect(g.departementOf('97411')).toBe('974')
    expect(g.departementOf('75101')).toBe('75')
    expect(g.departementOf('01999')).toBe('01') // unknown but well formed
    expect(g.departementOf('20004')).toBe('2A') // pre-1976 code of Ajaccio, a former code
    expect(g.departementOf('20999')).toBeUndefined() // unknown pre-1976 Corsica: 2A or 2B?
    expect(g.departementOf('hello')).toBeUndefined()
    expect(g.centroid('00000')).toBeUndefined()
  })

  it('rejects a file of another shape with a clear error', () => {
    expect(() => new Gazetteer({ ...raw, version: 2 })).toThrow(CommunesFileError)
    const badRow = { ...raw, rows: [['45234', 'Orléans', [], '45', '24', 'x', 1.9, 0, 'geonames']] }
    expect(() => new Gazetteer(badRow)).toThrow(/rows\[0\]/)
  })
})

describe('Gazetteer.search', () => {
  it('finds Saint-Étienne first whatever the spelling', () => {
    for (const q of [
      'st etienne',
      'saint-etienne',
      'SAINT ÉTIENNE',
      'St-Étienne',
      'saint étienne',
    ]) {
      expect(codes(q)[0], q).toBe('42218')
    }
  })

  it('finds Bourges by postal code, and postal prefixes rank exact codes first', () => {
    expect(codes('18000')[0]).toBe('18033')
    expect(codes('18 000')[0]).toBe('18033')
    const paris15 = codes('75015')
    expect(paris15.slice(0, 2).sort()).toEqual(['75056', '75115'])
    for (const c of g.search('180', 20))
      expect(c.postalCodes.some((p) => p.startsWith('180'))).toBe(true)
  })

  it('is case-, accent-, hyphen- and apostrophe-insensitive', () => {
    expect(codes('orleans')[0]).toBe('45234')
    expect(codes('ORLÉANS')[0]).toBe('45234')
    expect(codes("l'ile d'yeu")[0]).toBe('85113')
    expect(codes('l ile d yeu')[0]).toBe('85113')
    expect(codes('l’haÿ les roses')[0]).toBe('94038')
    expect(codes('ste foy les lyon')[0]).toBe('69202')
    expect(codes('Sainte-Foy-lès-Lyon')[0]).toBe('69202')
  })

  it('lists Paris first, then its arrondissements, and finds an arrondissement by number', () => {
    const r = g.search('paris', 21)
    expect(r[0]?.code).toBe('75056')
    expect(r.slice(1).every((c) => c.kind === 'arrondissement' && c.parentCode === '75056')).toBe(
      true,
    )
    expect(codes('paris 15')[0]).toBe('75115')
    expect(codes('lyon 3')[0]).toBe('69383')
  })

  it('matches a later word of the name after full-name matches', () => {
    const r = codes('rochelle')
    expect(r[0]).toBe('17300') // La Rochelle
    const lyon = g.search('lyon', 30)
    expect(lyon[0]?.code).toBe('69123')
    expect(lyon.map((c) => c.code)).toContain('69202') // Sainte-Foy-lès-Lyon, by its last word
    const firstWordMatch = lyon.findIndex((c) => !foldText(c.name).startsWith('lyon'))
    expect(lyon.slice(firstWordMatch).every((c) => !foldText(c.name).startsWith('lyon'))).toBe(true)
  })

  it('keeps « st » open while typing: Strasbourg and the Saint-… communes', () => {
    const r = codes('st')
    expect(r).toContain('67482')
    expect(r.some((code) => foldText(g.byCode(code)!.name).startsWith('saint'))).toBe(true)
  })

  it('narrows by a trailing département or postal code', () => {
    expect(codes('saint denis 93')[0]).toBe('93066')
    expect(codes('saint denis 974')[0]).toBe('97411')
  })

  it('puts exact names first, then larger populations (checked on sampled real names)', () => {
    const rows = raw.rows.filter((_, i) => i % 97 === 0)
    for (const row of rows) {
      const folded = foldText(row[1])
      const r = g.search(row[1], 10)
      expect(foldText(r[0]!.name), row[1]).toBe(folded)
      const exact = r.filter((c) => foldText(c.name) === folded)
      expect(r.slice(0, exact.length)).toEqual(exact)
      const prefix = r.slice(exact.length).filter((c) => foldText(c.name).startsWith(folded))
      const pops = prefix.filter((c) => c.kind === 'commune').map((c) => c.population)
      expect(pops).toEqual([...pops].sort((a, b) => b - a))
    }
  })

  it('lists current communes before déléguées of the same name', () => {
    const r = g.search('cherbourg', 5)
    expect(r[0]?.code).toBe('50129')
    expect(r[0]?.kind).toBe('commune')
    expect(r.some((c) => c.kind === 'deleguee' && c.name === 'Cherbourg-Octeville')).toBe(true)
  })

  it('returns nothing for empty or punctuation-only queries and honours the limit', () => {
    expect(g.search('', 10)).toEqual([])
    expect(g.search(' - ’ ', 10)).toEqual([])
    expect(g.search('saint', 3)).toHaveLength(3)
    expect(g.search('zzzzqx', 10)).toEqual([])
  })
})
