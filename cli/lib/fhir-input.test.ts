import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SnapshotBuilder } from '../../core/snapshot/builder'
import { EDGE_DIR } from '../../tests/support/fhir-fixtures'
import { readFhirInput } from './fhir-input'

const tmp = mkdtempSync(join(tmpdir(), 'ror-input-'))

describe('readFhirInput', () => {
  it('streams a Bundle entry by entry above the whole-file limit, with the same result', async () => {
    const whole = new SnapshotBuilder({ profile: 1 })
    const streamed = new SnapshotBuilder({ profile: 1 })
    expect(await readFhirInput(EDGE_DIR + 'offers.json', whole)).toMatchObject({
      format: 'json',
      items: 1,
    })
    expect(await readFhirInput(EDGE_DIR + 'offers.json', streamed, 1000)).toMatchObject({
      format: 'bundle-stream',
      items: 7,
      badJson: 0,
    })
    expect(streamed.finish().toArray()).toEqual(whole.finish().toArray())
  })

  it('streams big NDJSON files line by line', async () => {
    const b = new SnapshotBuilder({ profile: 1 })
    const stats = await readFhirInput(EDGE_DIR + 'locations.ndjson', b, 10)
    expect(stats).toMatchObject({ format: 'ndjson', items: 7 })
  })

  it('reports a truncated big Bundle and keeps its complete entries', async () => {
    const text = JSON.stringify({
      resourceType: 'Bundle',
      entry: [
        {
          resource: {
            resourceType: 'Location',
            id: 'l1',
            meta: { lastUpdated: '2025-01-01T00:00:00Z' },
          },
        },
        {
          resource: {
            resourceType: 'Location',
            id: 'l2',
            meta: { lastUpdated: '2025-01-01T00:00:00Z' },
          },
        },
        { request: { method: 'GET', url: 'x' } },
      ],
    })
    const file = join(tmp, 'cut.json')
    writeFileSync(file, text.slice(0, text.length - 2))
    const b = new SnapshotBuilder({ profile: 1 })
    expect(await readFhirInput(file, b, 10)).toMatchObject({
      format: 'bundle-stream',
      items: 3,
      badJson: 1,
    })
    const result = b.finish()
    expect(result.toArray().map((r) => r.id)).toEqual(['l1', 'l2'])
    expect(result.stats.ignored).toEqual({ 'Bundle.entry without resource': 1 })
    expect(result.stats.skipped.reasons[0]).toMatchObject({
      source: 'cut.json',
      message: expect.stringMatching(/truncated/),
    })
  })

  it('reads a JSON array of resources and NDJSON named .json', async () => {
    const b = new SnapshotBuilder({ profile: 1 })
    expect(await readFhirInput(EDGE_DIR + 'people.json', b)).toMatchObject({
      format: 'json',
      items: 8,
    })
    const ndjsonNamedJson = join(tmp, 'lines.json')
    const lines = [
      '{"resourceType":"Location","id":"a","meta":{"lastUpdated":"2025-01-01T00:00:00Z"}}',
      '{"resourceType":"Location","id":"b","meta":{"lastUpdated":"2025-01-01T00:00:00Z"}}',
    ]
    writeFileSync(ndjsonNamedJson, lines.join('\n'))
    expect(await readFhirInput(ndjsonNamedJson, b)).toMatchObject({ format: 'ndjson', items: 2 })
  })
})
