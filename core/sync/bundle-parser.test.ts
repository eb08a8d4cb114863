import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  BundleParser,
  BundleSyntaxError,
  type BundleItem,
  type ParsedBundleItem,
} from './bundle-parser'

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

/** Reads `bytes` cut at `cuts` with `parseEntries`; entries as values (text when not JSON). */
function readParsed(bytes: Uint8Array, cuts: number[]): { items: unknown[]; guessed: number } {
  const parser = new BundleParser({ parseEntries: true })
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b)
  const items: ParsedBundleItem[] = []
  let from = 0
  for (const to of [...points, bytes.length]) {
    items.push(...parser.feed(bytes.subarray(from, to)))
    from = to
  }
  parser.end()
  return { items: items.map(asScanned), guessed: parser.guessed }
}

/** What reading the scanned text gives: the value, or the text when it is not JSON. */
function asScanned(item: ParsedBundleItem | BundleItem): unknown {
  if (item.kind === 'field') return item
  if (item.kind === 'parsed') return { at: item.at, value: item.value }
  try {
    return { at: item.at, value: JSON.parse(item.text) as unknown }
  } catch {
    return { at: item.at, text: item.text }
  }
}

const entryOf = (resource: unknown, i: number) => ({
  fullUrl: `http://x/fhir/Location/${i}`,
  resource,
  search: { mode: 'match' },
})

describe('BundleParser with parseEntries (entry ends found from the layout)', () => {
  it('finds most entry ends from the layout, with the same result as scanning', () => {
    const bundle = { resourceType: 'Bundle', entry: tricky.entry.map(entryOf), total: 3 }
    const bytes = encoder.encode(JSON.stringify(bundle))
    const { items, guessed } = readParsed(bytes, [])
    // The first entry teaches the layout; the last one has no next entry to mark its end.
    expect(guessed).toBe(1)
    expect(items).toEqual(parseInPieces(bytes, []).map(asScanned))
  })

  it('gives what scanning gives for any resources and cuts, the pattern inside them too', () => {
    // Strings and nested objects that hold the bytes separating two entries.
    const decoys = fc.constantFrom(
      '},{"fullUrl":',
      { fullUrl: 'a' },
      [{ fullUrl: 'a' }, { fullUrl: 'b' }],
      '\\"},{"fullUrl":"',
    )
    const resource = fc.oneof(fc.jsonValue(), decoys, fc.record({ x: decoys, y: fc.jsonValue() }))
    fc.assert(
      fc.property(
        fc.array(resource, { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.boolean(),
        (resources, cuts, pretty) => {
          const bundle = { resourceType: 'Bundle', entry: resources.map(entryOf), total: 1 }
          const bytes = encoder.encode(JSON.stringify(bundle, null, pretty ? 1 : undefined))
          const scanned = parseInPieces(bytes, cuts).map(asScanned)
          expect(readParsed(bytes, cuts).items).toEqual(scanned)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('hands over an entry that is not valid JSON as its text, and goes on', () => {
    const text =
      '{"resourceType":"Bundle","entry":[{"fullUrl":"a","resource":{"x":tru}},' +
      '{"fullUrl":"b","resource":{"y":1}},{"fullUrl":"c","resource":{"z":fals}},' +
      '{"fullUrl":"d","resource":{}}]}'
    const bytes = encoder.encode(text)
    const { items } = readParsed(bytes, [])
    expect(items).toEqual(parseInPieces(bytes, []).map(asScanned))
    expect(items.filter((i) => (i as { text?: string }).text !== undefined)).toHaveLength(2)
  })

  it('hands over each entry as soon as it is complete, the rest not yet read', () => {
    const bundle = { resourceType: 'Bundle', entry: tricky.entry.map(entryOf) }
    const parser = new BundleParser({ parseEntries: true })
    const items = parser.feed(encoder.encode(JSON.stringify(bundle)))
    items.next() // resourceType
    expect(items.next().value).toMatchObject({ kind: 'parsed', value: bundle.entry[0] })
    // The Bundle's end has not been reached yet.
    expect(() => parser.end()).toThrow(BundleSyntaxError)
    expect([...items]).toHaveLength(2)
    parser.end()
  })

  it('is read with feed only', () => {
    expect(() => new BundleParser({ parseEntries: true }).push(encoder.encode('{}'))).toThrow(
      /feed/,
    )
  })
})
