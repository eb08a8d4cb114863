import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SnapshotBuilder } from './builder'
import { addFhirText } from './fhir-text'

const DIR = 'tests/fixtures/ror-examples'
const examples = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')) as { resourceType: string })

function build(texts: [string, string][]) {
  const builder = new SnapshotBuilder({ profile: 2 })
  const stats = texts.map(([name, text]) => addFhirText(builder, text, name))
  return { stats, result: builder.finish() }
}

describe('addFhirText', () => {
  it('reads the same records from resources, a Bundle and NDJSON', () => {
    const single = build(examples.map((r, i) => [`r${i}.json`, JSON.stringify(r, null, 2)]))
    const bundle = build([
      [
        'b.json',
        JSON.stringify({
          resourceType: 'Bundle',
          type: 'searchset',
          entry: examples.map((resource) => ({ resource })),
        }),
      ],
    ])
    const ndjson = build([
      ['HealthcareService.ndjson', examples.map((r) => JSON.stringify(r)).join('\n')],
    ])
    expect(single.result.stats.counts.offer).toBeGreaterThan(0)
    expect(bundle.result.stats.counts).toEqual(single.result.stats.counts)
    expect(ndjson.result.stats.counts).toEqual(single.result.stats.counts)
    expect(ndjson.stats[0]).toMatchObject({ format: 'ndjson', items: examples.length, badJson: 0 })
  })

  it('skips a broken NDJSON line with its file and line, keeping the others; reads past a BOM', () => {
    const lines = examples.map((r) => JSON.stringify(r))
    lines.splice(1, 0, '{"resourceType": "HealthcareService", ')
    const { stats, result } = build([['export.ndjson', `\uFEFF${lines.join('\r\n')}\n`]])
    expect(stats[0]).toMatchObject({ items: examples.length, badJson: 1 })
    expect(result.stats.skipped.reasons.some((r) => r.source === 'export.ndjson:2')).toBe(true)
  })

  it('reports a file that is not JSON at all', () => {
    const { stats, result } = build([['notes.json', 'pas du JSON']])
    expect(stats[0]).toMatchObject({ items: 0, badJson: 1 })
    expect(result.stats.skipped.count).toBe(1)
  })
})
