import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { BundleEntryScanner, BundleStreamError } from './bundle-stream'

const bundle = {
  resourceType: 'Bundle',
  type: 'searchset',
  total: 3,
  link: [{ relation: 'next', url: 'https://x/fhir?page=2&q={"a":[1]}' }],
  entry: [
    {
      fullUrl: 'u1',
      resource: { resourceType: 'HealthcareService', id: 'a', name: 'Offre { avec } [crochets]' },
    },
    {
      resource: {
        resourceType: 'Location',
        id: 'b',
        description: 'guillemets \\" et \\\\ "échappés"',
        extension: [{ url: 'x', extension: [] }],
      },
    },
    { resource: { resourceType: 'Organization', id: 'c', name: 'Établissement « é » 😀' } },
  ],
}

function scan(chunks: string[]) {
  const got: unknown[] = []
  const s = new BundleEntryScanner((text) => got.push(JSON.parse(text)))
  for (const c of chunks) s.push(c)
  s.end()
  return { got, resourceType: s.resourceType, entries: s.entries }
}

/** Splits `text` at the given cut points. */
const cut = (text: string, points: number[]) => {
  const sorted = [...new Set(points.map((p) => p % (text.length + 1)))].sort((a, b) => a - b)
  return [0, ...sorted].map((start, i) => text.slice(start, sorted[i] ?? text.length))
}

describe('BundleEntryScanner', () => {
  it('yields every entry of a Bundle, pretty-printed or not', () => {
    for (const text of [JSON.stringify(bundle), JSON.stringify(bundle, null, 2)]) {
      const r = scan([text])
      expect(r.got).toEqual(bundle.entry)
      expect(r.resourceType).toBe('Bundle')
    }
  })

  it('gives the same entries however the text is split into chunks', () => {
    const text = JSON.stringify(bundle, null, 1)
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 40 }), (points) => {
        expect(scan(cut(text, points)).got).toEqual(bundle.entry)
      }),
      { numRuns: 300 },
    )
  })

  it('ignores arrays named entry below the top level, and reads the type written after entry', () => {
    const text = JSON.stringify({
      entry: [{ resource: { entry: [{ x: 1 }] } }],
      resourceType: 'Bundle',
    })
    const r = scan([text])
    expect(r.got).toEqual([{ resource: { entry: [{ x: 1 }] } }])
    expect(r.resourceType).toBe('Bundle')
  })

  it('finds no entry in a single resource', () => {
    expect(scan([JSON.stringify({ resourceType: 'Location', id: 'l' })])).toEqual({
      got: [],
      resourceType: 'Location',
      entries: 0,
    })
  })

  it('reports a truncated document', () => {
    const text = JSON.stringify(bundle)
    const s = new BundleEntryScanner(() => undefined)
    s.push(text.slice(0, text.length - 40))
    expect(() => s.end()).toThrow(BundleStreamError)
    expect(s.entries).toBe(2)
  })
})
