import { describe, expect, it } from 'vitest'
import { BUNDLED_TERMINOLOGIES, loadBundledTerminology } from './bundled'
import { Terminology, TerminologyFormatError, VS, parseTerminologyFile } from './terminology'

describe('bundled terminologies', async () => {
  const t = await loadBundledTerminology()

  it('loads every file of data/terminology', () => {
    expect(BUNDLED_TERMINOLOGIES).toHaveLength(24)
    for (const id of Object.values(VS)) expect(t.hasValueSet(id), id).toBe(true)
  })

  it('labels codes in French, codes kept as zero-padded strings', () => {
    expect(t.label(VS.activity, '022')).toBe('Chirurgie gynécologique')
    expect(t.label(VS.field, '04')).toMatch(/médico-social/i)
    expect(t.label(VS.careMode, '28')).toBe('Hospitalisation complète (HC)')
    expect(t.label(VS.confidentiality, '2')).toBe(t.concept(VS.confidentiality, '2')?.display)
    expect(t.label(VS.ageUnit, 'mo')).toBe('mois')
  })

  it('returns the code itself when the code or the value set is unknown (never dropped)', () => {
    expect(t.label(VS.activity, '22')).toBe('22')
    expect(t.label(VS.activity, '999')).toBe('999')
    expect(t.label('JDV_J999-Inconnu', '01')).toBe('01')
  })

  it('finds a value set by full id, short id or canonical URL', () => {
    const byUrl =
      'https://mos.esante.gouv.fr/NOS/JDV_J17-ActiviteOperationnelle-ROR/FHIR/JDV-J17-ActiviteOperationnelle-ROR'
    expect(t.label('J17', '437')).toBe('Médecine générale')
    expect(t.label('JDV_J17', '437')).toBe('Médecine générale')
    expect(t.label(byUrl, '437')).toBe('Médecine générale')
  })

  it('associates activities and families (ASS_A14)', () => {
    expect(t.familiesOf('325')).toEqual(['01'])
    expect(t.activitiesOfFamily('01')).toContain('326')
    expect(t.familiesOf('022')).toEqual([])
  })
})

describe('Terminology from parsed files', () => {
  it('rejects a malformed file with the failing path', () => {
    expect(() => parseTerminologyFile({ id: 'x', url: 'u', concepts: [{ code: 1 }] })).toThrow(
      TerminologyFormatError,
    )
    expect(() => parseTerminologyFile({ id: 'x', url: 'u' })).toThrow(/concepts/)
  })

  it('keeps the first display when a mixed value set repeats a code', () => {
    const t = new Terminology([
      parseTerminologyFile({
        id: 'JDV_J1-Test',
        url: 'u',
        concepts: [
          { code: '01', display: 'Premier', system: 's1' },
          { code: '01', display: 'Second', system: 's2' },
        ],
      }),
    ])
    expect(t.label('J1', '01')).toBe('Premier')
    expect(t.concepts('J1')).toHaveLength(1)
  })
})
