import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SnapshotBuilder } from '../../core/snapshot/builder'
import { EDGE_DIR, EXAMPLES_DIR, fixtureFiles } from '../../tests/support/fhir-fixtures'
import { readFhirInput } from './fhir-input'

const tmp = mkdtempSync(join(tmpdir(), 'ror-input-'))

const location = (id: string) => ({
  resourceType: 'Location',
  id,
  meta: { lastUpdated: '2025-01-01T00:00:00Z' },
})

/** Writes `text` to a temporary file; returns its path. */
function file(name: string, text: string | Uint8Array): string {
  const path = join(tmp, name)
  writeFileSync(path, text)
  return path
}

/** Reads `path` streamed (whole-file limit 0): the stats, the records and the build stats. */
async function streamed(path: string) {
  const b = new SnapshotBuilder({ profile: 1 })
  const stats = await readFhirInput(path, b, 0)
  const result = b.finish()
  return { stats, records: result.toArray(), build: result.stats }
}

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

  it('gives, streamed, what reading whole gives, for every fixture JSON object file', async () => {
    const objects = [EXAMPLES_DIR, EDGE_DIR].flatMap((dir) =>
      fixtureFiles(dir)
        .filter((f) => f.endsWith('.json') && !readFileSync(dir + f, 'utf8').startsWith('['))
        .map((f) => dir + f),
    )
    expect(objects.length).toBeGreaterThan(10)
    let streamedFiles = 0
    for (const path of objects) {
      const whole = new SnapshotBuilder({ profile: 1 })
      const wholeStats = await readFhirInput(path, whole)
      const wholeResult = whole.finish()
      const s = await streamed(path)
      expect(s.records, path).toEqual(wholeResult.toArray())
      expect(s.build.ignored, path).toEqual(wholeResult.stats.ignored)
      expect(s.build.skipped.count, path).toBe(wholeResult.stats.skipped.count)
      expect(wholeStats.items, path).toBe(1)
      // Streamed, a Bundle counts its entries (a one-line file is read as one NDJSON line).
      const value = JSON.parse(readFileSync(path, 'utf8')) as { resourceType?: string; entry?: [] }
      const bundle = s.stats.format === 'bundle-stream' && value.resourceType === 'Bundle'
      expect(s.stats.items, path).toBe(bundle ? value.entry?.length : 1)
      if (s.stats.format === 'bundle-stream') streamedFiles++
    }
    expect(streamedFiles).toBeGreaterThan(10)
  })

  it('streams a pretty-printed Bundle with a byte-order mark, CRLF, entry before resourceType', async () => {
    const bundle = {
      entry: [
        { resource: { ...location('a'), name: 'Lieu « } ] » \\ "x"' } },
        { resource: { ...location('b'), contained: [{ resourceType: 'Bundle', entry: [{}] }] } },
        { response: { status: '200' } },
        42,
      ],
      resourceType: 'Bundle',
      type: 'collection',
    }
    const text = '\ufeff' + JSON.stringify(bundle, null, 2).replace(/\n/g, '\r\n')
    const s = await streamed(file('bom.json', text))
    expect(s.stats).toMatchObject({ format: 'bundle-stream', items: 4, badJson: 0 })
    expect(s.records.map((r) => r.id)).toEqual(['a', 'b'])
    // Entries without a resource (batch responses, junk) are counted as when read whole.
    expect(s.build.ignored).toEqual({ 'Bundle.entry without resource': 2 })
  })

  it('skips a malformed entry, naming it and its byte offset, and keeps the others', async () => {
    const good = JSON.stringify({ resourceType: 'Bundle', entry: [{ resource: location('a') }] })
    const text = good.replace(/]}$/, ',{"resource":{"id":oops}},{"resource":') + '{}}]}'
    const path = file('bad-entry.json', text)
    const s = await streamed(path)
    expect(s.stats).toMatchObject({ items: 2, badJson: 1 })
    const reason = s.build.skipped.reasons[0]!
    expect(reason).toMatchObject({ source: 'bad-entry.json#entry[1]', element: 'Bundle.entry' })
    const at = Number(/entry at byte (\d+)/.exec(reason.message)?.[1])
    expect(readFileSync(path, 'utf8').slice(at)).toMatch(/^\{"resource":\{"id":oops/)
  })

  it('reports data after the Bundle and a big JSON array with the byte and what to do', async () => {
    // Pretty-printed: a file whose first line is JSON is read as NDJSON.
    const bundle = JSON.stringify(
      { resourceType: 'Bundle', entry: [{ resource: location('a') }] },
      null,
      2,
    )
    const trailing = await streamed(file('trailing.json', bundle + '\n}'))
    expect(trailing.records.map((r) => r.id)).toEqual(['a'])
    expect(trailing.stats).toMatchObject({ items: 1, badJson: 1 })
    expect(trailing.build.skipped.reasons[0]!.message).toMatch(
      new RegExp(
        `after the end of the Bundle at byte ${bundle.length + 1}; 1 entry .* kept.*NDJSON`,
      ),
    )
    const array = await streamed(file('array.json', JSON.stringify([location('x')], null, 2)))
    expect(array.records).toEqual([])
    expect(array.build.skipped.reasons[0]).toMatchObject({
      source: 'array.json',
      message: expect.stringMatching(/expected a JSON object at byte 0.*convert it to NDJSON/),
    })
  })
})
