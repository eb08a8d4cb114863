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

  it('writes pre-serialised entries (text or bytes) as JSON.stringify of the entry would', async () => {
    // Accents, a character outside Latin-1 and one outside the BMP, a quote in the base, and
    // resources larger than a chunk (64 KiB) as text and as bytes.
    const resources = [
      { resourceType: 'Location', id: 'a', name: 'Hôpital d’Orléans 🏥' },
      { resourceType: 'Organization', id: 'b', alias: ['é'.repeat(40_000)] },
      { resourceType: 'Organization', id: 'c', alias: ['ü'.repeat(50_000)] },
      { resourceType: 'Practitioner', id: 'd' },
    ]
    const base = 'http://x/"fhir"'
    const modes = ['match', 'include', 'include', 'match'] as const
    const expected = {
      resourceType: 'Bundle',
      total: 2,
      entry: resources.map((resource, k) => ({
        fullUrl: `${base}/${resource.resourceType}/${resource.id}`,
        resource,
        search: { mode: modes[k] },
      })),
    }
    const viaAdd = bytesSink()
    const writer = new BundleWriter(viaAdd.sink, { resourceType: 'Bundle', total: 2 }, base)
    for (const [k, r] of resources.entries()) await writer.add(r, modes[k]!)
    await writer.finish()
    const viaJson = bytesSink()
    const other = new BundleWriter(viaJson.sink, { resourceType: 'Bundle', total: 2 }, base)
    await other.addJson('Location', 'a', JSON.stringify(resources[0]), 'match')
    other.append('Organization', 'b', Buffer.from(JSON.stringify(resources[1])), 'include')
    other.append('Organization', 'c', JSON.stringify(resources[2]), 'include')
    await other.drain()
    await other.addJson('Practitioner', 'd', Buffer.from(JSON.stringify(resources[3])), 'match')
    await other.finish()
    expect(viaAdd.bytes().toString('utf8')).toBe(JSON.stringify(expected))
    expect(viaJson.bytes().equals(viaAdd.bytes())).toBe(true)
    expect(other.matchCount).toBe(2)
    // Written in several chunks, none of them empty.
    expect(viaJson.chunks.length).toBeGreaterThan(2)
    expect(viaJson.chunks.every((c) => c.length > 0)).toBe(true)
  })

  it('holds appended entries until drained', async () => {
    const out = bytesSink()
    const writer = new BundleWriter(out.sink, { resourceType: 'Bundle' }, '')
    for (let i = 0; i < 300; i += 1) {
      writer.append('Location', `l${i}`, JSON.stringify({ name: 'x'.repeat(500) }), 'include')
    }
    expect(out.chunks).toHaveLength(0)
    await writer.drain()
    const drained = out.chunks.length
    expect(drained).toBeGreaterThan(1)
    await writer.finish()
    expect(JSON.parse(out.bytes().toString('utf8')).entry).toHaveLength(300)
  })
})

/** A sink keeping the bytes as written (decoded only once, whole). */
function bytesSink() {
  const chunks: Buffer[] = []
  const sink: BodySink = {
    write: async (chunk) => {
      chunks.push(Buffer.from(chunk))
    },
    end: async () => {},
  }
  return { sink, chunks, bytes: () => Buffer.concat(chunks) }
}
