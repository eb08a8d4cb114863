/**
 * For each access profile 0–5: import the IG examples and the edge cases with the real CLI,
 * dump the snapshot, and check that nothing the profile may not see is in it — and that what
 * it may see is (so the audit cannot pass on an empty snapshot).
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { EDGE_DIR, EXAMPLES_DIR, fixtureFiles } from '../tests/support/fhir-fixtures'
import { profileViolations } from '../tests/support/profile-audit'
import { parseDump, runCli } from '../tests/support/run-cli'

const tmp = mkdtempSync(join(tmpdir(), 'ror-audit-'))
const inputs = [
  ...fixtureFiles(EXAMPLES_DIR).map((f) => EXAMPLES_DIR + f),
  ...fixtureFiles(EDGE_DIR).map((f) => EDGE_DIR + f),
]

type Rec = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
const has = (dump: Rec[], type: string, id: string) =>
  dump.some((r) => r.type === type && r.id === id)
const get = (dump: Rec[], type: string, id: string) =>
  dump.find((r) => r.type === type && r.id === id)!

/** What each profile must still see (notes §4.2), so that an over-zealous filter fails too. */
const MUST_SEE: Record<number, (d: Rec[]) => void> = {
  0: (d) => {
    expect(get(d, 'offer', 'hs-ms').contacts.map((c: Rec) => c.confidentiality)).toEqual(['1'])
    expect(has(d, 'practitionerRole', 'pr-ville')).toBe(true)
    expect(get(d, 'location', 'loc-ville').telecoms.map((t: Rec) => t.value)).toEqual([
      '02.48.44.44.44',
    ])
    expect(get(d, 'organization', 'eg-1').contacts).toHaveLength(2)
  },
  1: (d) => {
    expect(get(d, 'offer', 'hs-sensitive').isSensitive).toBe(true)
    expect(get(d, 'location', 'loc-sens').capacities).toHaveLength(1)
    expect(get(d, 'organization', 'eg-1')).toMatchObject({ hasDropZone: true, orsanLevel: '2' })
    expect(get(d, 'offer', 'hs-ms').contacts).toHaveLength(3)
  },
  2: (d) => {
    expect(get(d, 'offer', 'hs-mco').characteristics.map((c: Rec) => c.slice)).toContain(
      'specificAct',
    )
    expect(get(d, 'offer', 'hs-mco').contacts.map((c: Rec) => c.confidentiality)).toEqual([
      '1',
      '2',
    ])
    expect(get(d, 'location', 'loc-a').capacities).toHaveLength(2)
    expect(has(d, 'practitioner', 'prac-mco')).toBe(true)
  },
  3: (d) => {
    expect(get(d, 'offer', 'hs-ms').characteristics.map((c: Rec) => c.slice)).toContain(
      'specificCompetence',
    )
    expect(get(d, 'offer', 'hs-ms').contacts.map((c: Rec) => c.confidentiality)).toEqual(['1', '2'])
    expect(get(d, 'location', 'loc-ms').capacities).toHaveLength(2)
    expect(get(d, 'location', 'loc-a').capacities).toBeUndefined()
    expect(has(d, 'practitionerRole', 'pr-ms') && has(d, 'practitionerRole', 'pr-ville')).toBe(true)
    expect(has(d, 'practitionerRole', 'pr-mco')).toBe(false)
  },
  4: (d) => {
    expect(get(d, 'location', 'loc-a').capacities).toHaveLength(2)
    expect(get(d, 'offer', 'hs-mco').characteristics.map((c: Rec) => c.slice)).toContain(
      'takingCareSpeciality',
    )
    expect(has(d, 'practitionerRole', 'pr-mco')).toBe(true)
  },
  5: (d) => {
    expect(get(d, 'offer', 'hs-mco').contacts.map((c: Rec) => c.confidentiality)).toEqual([
      '1',
      '2',
    ])
    expect(has(d, 'practitioner', 'prac-ville')).toBe(true)
  },
}

describe('per-profile audit of import + dump', () => {
  it.each([0, 1, 2, 3, 4, 5])('profile %i: the dump holds nothing above the profile', (profile) => {
    const out = join(tmp, `p${profile}.snap`)
    const imported = runCli(['import', '--profile', String(profile), '--out', out, ...inputs])
    expect(imported.code, imported.stderr).toBe(0)
    const dump = parseDump(runCli(['dump', out]).stdout)
    expect(dump.filter((r) => r.type === 'offer').length).toBeGreaterThanOrEqual(9)
    expect(profileViolations(profile, dump)).toEqual([])
    MUST_SEE[profile]!(dump)
  })

  it('the audit itself catches what a profile may not see (profile-1 dump audited as 0)', () => {
    const out = join(tmp, 'p1-check.snap')
    expect(runCli(['import', '--profile', '1', '--out', out, ...inputs]).code).toBe(0)
    const violations = profileViolations(0, parseDump(runCli(['dump', out]).stdout))
    for (const what of [
      'sensitive-unit flag',
      'level-3 contact',
      'level-2 contact',
      'restricted slice',
      'capacities',
      'drop zone',
    ]) {
      expect(
        violations.some((v) => v.includes(what)),
        what,
      ).toBe(true)
    }
  })
})
