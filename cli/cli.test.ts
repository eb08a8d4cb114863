/** The real CLI, spawned as users run it, on the IG examples and the edge-case fixtures. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { EDGE_DIR, EXAMPLES_DIR } from '../tests/support/fhir-fixtures'
import { parseDump, runCli } from '../tests/support/run-cli'

const tmp = mkdtempSync(join(tmpdir(), 'ror-cli-'))
const examples = [
  'ror-healthcareservice-exemple.json',
  'ror-healthcareservice-exemple-2023.json',
  'ror-healthcareservice-exemple-ville.json',
  'ror-location-exemple.json',
  'ror-location-exemple-1.json',
  'ror-organization-exemple-ej.json',
  'ror-organisation-exemple-eg.json',
  'ror-practitioner-exemple.json',
  'ror-practitionerrole-exemple.json',
  'ror-task-exemple.json',
].map((f) => EXAMPLES_DIR + f)

type Rec = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
const find = (dump: Rec[], type: string, id: string) =>
  dump.find((r) => r.type === type && r.id === id)
const levels = (dump: Rec[]) =>
  dump.flatMap((r) => [
    ...((r.contacts as Rec[] | undefined) ?? []).flatMap((c) => [
      c.confidentiality,
      ...c.telecoms.map((t: Rec) => t.confidentiality),
    ]),
    ...((r.telecoms as Rec[] | undefined) ?? []).map((t) => t.confidentiality),
  ])

describe('import + dump on the IG examples', () => {
  let p0: Rec[]
  let p1: Rec[]
  beforeAll(() => {
    const s0 = join(tmp, 's0.snap')
    const s1 = join(tmp, 's1.snap')
    expect(runCli(['import', '--profile', '0', '--out', s0, ...examples]).code).toBe(0)
    expect(runCli(['import', '--profile', '1', '--out', s1, ...examples]).code).toBe(0)
    p0 = parseDump(runCli(['dump', s0]).stdout)
    p1 = parseDump(runCli(['dump', s1]).stdout)
  })

  it('profile 0 keeps offers, places and structures with their values', () => {
    expect(
      p0
        .filter((r) => r.type === 'offer')
        .map((r) => r.id)
        .sort(),
    ).toEqual(['1234564', 'ror-healthcareservice-exemple', 'ror-healthcareservice-exemple-ville'])
    const o = find(p0, 'offer', '1234564')!
    expect(o.activities).toEqual(['022'])
    expect(o.age).toEqual({
      low: { value: 15, unit: 'a' },
      high: { value: 150, unit: 'a' },
      minMinutes: 7_889_400,
      maxMinutesExclusive: 79_419_960,
    })
    expect(find(p0, 'offer', 'ror-healthcareservice-exemple')!.age).toMatchObject({
      low: { value: 18 },
      high: { value: 90 },
    })
    expect(find(p0, 'location', 'ror-location-exemple-1')!.position).toEqual({
      lat: 47.834781,
      lon: 1.92204,
      isReliable: true,
    })
    expect(find(p0, 'organization', 'ror-organization-exemple-ej')).toMatchObject({
      kind: 'EJ',
      finess: '458174839',
    })
    expect(find(p0, 'organization', 'ror-organisation-exemple-eg')).toMatchObject({
      kind: 'EG',
      partOf: '1111',
      category: '460',
    })
    expect(p0.filter((r) => r.type === 'placement')).toHaveLength(3)
  })

  it('profile 0 holds no level-2/3 contact, restricted slice, capacity or sensitive flag', () => {
    expect(levels(p0).length).toBeGreaterThan(0)
    expect(new Set(levels(p0))).toEqual(new Set(['1']))
    const slices = p0
      .flatMap((r) => (r.characteristics as Rec[] | undefined) ?? [])
      .map((c) => c.slice)
    expect(slices).not.toContain('specificAct')
    expect(p0.some((r) => 'capacities' in r || 'isSensitive' in r)).toBe(false)
    expect(p0.some((r) => r.type === 'practitioner' || r.type === 'practitionerRole')).toBe(false)
  })

  it('profile 1 keeps the same records and the restricted data', () => {
    expect(find(p1, 'offer', 'ror-healthcareservice-exemple')!.characteristics).toContainEqual(
      expect.objectContaining({ slice: 'specificAct', code: '0320' }),
    )
    expect(find(p1, 'location', 'ror-location-exemple-1')!.capacities).toHaveLength(5)
    expect(find(p1, 'practitioner', 'ror-practitioner-exemple')!.telecoms[0].confidentiality).toBe(
      '2',
    )
    expect(find(p1, 'practitionerRole', 'ror-practitionerrole-exemple')).toMatchObject({
      profession: '60',
    })
    expect(find(p1, 'offer', '1234564')!.isSensitive).toBe(false)
    for (const r of p0) if (r.type !== 'placement') expect(find(p1, r.type, r.id)).toBeDefined()
  })
})

describe('import: bad inputs and errors', () => {
  it('reports invalid resources and bad JSON without failing', () => {
    const out = join(tmp, 'bad.snap')
    const run = runCli([
      'import',
      '--profile',
      '2',
      '--out',
      out,
      '--json',
      EDGE_DIR + 'bad.ndjson',
      EDGE_DIR + 'not-json.json',
      EDGE_DIR + 'offers.json',
    ])
    expect(run.code).toBe(0)
    const summary = JSON.parse(run.stdout)
    expect(summary.skipped.count).toBe(10)
    expect(summary.skipped.reasons).toContainEqual({
      resourceType: 'Location',
      id: 'loc-lat-string',
      element: 'Location.position.latitude',
      message: 'expected number, received string',
      source: 'bad.ndjson:5',
    })
    expect(summary.skipped.reasons).toContainEqual(
      expect.objectContaining({ source: 'not-json.json', element: '(input)' }),
    )
    expect(summary.ignored).toEqual({ Task: 1 })
    expect(summary.counts.offer).toBe(8) // 6 visible edge offers + 2 valid offers of bad.ndjson
    expect(run.stderr).toMatch(/10 item\(s\) skipped/)
    const inspect = JSON.parse(runCli(['inspect', out, '--json']).stdout)
    expect(inspect.manifest.skipped.count).toBe(10)
  })

  it.each([
    [['--profile', '7'], /Unknown access profile "7"/, 2],
    [['--profile', 'public'], /Unknown access profile "public"/, 2],
    [[], /--profile is required/, 2],
  ])(
    'refuses profile args %j and leaves the output file untouched',
    (profileArgs, message, code) => {
      const out = join(tmp, 'keep.snap')
      writeFileSync(out, 'previous')
      const run = runCli(['import', ...profileArgs, '--out', out, examples[0]!])
      expect(run.code).toBe(code)
      expect(run.stderr).toMatch(message)
      expect(readFileSync(out, 'utf8')).toBe('previous')
    },
  )

  it('fails clearly on an unreadable input, leaving the output untouched', () => {
    const out = join(tmp, 'keep2.snap')
    writeFileSync(out, 'previous')
    const run = runCli([
      'import',
      '--profile',
      '0',
      '--out',
      out,
      examples[0]!,
      join(tmp, 'missing.json'),
    ])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/Cannot read input ".*missing\.json": no such file/)
    expect(readFileSync(out, 'utf8')).toBe('previous')
    expect(runCli(['import', '--profile', '0', '--out', out, tmp]).stderr).toMatch(
      /not a regular file/,
    )
  })
})
