/**
 * Every IG example of tests/fixtures/ror-examples (copied from shared/ror/examples) validates
 * and maps to the values it really carries (ROR-FHIR-NOTES §7).
 */
import { readFileSync, readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type {
  LocationRecord,
  OfferRecord,
  OrganizationRecord,
  PractitionerRecord,
  PractitionerRoleRecord,
} from '../snapshot/records'
import { mapResource } from './map'
import { validateRorResource } from './schemas'

const DIR = new URL('../../tests/fixtures/ror-examples/', import.meta.url)
const read = (file: string): unknown => JSON.parse(readFileSync(new URL(file, DIR), 'utf8'))
function mapped<T>(file: string): T {
  const v = validateRorResource(read(file))
  if (!v.ok) throw new Error(`${file}: ${JSON.stringify(v.reason)}`)
  return mapResource(v.resource) as T
}

describe('IG examples', () => {
  it('every ROR resource example validates; the Task is reported as another type', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.json'))
    expect(files).toHaveLength(10)
    for (const f of files) {
      const v = validateRorResource(read(f))
      if (f === 'ror-task-exemple.json') {
        expect(v).toMatchObject({
          ok: false,
          reason: { resourceType: 'Task', element: 'resourceType' },
        })
      } else expect(v.ok, f).toBe(true)
    }
  })

  it('HealthcareService 2025 (1234564): realistic MCO offer', () => {
    const o = mapped<OfferRecord>('ror-healthcareservice-exemple.json')
    expect(o).toMatchObject({
      type: 'offer',
      id: '1234564',
      identifier: '06/0099999',
      name: '5812  Chirurgie gynécologique - HOSPITALISATION COMPLETE',
      lastUpdated: '2025-04-08T13:05:27.000+00:00',
      region: '06',
      providedBy: '999999',
      locationIds: ['888888'],
      activities: ['022'],
      field: '01',
      offerType: '157',
      isSensitive: false,
      createdAt: '2017-11-27T17:12:28+00:00',
    })
    expect(o.age).toEqual({
      low: { value: 15, unit: 'a' },
      high: { value: 150, unit: 'a' },
      minMinutes: 15 * 525_960,
      maxMinutesExclusive: 151 * 525_960,
    })
    // Maternité de type 3 (TRE_R253 → niveau d'expertise) and ouverture annuelle 02.
    expect(o.characteristics.map((c) => [c.slice, c.code])).toEqual([
      ['expertiseLevel', '04'],
      ['annualOpening', '02'],
    ])
    expect(o.contacts).toEqual([
      {
        confidentiality: '1',
        purpose: '06',
        telecoms: [{ value: '0199999999', confidentiality: '1', channel: '2' }],
      },
    ])
    // Seven daily entries, identical but for the day, merged into one.
    expect(o.openingHours).toEqual([
      {
        days: [1, 2, 3, 4, 5, 6, 7],
        start: '00:00:00',
        end: '23:59:00',
        kind: '01',
        effectiveFrom: '2025-04-08',
      },
    ])
  })

  it('HealthcareService 2023: neurosurgery, age 18–90 without unit, acte spécifique 0320', () => {
    const o = mapped<OfferRecord>('ror-healthcareservice-exemple-2023.json')
    expect(o.activities).toEqual(['183'])
    expect(o.careModes).toEqual(['28'])
    expect(o.age?.low).toEqual({ value: 18 })
    expect(o.age?.high).toEqual({ value: 90 })
    expect(o.age?.minMinutes).toBe(18 * 525_960)
    expect(o.characteristics).toContainEqual(
      expect.objectContaining({ slice: 'specificAct', code: '0320' }),
    )
    expect(o.openingHours).toEqual([{ days: [1, 2, 3, 4, 5, 6, 7], allDay: true, kind: '02' }])
    expect(o.contacts[0]?.telecoms[0]).toEqual({
      value: '01.01.01.01.02',
      confidentiality: '1',
      channel: '2',
    })
    expect(o.region).toBeUndefined()
  })

  it('HealthcareService ville: GP practice, champ 05, consultation hours', () => {
    const o = mapped<OfferRecord>('ror-healthcareservice-exemple-ville.json')
    expect(o).toMatchObject({
      field: '05',
      activities: ['437'],
      careModes: ['32'],
      providedBy: '4947',
    })
    expect(o.age).toMatchObject({ low: { value: 0 }, high: { value: 120 }, minMinutes: 0 })
    expect(o.contacts[0]?.purpose).toBe('02')
    expect(o.openingHours).toEqual([
      { days: [1, 2, 3, 4], start: '09:00:00', end: '19:00:00', kind: '07' },
      { days: [5], start: '14:00:00', end: '19:00:00', kind: '07' },
      { days: [5], start: '09:00:00', end: '12:00:00', kind: '06' },
    ])
  })

  it('Location 1 (Orléans): reliable position, COG 45234, five capacities', () => {
    const l = mapped<LocationRecord>('ror-location-exemple-1.json')
    expect(l.position).toEqual({ lat: 47.834781, lon: 1.92204, isReliable: true })
    expect(l).toMatchObject({
      identifier: '24/1073',
      name: 'UNITE DE SURVEILLANCE CONTINUE CHIR',
      function: '001',
      status: 'active',
      region: '24',
      address: { postalCode: '45000', city: 'ORLEANS', communeCode: '45234' },
    })
    expect(l.capacities).toHaveLength(5)
    expect(l.capacities?.[0]).toEqual({
      count: 15,
      kind: '01',
      status: '01',
      temporality: '01',
      updatedAt: '2024-07-08T18:15:39Z',
      temporaryAssignment: '01',
    })
    expect(l.capacities?.[1]).toMatchObject({
      count: 0,
      status: '06',
      additionalBedType: '03',
      crisisType: '02',
    })
    expect(l.capacities?.filter((c) => c.status === '02').map((c) => [c.gender, c.count])).toEqual([
      ['02', 0],
      ['01', 0],
      ['03', 3],
    ])
  })

  it('Location (Versailles): COG 78646 and structured address', () => {
    const l = mapped<LocationRecord>('ror-location-exemple.json')
    expect(l.address).toEqual({
      lines: ['7 rue porte de Buc'],
      postalCode: '78000',
      city: 'Versailles',
      communeCode: '78646',
    })
    expect(l.function).toBe('001')
    expect(l.position).toBeUndefined()
  })

  it('Organization EJ: FINESS, SIREN and idNatStruct matched on identifier type', () => {
    const o = mapped<OrganizationRecord>('ror-organization-exemple-ej.json')
    expect(o).toMatchObject({
      kind: 'EJ',
      name: 'Quiétude',
      finess: '458174839',
      siren: '921317258',
      idNatStruct: '2921317258',
      legalStatus: '72',
    })
    expect(o.partOf).toBeUndefined()
    expect(o.siret).toBeUndefined()
  })

  it('Organization EG: partOf the EJ, SIRET, category 460, level-1 contact', () => {
    const o = mapped<OrganizationRecord>('ror-organisation-exemple-eg.json')
    expect(o).toMatchObject({
      kind: 'EG',
      partOf: '1111',
      siret: '92131725800020',
      idNatStruct: '392131725800020',
      category: '460',
    })
    expect(o.finess).toBeUndefined()
    expect(o.contacts).toEqual([
      {
        confidentiality: '1',
        purpose: '06',
        telecoms: [
          { value: '01.01.01.01.01', confidentiality: '1', channel: '2', system: 'phone' },
        ],
      },
    ])
  })

  it('Practitioner: idNatPs, name and an MSS address at level 2', () => {
    const p = mapped<PractitionerRecord>('ror-practitioner-exemple.json')
    expect(p).toMatchObject({
      idNatPs: '11111573474',
      name: { given: 'Cyndi', family: 'CHANMET' },
      telecoms: [
        {
          value: 'cyndi.chanmet@lifen.mssante.fr',
          confidentiality: '2',
          channel: '3',
          system: 'email',
        },
      ],
    })
  })

  it('PractitionerRole: nurse, liberal exercise, exercise name, link to offer 9597', () => {
    const r = mapped<PractitionerRoleRecord>('ror-practitionerrole-exemple.json')
    expect(r).toMatchObject({
      profession: '60',
      exerciseMode: 'L',
      exerciseName: { given: 'Mylène', family: 'Tenor' },
      practitionerId: '2524',
      offerId: '9597',
      specialties: [{ code: 'CEX' }],
    })
  })
})
