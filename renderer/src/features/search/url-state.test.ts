import { describe, expect, it } from 'vitest'
import type { UiQuery } from '../../engine/protocol'
import { isEmptyQuery, paramsToQuery, queryToParams } from './url-state'

describe('search ↔ URL', () => {
  const cases: [string, UiQuery][] = [
    ['activities and age', { activities: ['022', '023'], age: '9' }],
    ['commune and radius', { origin: { kind: 'commune', code: '18033' }, radiusKm: 30 }],
    ['point', { origin: { kind: 'point', lat: 47.08123, lon: 2.39876 }, radiusKm: 12.5 }],
    ['Corsican commune', { origin: { kind: 'commune', code: '2A004' }, radiusKm: 5 }],
    [
      'text and filters',
      { text: 'st étienne', fields: ['03'], departements: ['42'], includeClosed: true },
    ],
  ]

  it.each(cases)('round-trips %s', (_name, query) => {
    expect(paramsToQuery(new URLSearchParams(queryToParams(query).toString()))).toEqual(query)
  })

  it('writes French parameter names with codes as values', () => {
    const params = queryToParams({
      activities: ['022'],
      age: '18mo',
      origin: { kind: 'commune', code: '18033' },
      radiusKm: 30,
    })
    expect(params.toString()).toBe('activite=022&age=18mo&commune=18033&rayon=30')
  })

  it('drops a radius without origin and malformed origins', () => {
    expect(paramsToQuery(new URLSearchParams('rayon=30'))).toEqual({})
    expect(paramsToQuery(new URLSearchParams('commune=../etc&point=abc'))).toEqual({})
  })

  it('keeps codes as strings (leading zeros)', () => {
    expect(paramsToQuery(new URLSearchParams('activite=022&champ=01')).activities).toEqual(['022'])
  })

  it('knows an empty search', () => {
    expect(isEmptyQuery({})).toBe(true)
    expect(isEmptyQuery({ activities: [] })).toBe(true)
    expect(isEmptyQuery({ age: '9' })).toBe(false)
  })
})
