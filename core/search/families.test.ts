import { describe, expect, it } from 'vitest'
import a14 from '../../data/terminology/ASS_A14-FamilleActivite-ActiviteOperationnelle.json'
import j51 from '../../data/terminology/JDV_J51-FamilleActiviteOperationnelle-ROR.json'
import { loadBundledTerminology } from '../terminology/bundled'
import { familyActivityMap } from './families'

/** Activities whose ASS_A14 parent is `family`, read straight from the bundled file. */
function fromFile(family: string): string[] {
  return a14.concepts.filter((c) => c.parent === family).map((c) => c.code)
}

describe('family → activities (ASS_A14 on the bundled terminologies)', async () => {
  const map = familyActivityMap(await loadBundledTerminology())

  it('maps TRE_R266 families (01…04) by their own code', () => {
    expect(fromFile('01').length).toBeGreaterThan(0)
    expect(map.get('01')).toEqual(fromFile('01'))
  })

  it('maps a SERAFIN family under its JDV_J51 code and its SERAFIN number', () => {
    // JDV_J51 `004` is labelled « 2.1.1.1 Soins médicaux… »: ASS_A14 uses the number.
    const concept = j51.concepts.find((c) => c.code === '004')
    expect(concept?.display.startsWith('2.1.1.1 ')).toBe(true)
    expect(fromFile('2.1.1.1').length).toBeGreaterThan(0)
    expect(map.get('004')).toEqual(fromFile('2.1.1.1'))
    expect(map.get('2.1.1.1')).toEqual(fromFile('2.1.1.1'))
  })

  it('covers every family ASS_A14 knows', () => {
    const parents = new Set(a14.concepts.map((c) => c.parent))
    for (const p of parents) expect(map.get(p ?? '')).toEqual(fromFile(p ?? ''))
  })
})
