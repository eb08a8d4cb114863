import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { BundleParser, BundleSyntaxError, type BundleItem } from './bundle-parser'

const encoder = new TextEncoder()

/** Feeds `bytes` cut at `cuts`, returns every item and checks the end. */
function parseInPieces(bytes: Uint8Array, cuts: number[]): BundleItem[] {
  const parser = new BundleParser()
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b)
  const items: BundleItem[] = []
  let from = 0
  for (const to of [...points, bytes.length]) {
    items.push(...parser.push(bytes.subarray(from, to)))
    from = to
  }
  parser.end()
  return items
}

function entriesOf(items: BundleItem[]): unknown[] {
  return items.flatMap((i) => (i.kind === 'entry' ? [JSON.parse(i.text)] : []))
}

function fieldsOf(items: BundleItem[]): Record<string, unknown> {
  return Object.fromEntries(items.flatMap((i) => (i.kind === 'field' ? [[i.name, i.value]] : [])))
}

const tricky = {
  resourceType: 'Bundle',
  type: 'searchset',
  total: 3,
  link: [{ relation: 'next', url: 'http://x/fhir/Location?_pageToken=a%22b' }],
  entry: [
    { resource: { resourceType: 'Location', id: '1', name: 'Fin de chaîne « } ] » \\ "quoted"' } },
    { resource: { resourceType: 'Organization', id: '2', alias: ['{', '[', '\\"', '🏥 Hôpital'] } },
    { resource: { resourceType: 'HealthcareService', id: '3', active: true, x: null, n: -1.5e3 } },
  ],
  meta: { lastUpdated: '2026-11-26T08:00:00Z' },
  isLast: false,
}

describe('BundleParser', () => {
  it('yields every entry and every top-level property, whatever the order', () => {
    const items = parseInPieces(encoder.encode(JSON.stringify(tricky)), [])
    expect(entriesOf(items)).toEqual(tricky.entry)
    const { entry: _e, ...rest } = tricky
    expect(fieldsOf(items)).toEqual(rest)
  })

  it('gives the same result for any cut of the bytes (multi-byte characters included)', () => {
    const pretty = encoder.encode(JSON.stringify(tricky, null, 2))
    fc.assert(
      fc.property(fc.array(fc.nat({ max: pretty.length }), { maxLength: 40 }), (cuts) => {
        const items = parseInPieces(pretty, cuts)
        expect(entriesOf(items)).toEqual(tricky.entry)
        expect(fieldsOf(items).link).toEqual(tricky.link)
      }),
      { numRuns: 300 },
    )
  })

  it('parses arbitrary JSON resources exactly', () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue(), { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (resources, cuts) => {
          const entry = resources.map((resource) => ({ resource }))
          const bundle = { resourceType: 'Bundle', ...(entry.length ? { entry } : {}), total: 1 }
          const items = parseInPieces(encoder.encode(JSON.stringify(bundle)), cuts)
          // JSON round trip: what JSON.parse would give for the same text (-0 becomes 0).
          expect(entriesOf(items)).toEqual(JSON.parse(JSON.stringify(entry)))
          expect(fieldsOf(items).total).toBe(1)
        },
      ),
      { numRuns: 200 },
    )
  })

  it('rejects every truncated body', () => {
    const bytes = encoder.encode(JSON.stringify(tricky))
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bytes.length - 1 }), (length) => {
        expect(() => parseInPieces(bytes.subarray(0, length), [])).toThrow(BundleSyntaxError)
      }),
      { numRuns: 200 },
    )
  })

  it('rejects what is not a JSON object', () => {
    expect(() => parseInPieces(encoder.encode('[1,2]'), [])).toThrow(/expected a JSON object/)
    expect(() => parseInPieces(encoder.encode('{"entry":[1]}'), [])).toThrow(/not an object/)
    expect(() => parseInPieces(encoder.encode('{"a":1} x'), [])).toThrow(/after the end/)
  })

  it('counts the bytes it saw', () => {
    const parser = new BundleParser()
    const parts = ['{"resourceType":', '"Bündle"}'].map((t) => encoder.encode(t))
    for (const p of parts) parser.push(p)
    parser.end()
    expect(parser.bytes).toBe(parts[0]!.length + parts[1]!.length)
    expect(parser.bytes).toBe(26) // ü is two bytes in UTF-8
  })
})

describe('BundleParser additions for readers that report bad entries (CLI import)', () => {
  it('gives the byte offset where each entry starts, for any cut', () => {
    const bytes = encoder.encode(JSON.stringify(tricky, null, 2))
    const decoder = new TextDecoder()
    fc.assert(
      fc.property(fc.array(fc.nat({ max: bytes.length }), { maxLength: 20 }), (cuts) => {
        const entries = parseInPieces(bytes, cuts).filter((i) => i.kind === 'entry')
        expect(entries).toHaveLength(tricky.entry.length)
        for (const e of entries) {
          const at = e.at
          const size = encoder.encode(e.text).length
          expect(decoder.decode(bytes.subarray(at, at + size))).toBe(e.text)
        }
      }),
      { numRuns: 200 },
    )
  })

  it('keeps the items completed before a syntax error in the same chunk', () => {
    const text = JSON.stringify({ resourceType: 'Bundle', entry: [{ a: 1 }, { b: 2 }] }) + ' x'
    const parser = new BundleParser()
    expect(() => parser.push(encoder.encode(text))).toThrow(
      `data after the end of the Bundle at byte ${text.length - 1}`,
    )
    const kept = parser.completed()
    expect(entriesOf(kept)).toEqual([{ a: 1 }, { b: 2 }])
    expect(fieldsOf(kept)).toEqual({ resourceType: 'Bundle' })
    expect(parser.completed()).toEqual([])
  })

  it('with anyEntry, hands over entries that are not objects, as JSON.parse reads them', () => {
    const entry = [1, 'two', [3, { x: '}' }], null, true, -4.5e-1, { resource: {} }]
    const bytes = encoder.encode(JSON.stringify({ resourceType: 'Bundle', entry }, null, 1))
    fc.assert(
      fc.property(fc.array(fc.nat({ max: bytes.length }), { maxLength: 20 }), (cuts) => {
        const parser = new BundleParser({ anyEntry: true })
        const points = [...new Set(cuts)].sort((a, b) => a - b)
        const items: BundleItem[] = []
        let from = 0
        for (const to of [...points, bytes.length]) {
          items.push(...parser.push(bytes.subarray(from, to)))
          from = to
        }
        parser.end()
        expect(entriesOf(items)).toEqual(entry)
      }),
      { numRuns: 200 },
    )
  })

  it('with anyEntry, still rejects a closing brace where an entry should be', () => {
    const parser = new BundleParser({ anyEntry: true })
    expect(() => parser.push(encoder.encode('{"entry":[{},}'))).toThrow(/not an object at byte 13/)
    // Without the option, non-object entries stay an error (what the sync relies on).
    expect(() => new BundleParser().push(encoder.encode('{"entry":["a"]}'))).toThrow(
      /entry is not an object at byte 10/,
    )
  })
})
