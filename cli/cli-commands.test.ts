/** The real CLI, spawned as users run it: inspect, dump, help and usage errors. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { EDGE_DIR, EXAMPLES_DIR } from '../tests/support/fhir-fixtures'
import { parseDump, runCli } from '../tests/support/run-cli'

const tmp = mkdtempSync(join(tmpdir(), 'ror-cli-'))
const example = EXAMPLES_DIR + 'ror-healthcareservice-exemple.json'

describe('inspect, dump, help', () => {
  const snap = join(tmp, 'edge.snap')
  beforeAll(() => {
    expect(
      runCli([
        'import',
        '--profile',
        '1',
        '--out',
        snap,
        EDGE_DIR + 'offers.json',
        EDGE_DIR + 'locations.ndjson',
      ]).code,
    ).toBe(0)
  })

  it('inspect prints the manifest (text and JSON)', () => {
    const text = runCli(['inspect', snap])
    expect(text.code).toBe(0)
    expect(text.stdout).toMatch(/access profile: 1/)
    expect(text.stdout).toMatch(/counts: offer 7, organization 0, location 7/)
    const { manifest } = JSON.parse(runCli(['inspect', snap, '--json']).stdout)
    expect(manifest).toMatchObject({
      formatVersion: 1,
      accessProfile: 1,
      source: { kind: 'import', files: ['offers.json', 'locations.ndjson'] },
    })
  })

  it('dump --type filters kinds; placements carry their type', () => {
    const places = parseDump(runCli(['dump', snap, '--type', 'placement']).stdout)
    expect(places).toHaveLength(7)
    expect(places.every((p) => p.type === 'placement')).toBe(true)
    expect(runCli(['dump', snap, '--type', 'nope']).code).toBe(2)
  })

  it('refuses a corrupted or foreign file', () => {
    const bytes = readFileSync(snap)
    bytes[bytes.length - 3]! ^= 0xff
    const bad = join(tmp, 'corrupt.snap')
    writeFileSync(bad, bytes)
    const inspect = runCli(['inspect', bad])
    expect(inspect.code).toBe(1)
    expect(inspect.stderr).toMatch(/corrupted snapshot/)
    expect(runCli(['dump', bad]).stderr).toMatch(/corrompu/)
    const foreign = runCli(['dump', example])
    expect(foreign.code).toBe(1)
    expect(foreign.stderr).toMatch(/pas un instantané/)
  })

  it('help lists the commands; an unknown command is a usage error', () => {
    const help = runCli(['help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/import .*\n.*inspect .*\n.*dump /)
    expect(runCli(['help', 'import']).stdout).toMatch(/--profile/)
    const unknown = runCli(['frobnicate'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(/Unknown command "frobnicate"/)
  })
})
