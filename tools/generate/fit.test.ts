/**
 * Offers fit their establishment's category (realistic, not random noise): checked on the
 * materialised FHIR, walking HealthcareService.providedBy → (OI →)* EG.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { HealthcareService, Organization, PractitionerRole } from 'fhir/r4'
import type { GeneratedStore } from './store-types'
import { ageRangeOf, extensionsOf, inDays, smallStore } from './testing'

const SD = 'https://interop.esante.gouv.fr/ig/fhir/ror/StructureDefinition/'
const YEAR = 365.25

interface Offer {
  hs: HealthcareService
  eg: Organization
  category: string
  champ: string
  activity: string
}

let store: GeneratedStore
let offers: Offer[]

function establishmentOf(s: GeneratedStore, orgId: string): Organization {
  let id: string | undefined = orgId
  for (let guard = 0; guard < 6 && id; guard += 1) {
    const org = s.get('Organization', id) as Organization
    const parent: string | undefined = s.organizationPartOf(id)
    const parentOrg = parent ? (s.get('Organization', parent) as Organization) : undefined
    if (parentOrg && !parentOrg.partOf) return org // parent is the EJ: org is the EG
    id = parent
  }
  throw new Error(`no establishment above Organization/${orgId}`)
}

beforeAll(async () => {
  store = await smallStore(21, 1000)
  offers = store.ids('HealthcareService').map((id) => {
    const hs = store.get('HealthcareService', id) as HealthcareService
    const eg = establishmentOf(store, store.offerOrganization(id) ?? '')
    return {
      hs,
      eg,
      category: eg.type?.[0]?.coding?.[0]?.code ?? '',
      champ: hs.type?.[0]?.coding?.[0]?.code ?? '',
      activity: hs.specialty?.[0]?.coding?.[0]?.code ?? '',
    }
  })
})

const where = (pred: (o: Offer) => boolean, min: number): Offer[] => {
  const found = offers.filter(pred)
  expect(found.length).toBeGreaterThanOrEqual(min)
  return found
}

describe('category → offer fit', () => {
  it('EHPAD (500): médico-social accommodation for the elderly, 60 to 120 years', () => {
    for (const o of where((x) => x.category === '500', 40)) {
      expect(o.champ).toBe('04')
      const age = ageRangeOf(o.hs)
      expect([age.low.value, age.low.unit ?? 'a', age.high.value, age.high.unit ?? 'a']).toEqual([
        60,
        'a',
        120,
        'a',
      ])
      expect(['21', '23', '24', '25', '26']).toContain(o.hs.category?.[0]?.coding?.[0]?.code)
    }
  })

  it('IME (183) and other children’s institutions: children and young people only', () => {
    for (const o of where((x) => ['183', '186', '182', '190'].includes(x.category), 20)) {
      expect(o.champ).toBe('04')
      expect(inDays(ageRangeOf(o.hs).high)).toBeLessThanOrEqual(20 * YEAR)
    }
  })

  it('obstetrics: women of childbearing age; newborn care in days; paediatrics from birth', () => {
    for (const o of where((x) => x.activity === '100', 3)) {
      const age = ageRangeOf(o.hs)
      expect(inDays(age.low)).toBeGreaterThanOrEqual(12 * YEAR)
      expect(inDays(age.high)).toBeLessThanOrEqual(55 * YEAR)
    }
    for (const o of where((x) => x.activity === '094', 1)) {
      expect(inDays(ageRangeOf(o.hs).high)).toBeLessThanOrEqual(31)
    }
    for (const o of where((x) => x.activity === '088', 3)) {
      const age = ageRangeOf(o.hs)
      expect(inDays(age.low)).toBeLessThanOrEqual(31)
      expect(inDays(age.high)).toBeLessThanOrEqual(18 * YEAR)
    }
  })

  it('CMP (156): psychiatry with a psychiatric sector of the département; child psychiatry under 18', () => {
    for (const o of where((x) => x.category === '156', 20)) {
      expect(o.champ).toBe('03')
      const sectors = extensionsOf(o.hs, `${SD}ror-healthcareservice-psychiatric-sector`)
      expect(sectors.length).toBeGreaterThan(0)
      expect(String(sectors[0]?.valueString)).toMatch(/^(\d{2}|2[AB]|97\d)[GI]\d{2}$/)
    }
    for (const o of where((x) => x.activity === '227', 10)) {
      // CMP / HDJ (champ 03) stop at 16–18; CMPP (médico-social) may go up to 20.
      const limit = o.champ === '03' ? 18 : 20
      expect(inDays(ageRangeOf(o.hs).high)).toBeLessThanOrEqual(limit * YEAR)
    }
  })

  it('home-care services (SSIAD, SAD) declare intervention zones made of communes', () => {
    for (const o of where((x) => x.category === '354' || x.category === '460', 20)) {
      // The test gazetteer has 1 to 5 communes per département, the real one hundreds.
      const zones = extensionsOf(o.hs, `${SD}ror-territorial-division`)
      expect(zones.length).toBeGreaterThanOrEqual(1)
      const type = zones[0]?.extension?.find((e) => e.url === 'typeTerritorialDivision')
      expect(JSON.stringify(type)).toContain('"code":"3"')
    }
  })

  it('liberal offers (champ 05 in cabinets) carry PractitionerRoles of the right profession', () => {
    const cabinets = where((x) => ['SA07', 'SA08', 'SA09', '603'].includes(x.category), 100)
    for (const o of cabinets) {
      expect(o.champ).toBe('05')
      const roles = store.offerPractitionerRoles(o.hs.id ?? '')
      expect(roles.length).toBeGreaterThan(0)
      for (const id of roles) {
        const pr = store.get('PractitionerRole', id) as PractitionerRole
        expect(pr.organization?.reference).toBe(`Organization/${o.eg.id}`)
        expect(pr.code?.[0]?.coding?.[0]?.system).toContain('TRE_G15')
      }
    }
    const gp = cabinets.filter((o) => o.activity === '437')
    expect(gp.length).toBeGreaterThan(5)
    const gpRole = store.get(
      'PractitionerRole',
      store.offerPractitionerRoles(gp[0]?.hs.id ?? '')[0] ?? '',
    ) as PractitionerRole
    expect(gpRole.code?.[0]?.coding?.[0]?.code).toBe('10')
  })

  it('hospital offers are provided by internal units (OI) of MCO, SMR or PSY fields', () => {
    for (const o of where((x) => x.category === '355' || x.category === '101', 100)) {
      expect(['01', '02', '03']).toContain(o.champ)
      expect(store.offerOrganization(o.hs.id ?? '')).not.toBe(o.eg.id)
    }
  })
})
