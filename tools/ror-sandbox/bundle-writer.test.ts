import { describe, expect, it } from 'vitest'
import { BundleWriter } from './bundle-writer'
import type { BodySink } from './http-util'

function memorySink() {
  const chunks: string[] = []
  let ended = false
  const sink: BodySink = {
    write: async (chunk) => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'))
    },
    end: async () => {
      ended = true
    },
  }
  return { sink, text: () => chunks.join(''), ended: () => ended }
}

describe('BundleWriter', () => {
  it('streams entries between the head and the tail as valid JSON', async () => {
    const out = memorySink()
    const writer = new BundleWriter(
      out.sink,
      { resourceType: 'Bundle', type: 'searchset' },
      'http://x/fhir',
    )
    await writer.add({ resourceType: 'Location', id: 'a' }, 'match')
    await writer.add({ resourceType: 'Organization', id: 'b' }, 'include')
    await writer.finish({ total: writer.matchCount })
    expect(out.ended()).toBe(true)
    expect(JSON.parse(out.text())).toEqual({
      resourceType: 'Bundle',
      type: 'searchset',
      entry: [
        {
          fullUrl: 'http://x/fhir/Location/a',
          resource: { resourceType: 'Location', id: 'a' },
          search: { mode: 'match' },
        },
        {
          fullUrl: 'http://x/fhir/Organization/b',
          resource: { resourceType: 'Organization', id: 'b' },
          search: { mode: 'include' },
        },
      ],
      total: 1,
    })
  })

  it('writes no empty entry array (FHIR forbids empty arrays)', async () => {
    const out = memorySink()
    const writer = new BundleWriter(out.sink, { resourceType: 'Bundle', total: 0 }, 'http://x/fhir')
    await writer.finish()
    expect(JSON.parse(out.text())).toEqual({ resourceType: 'Bundle', total: 0 })
    const bare = memorySink()
    await new BundleWriter(bare.sink, {}, '').finish({ total: 0 })
    expect(JSON.parse(bare.text())).toEqual({ total: 0 })
  })

  it('flushes in chunks instead of one string for large bundles', async () => {
    const out = memorySink()
    const writer = new BundleWriter(out.sink, { resourceType: 'Bundle' }, '')
    for (let i = 0; i < 2000; i += 1) {
      await writer.add(
        { resourceType: 'Location', id: `l${i}`, name: 'x'.repeat(100) } as never,
        'match',
      )
    }
    await writer.finish()
    expect(JSON.parse(out.text()).entry).toHaveLength(2000)
  })
})
