import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  emptyCounts,
  SNAPSHOT_FORMAT_VERSION,
  type ChunkKind,
  type SnapshotManifest,
} from '../../../core/snapshot/manifest'
import type {
  LocationRecord,
  OfferRecord,
  OrganizationRecord,
  PractitionerRecord,
  PractitionerRoleRecord,
  ResolvedPlacement,
} from '../../../core/snapshot/records'
import { RorDatabase } from './db'
import { narrowActiveSnapshot } from './narrow-slot'
import { SnapshotRepository } from './snapshots'

const updated = '2026-11-01T00:00:00Z'
const offer = (id: string, field: string, patch: Partial<OfferRecord> = {}): OfferRecord => ({
  type: 'offer',
  id,
  name: `Offre ${id}`,
  lastUpdated: updated,
  field,
  locationIds: [`loc-${id}`],
  providedBy: 'eg-1',
  activities: ['227'],
  activityFamilies: [],
  careModes: [],
  characteristics: [
    { slice: 'careMode', code: '01' },
    { slice: 'specificAct', code: '123' },
  ],
  publics: [],
  openingHours: [],
  interventionZones: [],
  psychiatricSectors: [],
  contacts: [{ confidentiality: '2', telecoms: [{ value: '0102030405', confidentiality: '2' }] }],
  telecoms: [{ value: '0600000000', confidentiality: '1' }],
  ...patch,
})
const location = (id: string): LocationRecord => ({
  type: 'location',
  id,
  lastUpdated: updated,
  telecoms: [{ value: '0299999999', confidentiality: '1' }],
  capacities: [{ kind: '01', count: 12 }],
})

/** A profile-1 snapshot: a sensitive unit (MCO), an ordinary MCO offer, a médico-social one. */
const RECORDS: Record<ChunkKind, unknown[]> = {
  offer: [
    offer('a', '01', { isSensitive: true }),
    offer('b', '01', { isSensitive: false }),
    offer('c', '04', { isSensitive: false }),
  ],
  organization: [
    {
      type: 'organization',
      id: 'eg-1',
      kind: 'EG',
      name: 'Centre hospitalier',
      lastUpdated: updated,
      contacts: [],
      telecoms: [],
      hasDropZone: true,
      orsanLevel: '2',
    } satisfies OrganizationRecord,
  ],
  location: [location('loc-a'), location('loc-b'), location('loc-c')],
  practitionerRole: [
    {
      type: 'practitionerRole',
      id: 'role-a',
      offerId: 'a',
      practitionerId: 'pp-1',
      locationIds: [],
      specialties: [],
      telecoms: [],
      openingHours: [],
      lastUpdated: updated,
    } satisfies PractitionerRoleRecord,
  ],
  practitioner: [
    {
      type: 'practitioner',
      id: 'pp-1',
      telecoms: [],
      lastUpdated: updated,
    } satisfies PractitionerRecord,
  ],
  placement: ['a', 'b', 'c'].map((offerId): ResolvedPlacement => ({
    offerId,
    points: [],
    precision: 'none',
  })),
}

function manifestOf(records: Record<ChunkKind, unknown[]>): SnapshotManifest {
  const counts = emptyCounts()
  for (const kind of Object.keys(records) as ChunkKind[]) counts[kind] = records[kind].length
  return {
    formatVersion: SNAPSHOT_FORMAT_VERSION,
    accessProfile: 1,
    source: { kind: 'sync', server: 'http://127.0.0.1:8090/fhir' },
    createdAt: '2026-11-26T08:00:00.000Z',
    counts,
    skipped: { count: 0, reasons: [] },
    ignored: {},
    superseded: 0,
    hiddenByProfile: 0,
    checksum: { algorithm: 'crc32-chunks', value: '0badc0de' },
    sync: { lastSyncStart: '2026-11-26T07:00:00.000Z', lastFullSync: '2026-11-26T07:00:00.000Z' },
  }
}

async function readActive(repo: SnapshotRepository) {
  const out: Record<string, { id?: string; offerId?: string }[]> = {}
  await repo.forEachActiveChunk((kind, records) => {
    out[kind] = [...(out[kind] ?? []), ...(records as { id?: string; offerId?: string }[])]
  })
  return out
}

describe('narrowActiveSnapshot', () => {
  let db: RorDatabase
  let repo: SnapshotRepository

  beforeEach(async () => {
    db = new RorDatabase('narrow', { indexedDB: new IDBFactory(), IDBKeyRange })
    repo = new SnapshotRepository(db)
    const writer = await repo.beginWrite()
    for (const [kind, records] of Object.entries(RECORDS)) {
      await writer.writeChunk(kind as ChunkKind, records)
    }
    await writer.activate(manifestOf(RECORDS))
  })

  afterEach(() => db.close())

  it('rewrites the snapshot for profile 2: no sensitive unit, nothing hidden with it', async () => {
    const progress: [number, number][] = []
    const manifest = await narrowActiveSnapshot(repo, 2, (done, total) =>
      progress.push([done, total]),
    )
    const active = await readActive(repo)
    expect(active.offer?.map((o) => o.id)).toEqual(['b', 'c'])
    expect(active.location?.map((l) => l.id)).toEqual(['loc-b', 'loc-c'])
    expect(active.placement?.map((p) => p.offerId)).toEqual(['b', 'c'])
    // The only role and its professional belonged to the sensitive unit.
    expect(active.practitionerRole).toBeUndefined()
    expect(active.practitioner).toBeUndefined()
    const org = active.organization?.[0] as OrganizationRecord
    expect(org.hasDropZone).toBeUndefined()
    expect(org.orsanLevel).toBeUndefined()
    expect(manifest?.accessProfile).toBe(2)
    expect(manifest?.counts).toMatchObject({ offer: 2, location: 2, placement: 2, practitioner: 0 })
    expect(manifest?.hiddenByProfile).toBe(4)
    expect(manifest?.checksum.value).not.toBe('0badc0de')
    expect((await repo.active())?.manifest).toEqual(manifest)
    expect(progress.at(-1)).toEqual([12, 12])
    // The old profile's data is gone from the database, not only from the active slot.
    const slots = new Set((await db.chunks.toArray()).map((row) => row.slot))
    expect([...slots]).toEqual([(await repo.active())?.slot])
  })

  it('for profile 0 also drops restricted characteristics, level-2 contacts and capacities', async () => {
    await narrowActiveSnapshot(repo, 0)
    const active = await readActive(repo)
    const offers = active.offer as unknown as OfferRecord[]
    for (const o of offers) {
      expect(o.characteristics.map((c) => c.slice)).toEqual(['careMode'])
      expect(o.contacts).toEqual([])
      expect(o.isSensitive).toBeUndefined()
    }
    const locations = active.location as unknown as LocationRecord[]
    expect(locations.every((l) => l.capacities === undefined)).toBe(true)
  })

  it('leaves the snapshot alone when the new profile sees no less', async () => {
    const before = await repo.active()
    await narrowActiveSnapshot(repo, 2)
    const narrowed = await repo.active()
    expect(await narrowActiveSnapshot(repo, 1)).toEqual(narrowed?.manifest)
    expect((await repo.active())?.slot).toBe(narrowed?.slot)
    expect(narrowed?.slot).not.toBe(before?.slot)
  })

  it('keeps the previous snapshot when the purge fails half-way', async () => {
    const before = await repo.active()
    await expect(
      narrowActiveSnapshot(repo, 0, () => {
        throw new Error('disque plein')
      }),
    ).rejects.toThrow('disque plein')
    expect(await repo.active()).toEqual(before)
    expect((await readActive(repo)).offer?.map((o) => o.id)).toEqual(['a', 'b', 'c'])
  })

  it('has nothing to purge without a snapshot', async () => {
    await repo.clearAll()
    expect(await narrowActiveSnapshot(repo, 0)).toBeNull()
  })
})
