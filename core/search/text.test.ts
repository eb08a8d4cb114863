import { describe, expect, it } from 'vitest'
import { offer, org, placement } from '../../tests/support/search-records'
import { buildSearchIndex, type SearchIndexInput } from './build'
import { search } from './search'
import { suggestActivities, suggestStructures } from './suggest'
import { prefixRange, queryTokens } from './text-index'

const input: SearchIndexInput = {
  offers: [
    offer('ped', { name: 'Hôpital de jour pédopsychiatrique', providedBy: 'eg-se' }),
    offer('urg', { name: 'Urgences adultes', providedBy: 'eg-se' }),
    offer('cmp', { name: 'CMP enfants', providedBy: 'eg-bourges', activities: ['409'] }),
    offer('str', { name: 'Consultation', providedBy: 'eg-stras' }),
  ],
  organizations: [
    org('ej-se', 'EJ', { name: 'CHU de Saint-Étienne', finess: '420784878' }),
    org('eg-se', 'EG', { name: 'Hôpital Nord', partOf: 'ej-se', finess: '420000192' }),
    org('eg-bourges', 'EG', { name: 'Centre Œuvre Pédiatrique', address: { city: 'Bourges' } }),
    org('eg-stras', 'EG', { name: 'Clinique Sainte-Odile', address: { city: 'Strasbourg' } }),
  ],
  placements: [placement('ped', [], 'none', '42218')],
  commune: (code) =>
    code === '42218' ? { name: 'Saint-Étienne', departement: '42', region: '84' } : undefined,
  activityLabel: (code) => (code === '409' ? 'Pédopsychiatrie générale' : undefined),
}
const index = buildSearchIndex(input)
const text = (q: string): string[] =>
  search(index, { text: q, limit: 100 })
    .items.map((i) => i.offerId)
    .sort()

describe('text criterion', () => {
  it('folds case, accents and ligatures', () => {
    expect(text('HOPITAL')).toEqual(['ped', 'urg'])
    expect(text('pedopsy')).toEqual(['ped'])
    expect(text('oeuvre')).toEqual(['cmp'])
  })

  it('finds « Saint-Étienne » from « st etienne », by EJ name and by city', () => {
    expect(text('st etienne')).toEqual(['ped', 'urg']) // EJ name of both
    expect(text('saint-etienne pedo')).toEqual(['ped'])
  })

  it('lets « st » also be the start of a word while typing', () => {
    expect(text('st')).toEqual(['ped', 'str', 'urg'])
    expect(text('stras')).toEqual(['str'])
  })

  it('requires every token to prefix-match (AND), on any field', () => {
    expect(text('urgences nord')).toEqual(['urg'])
    expect(text('urgences bourges')).toEqual([])
    expect(text('cmp bourges')).toEqual(['cmp'])
  })

  it('matches FINESS numbers by prefix, of the EG and of the EJ', () => {
    expect(text('4200001')).toEqual(['ped', 'urg'])
    expect(text('420784')).toEqual(['ped', 'urg'])
    expect(text('42001')).toEqual([])
  })

  it('treats a query without any letter or digit as no constraint', () => {
    expect(text(' - ')).toHaveLength(4)
  })
})

describe('text index primitives', () => {
  it('finds the contiguous range of tokens starting with a prefix', () => {
    const tokens = ['a', 'ab', 'abc', 'abd', 'b', 'ba']
    expect(prefixRange(tokens, 'ab')).toEqual([1, 4])
    expect(prefixRange(tokens, 'b')).toEqual([4, 6])
    expect(prefixRange(tokens, 'c')).toEqual([6, 6])
  })

  it('expands abbreviations but keeps their literal form as an alternative', () => {
    expect(queryTokens('St-Jean')).toEqual([['saint', 'st'], ['jean']])
    expect(queryTokens('Évry')).toEqual([['evry']])
  })
})

describe('result order', () => {
  const byName = buildSearchIndex({
    offers: [
      offer('3', { name: 'Zèbre' }),
      offer('2', { name: 'école' }),
      offer('1', { name: 'Ecole' }),
      offer('0', { name: 'Ecole' }),
      offer('4', { name: 'Élan' }),
      offer('5', { name: 'St Jean' }),
      offer('6', { name: 'Saint Jacques' }),
    ],
  })

  it('sorts by folded name, then name as served, then id', () => {
    const order = search(byName, {}).items.map((i) => `${i.name}#${i.offerId}`)
    expect(order).toEqual([
      'Ecole#0',
      'Ecole#1',
      'école#2',
      'Élan#4',
      'Saint Jacques#6',
      'St Jean#5',
      'Zèbre#3',
    ])
  })

  it('pages with offset and limit, total counting everything', () => {
    const page = search(byName, { offset: 2, limit: 2 })
    expect(page.total).toBe(7)
    expect(page.items.map((i) => i.offerId)).toEqual(['2', '4'])
  })
})

describe('autocomplete', () => {
  it('suggests activities by label prefix and by code, with offer counts', () => {
    const byLabel = suggestActivities(index, 'pedopsy')
    expect(byLabel[0]).toEqual({
      kind: 'activity',
      code: '409',
      label: 'Pédopsychiatrie générale',
      offerCount: 1,
    })
    expect(suggestActivities(index, '40').map((s) => s.code)).toContain('409')
  })

  it('suggests structures by name, FINESS or city', () => {
    expect(suggestStructures(index, 'hop nord').map((s) => s.id)).toEqual(['eg-se'])
    expect(suggestStructures(index, 'chu st').map((s) => s.id)).toEqual(['ej-se'])
    expect(suggestStructures(index, 'bourges')[0]).toMatchObject({
      id: 'eg-bourges',
      city: 'Bourges',
      offerCount: 1,
    })
    expect(suggestStructures(index, '4207')[0]?.finess).toBe('420784878')
  })
})
