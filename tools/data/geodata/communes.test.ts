import { describe, expect, it } from 'vitest'
import { parseCommunesFile } from '../../../core/geo/communes-file'
import { buildCommunes } from './communes'
import type { GeoNamesPlace, GeoSources, SourceCommune } from './sources'

function place(p: Partial<GeoNamesPlace> & Pick<GeoNamesPlace, 'id' | 'name' | 'lat' | 'lon'>) {
  return {
    featureCode: 'PPL',
    countryCode: 'FR',
    admin1: '',
    admin4: '',
    population: 0,
    modified: '2023-01-01',
    ...p,
  }
}

function commune(c: Partial<SourceCommune> & Pick<SourceCommune, 'code' | 'nom'>): SourceCommune {
  return { type: 'commune-actuelle', departement: '01', region: '84', zone: 'metro', ...c }
}

/** A small made-up territory exercising every join and fallback of the builder. */
const sources: GeoSources = {
  communes: [
    commune({ code: '01001', nom: 'Aval', codesPostaux: ['01100'], population: 900 }),
    commune({ code: '01002', nom: 'Bourg-Sec', codesPostaux: ['01100'], population: 50 }),
    commune({ code: '01003', nom: 'Chaux', codesPostaux: ['01200'] }),
    commune({ code: '01004', nom: 'Dole', codesPostaux: ['01300'], population: 20000 }),
    commune({ code: '01005', nom: 'Île-Seule', codesPostaux: ['01900'], population: 10 }),
    commune({ code: '01006', nom: 'Fusion', codesPostaux: ['01400'], anciensCodes: ['01099'] }),
    commune({ code: '01006', nom: 'Fusion', type: 'commune-deleguee', chefLieu: '01006' }),
    commune({ code: '01099', nom: 'Ancien', type: 'commune-deleguee', chefLieu: '01006' }),
    commune({ code: '01097', nom: 'Perdu', type: 'commune-associee', chefLieu: '01006' }),
    commune({ code: '75056', nom: 'Paris', departement: '75', region: '11', codesPostaux: ['75001'] }),
    commune({
      ...{ code: '75101', nom: 'Paris 1er Arrondissement', departement: '75', region: '11' },
      ...{ type: 'arrondissement-municipal', commune: '75056', codesPostaux: ['75001'] },
    }),
    commune({ code: '97611', nom: 'Mamoudzou', departement: '976', region: '06' }),
    commune({ code: '97801', nom: 'Saint-Martin', departement: '978', region: '978' }),
    commune({ code: '98735', nom: 'Papeete', departement: '987', region: '987' }),
  ],
  departements: [
    { code: '01', nom: 'Ain', region: '84', chefLieu: '01004', zone: 'metro' },
    { code: '75', nom: 'Paris', region: '11', chefLieu: '75056', zone: 'metro' },
  ],
  regions: [],
  epci: [{ code: 'E1', membres: [{ code: '01003' }, { code: '01004' }] }],
  geonames: [
    place({ id: 1, name: 'Aval', lat: 46.1, lon: 5.1, admin4: '01001', population: 800 }),
    place({ id: 2, name: 'Hameau', lat: 46.3, lon: 5.3, admin4: '01001', population: 5000 }),
    place({ id: 4, name: 'Dole', lat: 46.5, lon: 5.5, admin4: '01004', featureCode: 'PPLA2' }),
    place({ id: 6, name: 'Ancien', lat: 46.6, lon: 5.6, admin4: '01099' }),
    place({ id: 7, name: 'Paris', lat: 48.85341, lon: 2.3488, admin4: '75056' }),
    place({ id: 8, name: 'Mamoudzou', lat: -12.78, lon: 45.23, countryCode: 'YT', admin1: '97611' }),
    place({ id: 9, name: 'Marigot', lat: 18.07, lon: -63.08, countryCode: 'MF' }),
    place({ id: 10, name: 'Papeete', lat: -17.5, lon: -149.6, countryCode: 'PF' }),
  ],
  admin1Features: [],
}

const { file, droppedSecondary } = buildCommunes(sources, 'test')
const row = (code: string) => file.rows.find((r) => r[0] === code)
const secondary = (code: string) => file.secondary.rows.find((r) => r[0] === code)

describe('buildCommunes', () => {
  it('writes a file the gazetteer accepts', () => {
    expect(() => parseCommunesFile(JSON.parse(JSON.stringify(file)))).not.toThrow()
  })

  it('joins GeoNames on the INSEE code, preferring the place named like the commune', () => {
    expect(row('01001')).toEqual(['01001', 'Aval', ['01100'], '01', '84', 46.1, 5.1, 900, 'geonames'])
  })

  it('falls back to the postal code, then the EPCI, then the chef-lieu', () => {
    expect(row('01002')?.slice(5)).toEqual([46.1, 5.1, 50, 'postal'])
    expect(row('01003')?.slice(5)).toEqual([46.5, 5.5, 0, 'epci'])
    expect(row('01005')?.slice(5)).toEqual([46.5, 5.5, 10, 'chef-lieu'])
  })

  it('uses a former INSEE code of a commune nouvelle and lists it in formerCodes', () => {
    expect(row('01006')?.slice(5)).toEqual([46.6, 5.6, 0, 'geonames'])
    expect(file.formerCodes).toEqual({ '01099': '01006' })
  })

  it('gives arrondissements and déléguées their parent point unless they have their own', () => {
    expect(row('75101')?.slice(5)).toEqual([48.85341, 2.3488, 0, 'parent'])
    expect(secondary('01099')).toEqual([
      ...['01099', 'Ancien', [], '01', '84', 46.6, 5.6, 0, 'geonames'],
      ...['01006', 'deleguee'],
    ])
    expect(secondary('01097')?.slice(8)).toEqual(['parent', '01006', 'associee'])
    expect(secondary('01006')).toBeUndefined() // same code and name as its commune nouvelle
    expect(droppedSecondary).toBe(1)
  })

  it('matches overseas places by admin1 code or by territory, and leaves the Pacific out', () => {
    expect(row('97611')?.slice(5)).toEqual([-12.78, 45.23, 0, 'geonames'])
    expect(row('97801')?.slice(5)).toEqual([18.07, -63.08, 0, 'geonames-nom'])
    expect(row('98735')).toBeUndefined()
  })

  it('sorts rows by code', () => {
    const codes = file.rows.map((r) => r[0])
    expect(codes).toEqual([...codes].sort())
  })
})
