import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assembleSnapshot } from '../core/snapshot/assemble'
import { SnapshotBuilder } from '../core/snapshot/builder'
import { SnapshotReader, concatBytes } from '../core/snapshot/codec'
import type { AccessProfile, DomainRecord, ResolvedPlacement } from '../core/snapshot/records'
import { allResources, smallStore } from '../tools/generate/testing'
import { purgeSnapshotFile, readManifest } from './snapshot-file'

const dir = mkdtempSync(join(tmpdir(), 'ror-snapshot-file-'))
let resources: unknown[] = []
const builds = new Map<AccessProfile, DomainRecord[]>()

/** What a sync with `profile` gives: the records, one placement per offer. */
function recordsFor(profile: AccessProfile): DomainRecord[] {
  let records = builds.get(profile)
  if (!records) {
    const builder = new SnapshotBuilder({ profile })
    builder.addAll(resources)
    records = builder.finish().toArray()
    builds.set(profile, records)
  }
  return records
}

function writeSnapshot(path: string, profile: AccessProfile): void {
  const builder = new SnapshotBuilder({ profile })
  builder.addAll(resources)
  const build = builder.finish()
  const placements: ResolvedPlacement[] = [...build.recordsOf('offer')].map((o) => ({
    offerId: o.id,
    points: [],
    precision: 'none',
  }))
  const parts = assembleSnapshot(build, {
    profile,
    source: { kind: 'sync', server: 'http://127.0.0.1:8090/fhir' },
    placements,
    sync: { lastSyncStart: '2026-11-20T02:00:00.000Z', lastFullSync: '2026-11-20T02:00:00.000Z' },
  })
  writeFileSync(path, concatBytes(parts))
  mkdirSync(`${path}.sync/units`, { recursive: true })
}

function readBack(path: string) {
  const reader = new SnapshotReader(new Uint8Array(readFileSync(path)))
  const all = [...reader.records()]
  return {
    manifest: reader.manifest,
    records: all.filter((r): r is DomainRecord => 'type' in r),
    placements: all.filter((r): r is ResolvedPlacement => 'offerId' in r),
  }
}

const byTypeAndId = (a: DomainRecord, b: DomainRecord) =>
  a.type === b.type ? (a.id < b.id ? -1 : 1) : a.type < b.type ? -1 : 1

beforeAll(async () => {
  // Generated ROR data (tools/generate): every champ, sensitive units, contacts of every level.
  const store = await smallStore(3, 150)
  resources = [...allResources(store)].map(([, r]) => r)
})

afterAll(() => undefined)

describe('purgeSnapshotFile', () => {
  it('has generated data that differs between profiles', () => {
    const sensitive = recordsFor(1).filter((r) => r.type === 'offer' && r.isSensitive)
    expect(sensitive.length).toBeGreaterThan(0)
    expect(recordsFor(0).length).toBeLessThan(recordsFor(1).length)
  })

  // Each pair: a profile that sees everything the second one sees (ROR-FHIR-NOTES §4.1).
  const covered: [AccessProfile, AccessProfile][] = [
    [1, 0],
    [1, 2],
    [1, 3],
    [1, 4],
    [1, 5],
    [2, 0],
    [2, 3],
    [2, 5],
    [5, 0],
    [3, 0],
  ]
  it.each(covered)(
    'narrows a profile-%i file to profile %i exactly as a sync would',
    async (from, to) => {
      const path = join(dir, `p${from}-${to}.snap`)
      writeSnapshot(path, from)
      const outcome = await purgeSnapshotFile(path, to)
      expect(outcome).toMatchObject({ action: 'narrowed', from, to })
      const { manifest, records, placements } = readBack(path)
      expect(records.sort(byTypeAndId)).toEqual([...recordsFor(to)].sort(byTypeAndId))
      expect(manifest.accessProfile).toBe(to)
      // The history stays: the records are what a sync with `to` gives, a delta may follow.
      expect(manifest.sync?.lastFullSync).toBe('2026-11-20T02:00:00.000Z')
      const offers = new Set(records.filter((r) => r.type === 'offer').map((r) => r.id))
      expect(new Set(placements.map((p) => p.offerId))).toEqual(offers)
      expect(manifest.counts.placement).toBe(offers.size)
      expect(existsSync(`${path}.sync`)).toBe(false)
    },
  )

  it('purges a profile-4 file for profile 0 and asks for a full sync (4 does not cover 0)', async () => {
    const path = join(dir, 'p4-0.snap')
    writeSnapshot(path, 4)
    const outcome = await purgeSnapshotFile(path, 0)
    expect(outcome.action).toBe('narrowed')
    const { manifest, records } = readBack(path)
    expect(manifest.accessProfile).toBe(0)
    expect(manifest.sync).toBeUndefined()
    // Nothing profile 0 may not see: capacities, restricted characteristics, contacts.
    expect(records.some((r) => r.type === 'location' && r.capacities !== undefined)).toBe(false)
    const allowed = new Set(recordsFor(0).map((r) => `${r.type}/${r.id}`))
    expect(records.every((r) => allowed.has(`${r.type}/${r.id}`))).toBe(true)
    const withCapacities = recordsFor(4).filter((r) => r.type === 'location' && r.capacities)
    expect(withCapacities.length).toBeGreaterThan(0)
  })

  it('leaves a file alone when the new profile sees less of nothing', async () => {
    const path = join(dir, 'p0-1.snap')
    writeSnapshot(path, 0)
    const before = readFileSync(path)
    expect(await purgeSnapshotFile(path, 1)).toEqual({ action: 'none', reason: 'covered' })
    expect(readFileSync(path).equals(before)).toBe(true)
    expect(existsSync(`${path}.sync`)).toBe(true)
  })

  it('deletes a file it cannot read, with its resume state', async () => {
    const path = join(dir, 'broken.snap')
    writeSnapshot(path, 2)
    const bytes = readFileSync(path)
    bytes[30] = bytes[30]! ^ 0xff
    writeFileSync(path, bytes)
    const outcome = await purgeSnapshotFile(path, 0)
    expect(outcome).toMatchObject({ action: 'deleted', to: 0 })
    expect(existsSync(path)).toBe(false)
    expect(existsSync(`${path}.sync`)).toBe(false)
  })

  it('has nothing to do without a file', async () => {
    const path = join(dir, 'absent.snap')
    expect(await purgeSnapshotFile(path, 0)).toEqual({ action: 'none', reason: 'no-snapshot' })
    expect(await readManifest(path)).toBeNull()
  })

  it('reads the manifest from the header only', async () => {
    const path = join(dir, 'manifest.snap')
    writeSnapshot(path, 2)
    const manifest = await readManifest(path)
    expect(manifest).toEqual(readBack(path).manifest)
  })
})
