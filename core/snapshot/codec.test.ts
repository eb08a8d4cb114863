import { describe, expect, it } from 'vitest'
import {
  PREFIX_LENGTH,
  SnapshotEncoder,
  SnapshotFormatError,
  SnapshotIntegrityError,
  SnapshotReader,
  SnapshotVersionError,
  concatBytes,
  headerLength,
  readSnapshotHeader,
  type ManifestInput,
} from './codec'
import { crc32 } from './crc32'
import { SNAPSHOT_FORMAT_VERSION } from './manifest'
import type { DomainRecord, LocationRecord, OfferRecord, ResolvedPlacement } from './records'

const MANIFEST: ManifestInput = {
  accessProfile: 2,
  source: { kind: 'import', files: ['a.json'] },
  createdAt: '2026-01-01T00:00:00.000Z',
  skipped: {
    count: 1,
    reasons: [{ resourceType: 'Location', id: 'x', element: 'Location.meta', message: 'm' }],
  },
  ignored: { Task: 2 },
  superseded: 3,
  hiddenByProfile: 4,
  sync: { lastSyncStart: '2026-01-01T00:00:00Z' },
}

const offer = (i: number): OfferRecord => ({
  type: 'offer',
  id: `o${i}`,
  name: `Offre n°${i} « é »`,
  lastUpdated: '2025-01-01T00:00:00Z',
  locationIds: [`l${i}`],
  activities: ['022'],
  activityFamilies: [],
  careModes: ['28'],
  characteristics: [],
  publics: [],
  openingHours: [],
  interventionZones: [],
  psychiatricSectors: [],
  contacts: [],
  telecoms: [],
  age: {
    low: { value: 0, unit: 'd' },
    high: { value: 120, unit: 'a' },
    minMinutes: 0,
    maxMinutesExclusive: 121 * 525_960,
  },
})
const location = (i: number): LocationRecord => ({
  type: 'location',
  id: `l${i}`,
  lastUpdated: '2025-01-01T00:00:00Z',
  telecoms: [],
  position: { lat: 47 + i / 1000, lon: 2 },
})
const placement = (i: number): ResolvedPlacement => ({
  offerId: `o${i}`,
  points: [{ lat: 47, lon: 2 }],
  precision: 'location',
})

function encode(n: number, chunkSize = 3): Uint8Array {
  const enc = new SnapshotEncoder(chunkSize)
  const range = Array.from({ length: n }, (_, i) => i)
  enc.add('offer', range.map(offer))
  enc.add('location', range.map(location))
  enc.add('placement', range.map(placement))
  return concatBytes(enc.finish(MANIFEST))
}

describe('snapshot codec', () => {
  it('round-trips records and manifest, chunked by kind', () => {
    const bytes = encode(7)
    const reader = new SnapshotReader(bytes)
    expect(reader.manifest).toEqual({
      ...MANIFEST,
      // Without dead records (overlay), a file stays readable by format-1 readers.
      formatVersion: 1,
      counts: {
        offer: 7,
        organization: 0,
        location: 7,
        practitionerRole: 0,
        practitioner: 0,
        placement: 7,
      },
      checksum: { algorithm: 'crc32-chunks', value: expect.stringMatching(/^[0-9a-f]{8}$/) },
    })
    expect(reader.header.chunks.map((c) => [c.kind, c.count])).toEqual([
      ['offer', 3],
      ['offer', 3],
      ['location', 3],
      ['location', 3],
      ['placement', 3],
      ['placement', 3],
      ['offer', 1],
      ['location', 1],
      ['placement', 1],
    ])
    const all = [...reader.records()]
    expect(all.filter((r) => (r as DomainRecord).type === 'offer')).toHaveLength(7)
    expect([...reader.records(['location'])]).toEqual(
      Array.from({ length: 7 }, (_, i) => location(i)),
    )
    expect([...reader.records(['placement'])][6]).toEqual(placement(6))
    expect((all.find((r) => (r as DomainRecord).id === 'o5') as OfferRecord).name).toBe(
      'Offre n°5 « é »',
    )
  })

  it('writes an empty snapshot', () => {
    const reader = new SnapshotReader(concatBytes(new SnapshotEncoder().finish(MANIFEST)))
    expect(reader.header.chunks).toEqual([])
    expect([...reader.records()]).toEqual([])
  })

  it('reads the header from the file prefix only', () => {
    const bytes = encode(5)
    const length = headerLength(bytes.subarray(0, PREFIX_LENGTH))
    expect(readSnapshotHeader(bytes.subarray(0, length)).header.manifest.superseded).toBe(3)
  })

  it('refuses a file that is not a snapshot', () => {
    expect(() => new SnapshotReader(new TextEncoder().encode('{"resourceType":"Bundle"}'))).toThrow(
      SnapshotFormatError,
    )
    expect(() => new SnapshotReader(new Uint8Array(3))).toThrow(/signature/)
  })

  it('refuses a newer format version, and a too old one, with a clear message', () => {
    const newer = encode(2)
    new DataView(newer.buffer).setUint16(8, SNAPSHOT_FORMAT_VERSION + 1, true)
    expect(() => new SnapshotReader(newer)).toThrow(SnapshotVersionError)
    expect(() => new SnapshotReader(newer)).toThrow(/plus récent.*mettez l'application à jour/)
    const older = encode(2)
    new DataView(older.buffer).setUint16(8, 0, true)
    expect(() => new SnapshotReader(older)).toThrow(/trop ancien/)
  })

  it('detects a corrupted chunk and names it', () => {
    const bytes = encode(7)
    const reader = new SnapshotReader(bytes)
    const third = reader.header.chunks[2]!
    bytes[headerLength(bytes) + third.offset + 5]! ^= 0xff
    expect(() => reader.chunk(2)).toThrow(SnapshotIntegrityError)
    expect(() => reader.chunk(2)).toThrow(/bloc location/)
    expect(reader.chunk(0)).toHaveLength(3)
  })

  it('detects a corrupted header and a truncated file', () => {
    const bytes = encode(4)
    const damaged = bytes.slice()
    damaged[PREFIX_LENGTH + 10]! ^= 0x01
    expect(() => new SnapshotReader(damaged)).toThrow(SnapshotIntegrityError)
    expect(() => new SnapshotReader(bytes.subarray(0, bytes.length - 10))).toThrow(/tronqué/)
    expect(() => new SnapshotReader(bytes.subarray(0, PREFIX_LENGTH + 5))).toThrow(/tronqué/)
  })

  it('detects a chunk table that does not match the manifest checksum', () => {
    const bytes = encode(4)
    const length = headerLength(bytes)
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(PREFIX_LENGTH, length)))
    header.chunks[0].count = 2
    const headerBytes = new TextEncoder().encode(JSON.stringify(header))
    const forged = concatBytes([
      bytes.subarray(0, PREFIX_LENGTH),
      headerBytes,
      bytes.subarray(length),
    ])
    const view = new DataView(forged.buffer)
    view.setUint32(12, headerBytes.length, true)
    view.setUint32(16, crc32(headerBytes), true)
    expect(() => new SnapshotReader(forged)).toThrow(/table des blocs/)
  })

  it('encodes and decodes 100,000 records chunk by chunk in a few seconds', () => {
    const started = performance.now()
    const enc = new SnapshotEncoder()
    for (let i = 0; i < 100_000; i += 1000) {
      enc.add(
        'offer',
        Array.from({ length: 1000 }, (_, k) => offer(i + k)),
      )
    }
    const parts = enc.finish(MANIFEST)
    expect(parts).toHaveLength(101)
    const reader = new SnapshotReader(concatBytes(parts))
    let n = 0
    for (const r of reader.records()) if ((r as OfferRecord).activities[0] === '022') n++
    expect(n).toBe(100_000)
    expect(performance.now() - started).toBeLessThan(8000)
  })
})

describe('overlay (format 2)', () => {
  /** A base of 6 offers in two chunks, then a layer replacing o1 and removing o4. */
  function overlay(dead: string[][] = [['o1'], ['o4']]): Uint8Array {
    const base = new SnapshotEncoder()
    base.addChunk('offer', [0, 1, 2].map(offer))
    base.addChunk('offer', [3, 4, 5].map(offer))
    const file = new SnapshotReader(concatBytes(base.finish(MANIFEST)))
    const enc = new SnapshotEncoder()
    file.header.chunks.forEach((info, i) => {
      enc.addEncodedChunk(info.kind, info.count, file.chunkBytes(i), {
        dead: dead[i] ?? [],
        crc: info.crc32,
      })
    })
    enc.addChunk('offer', [{ ...offer(1), name: 'nouveau' }], 1)
    enc.setFacts(new Uint8Array([1, 2, 3]))
    return concatBytes(enc.finish(MANIFEST))
  }

  it('reads the live records only, counts them, and is written as format 2', () => {
    const reader = new SnapshotReader(overlay())
    expect(reader.formatVersion).toBe(2)
    expect(reader.manifest.counts.offer).toBe(5)
    const ids = [...reader.records()].map(
      (r) => `${(r as OfferRecord).id}:${(r as OfferRecord).name}`,
    )
    expect(ids).toEqual([
      'o0:Offre n°0 « é »',
      'o2:Offre n°2 « é »',
      'o3:Offre n°3 « é »',
      'o5:Offre n°5 « é »',
      'o1:nouveau',
    ])
    expect([...reader.factsBytes()!]).toEqual([1, 2, 3])
    expect(reader.header.chunks.map((c) => c.layer ?? 0)).toEqual([0, 0, 1])
  })

  it('refuses a dead list naming a record its chunk does not hold', () => {
    const reader = new SnapshotReader(overlay([['o1'], ['o9']]))
    expect(() => reader.chunk(1)).toThrow(SnapshotFormatError)
  })

  it('marks only an overlay as format 2, which format-1 readers refuse', () => {
    const version = (bytes: Uint8Array) => new DataView(bytes.buffer).getUint16(8, true)
    expect(version(overlay())).toBe(2)
    expect(version(encode(4))).toBe(1)
  })

  it('reads the parts an encoder wrote as the file they make, without joining them', () => {
    const parts = (() => {
      const whole = new SnapshotReader(overlay())
      const enc = new SnapshotEncoder()
      whole.header.chunks.forEach((info, i) => {
        enc.addEncodedChunk(info.kind, info.count, whole.chunkBytes(i), {
          crc: info.crc32,
          ...(info.dead ? { dead: info.dead } : {}),
          ...(info.layer ? { layer: info.layer } : {}),
        })
      })
      for (const { bytes } of whole.factsSections()) enc.setFacts(bytes)
      return enc.finish(MANIFEST)
    })()
    const parted = new SnapshotReader(parts)
    const joined = new SnapshotReader(concatBytes(parts))
    expect(parted.header).toEqual(joined.header)
    expect([...parted.records()]).toEqual([...joined.records()])
    expect([...parted.factsBytes()!]).toEqual([1, 2, 3])
    // Each chunk is a view of its own part, not a copy.
    parted.header.chunks.forEach((_, i) => {
      expect(parted.chunkBytes(i).buffer).toBe(parts[i + 1]?.buffer)
    })
    // A truncated list of parts is refused like a truncated file.
    expect(() => new SnapshotReader(parts.slice(0, -1))).toThrow(SnapshotIntegrityError)
    // Parts that are not the encoder's (a chunk split in two) are refused, not misread.
    const [head, first, ...rest] = parts
    const split = new SnapshotReader([head!, first!.subarray(0, 5), first!.subarray(5), ...rest])
    expect(() => split.chunk(0)).toThrow(/à cheval sur deux morceaux/)
  })

  it('detects a damaged facts section', () => {
    const bytes = overlay()
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff
    expect(() => new SnapshotReader(bytes).factsBytes()).toThrow(SnapshotIntegrityError)
  })
})
