import { describe, expect, it } from 'vitest'
import { CATEGORIES, referencedTemplateKeys, SERVICES, TEMPLATES } from './catalog'
import { VILLE_TEMPLATES, VILLE_WEIGHTS } from './offers-ville'
import { codesOf, hasCode } from './vocab'

/** Every code a template may emit, with the list it must belong to. */
function templateCodes(): [string, string, string][] {
  const out: [string, string, string][] = []
  for (const t of TEMPLATES) {
    const add = (list: string, codes: readonly string[] | undefined) => {
      for (const c of codes ?? []) out.push([t.key, list, c])
    }
    add('J20', [t.champ])
    add('J238', t.offerType ? [t.offerType] : [])
    add('J17', t.activities)
    add('J19', t.modes)
    add('J29', t.publics)
    add('J30', t.reception ? [t.reception] : [])
    add('J226', t.modalities)
    add('R238', t.annualOpening ? [t.annualOpening] : [])
    add('J35', t.specialities)
    add('J33', t.competences)
    add('R210', t.acts)
    add('J186', t.professions)
    add('R253', t.expertise)
    add('J198', [t.locationFunction])
    add('G15', t.profession ? [t.profession] : [])
  }
  return out
}

describe('catalogue', () => {
  it('only uses codes that exist in the terminology files', () => {
    const unknown = templateCodes().filter(([, list, code]) => !hasCode(list, code))
    expect(unknown).toEqual([])
  })

  it('only uses real establishment categories (JDV_J55)', () => {
    expect(CATEGORIES.length).toBeGreaterThan(60)
    for (const c of CATEGORIES) expect(hasCode('J55', c.category), c.category).toBe(true)
  })

  it('references existing templates from categories and hospital services', () => {
    const keys = new Set(TEMPLATES.map((t) => t.key))
    expect(TEMPLATES.length).toBe(keys.size)
    for (const k of referencedTemplateKeys()) expect(keys.has(k), k).toBe(true)
    const services = new Set(SERVICES.map((s) => s.key))
    for (const c of CATEGORIES)
      for (const s of c.services ?? []) expect(services.has(s.key), s.key).toBe(true)
  })

  it('has consistent age ranges (low before high, units from JDV_J37)', () => {
    const days: Record<string, number> = { a: 365.25, mo: 30.44, wk: 7, d: 1 }
    for (const t of TEMPLATES) {
      expect(t.ages.length, t.key).toBeGreaterThan(0)
      for (const a of t.ages) {
        expect(hasCode('J37', a.lowUnit) && hasCode('J37', a.highUnit), t.key).toBe(true)
        expect(a.low * (days[a.lowUnit] ?? 0), t.key).toBeLessThan(a.high * (days[a.highUnit] ?? 0))
      }
    }
  })

  it('gives every liberal template a profession and a share', () => {
    for (const t of VILLE_TEMPLATES) {
      expect(t.profession, t.key).toBeDefined()
      expect(VILLE_WEIGHTS[t.key], t.key).toBeGreaterThan(0)
    }
    // Sanity of the lookup itself: the J17 list is the ROR subset of TRE_R211.
    expect(codesOf('J17').length).toBeGreaterThan(500)
  })
})
